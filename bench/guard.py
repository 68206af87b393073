#!/usr/bin/env python3
"""The CI guard on what a build costs: builds a `bench-gen` portal of 2,000
systems and fails when peak memory, bytes written per system, files per
system or the largest HTML page go over their budgets. Those figures do not
change with how busy the machine is, so the guard is not noisy; the wall
time and its ratio to a `cp -r` of the output are printed, never judged.

    python3 bench/guard.py [path/to/glassbox]   (default target/release/glassbox)

Each budget is the figure measured when it was set, plus 25 %; lower one
when a change makes the build leaner, so that the next regression shows.
Only the Python standard library is used.
"""

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

SYSTEMS = 2000

# Measured plus 25 %: memory the highest of four runs on 8 December 2026,
# once entries were read as they were parsed and Markdown bodies made with
# their pages (64.7-69.5 MB; 76-95 MB on 7 December, 121 MB when render and
# write were first streamed, 323 MB before); bytes on 8 December (74,722; the
# notices' QR codes have been drawn as runs since 8a1737a, a quarter smaller);
# the others when this guard was added.
BUDGETS = {
    # peak resident memory of `glassbox build`, in MB
    "peak_rss_mb": 70 * 1.25,
    # bytes written, per system of the portal
    "bytes_per_system": 74_722 * 1.25,
    # files written, per system of the portal
    "files_per_system": 5.3 * 1.25,
    # the largest HTML page, in KB
    "largest_page_kb": 68.4 * 1.25,
}


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = os.path.abspath(
        sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "target/release/glassbox")
    )
    work = tempfile.mkdtemp(prefix="glassbox-guard-")
    try:
        portal = os.path.join(work, "portal")
        subprocess.run(
            [binary, "bench-gen", str(SYSTEMS), portal],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        out = os.path.join(work, "site")
        started = time.monotonic()
        # SOURCE_DATE_EPOCH fixes "today", so the same portal gives the same site.
        env = dict(os.environ, SOURCE_DATE_EPOCH="1795000000")
        subprocess.run(
            [binary, "build", "-q", portal, "-o", out],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wall = time.monotonic() - started
        # The only child so far that matters: bench-gen is small beside the build.
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

        files = 0
        written = 0
        largest = (0, "")
        for root, _, names in os.walk(out):
            for name in names:
                path = os.path.join(root, name)
                size = os.path.getsize(path)
                files += 1
                written += size
                if name.endswith(".html") and size > largest[0]:
                    largest = (size, os.path.relpath(path, out))

        started = time.monotonic()
        subprocess.run(["cp", "-r", out, os.path.join(work, "copy")], check=True)
        copy = time.monotonic() - started

        figures = {
            "peak_rss_mb": peak_kb / 1024,
            "bytes_per_system": written / SYSTEMS,
            "files_per_system": files / SYSTEMS,
            "largest_page_kb": largest[0] / 1024,
        }
        print(f"guard: {SYSTEMS} systems, {files} files, {written / 1e6:.1f} MB, largest page {largest[1]}")
        print(f"guard: build {wall:.2f} s wall, cp -r of its output {copy:.2f} s ({wall / copy:.1f} x; not judged)")
        failed = []
        for name, budget in BUDGETS.items():
            value = figures[name]
            verdict = "ok" if value <= budget else "OVER BUDGET"
            print(f"guard: {name:<17} {value:>10.1f}   budget {budget:>10.1f}   {verdict}")
            if value > budget:
                failed.append(name)
        if failed:
            print(
                "guard: the build got heavier: " + ", ".join(failed)
                + ". Find the change that did it (docs/performance.md has the figures of each step), or,"
                " if it is worth its cost, raise the budget in bench/guard.py and say why in the commit."
            )
            return 1
        print("guard: ok")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
