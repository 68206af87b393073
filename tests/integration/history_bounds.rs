//! What the version history may publish, and its bounds (issue 26): only
//! versions that passed a build's checks, a deleted record's history ending
//! with it, commits left out on purpose, oversized and badly dated commits
//! skipped alone, long histories paginated, and a history that cannot be
//! read stopping the build. Each test makes its own repository from the
//! minimal fixture with the `git` program.

use std::path::Path;
use std::process::Command;

use crate::history::{commit, git};
use crate::support::*;

const CAMERAS: &str = "content/systems/parking-cameras.md";
const SUMMARY: &str = "summary: Cameras read number plates in bus lanes. A person checks every case before a fine is sent.";
/// Text that must never reach the site: an e-mail address, a phone number
/// and a National Insurance number.
const SECRET: [&str; 3] = ["jo.bloggs@home.example", "07700 900123", "QQ 12 34 56 C"];

/// The minimal portal in a repository, first committed on 10 January 2026.
fn in_repository() -> TestPortal {
    let p = TestPortal::minimal();
    git(p.path(), "2026-01-10T10:00:00Z", &["init", "-q"]);
    commit(p.path(), "2026-01-10T10:00:00Z", "First publication");
    p
}

/// Every file of the built site as text, for looking for what must not be there.
fn whole_site(p: &TestPortal) -> String {
    tree(&p.site())
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn version_count(p: &TestPortal, history: &str) -> usize {
    std::fs::read_dir(p.site().join(history))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name != "index.html" && name != "page"
        })
        .count()
}

fn secret_summary() -> String {
    // Too long to build (over 350 characters), and holding personal data.
    format!(
        "summary: Cameras read number plates. Complaints about case 4411 went to {} (phone {}, NI {}). {}",
        SECRET[0],
        SECRET[1],
        SECRET[2],
        "This sentence is here to make the summary longer than a build allows. ".repeat(5)
    )
}

#[test]
fn a_version_that_failed_its_checks_is_never_published() {
    let p = in_repository();
    p.edit(CAMERAS, SUMMARY, &secret_summary());
    commit(
        p.path(),
        "2026-02-10T10:00:00Z",
        "Add the complaint details",
    );
    p.edit(CAMERAS, &secret_summary(), "summary: Cameras read number plates in bus lanes. An officer checks every case before a fine is sent.");
    commit(p.path(), "2026-03-10T10:00:00Z", "Shorter summary");
    p.build_ok();

    let history = "systems/parking-cameras/history/";
    assert_eq!(
        version_count(&p, history),
        2,
        "the failed version has no page"
    );
    let main = p.main_of(history);
    assert!(!main.contains("Add the complaint details"), "{main}");
    // The next version is compared with the last one that passed: "A person"
    // became "An officer", and nothing of the failed text shows as removed.
    assert!(main.contains("Shorter summary"), "{main}");
    assert!(main.contains("An officer"), "{main}");
    let site = whole_site(&p);
    for secret in SECRET {
        assert!(!site.contains(secret), "{secret} was published");
    }
    let json: serde_json::Value =
        serde_json::from_str(&p.read("site/systems/parking-cameras.json")).unwrap();
    assert_eq!(json["versions"].as_array().unwrap().len(), 2);
}

