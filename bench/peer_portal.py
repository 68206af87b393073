#!/usr/bin/env python3
"""Turn a peer benchmark corpus into glassbox pages, for bench/run.sh's peer step.

usage: bench/peer_portal.py CORPUS PORTAL [--footer N]

CORPUS is a corpus in the "plain" or "hugo" layout of the shared tools'
peer-bench-gen (a folder holding content/posts/*.md), or the folder
peer-bench-gen wrote them into (its plain/ or hugo/ is used). Every document
has YAML front matter (title, date, summary, topics) and a Markdown body.

PORTAL is an existing glassbox portal, such as `glassbox bench-gen 1 PORTAL`
makes. Its content/pages/*.md are removed and each document becomes
content/pages/<file name>.md, published at /<file name>/:

    title        -> title
    summary      -> description, and the body's first paragraph
    date         -> updated
    topics       -> a bullet list after that paragraph
    body         -> the rest of the body, links to /posts/<name>/ made /<name>/

so a glassbox page carries the words Hugo's page template shows (title, date,
summary, topics, body). The first N documents (default 5) get footer_order
1..N; the others none. Python 3 standard library only.
"""
import argparse
import json
import os
import re
import sys

FIELDS = ("title", "date", "summary", "topics")
POST_LINK = re.compile(r"\]\(/posts/([A-Za-z0-9_-]+)/\)")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fail(message):
    print(f"peer_portal.py: {message}", file=sys.stderr)
    sys.exit(1)


def posts_folder(corpus):
    for candidate in (corpus, os.path.join(corpus, "plain"), os.path.join(corpus, "hugo")):
        posts = os.path.join(candidate, "content", "posts")
        if os.path.isdir(posts):
            return posts
    fail(f"no content/posts/ in {corpus} (nor in its plain/ or hugo/)")


def split_document(path):
    """The front matter's fields and the body of one document."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if not text.startswith("---\n"):
        fail(f"{path}: does not start with YAML front matter (---)")
    end = text.find("\n---\n", 3)
    if end < 0:
        fail(f"{path}: front matter is not closed by ---")
    fields = {}
    for line in text[4:end].splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            fail(f"{path}: front matter line without a colon: {line!r}")
        value = value.strip()
        # peer-bench-gen writes strings and lists as JSON, which YAML reads alike
        if value[:1] in ('"', "["):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as e:
                fail(f"{path}: {key}: {e}")
        fields[key.strip()] = value
    missing = [f for f in FIELDS if f not in fields]
    if missing:
        fail(f"{path}: front matter lacks {', '.join(missing)}")
    if not DATE.match(str(fields["date"])):
        fail(f"{path}: date {fields['date']!r} is not YYYY-MM-DD")
    if not isinstance(fields["topics"], list):
        fail(f"{path}: topics is not a list")
    return fields, text[end + len("\n---\n"):].lstrip("\n")


def page_text(fields, body, footer_order):
    quote = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 (a JSON string is YAML)
    head = [
        "---",
        f"title: {quote(fields['title'])}",
        f"description: {quote(fields['summary'])}",
        f"updated: {fields['date']}",
    ]
    if footer_order is not None:
        head.append(f"footer_order: {footer_order}")
    head.append("---")
    topics = "\n".join(f"- {t}" for t in fields["topics"])
    body = POST_LINK.sub(r"](/\1/)", body)
    return "\n".join(head) + f"\n\n{fields['summary']}\n\n{topics}\n\n{body}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("portal")
    ap.add_argument("--footer", type=int, default=5, metavar="N",
                    help="give the first N pages a footer_order (default 5)")
    args = ap.parse_args()

    posts = posts_folder(args.corpus)
    if not os.path.isfile(os.path.join(args.portal, "content", "portal.yaml")):
        fail(f"{args.portal} is not a glassbox portal (no content/portal.yaml)")
    names = sorted(n for n in os.listdir(posts) if n.endswith(".md") and not n.startswith("_"))
    if not names:
        fail(f"no documents in {posts}")

    pages = os.path.join(args.portal, "content", "pages")
    os.makedirs(pages, exist_ok=True)
    for old in os.listdir(pages):
        if old.endswith(".md"):
            os.remove(os.path.join(pages, old))
    for k, name in enumerate(names):
        fields, body = split_document(os.path.join(posts, name))
        order = k + 1 if k < args.footer else None
        with open(os.path.join(pages, name), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page_text(fields, body, order))
    print(f"peer_portal.py: {len(names)} pages from {posts} in {pages}")


if __name__ == "__main__":
    main()
