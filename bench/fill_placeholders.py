#!/usr/bin/env python3
"""Fills in the TODO placeholders of a portal that `glassbox init` (and
`glassbox new`) wrote, the way an author would: where a TODO line gives an
example in quotes, the example is written; the other TODO lines get a plain
sentence of real text. Addresses (`TODO@example.gov.uk`,
`https://TODO.example.gov.uk/`) get a real-looking name.

Used to measure a build of a real register after `init` and `import`:

    G=target/release/glassbox
    $G init /tmp/x
    $G import atrs .../govuk_atrs_search_snapshot_2026-08-17.json --into /tmp/x
    $G import nl .../algoritmeregister_listing_2026-08-08.json --into /tmp/x
    python3 bench/fill_placeholders.py /tmp/x
    $G build /tmp/x 2>&1 | wc -l

Exits with 1 (and names the line) when a TODO is left that it does not know.
"""

import pathlib
import re
import sys

# Text for the TODO lines that give no example, by the start of their
# instruction.
WRITTEN = {
    "name the organisation that runs it.": "Exampleton Council runs it.",
    "say when and how you last tested it, and list any known problems.":
        "We last tested it in November 2026 with a screen reader and at 400% zoom, and found no problems.",
    "say how to tell you about a problem, and how quickly you answer.":
        "Email accessibility@exampleton.gov.uk. We answer within 10 working days.",
    "say when this statement was prepared and last reviewed.":
        "We prepared this statement in November 2026 and last reviewed it then.",
    "say what your web server logs,": "Our web server keeps a record of each visit for 30 days.",
    "your organisation's full privacy notice.": "Our full privacy notice is on the council's website.",
    "say in one or two plain sentences what the system does and why.":
        "The system sorts repair requests so the most urgent are done first.",
    "say how you can check the system, its data and results.": "We can inspect the system and its results at any time.",
    "say what the supplier must do to test for unfair results.": "The supplier tests the results for unfair treatment every year.",
    "say what the supplier may and may not do with the data.": "The supplier may only use the data to run the system.",
    "say how you can end the contract and what happens to the data.":
        "We can end the contract with 3 months' notice; the data is then deleted.",
    "say why you use it and what it makes better.": "Urgent repairs are found sooner.",
    "say what else you considered.": "We considered sorting requests by hand, as before.",
    "explain how the system works in more depth, in plain words: what goes in,":
        "The system reads each repair request and gives it a priority.",
    "what comes out, and what staff do with it.": "An officer checks the priority before the repair is booked.",
    "say what happened, in plain words: what went wrong, for whom, and since when.":
        "Some letters went to an old address in October 2026.",
    "write the page. Start a new section with a line such as `## Who we are`.":
        "Exampleton Council publishes this site to say which computer systems help it make decisions.",
    "the name of your organisation": "Exampleton Council",
}


def fill(text: str, path: pathlib.Path) -> str:
    text = text.replace("TODO@example.gov.uk", "ai@exampleton.gov.uk")
    text = text.replace("https://TODO.example.gov.uk/", "https://www.exampleton.gov.uk/")
    # An example in quotes, maybe over two lines (a folded `>-` value).
    text = re.sub(r'TODO [^"\n]*?such as "([^"]*)"', lambda m: m.group(1), text)
    lines = text.split("\n")
    out = []
    for n, line in enumerate(lines, 1):
        if line.lstrip().startswith("#") or not re.search(r"\bTODO\b", line):
            # A second line of an instruction whose first line was replaced.
            rest = line.strip()
            if rest in WRITTEN and out and out[-1].endswith("\0"):
                out[-1] = out[-1].rstrip("\0")
                out.append(WRITTEN[rest])
                continue
            out.append(line)
            continue
        i = re.search(r"\bTODO\b", line).start()
        instruction = line[i + 5:].strip()
        for start, written in WRITTEN.items():
            if instruction.startswith(start):
                out.append(line[:i] + written + "\0")
                break
        else:
            sys.exit(f"{path}:{n}: no text for this TODO: {line.strip()}")
    return "\n".join(l.rstrip("\0") for l in out)


def main() -> None:
    portal = pathlib.Path(sys.argv[1])
    for path in sorted((portal / "content").rglob("*")):
        if path.suffix in (".md", ".yaml") and path.is_file():
            text = path.read_text(encoding="utf-8")
            if "TODO" in text:
                path.write_text(fill(text, path), encoding="utf-8")


if __name__ == "__main__":
    main()