#[test]
fn a_deleted_record_history_ends_with_it() {
    let p = in_repository();
    p.edit(
        CAMERAS,
        SUMMARY,
        "summary: Old cameras that read number plates in bus lanes, checked by a person.",
    );
    commit(
        p.path(),
        "2026-02-10T10:00:00Z",
        "Old camera system changed",
    );
    let old = p.read(CAMERAS);
    p.remove(CAMERAS);
    commit(
        p.path(),
        "2026-03-10T10:00:00Z",
        "Old camera system retired and removed",
    );
    // A new, unrelated system takes the same id.
    p.write(
        CAMERAS,
        old.replace(
            "name: Parking cameras",
            "name: Parking cameras (new supplier)",
        )
        .replace(
            "summary: Old cameras that read number plates in bus lanes, checked by a person.",
            "summary: New cameras from another supplier read number plates in bus lanes.",
        ),
    );
    commit(p.path(), "2026-04-10T10:00:00Z", "New camera system");
    p.build_ok();

    let history = "systems/parking-cameras/history/";
    assert_eq!(version_count(&p, history), 1);
    let main = p.main_of(history);
    assert!(main.contains("New camera system"), "{main}");
    assert!(
        main.contains("This is the oldest version we know of."),
        "{main}"
    );
    let site = whole_site(&p);
    assert!(!site.contains("Old camera system changed"));
    assert!(!site.contains("Old cameras that read"));
    let feed = p.read("site/systems/parking-cameras/feed.xml");
    assert_eq!(feed.matches("New version:").count(), 1, "{feed}");
    let json: serde_json::Value =
        serde_json::from_str(&p.read("site/systems/parking-cameras.json")).unwrap();
    assert_eq!(json["versions"].as_array().unwrap().len(), 1);
}

#[test]
fn a_new_entry_that_names_the_deleted_one_in_aliases_continues_its_history() {
    let p = in_repository();
    let old = p.read(CAMERAS);
    p.remove(CAMERAS);
    commit(p.path(), "2026-03-10T10:00:00Z", "Cameras removed for now");
    p.write(
        "content/systems/bus-lane-cameras.md",
        old.replacen("---\n", "---\naliases: [parking-cameras]\n", 1),
    );
    p.edit(
        "content/errors/wrong-bay.md",
        "system: parking-cameras",
        "system: bus-lane-cameras",
    );
    commit(
        p.path(),
        "2026-04-10T10:00:00Z",
        "Cameras back, as bus lane cameras",
    );
    p.build_ok();
    let main = p.main_of("systems/bus-lane-cameras/history/");
    assert!(main.contains("Cameras back, as bus lane cameras"), "{main}");
    assert!(main.contains("First publication"), "{main}");
}

#[test]
fn commits_left_out_in_portal_yaml_are_never_published() {
    let p = in_repository();
    p.edit(
        CAMERAS,
        SUMMARY,
        &format!("{SUMMARY} Ask {} about it.", SECRET[0]),
    );
    commit(p.path(), "2026-02-10T10:00:00Z", "Name the officer");
    let leaked = head(p.path());
    p.edit(
        CAMERAS,
        &format!(" Ask {} about it.", SECRET[0]),
        " Ask us about it.",
    );
    commit(p.path(), "2026-03-10T10:00:00Z", "Ask us instead");
    // Without leave_out the address is in an old version and in the words removed.
    p.build_ok();
    assert!(whole_site(&p).contains(SECRET[0]));

    let portal = p.read("content/portal.yaml");
    p.write(
        "content/portal.yaml",
        format!(
            "{portal}history:\n  leave_out:\n    - commit: {}\n      reason: an officer's address\n    - commit: 0123abc\n",
            &leaked[..10]
        ),
    );
    let report = p.build_ok();
    assert!(!whole_site(&p).contains(SECRET[0]));
    let main = p.main_of("systems/parking-cameras/history/");
    assert!(!main.contains("Name the officer"), "{main}");
    // What the left-out commit changed is shown with the next one.
    assert!(main.contains("Ask us instead"), "{main}");
    assert!(main.contains("Ask us about it."), "{main}");
    // A left-out id that matches nothing is a warning: a typo would hide nothing.
    let unmatched = only(&report.diagnostics, "leave-out-unmatched");
    assert!(
        unmatched.message.contains("0123abc"),
        "{}",
        unmatched.message
    );

    // The same by the day it was made.
    p.write(
        "content/portal.yaml",
        format!("{portal}history:\n  leave_out:\n    - from: 2026-02-10\n      to: 2026-02-10\n"),
    );
    p.build_ok();
    assert!(!whole_site(&p).contains(SECRET[0]));
}

