//! Large imports (issue 26): a file is read one record at a time, in
//! batches, and gives the same entries as its parts imported one after the
//! other; a file over the limits, or with a broken record in the middle, is
//! refused with where and why, and nothing is written. The large files are
//! made here, in temporary folders, from the real records of
//! `tests/fixtures/import/`; none is committed. Timings are not tested:
//! `bench/import_big.sh` measures them.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use glassbox::load::{MAX_IMPORT_BYTES, MAX_IMPORT_RECORDS};
use serde_json::Value as Json;

use crate::support::*;

fn import(format: &str, file: &Path, into: &TestPortal) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(["import", format])
        .arg(file)
        .arg("--into")
        .arg(into.path())
        .args(["--today", "2026-11-26"])
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn import_ok(format: &str, file: &Path, into: &TestPortal) -> String {
    let out = import(format, file, into);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stderr(&out)
}

/// What an import must leave alone: every file under `content/`.
fn content(p: &TestPortal) -> BTreeMap<String, Vec<u8>> {
    tree(&p.path().join("content"))
}

/// The import was refused with exit code 2, saying `said`, and left the
/// portal exactly as it was, with no staging folder behind.
fn refused(out: &Output, said: &[&str], p: &TestPortal, before: &BTreeMap<String, Vec<u8>>) {
    let message = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{message}");
    for s in said {
        assert!(message.contains(s), "{s:?} not in: {message}");
    }
    assert!(
        message.contains("nothing was imported"),
        "the message says nothing was imported: {message}"
    );
    assert!(content(p) == *before, "content/ changed");
    let staging: Vec<String> = fs::read_dir(p.path().join("content/systems"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".glassbox-import-"))
        .collect();
    assert!(staging.is_empty(), "left behind: {staging:?}");
}

/// `n` records of the Dutch register's listing: the fixture's real records
/// over and over, each copy with its own title and address, so each is a
/// new entry.
fn nl_records(n: usize) -> Vec<Json> {
    let sample: Json = serde_json::from_str(
        &fs::read_to_string(fixture("import/nl_listing_sample.json")).unwrap(),
    )
    .unwrap();
    let sample = sample["algoritmes"].as_array().unwrap();
    (1..=n)
        .map(|i| {
            let mut r = sample[(i - 1) % sample.len()].clone();
            let title = format!("{} {i}", r["title"].as_str().unwrap());
            r["title"] = title.into();
            r["url"] = format!("https://algoritmes.overheid.nl/nl/algoritme/large-{i}").into();
            r
        })
        .collect()
}

/// The listing as the register publishes it, one record a line: record
/// `k` is on line `k + 1`.
fn nl_listing(records: &[Json]) -> String {
    let lines: Vec<String> = records.iter().map(Json::to_string).collect();
    format!("{{\"algoritmes\": [\n{}\n]}}\n", lines.join(",\n"))
}

