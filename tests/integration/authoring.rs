//! The authoring commands: `check`, `new`, `init` and `schema`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use glassbox::commands::check::{CheckReport, check};
use glassbox::commands::scaffold::{self, NewKind};

use crate::support::*;

fn glassbox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn check_ok(p: &TestPortal) -> CheckReport {
    check(&p.options()).unwrap_or_else(|e| panic!("check failed to run: {e}"))
}

fn codes(report: &CheckReport) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

// ---- check ---------------------------------------------------------------

#[test]
fn check_of_a_clean_portal_follows_links_and_writes_nothing() {
    let p = TestPortal::minimal();
    let report = check_ok(&p);
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        render_all(&report.diagnostics)
    );
    assert!(report.rendered);
    assert_eq!(report.pages_checked, 21); // with the A–Z list of service areas
    assert!(report.links_checked > 50, "{}", report.links_checked);
    assert!(report.passed(true));
    assert!(!p.site().exists(), "check must not write site/");
}

#[test]
fn check_reports_broken_links_and_fragments_at_their_markdown_line() {
    let p = TestPortal::from_fixture("check-problems");
    let report = check_ok(&p);
    let d = &report.diagnostics;

    let broken = only(d, "broken-link");
    assert!(broken.is_error());
    assert_eq!(location(broken), "content/systems/parking-cameras.md:52:64");
    assert!(
        broken.message.contains("/systems/parking-camera/"),
        "{}",
        broken.message
    );
    assert!(
        broken.message.contains("other cameras"),
        "{}",
        broken.message
    );

    let fragments: Vec<_> = d.iter().filter(|x| x.code == "broken-fragment").collect();
    assert_eq!(fragments.len(), 2, "{}", render_all(d));
    let same_page = fragments
        .iter()
        .find(|x| x.message.contains("#what-the-camera-look-for"))
        .unwrap();
    assert_eq!(
        location(same_page),
        "content/systems/parking-cameras.md:53:25"
    );
    assert!(
        same_page
            .help
            .as_deref()
            .unwrap()
            .contains("#what-the-camera-looks-for"),
        "a near miss gets a did-you-mean"
    );
    let other_page = fragments
        .iter()
        .find(|x| x.message.contains("#no-such-section"))
        .unwrap();
    assert_eq!(location(other_page), "content/pages/about.md:8:28");
    // The relative link with a correct fragment on the same about page is fine.
    assert!(
        !d.iter()
            .any(|x| x.message.contains("what-the-camera-looks-for\""))
    );
    assert!(!report.passed(false));
}

#[test]
fn check_follows_links_in_theme_templates() {
    let p = TestPortal::minimal();
    let template = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html"),
    )
    .unwrap();
    let home = "href=\"{{ site.root }}\">Home</a>";
    assert!(template.contains(home));
    p.write(
        "themes/default/templates/page.html",
        template.replacen(home, "href=\"{{ site.root }}nowhere/\">Home</a>", 1),
    );
    let report = check_ok(&p);
    let broken = only(&report.diagnostics, "broken-link");
    assert!(broken.message.contains("/nowhere/"), "{}", broken.message);
    assert!(broken.message.contains("theme"), "{}", broken.message);
}

#[test]
fn check_gives_plain_language_advice_with_file_line_and_hint() {
    let p = TestPortal::from_fixture("check-problems");
    let report = check_ok(&p);
    let jargon = only(&report.diagnostics, "jargon");
    assert!(!jargon.is_error());
    assert_eq!(location(jargon), "content/systems/parking-cameras.md:3:13");
    assert!(jargon.help.as_deref().unwrap().contains("computer system"));

    // A long, hard step on the challenge route.
    p.edit(
        "content/challenges/ask-for-review.md",
        "  - We will ask a person who was not involved to look again.",
        "  - Subsequently, notwithstanding administrative considerations, an independent organisational representative will comprehensively reconsider the determination, evaluating documentation, correspondence, supplementary evidence and any representations you submit regarding your particular circumstances and other relevant matters.",
    );
    let report = check_ok(&p);
    let long = only(&report.diagnostics, "long-sentence");
    assert_eq!(location(long), "content/challenges/ask-for-review.md:9:5");
    let hard = only(&report.diagnostics, "hard-to-read");
    assert!(
        hard.message.starts_with("Step 2 is hard to read"),
        "{}",
        hard.message
    );
}