#[test]
fn a_leave_out_that_names_no_commit_is_an_error_at_its_line() {
    let p = in_repository();
    let portal = p.read("content/portal.yaml");
    p.write(
        "content/portal.yaml",
        format!("{portal}history:\n  leave_out:\n    - commit: not-a-commit\n    - from: 2026-03-01\n      to: 2026-02-01\n"),
    );
    let d = p.build_fails();
    let bad = only(&d, "invalid-commit");
    let lines = portal.lines().count();
    assert_eq!(
        location(bad),
        format!("content/portal.yaml:{}:15", lines + 3)
    );
    let range = only(&d, "invalid-date");
    assert_eq!(
        location(range),
        format!("content/portal.yaml:{}:11", lines + 5)
    );
}

#[test]
fn an_oversized_version_is_skipped_without_being_published() {
    let p = in_repository();
    let normal = p.read(CAMERAS);
    // Over the 2 MB an entry file may be.
    p.write(
        CAMERAS,
        format!("{normal}\n{}\n", "Padding text. ".repeat(200_000)),
    );
    commit(p.path(), "2026-02-10T10:00:00Z", "A huge body by mistake");
    p.write(
        CAMERAS,
        normal.replace("A person checks", "An officer checks"),
    );
    commit(p.path(), "2026-03-10T10:00:00Z", "Back to normal");
    let report = p.build_ok();
    let warning = only(&report.diagnostics, "history-file-too-large");
    assert!(
        warning
            .message
            .contains("content/systems/parking-cameras.md"),
        "{}",
        warning.message
    );
    assert_eq!(version_count(&p, "systems/parking-cameras/history/"), 2);
    assert!(!whole_site(&p).contains("Padding text."));
}