/// `n` rows of the ATRS audit CSV: the fixture's rows over and over, each
/// with its own title and address. The header, and each row as a line.
fn atrs_rows(n: usize) -> (String, Vec<String>) {
    let mut reader = csv::Reader::from_path(fixture("import/atrs_audit_sample.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (title, url) = (at("title"), at("source_url"));
    let sample: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let line = |cells: Vec<String>| {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(&cells).unwrap();
        String::from_utf8(w.into_inner().unwrap())
            .unwrap()
            .trim_end()
            .to_string()
    };
    let rows = (1..=n)
        .map(|i| {
            let mut cells: Vec<String> = sample[(i - 1) % sample.len()]
                .iter()
                .map(str::to_string)
                .collect();
            cells[title] = format!("{} {i}", cells[title]);
            cells[url] = format!("{}-{i}", cells[url]);
            line(cells)
        })
        .collect();
    (line(header.iter().map(str::to_string).collect()), rows)
}

/// The limits as the messages give them: MB, and records with commas.
fn limits() -> (u64, String) {
    (
        MAX_IMPORT_BYTES / 1_048_576,
        glassbox::diagnostic::thousands(MAX_IMPORT_RECORDS),
    )
}

#[test]
fn a_file_over_the_size_limit_is_refused_and_nothing_written() {
    let (mb, records) = limits();
    let p = TestPortal::minimal();
    let before = content(&p);
    let dir = tempfile::tempdir().unwrap();
    // Sparse: it takes no room on disk, and is never read.
    for name in ["huge.json", "huge.csv"] {
        let file = dir.path().join(name);
        fs::File::create(&file)
            .unwrap()
            .set_len(MAX_IMPORT_BYTES + 1)
            .unwrap();
        let out = import("nl", &file, &p);
        refused(
            &out,
            &[
                &format!("it is {} MB", mb + 1),
                &format!("files of at most {mb} MB and {records} records"),
                &format!("Split it into files of at most {mb} MB"),
            ],
            &p,
            &before,
        );
    }
}

#[test]
fn a_file_with_more_records_than_the_limit_is_refused_and_nothing_written() {
    let p = TestPortal::minimal();
    let before = content(&p);
    let dir = tempfile::tempdir().unwrap();
    // The smallest rows an import takes: a few MB for the most records.
    let mut csv = String::from("name,organization,url\n");
    for i in 1..=MAX_IMPORT_RECORDS + 1 {
        csv.push_str(&format!("Tool {i},Gemeente,https://register.example/{i}\n"));
    }
    let file = dir.path().join("many.csv");
    fs::write(&file, csv).unwrap();
    assert!(fs::metadata(&file).unwrap().len() < MAX_IMPORT_BYTES);
    let out = import("nl", &file, &p);
    let (_, records) = limits();
    refused(
        &out,
        &[
            &format!("holds more than {records} records"),
            &format!("Split it into files of at most {records} records"),
        ],
        &p,
        &before,
    );
}

/// Imports `whole` into one portal and `parts` one after the other into
/// another, and expects the same files: reading in batches changes nothing.
fn same_as_its_parts(format: &str, whole: &Path, parts: &[&Path], records: usize) -> TestPortal {
    let at_once = TestPortal::minimal();
    let said = import_ok(format, whole, &at_once);
    assert!(
        said.contains(&format!(
            "Imported {records} record(s): {records} new, 0 updated"
        )),
        "{said}"
    );
    let in_parts = TestPortal::minimal();
    for part in parts {
        import_ok(format, part, &in_parts);
    }
    let (a, b) = (content(&at_once), content(&in_parts));
    assert_eq!(a.len(), b.len());
    for (path, text) in &a {
        assert!(
            b.get(path) == Some(text),
            "{path} differs between the whole file and its parts"
        );
    }
    // One entry per record, beside the portal's own system.
    let systems = a.keys().filter(|k| k.starts_with("systems/")).count();
    assert_eq!(systems, records + 1);
    at_once
}

#[test]
fn a_large_nl_listing_gives_the_same_entries_as_its_parts() {
    let dir = tempfile::tempdir().unwrap();
    let records = nl_records(3_000);
    let whole = dir.path().join("whole.json");
    fs::write(&whole, nl_listing(&records)).unwrap();
    let mut parts = Vec::new();
    for (i, chunk) in records.chunks(1_000).enumerate() {
        let part = dir.path().join(format!("part-{i}.json"));
        fs::write(&part, nl_listing(chunk)).unwrap();
        parts.push(part);
    }
    let parts: Vec<&Path> = parts.iter().map(|p| p.as_path()).collect();
    let p = same_as_its_parts("nl", &whole, &parts, records.len());
    // A sample, read back with the build's model: first, middle and last.
    let sources = glassbox::load::load_portal(p.path()).unwrap();
    let (portal, d) = glassbox::model::build_portal(&sources, test_today());
    let portal = portal.unwrap_or_else(|| panic!("{}", render_all(&d)));
    for i in [1, 1_500, 3_000] {
        let url = format!("https://algoritmes.overheid.nl/nl/algoritme/large-{i}");
        let system = portal
            .systems
            .iter()
            .find(|s| s.imported.as_ref().is_some_and(|m| m.source_url == url))
            .unwrap_or_else(|| panic!("no entry for record {i}"));
        assert_eq!(system.name, records[i - 1]["title"].as_str().unwrap());
        assert_eq!(system.lang.as_deref(), Some("nl"));
    }
}

#[test]
fn a_large_atrs_csv_gives_the_same_entries_as_its_parts() {
    let dir = tempfile::tempdir().unwrap();
    let (header, rows) = atrs_rows(2_000);
    let write = |name: &str, rows: &[String]| {
        let file = dir.path().join(name);
        fs::write(&file, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
        file
    };
    let whole = write("whole.csv", &rows);
    let parts: Vec<_> = rows
        .chunks(700)
        .enumerate()
        .map(|(i, chunk)| write(&format!("part-{i}.csv"), chunk))
        .collect();
    let parts: Vec<&Path> = parts.iter().map(|p| p.as_path()).collect();
    same_as_its_parts("atrs", &whole, &parts, rows.len());
}

#[test]
fn a_record_given_twice_in_a_large_file_is_imported_once_the_later_one() {
    let p = TestPortal::minimal();
    let dir = tempfile::tempdir().unwrap();
    let mut records = nl_records(600);
    // Record 400 repeats record 3's address (in another batch), record 20
    // record 10's (in the same batch), each with another title.
    for (later, earlier) in [(400, 3), (20, 10)] {
        records[later - 1]["url"] = records[earlier - 1]["url"].clone();
        records[later - 1]["title"] = format!("Later title {later}").into();
    }
    let file = dir.path().join("twice.json");
    fs::write(&file, nl_listing(&records)).unwrap();
    let said = import_ok("nl", &file, &p);
    assert!(
        said.contains("Imported 600 record(s): 598 new, 2 updated"),
        "{said}"
    );
    assert!(said.contains("record 400: https://algoritmes.overheid.nl/nl/algoritme/large-3 appears twice in the file; the later one was used"), "{said}");
    let sources = glassbox::load::load_portal(p.path()).unwrap();
    let (portal, d) = glassbox::model::build_portal(&sources, test_today());
    let portal = portal.unwrap_or_else(|| panic!("{}", render_all(&d)));
    assert_eq!(portal.systems.len(), 598 + 1);
    for (later, earlier) in [(400, 3), (20, 10)] {
        let url = format!("https://algoritmes.overheid.nl/nl/algoritme/large-{earlier}");
        let entries: Vec<_> = portal
            .systems
            .iter()
            .filter(|s| s.imported.as_ref().is_some_and(|m| m.source_url == url))
            .collect();
        assert_eq!(entries.len(), 1, "{url}");
        assert_eq!(entries[0].name, format!("Later title {later}"));
    }
}

#[test]
fn a_broken_record_in_the_middle_of_a_large_file_is_reported_and_nothing_written() {
    let p = TestPortal::minimal();
    let before = content(&p);
    let dir = tempfile::tempdir().unwrap();

    // JSON: record 1,500 of 3,000 loses the comma between two fields.
    let records = nl_records(3_000);
    let text = nl_listing(&records);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let broken = &mut lines[1_500];
    assert!(broken.contains("\"doel\":"), "{broken}");
    *broken = broken.replacen(",\"geregistreerd\"", " \"geregistreerd\"", 1);
    let file = dir.path().join("broken.json");
    fs::write(&file, lines.join("\n")).unwrap();
    let out = import("nl", &file, &p);
    refused(
        &out,
        &["not valid JSON: record 1500 (line 1501, column"],
        &p,
        &before,
    );

    // The same file cut short in record 2,000.
    let cut = text.find(&records[1_999]["url"].to_string()).unwrap();
    fs::write(&file, &text[..cut]).unwrap();
    let out = import("nl", &file, &p);
    refused(&out, &["record 2000 (line 2001, column"], &p, &before);

    // CSV: rows 1,500 and 2,000 of 3,000 are not UTF-8 (Latin-1 bytes);
    // both are listed.
    let (header, rows) = atrs_rows(3_000);
    let mut bytes = format!("{header}\n").into_bytes();
    for (i, row) in rows.iter().enumerate() {
        let mut row = row.clone().into_bytes();
        if i + 1 == 1_500 || i + 1 == 2_000 {
            row.extend_from_slice(b" caf\xe9");
        }
        bytes.extend_from_slice(&row);
        bytes.push(b'\n');
    }
    let file = dir.path().join("latin1.csv");
    fs::write(&file, bytes).unwrap();
    let out = import("atrs", &file, &p);
    refused(
        &out,
        &[
            "record 1500 (line 1501, column",
            "record 2000 (line 2001, column",
            "is not UTF-8 text",
            "Save the file as UTF-8 text",
        ],
        &p,
        &before,
    );
}

#[test]
fn an_import_that_was_killed_leaves_a_hidden_folder_the_next_one_removes() {
    let p = TestPortal::minimal();
    let systems = p.path().join("content/systems");
    // What a killed import leaves: its staging folder, whose lock nobody
    // holds, with entries in it.
    let left = systems.join(".glassbox-import-4194301");
    fs::create_dir(&left).unwrap();
    fs::write(left.join(".lock"), "").unwrap();
    fs::copy(systems.join("parking-cameras.md"), left.join("copy.md")).unwrap();
    // One that an import still running holds.
    let running = systems.join(".glassbox-import-4194302");
    fs::create_dir(&running).unwrap();
    let lock = fs::File::create(running.join(".lock")).unwrap();
    lock.try_lock().unwrap();
    // The build ignores both.
    p.build_ok();
    assert!(!p.site().join("systems/copy").exists());
    import_ok("nl", &fixture("import/nl_listing_sample.json"), &p);
    assert!(!left.exists(), "the leftover is removed");
    assert!(running.exists(), "a running import's folder is kept");
    drop(lock);
}

/// A pipe cannot be read twice, and opening one would wait for a writer:
/// it is refused at once.
#[cfg(unix)]
#[test]
fn a_pipe_is_refused_without_waiting_for_it() {
    let p = TestPortal::minimal();
    let before = content(&p);
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("records.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = import("nl", &fifo, &p);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{message}");
    assert!(
        message.contains("it is not a file (a folder, a pipe or a device)"),
        "{message}"
    );
    assert!(content(&p) == before);
}