#[test]
fn plain_language_rules_come_from_portal_yaml() {
    let p = TestPortal::from_fixture("check-problems");
    p.edit(
        "content/portal.yaml",
        "service_areas:",
        "plain_language:\n  max_sentence_words: 5\n  jargon:\n    - word: algorithm\n      glossary: /about/#words\nservice_areas:",
    );
    let report = check_ok(&p);
    let jargon = only(&report.diagnostics, "jargon");
    assert!(jargon.help.as_deref().unwrap().contains("/about/#words"));
    assert!(codes(&report).contains(&"long-sentence"));
}

#[test]
fn check_lists_overdue_and_soon_due_reviews() {
    let p = TestPortal::from_fixture("check-problems");
    let report = check_ok(&p);
    assert_eq!(report.reviews.len(), 1);
    let r = &report.reviews[0];
    assert_eq!(
        (r.system.as_str(), r.days_left, r.overdue()),
        ("parking-cameras", 14, false)
    );

    let mut options = p.options();
    options.today = Some(jiff::civil::date(2026, 12, 20));
    let report = check(&options).unwrap();
    assert_eq!(report.reviews[0].days_left, -10);
    assert!(report.reviews[0].overdue());
    let text = report.to_text(false);
    assert!(
        text.contains("OVERDUE: was due 10 December 2026 (10 days ago)"),
        "{text}"
    );

    // Far away: nothing listed.
    p.edit(
        "content/systems/parking-cameras.md",
        "review_by: 2026-12-10",
        "review_by: 2027-04-01",
    );
    assert!(check_ok(&p).reviews.is_empty());
}

#[test]
fn completeness_counts_atrs_items_per_system() {
    let p = TestPortal::minimal();
    let report = check_ok(&p);
    let c = &report.completeness[0];
    assert_eq!(c.system, "parking-cameras");
    let missing: Vec<String> = c.missing.iter().map(|m| m.field()).collect();
    assert_eq!(
        missing,
        [
            "alternatives_considered",
            "impact_assessments",
            "risks",
            "known_limitations"
        ]
    );
    assert_eq!(c.percent, 76); // 13 of 17

    p.edit(
        "content/systems/parking-cameras.md",
        "benefits: Keeps buses on time.",
        "benefits: Keeps buses on time.\nalternatives_considered: Wardens on foot.\nknown_limitations:\n  - It cannot read dirty plates.\nrisks:\n  - risk: A wrong fine.\n    mitigation: An officer checks every clip.\nimpact_assessments:\n  - kind: dpia\n    title: DPIA\n    date: 2025-01-01\n    summary: Low risk.",
    );
    let report = check_ok(&p);
    assert_eq!(report.completeness[0].percent, 100);
    assert!(report.completeness[0].missing.is_empty());
}

#[test]
fn check_with_content_errors_reports_them_and_skips_links() {
    let p = TestPortal::minimal();
    p.edit("content/systems/parking-cameras.md", "summary:", "sumary:");
    let report = check_ok(&p);
    assert!(!report.rendered);
    assert_eq!(report.links_checked, 0);
    assert_eq!(
        location(only(&report.diagnostics, "unknown-field")),
        "content/systems/parking-cameras.md:3:1"
    );
    assert!(report.to_text(false).contains("Links: not checked"));
}