#[test]
fn a_long_history_is_paginated_and_its_feed_capped() {
    let p = in_repository();
    let mut current = "A person checks every case".to_string();
    for n in 1..=120 {
        let next = format!("A person checks every case (check {n})");
        p.edit(CAMERAS, &current, &next);
        current = next;
        commit(
            p.path(),
            &format!("2026-02-01T10:{:02}:{:02}Z", n / 60, n % 60),
            &format!("Check {n}"),
        );
    }
    p.build_ok();
    let history = "systems/parking-cameras/history/";
    assert_eq!(version_count(&p, history), 121);
    let first = p.page(history);
    assert!(first.contains("Page 1 of 3"), "{first}");
    assert!(first.contains(r#"<link rel="next" href="/systems/parking-cameras/history/page/2/">"#));
    assert_eq!(
        p.main_of(history)
            .matches("class=\"history__item\"")
            .count(),
        50
    );
    let last = p.page(&format!("{history}page/3/"));
    assert!(last.contains("Page 3 of 3"));
    assert!(
        last.contains("<title>Versions of Parking cameras (page 3 of 3)"),
        "{last}"
    );
    assert!(last.contains("First publication"));
    assert_eq!(
        main_html(&last).matches("class=\"history__item\"").count(),
        21
    );
    // History pages after the first are in the sitemap; old versions are not.
    let sitemap = p.read("site/sitemap.xml");
    assert!(sitemap.contains("/systems/parking-cameras/history/page/3/</loc>"));
    let feed = p.read("site/systems/parking-cameras/feed.xml");
    assert!(feed.matches("<entry").count() <= 100);
    assert!(feed.contains("Check 120"));
    assert!(
        !feed.contains("Check 3."),
        "the oldest versions drop out of the feed"
    );
}

/// The id of the current commit.
fn head(dir: &Path) -> String {
    let out = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(dir)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Makes a commit of the current tree with a raw committer line (a date git
/// itself would refuse), on top of HEAD.
fn commit_with_raw_date(dir: &Path, date: &str, message: &str) {
    git(dir, "2026-02-01T10:00:00Z", &["add", "-A"]);
    let tree = {
        let out = Command::new("git")
            .args(["write-tree"])
            .current_dir(dir)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let object = format!(
        "tree {tree}\nparent {}\nauthor Test <test@example.org> {date}\ncommitter Test <test@example.org> {date}\n\n{message}\n",
        head(dir)
    );
    let path = dir.join("raw-commit.txt");
    std::fs::write(&path, object).unwrap();
    let out = Command::new("git")
        .args([
            "hash-object",
            "-t",
            "commit",
            "--literally",
            "-w",
            "raw-commit.txt",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(id.len(), 40, "{}", String::from_utf8_lossy(&out.stderr));
    git(dir, "2026-02-01T10:00:00Z", &["update-ref", "HEAD", &id]);
}

#[test]
fn a_commit_with_a_bad_date_is_left_out_alone() {
    let p = in_repository();
    p.edit(CAMERAS, "A person checks", "An officer checks");
    // A date far before 1970, and one that cannot be read at all.
    commit_with_raw_date(p.path(), "-37907520000 +0000", "From the distant past");
    p.edit(CAMERAS, "An officer checks", "A parking officer checks");
    commit_with_raw_date(p.path(), "notadate +0000", "With no date");
    p.edit(
        CAMERAS,
        "A parking officer checks",
        "Two parking officers check",
    );
    commit(p.path(), "2026-03-10T10:00:00Z", "Two officers");
    let report = p.build_ok();
    let bad: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "history-bad-commit")
        .collect();
    assert_eq!(bad.len(), 2, "{}", render_all(&report.diagnostics));
    let history = "systems/parking-cameras/history/";
    // The other versions are all there, and no address has a year before 1970.
    assert_eq!(version_count(&p, history), 2);
    let main = p.main_of(history);
    assert!(
        main.contains("Two officers") && main.contains("First publication"),
        "{main}"
    );
    for entry in std::fs::read_dir(p.site().join(history)).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(name == "index.html" || name.starts_with("2026-"), "{name}");
    }
}

/// Removes the loose object of the file `rel` as committed, the way a copy
/// made without file contents lacks it.
fn remove_object_of(dir: &Path, rel: &str) {
    let out = Command::new("git")
        .args(["rev-parse", &format!("HEAD~1:{rel}")])
        .current_dir(dir)
        .output()
        .unwrap();
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let object = dir.join(".git/objects").join(&id[..2]).join(&id[2..]);
    std::fs::remove_file(&object).unwrap_or_else(|e| panic!("{}: {e}", object.display()));
}

#[test]
fn a_history_that_cannot_be_read_stops_the_build_unless_not_required() {
    let p = in_repository();
    p.edit(CAMERAS, "A person checks", "An officer checks");
    commit(p.path(), "2026-02-10T10:00:00Z", "Officer");
    p.build_ok();
    let before = tree(&p.site());
    remove_object_of(p.path(), CAMERAS);

    let d = p.build_fails();
    let problem = only(&d, "history-unreadable");
    assert!(
        problem.message.contains("is not in the repository"),
        "{}",
        problem.message
    );
    // The published site is left as it was.
    assert_eq!(tree(&p.site()), before);

    let portal = p.read("content/portal.yaml");
    p.write(
        "content/portal.yaml",
        format!("{portal}history:\n  required: false\n"),
    );
    let report = p.build_ok();
    only(&report.diagnostics, "history-unreadable");
    assert!(!p.site().join("systems/parking-cameras/history").exists());
}

#[test]
fn a_rebuild_in_the_same_process_uses_what_it_read_before() {
    // `serve` keeps a cache between saves: the second build takes the old
    // texts from it, so it works even once their objects are gone.
    let p = in_repository();
    p.edit(CAMERAS, "A person checks", "An officer checks");
    commit(p.path(), "2026-02-10T10:00:00Z", "Officer");
    let options = glassbox::BuildOptions {
        history_cache: Some(Default::default()),
        ..p.options()
    };
    glassbox::build(&options).unwrap();
    let first = tree(&p.site());
    remove_object_of(p.path(), CAMERAS);
    glassbox::build(&options).unwrap();
    assert_eq!(tree(&p.site()), first);
    // A build without the cache finds the object missing.
    assert!(glassbox::build(&p.options()).is_err());
}
