#!/usr/bin/env python3
"""Writes import files of SIZE_MB (or of RECORDS records, whichever comes
first) made from the real register snapshots in shared/research/data: each
real record repeated with a new title, id and address, so every copy is a
new entry. Used by bench/import_big.sh.

Usage: import_big.py DATA_DIR OUT_DIR SIZE_MB [RECORDS]
Writes OUT_DIR/atrs.json, atrs.csv, nl.json, nl.csv, and nl-min.csv (the
smallest rows an NL import takes: name, organisation and address only, so
the most records per MB).
"""
import csv
import json
import os
import sys

data, out, size_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
target = int(size_mb * 1024 * 1024)
max_records = int(sys.argv[4]) if len(sys.argv) > 4 else None


def copies(records, make):
    """Yields made records, cycling through `records`, numbering the copies."""
    n = 0
    while True:
        for r in records:
            n += 1
            if max_records is not None and n > max_records:
                return
            yield make(r, n)


def write_json(path, head, key, records, make):
    # One record per line, as a pretty-printer would not, but close to the
    # size of the published files; the last record closes the list.
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + '"' + key + '": [\n')
        written = f.tell()
        first = True
        for r in copies(records, make):
            line = ("" if first else ",\n") + json.dumps(r, ensure_ascii=False)
            # The record that would go over the size is left out.
            size = len(line.encode("utf-8"))
            if written + size + 4 > target:
                break
            first = False
            f.write(line)
            written += size
        f.write("\n]}\n")


def write_csv(path, header, rows, make, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in copies(rows, make):
            # The row that would go over the size is left out.
            start = f.tell()
            w.writerow(r)
            if f.tell() > target:
                f.seek(start)
                f.truncate()
                break


atrs = json.load(open(os.path.join(data, "uk-atrs/govuk_atrs_search_snapshot_2026-08-17.json")))


def atrs_copy(r, n):
    r = dict(r)
    r["title"] = f"{r.get('title', '')} {n}"
    r["link"] = f"{r.get('link', '')}-{n}"
    r["_id"] = r["link"]
    return r


write_json(os.path.join(out, "atrs.json"), '{"source": {"note": "generated"}, ', "results",
           atrs["results"], atrs_copy)

with open(os.path.join(data, "uk-atrs/atrs_audit_derived_2026-08-17.csv"), encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
t, u = header.index("title"), header.index("source_url")


def atrs_row(r, n):
    r = list(r)
    r[t] = f"{r[t]} {n}"
    r[u] = f"{r[u]}-{n}"
    return r


write_csv(os.path.join(out, "atrs.csv"), header, rows, atrs_row)

nl = json.load(open(os.path.join(data, "nl-algoritmeregister/algoritmeregister_listing_2026-08-08.json")))


def nl_copy(r, n):
    r = dict(r)
    r["title"] = f"{r.get('title', '')} {n}"
    r["id"] = f"{r.get('id', '')}{n}"
    r["url"] = f"https://algoritmes.overheid.nl/nl/algoritme/{r['id']}"
    return r


write_json(os.path.join(out, "nl.json"), "{", "algoritmes", nl["algoritmes"], nl_copy)

# The full CSV export has one real record (with multi-line cells); its
# columns are filled from the listing's records, so rows differ.
with open(os.path.join(data, "nl-algoritmeregister/amsterdam_woz_full_record_export_sample.csv"),
          encoding="utf-8-sig") as f:
    full = list(csv.reader(f))
header, base = full[0], full[1]
col = {h: i for i, h in enumerate(header)}


def nl_row(r, n):
    row = list(base)
    row[col["name"]] = f"{r.get('title', '')} {n}"
    row[col["organization"]] = r.get("organisatie", "")
    row[col["goal"]] = r.get("doel", "") or row[col["goal"]]
    row[col["url"]] = f"https://algoritmes.overheid.nl/nl/algoritme/{r.get('id', '')}{n}"
    row[col["source_id"]] = f"{r.get('id', '')}{n}"
    return row


write_csv(os.path.join(out, "nl.csv"), header, nl["algoritmes"], nl_row, "utf-8-sig")


def nl_min_row(r, n):
    return [f"{r.get('title', '')} {n}", r.get("organisatie", ""),
            f"https://algoritmes.overheid.nl/nl/algoritme/{r.get('id', '')}{n}"]


write_csv(os.path.join(out, "nl-min.csv"), ["name", "organization", "url"], nl["algoritmes"],
          nl_min_row)