#[test]
fn check_exit_codes() {
    let clean = TestPortal::minimal();
    let path = clean.path().to_str().unwrap();
    let out = glassbox(&["check", path, "--today", "2026-11-26"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("Result: no problems"));

    let problems = TestPortal::from_fixture("check-problems");
    let path = problems.path().to_str().unwrap();
    let out = glassbox(&["check", path, "--today", "2026-11-26"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("Fix the problems before publishing"));

    // Warnings alone pass, unless --deny-warnings.
    let warned = TestPortal::minimal();
    warned.edit(
        "content/systems/parking-cameras.md",
        "summary: Cameras",
        "summary: Machine learning cameras",
    );
    let path = warned.path().to_str().unwrap();
    let out = glassbox(&["check", path, "--today", "2026-11-26"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = glassbox(&["check", path, "--today", "2026-11-26", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));

    // Usage: not a portal, a bad format, a bad date.
    let empty = tempfile::tempdir().unwrap();
    let out = glassbox(&["check", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("glassbox check PORTAL_DIR"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        glassbox(&["check", ".", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        glassbox(&["check", ".", "--today", "soon"]).status.code(),
        Some(2)
    );
}

#[test]
fn check_json_output_shape() {
    let p = TestPortal::from_fixture("check-problems");
    let out = glassbox(&[
        "check",
        p.path().to_str().unwrap(),
        "--today",
        "2026-11-26",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(json["passed"], false);
    assert_eq!(json["today"], "2026-11-26");
    assert_eq!(json["errors"], 3);
    // One plain-language warning, and the fixture records no training.
    assert_eq!(json["warnings"], 2);
    assert_eq!(json["rendered"], true);
    assert_eq!(json["pages_checked"], 21);
    assert!(json["links_checked"].as_u64().unwrap() > 50);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let broken = diagnostics
        .iter()
        .find(|d| d["code"] == "broken-link")
        .unwrap();
    assert_eq!(broken["severity"], "error");
    assert_eq!(broken["file"], "content/systems/parking-cameras.md");
    assert_eq!(broken["line"], 52);
    assert_eq!(broken["column"], 64);
    assert!(
        broken["help"]
            .as_str()
            .unwrap()
            .contains("correct the address")
    );
    assert_eq!(
        json["reviews"][0],
        serde_json::json!({
            "system": "parking-cameras",
            "name": "Parking cameras",
            "file": "content/systems/parking-cameras.md",
            "review_by": "2026-12-10",
            "days_left": 14,
            "state": "due-soon",
        })
    );
    assert_eq!(json["completeness"][0]["percent"], 76);
    assert_eq!(
        json["completeness"][0]["missing"][0]["field"],
        "alternatives_considered"
    );
}

// ---- new -----------------------------------------------------------------

#[test]
fn new_entries_of_every_kind_are_refused_with_their_placeholders_until_filled() {
    let p = TestPortal::minimal();
    let today = test_today();
    let mut paths = Vec::new();
    for (kind, title) in [
        (NewKind::System, "Pothole photo sorting"),
        (NewKind::Error, "Sorting missed deep potholes"),
        (NewKind::Challenge, "Ask us to look at a pothole again"),
        (NewKind::Page, "How we choose systems"),
    ] {
        let entry = scaffold::new_entry(p.path(), kind, title, today).unwrap();
        let text = fs::read_to_string(&entry.path).unwrap();
        assert!(
            text.starts_with("---\n# yaml-language-server: $schema=../../schemas/"),
            "{text}"
        );
        assert!(
            text.contains(&serde_json::to_string(title).unwrap()),
            "{text}"
        );
        paths.push(entry.path);
    }
    let rel = |p: &Path, base: &Path| {
        p.strip_prefix(base)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    assert_eq!(
        paths.iter().map(|x| rel(x, p.path())).collect::<Vec<_>>(),
        [
            "content/systems/pothole-photo-sorting.md",
            "content/errors/sorting-missed-deep-potholes.md",
            "content/challenges/ask-us-to-look-at-a-pothole-again.md",
            "content/pages/how-we-choose-systems.md",
        ]
    );
    let system = p.read("content/systems/pothole-photo-sorting.md");
    assert!(system.contains("last_reviewed: 2026-11-26\n"), "{system}");
    assert!(system.contains("review_by: 2027-11-26\n"), "{system}");
    assert!(
        system.contains("service_area: parking\n"),
        "refers to a real service area"
    );
    assert!(
        p.read("content/errors/sorting-missed-deep-potholes.md")
            .contains("found: 2026-11-26\n")
    );
    assert!(p.path().join("schemas/system.schema.json").is_file());

    let diagnostics = p.build_fails();
    let placeholders: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == "placeholder")
        .collect();
    assert!(placeholders.iter().all(|d| d.is_error()));
    assert_eq!(diagnostics.error_count(), placeholders.len());
    // Every new file has some, and the old ones none.
    for path in &paths {
        let file = rel(path, p.path());
        assert!(
            placeholders
                .iter()
                .any(|d| d.file.as_deref() == Some(file.as_str())),
            "no placeholder error for {file}"
        );
    }
    assert!(
        placeholders
            .iter()
            .all(|d| !d.file.as_deref().unwrap().contains("parking-cameras"))
    );
    let summary = placeholders
        .iter()
        .find(|d| d.file.as_deref() == Some("content/systems/pothole-photo-sorting.md"))
        .unwrap();
    assert!(summary.source_line.as_deref().unwrap().contains("TODO"));
    // The comment lines that explain each field are not placeholders.
    assert!(placeholders.iter().all(|d| {
        !d.source_line
            .as_deref()
            .unwrap()
            .trim_start()
            .starts_with('#')
    }));
    // A draft builds, with each placeholder a warning.
    let report = glassbox::build(&glassbox::BuildOptions {
        draft: true,
        ..p.options()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "placeholder" && !d.is_error())
            .count(),
        placeholders.len()
    );
    let page = p.page("systems/pothole-photo-sorting/");
    assert!(page.contains("Pothole photo sorting"));
    assert!(page.contains("pieces of text still to be written"));
}

#[test]
fn new_never_overwrites_and_picks_a_free_id() {
    let p = TestPortal::minimal();
    let about_before = p.read("content/pages/about.md");
    let first = scaffold::new_entry(p.path(), NewKind::Page, "About", test_today()).unwrap();
    assert_eq!(first.id, "about-2");
    assert_eq!(p.read("content/pages/about.md"), about_before);
    let second = scaffold::new_entry(p.path(), NewKind::Page, "About", test_today()).unwrap();
    assert_eq!(second.id, "about-3");
    // A reserved page id is stepped over too.
    let search = scaffold::new_entry(p.path(), NewKind::Page, "Search", test_today()).unwrap();
    assert_eq!(search.id, "search-2");

    // From the command line: prints the path; a title with no letters is refused.
    let out = glassbox(&[
        "new",
        "system",
        "Parking cameras",
        p.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out)
            .trim()
            .ends_with("content/systems/parking-cameras-2.md"),
        "{}",
        stdout(&out)
    );
    let out = glassbox(&["new", "page", "???", p.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no usable file name"),
        "{}",
        stderr(&out)
    );
    let empty = tempfile::tempdir().unwrap();
    let out = glassbox(&["new", "page", "Hello", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("glassbox init"), "{}", stderr(&out));
    assert_eq!(glassbox(&["new", "widget", "Hello"]).status.code(), Some(2));
}

// ---- init ----------------------------------------------------------------

#[test]
fn init_makes_a_portal_that_builds_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let portal = dir.path().join("my-portal");
    let out = glassbox(&["init", portal.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for rel in [
        "content/portal.yaml",
        "content/systems/example-system.md",
        "content/errors/example-published-error.md",
        "content/challenges/make-a-complaint.md",
        "content/pages/about-this-site.md",
        "content/pages/accessibility.md",
        "content/pages/privacy.md",
        "schemas/portal.schema.json",
        "schemas/system.schema.json",
    ] {
        assert!(portal.join(rel).is_file(), "{rel} missing");
    }
    let options = glassbox::BuildOptions {
        today: Some(test_today()),
        ..glassbox::BuildOptions::new(&portal)
    };
    // Its TODOs stop a real build; a draft builds (see placeholders.rs for
    // a portal filled in).
    match glassbox::build(&options) {
        Err(glassbox::BuildError::Content(d)) => {
            assert!(d.iter().all(|d| !d.is_error() || d.code == "placeholder"));
            assert!(
                d.iter()
                    .any(|d| d.file.as_deref() == Some("content/portal.yaml"))
            );
        }
        other => panic!("a portal full of TODOs was built: {other:?}"),
    }
    let draft = glassbox::BuildOptions {
        draft: true,
        ..options.clone()
    };
    let report = glassbox::build(&draft).unwrap_or_else(|e| match e {
        glassbox::BuildError::Content(d) => panic!("{}", render_all(&d)),
        e => panic!("{e}"),
    });
    assert!(report.diagnostics.iter().any(|d| d.code == "placeholder"));
    let accessibility = fs::read_to_string(portal.join("site/accessibility/index.html")).unwrap();
    assert!(accessibility.contains("Accessibility statement"));
    // Links in the new portal all lead somewhere: the only errors are the
    // placeholders.
    let report = check(&options).unwrap();
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.is_error() || d.code == "placeholder"),
        "{}",
        render_all(&report.diagnostics)
    );
    assert!(report.links_checked > 0);

    // A folder with anything in it is refused, and left alone.
    let out = glassbox(&["init", portal.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not empty"), "{}", stderr(&out));
    // An existing empty folder is fine.
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert_eq!(
        glassbox(&["init", empty.to_str().unwrap()]).status.code(),
        Some(0)
    );
}

// ---- schema --------------------------------------------------------------

/// Validates the front matter of every entry under `content` (and
/// `portal.yaml`) against the schema files in `schemas`; returns the
/// failures as `file: message` lines.
fn validate_all(content: &Path, schemas: &Path) -> (usize, Vec<String>) {
    let load = |name: &str| -> jsonschema::Validator {
        let text = fs::read_to_string(schemas.join(name)).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut validate = |file: &Path, yaml: &str, validator: &jsonschema::Validator| {
        let value: serde_json::Value = serde_saphyr::from_str(yaml).unwrap();
        checked += 1;
        for error in validator.iter_errors(&value) {
            failures.push(format!("{}: {error}", file.display()));
        }
    };
    let portal = content.join("portal.yaml");
    validate(
        &portal,
        &fs::read_to_string(&portal).unwrap(),
        &load("portal.schema.json"),
    );
    for (folder, schema) in [
        ("systems", "system.schema.json"),
        ("errors", "error.schema.json"),
        ("challenges", "challenge.schema.json"),
        ("pages", "page.schema.json"),
    ] {
        let validator = load(schema);
        let mut files: Vec<_> = fs::read_dir(content.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        for file in files {
            let text = fs::read_to_string(&file).unwrap();
            let split = glassbox::parse::front_matter::split("x", &text).unwrap();
            validate(&file, split.yaml, &validator);
        }
    }
    (checked, failures)
}

#[test]
fn every_example_entry_is_valid_against_the_emitted_schema() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = glassbox(&["schema", "--output", out_dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 5);
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (checked, failures) = validate_all(&content, out_dir.path());
    assert!(checked >= 27, "{checked}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn scaffolded_portal_is_valid_against_its_schema_and_mistakes_are_not() {
    let dir = tempfile::tempdir().unwrap();
    scaffold::init_portal(dir.path(), test_today()).unwrap();
    let (_, failures) = validate_all(&dir.path().join("content"), &dir.path().join("schemas"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The schema catches what the build catches: a misspelt field, a value
    // not in the list, a missing field.
    let system = dir.path().join("content/systems/example-system.md");
    let text = fs::read_to_string(&system).unwrap();
    fs::write(
        &system,
        text.replace("benefits:", "benefit:")
            .replace("status: planned", "status: live"),
    )
    .unwrap();
    let (_, failures) = validate_all(&dir.path().join("content"), &dir.path().join("schemas"));
    let text = failures.join("\n");
    assert!(text.contains("benefit"), "{text}");
    assert!(text.contains("live"), "{text}");
    assert!(failures.len() >= 3, "{text}");
}
