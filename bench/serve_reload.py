#!/usr/bin/env python3
"""Measures `glassbox serve`'s edit -> reload time.

Copies a portal into a temporary folder, starts `glassbox serve` on it,
listens to its event stream like an open page does, then saves an entry
(temporary file + rename, as editors do) again and again. For each save it
records the time until the `reload` event arrives, and until the changed
page has been fetched. Prints the median, 95th percentile and worst.

    cargo build --release
    python3 bench/serve_reload.py [--portal .] [--saves 30] [--entry content/systems/letter-translation.md]

Only the Python standard library is used.
"""

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import queue


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portal", default=here)
    parser.add_argument("--binary", default=os.path.join(here, "target/release/glassbox"))
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--entry", default="content/systems/letter-translation.md")
    parser.add_argument("--page", default=None, help="URL path of the entry's page")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="glassbox-reload-")
    try:
        shutil.copytree(os.path.join(args.portal, "content"), os.path.join(work, "content"))
        # The repository too, when the portal is one: the saves then rebuild
        # its version history (uncommitted edits are not versions, but the
        # history is read and compared on every save).
        if os.path.isdir(os.path.join(args.portal, ".git")):
            shutil.copytree(os.path.join(args.portal, ".git"), os.path.join(work, ".git"))
        entry = os.path.join(work, args.entry)
        page = args.page or "/systems/%s/" % os.path.splitext(os.path.basename(entry))[0]
        server = subprocess.Popen(
            [args.binary, "serve", work, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            line = server.stdout.readline().strip()
            url = line.split("http://", 1)[1]
            host, port = url.split("/", 1)[0].split(":")
            events = listen(host, int(port))
            events.get(timeout=30)  # hello
            original = open(entry, encoding="utf-8").read()
            to_event, to_page = [], []
            for n in range(args.saves):
                marker = "Reload check %d" % n
                text = original.replace("\n---\n", "\n---\n\n%s\n" % marker, 1)
                started = save(entry, text)
                name = events.get(timeout=30)
                got_event = time.perf_counter()
                assert name == "reload", name
                body = fetch(host, int(port), page)
                got_page = time.perf_counter()
                assert marker in body, "page %s did not change" % page
                to_event.append((got_event - started) * 1000)
                to_page.append((got_page - started) * 1000)
                time.sleep(0.05)
            report("save -> reload event", to_event)
            report("save -> new page fetched", to_page)
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def save(path, text):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    started = time.perf_counter()
    os.replace(temporary, path)
    return started


def listen(host, port):
    """Opens the event stream; returns a queue of event names."""
    names = queue.Queue()
    sock = socket.create_connection((host, port))
    # serve answers only loopback Host names.
    sock.sendall(b"GET /__glassbox/events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)

    def read():
        buffer = b""
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if line.startswith(b"event: "):
                    names.put(line[7:].decode().strip())

    threading.Thread(target=read, daemon=True).start()
    return names


def fetch(host, port, path):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request("GET", path)
    body = connection.getresponse().read().decode("utf-8")
    connection.close()
    return body


def report(what, samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    print(
        "%-26s median %6.1f ms   p95 %6.1f ms   worst %6.1f ms   (%d saves)"
        % (what, statistics.median(samples), p95, samples[-1], len(samples))
    )


if __name__ == "__main__":
    sys.exit(main())
