//! One test per rule the build enforces: each breaks the minimal portal in
//! one way and checks the diagnostic's code, file, line and column.

use glassbox::Diagnostics;

use crate::support::*;

const SYSTEM: &str = "content/systems/parking-cameras.md";
const ERROR: &str = "content/errors/wrong-bay.md";

#[test]
fn yaml_syntax_error_points_at_the_line() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "name: Parking cameras", "name: [Parking cameras");
    let d = p.build_fails();
    let e = d.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(location(e), format!("{SYSTEM}:2:7"), "{}", render_all(&d));
}

#[test]
fn unknown_field_suggests_the_right_name() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "summary:", "sumary:");
    let d = p.build_fails();
    let e = only(&d, "unknown-field");
    assert_eq!(location(e), format!("{SYSTEM}:3:1"));
    assert!(
        e.help
            .as_ref()
            .unwrap()
            .starts_with("did you mean `summary`?"),
        "{}",
        e.render()
    );
}

#[test]
fn unknown_field_in_a_nested_object_is_found_too() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "  can_override: true", "  can_overide: true");
    let e = only(&p.build_fails(), "unknown-field").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:13:3"));
    assert!(e.help.unwrap().contains("`can_override`"));
}

#[test]
fn missing_required_field_is_named() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "benefits: Keeps buses on time.\n", "");
    let e = only(&p.build_fails(), "missing-field").clone();
    assert!(e.message.contains("`benefits`"), "{}", e.render());
    assert_eq!(e.file.as_deref(), Some(SYSTEM));
}

#[test]
fn bad_enum_value_lists_what_is_allowed() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "status: in-use", "status: in_use");
    let e = only(&p.build_fails(), "invalid-value").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:5:9"));
    let help = e.help.unwrap();
    assert!(help.starts_with("did you mean `in-use`?"), "{help}");
    assert!(
        help.contains("planned, pilot, in-use, paused, retired"),
        "{help}"
    );
}

#[test]
fn impossible_date_is_rejected() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "last_reviewed: 2026-05-01",
        "last_reviewed: 2026-02-30",
    );
    let e = only(&p.build_fails(), "invalid-date").clone();
    assert!(
        location(&e).starts_with(&format!("{SYSTEM}:")),
        "{}",
        e.render()
    );
    assert!(e.message.contains("not a real date"), "{}", e.render());
}

#[test]
fn yes_and_no_are_not_booleans() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "affects_residents_directly: true",
        "affects_residents_directly: yes",
    );
    let e = only(&p.build_fails(), "invalid-value").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:9:29"));
}

#[test]
fn dangling_challenge_route_suggests_nearest_ids() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "  - ask-for-review", "  - ask-for-reveiw");
    let e = only(&p.build_fails(), "unknown-reference").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:25:5"));
    assert!(e.help.unwrap().contains("`ask-for-review`"));
}

#[test]
fn a_build_shows_the_line_of_each_error_found_across_entries() {
    // A build lets each entry's text go once it is parsed; an error found
    // when the entries are checked against each other reads its line again.
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "  - ask-for-review", "  - ask-for-reveiw");
    p.edit(ERROR, "system: parking-cameras", "system: parking-camera");
    let d = p.build_fails();
    let lines: Vec<(String, Option<String>)> = d
        .iter()
        .filter(|e| e.code == "unknown-reference")
        .map(|e| (location(e), e.source_line.clone()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                format!("{ERROR}:2:9"),
                Some("system: parking-camera".to_string())
            ),
            (
                format!("{SYSTEM}:25:5"),
                Some("  - ask-for-reveiw".to_string())
            ),
        ]
    );
}

#[test]
fn error_must_name_an_existing_system() {
    let p = TestPortal::minimal();
    p.edit(ERROR, "system: parking-cameras", "system: parking-camera");
    let e = only(&p.build_fails(), "unknown-reference").clone();
    assert_eq!(location(&e), format!("{ERROR}:2:9"));
    assert!(e.help.unwrap().contains("`parking-cameras`"));
}

#[test]
fn service_area_must_be_in_portal_yaml() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "service_area: parking", "service_area: parkin");
    let e = only(&p.build_fails(), "unknown-reference").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:4:15"));
    assert!(e.help.unwrap().contains("`parking`"));
}

#[test]
fn ids_must_be_safe_url_segments() {
    let p = TestPortal::minimal();
    p.write("content/pages/About Us.md", "---\ntitle: About\n---\n");
    let e = only(&p.build_fails(), "unsafe-id").clone();
    assert_eq!(e.file.as_deref(), Some("content/pages/About Us.md"));
    assert!(e.help.unwrap().contains("`about-us.md`"));
}

#[test]
fn page_ids_may_not_take_the_sites_own_urls() {
    let p = TestPortal::minimal();
    p.write("content/pages/systems.md", "---\ntitle: Systems\n---\n");
    only(&p.build_fails(), "reserved-id");
}

#[test]
fn duplicate_service_area_ids_are_rejected() {
    let p = TestPortal::minimal();
    p.edit("content/portal.yaml", "  - id: housing", "  - id: parking");
    let e = only(&p.build_fails(), "duplicate-id").clone();
    assert_eq!(location(&e), "content/portal.yaml:11:9");
}

#[test]
fn resident_facing_decision_needs_a_challenge_route() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "challenge_routes:\n  - ask-for-review\n", "");
    let e = only(&p.build_fails(), "no-challenge-route").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:8:13"));
}

#[test]
fn a_reason_can_stand_in_for_a_challenge_route() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "challenge_routes:\n  - ask-for-review\n",
        "no_challenge_route_reason: Fines are challenged through the statutory appeal on the notice.\n",
    );
    p.edit(ERROR, "what_you_can_do:\n  - ask-for-review\n", "");
    p.build_ok();
}

#[test]
fn a_route_only_staff_can_start_does_not_count() {
    let p = TestPortal::minimal();
    p.edit(
        "content/challenges/ask-for-review.md",
        "applies_to: decision",
        "applies_to: decision\nresident_can_start: false",
    );
    only(&p.build_fails(), "no-challenge-route");
}

#[test]
fn staff_only_tools_need_no_challenge_route() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "challenge_routes:\n  - ask-for-review\n", "");
    p.edit(
        SYSTEM,
        "automation: decides-with-review",
        "automation: informs-staff\nresident_contact: behind-the-scenes",
    );
    p.build_ok();
}

/// Issue 14: a system that only informs staff but affects residents says
/// how residents meet it, and what it says agrees with the rest.
#[test]
fn a_system_says_how_residents_meet_it() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "automation: decides-with-review",
        "automation: informs-staff",
    );
    let e = only(&p.build_fails(), "resident-contact").clone();
    assert!(e.is_error());
    assert_eq!(location(&e), format!("{SYSTEM}:8:13"));
    assert!(
        e.help
            .as_deref()
            .unwrap_or("")
            .contains("produces-what-you-receive")
    );

    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "affects_residents_directly: true",
        "affects_residents_directly: false\nresident_contact: talks-to-you",
    );
    let e = only(&p.build_fails(), "resident-contact").clone();
    assert!(e.message.contains("talks to residents"), "{}", e.message);
    assert_eq!(location(&e), format!("{SYSTEM}:10:19"));
}

/// Issue 14: a system that recommends or decides about residents names the
/// law it rests on.
#[test]
fn deciding_about_residents_needs_a_lawful_basis() {
    let p = TestPortal::minimal();
    let text = p.read(SYSTEM);
    let line = text
        .lines()
        .find(|l| l.starts_with("lawful_basis:"))
        .unwrap()
        .to_string();
    p.edit(SYSTEM, &format!("{line}\n"), "");
    let e = only(&p.build_fails(), "missing-lawful-basis").clone();
    assert!(e.is_error());
    assert_eq!(location(&e), format!("{SYSTEM}:8:13"));
    // Staff-only systems need none.
    p.edit(
        SYSTEM,
        "affects_residents_directly: true",
        "affects_residents_directly: false",
    );
    p.build_ok();
}

#[test]
fn overdue_review_warns_and_shows_a_notice() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "review_by: 2027-04-30", "review_by: 2026-11-01");
    let report = p.build_ok();
    let w = only(&report.diagnostics, "review-overdue");
    assert_eq!(location(w), format!("{SYSTEM}:43:12"));
    let main = p.main_of("systems/parking-cameras/");
    assert!(
        main.contains("This information is overdue for review."),
        "{main}"
    );
    assert!(!p.main_of("systems/").is_empty());
}

#[test]
fn review_by_must_follow_last_reviewed() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "review_by: 2027-04-30", "review_by: 2026-04-30");
    let e = only(&p.build_fails(), "invalid-date").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:43:12"));
}

#[test]
fn review_interval_from_portal_yaml_is_enforced_as_a_warning() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "review_by: 2027-04-30", "review_by: 2027-06-30");
    let report = p.build_ok();
    only(&report.diagnostics, "review-interval");
}

#[test]
fn summary_is_limited_to_350_characters() {
    let p = TestPortal::minimal();
    let long = "Word ".repeat(80);
    p.edit(SYSTEM, "summary: Cameras read number plates in bus lanes. A person checks every case before a fine is sent.", &format!("summary: {long}"));
    let e = only(&p.build_fails(), "summary-too-long").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:3:10"));
}

#[test]
fn web_addresses_must_be_http() {
    let p = TestPortal::minimal();
    p.edit(
        "content/challenges/ask-for-review.md",
        "url: https://www.lgo.org.uk/",
        "url: www.lgo.org.uk",
    );
    let e = only(&p.build_fails(), "invalid-url").clone();
    assert_eq!(location(&e), "content/challenges/ask-for-review.md:20:8");
}

#[test]
fn email_addresses_are_checked() {
    let p = TestPortal::minimal();
    p.edit(
        "content/challenges/ask-for-review.md",
        "email: review@testford.example",
        "email: review at testford",
    );
    only(&p.build_fails(), "invalid-email");
}

#[test]
fn a_contact_needs_a_way_to_get_in_touch() {
    let p = TestPortal::minimal();
    p.edit(
        "content/challenges/ask-for-review.md",
        "contact:\n  email: review@testford.example\n  post: |\n    Testford Council\n    1 High Street\n    Testford TF1 1AA\n",
        "contact: {}\n",
    );
    let e = only(&p.build_fails(), "empty-contact").clone();
    assert_eq!(location(&e), "content/challenges/ask-for-review.md:10:10");
}

#[test]
fn unknown_field_inside_a_contact_is_located() {
    let p = TestPortal::minimal();
    p.edit(
        "content/challenges/ask-for-review.md",
        "  email: review@testford.example",
        "  e-mail: review@testford.example",
    );
    let e = only(&p.build_fails(), "unknown-field").clone();
    assert_eq!(location(&e), "content/challenges/ask-for-review.md:11:3");
    assert!(e.help.unwrap().starts_with("did you mean `email`?"));
}

#[test]
fn fixed_cannot_come_before_found() {
    let p = TestPortal::minimal();
    p.edit(ERROR, "fixed: 2026-06-10", "fixed: 2026-05-10");
    let e = only(&p.build_fails(), "invalid-date").clone();
    assert_eq!(location(&e), format!("{ERROR}:8:8"));
}

#[test]
fn language_codes_are_checked() {
    let p = TestPortal::minimal();
    p.edit(
        "content/pages/about.md",
        "footer_order: 1",
        "footer_order: 1\nlang: Welsh language",
    );
    only(&p.build_fails(), "invalid-language");
}

#[test]
fn entry_without_front_matter_is_explained() {
    let p = TestPortal::minimal();
    p.write("content/pages/notes.md", "Just some text.\n");
    let e = only(&p.build_fails(), "missing-front-matter").clone();
    assert_eq!(location(&e), "content/pages/notes.md:1:1");
}

#[test]
fn unclosed_front_matter_is_explained() {
    let p = TestPortal::minimal();
    p.write(
        "content/pages/notes.md",
        "---\ntitle: Notes\n\nSome text.\n",
    );
    only(&p.build_fails(), "unclosed-front-matter");
}

#[test]
fn empty_file_is_explained() {
    let p = TestPortal::minimal();
    p.write("content/pages/notes.md", "");
    only(&p.build_fails(), "empty-file");
}

#[test]
fn text_that_is_not_utf8_is_explained() {
    let p = TestPortal::minimal();
    p.write("content/pages/notes.md", b"---\ntitle: Caf\xe9\n---\n");
    let e = only(&p.build_fails(), "not-utf8").clone();
    assert_eq!(location(&e), "content/pages/notes.md:2:1");
}

#[test]
fn oversized_file_is_refused_with_a_clear_message() {
    let p = TestPortal::minimal();
    let mut big = String::from("---\ntitle: Big\n---\n");
    big.push_str(&"a".repeat(3 * 1024 * 1024));
    p.write("content/pages/big.md", big);
    let e = only(&p.build_fails(), "file-too-large").clone();
    assert!(e.message.contains("at most 2 MB"), "{}", e.render());
}

#[test]
fn duplicate_keys_are_errors() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "status: in-use", "status: in-use\nstatus: pilot");
    let e = only(&p.build_fails(), "duplicate-field").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:6:1"));
}

#[test]
fn byte_order_mark_and_crlf_are_accepted() {
    let p = TestPortal::minimal();
    let text = p.read(SYSTEM).replace('\n', "\r\n");
    p.write(SYSTEM, format!("\u{feff}{text}"));
    p.build_ok();
    assert!(
        p.main_of("systems/parking-cameras/")
            .contains("Parking cameras")
    );
}

#[test]
fn norway_problem_does_not_turn_text_into_booleans() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "name: Parking cameras", "name: no");
    p.build_ok();
    assert!(
        p.page("systems/parking-cameras/")
            .contains("<h1 class=\"heading-xl\">no</h1>")
    );
}

#[test]
fn alias_bomb_is_stopped() {
    let p = TestPortal::minimal();
    let mut yaml =
        String::from("---\ntitle: Bomb\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = i - 1;
        yaml.push_str(&format!("x{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    yaml.push_str("---\n");
    p.write("content/pages/bomb.md", yaml);
    let d = p.build_fails();
    assert!(
        d.iter()
            .any(|e| e.file.as_deref() == Some("content/pages/bomb.md")),
        "{}",
        render_all(&d)
    );
}

#[test]
fn every_error_of_a_build_is_reported_at_once() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "summary:", "sumary:");
    p.edit(ERROR, "status: fixed", "status: mended");
    p.edit("content/pages/about.md", "title:", "titel:");
    p.edit(
        "content/portal.yaml",
        "review_interval_months: 12",
        "review_interval_months: twelve",
    );
    let d = p.build_fails();
    let files: std::collections::BTreeSet<_> = d.iter().filter_map(|e| e.file.clone()).collect();
    assert_eq!(files.len(), 4, "{}", render_all(&d));
}

#[test]
fn rendered_diagnostics_snapshot() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "summary:", "sumary:");
    p.edit(ERROR, "status: fixed", "status: mended");
    insta::assert_snapshot!(render_all(&p.build_fails()));
}

#[test]
fn no_prefix_of_an_entry_makes_the_build_panic() {
    // Cut a real entry at every few bytes (a half-saved file) and check each
    // version parses to either a model or diagnostics, never a panic.
    let p = TestPortal::minimal();
    let sources = glassbox::load::load_portal(p.path()).unwrap();
    let original = sources.systems[0].text.clone();
    let mut cuts = 0;
    for end in (0..original.len())
        .step_by(3)
        .filter(|&i| original.is_char_boundary(i))
    {
        let mut cut = sources.clone();
        cut.systems[0].text = original[..end].to_string();
        let (portal, diagnostics) = glassbox::model::build_portal(&cut, test_today());
        assert!(portal.is_some() || diagnostics.has_errors(), "cut at {end}");
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            assert!(d.file.is_some(), "cut at {end}: {} has no file", d.render());
        }
        cuts += 1;
    }
    assert!(cuts > 300);
}

#[test]
fn a_reference_with_nothing_close_suggests_nothing_misleading() {
    let p = TestPortal::minimal();
    p.edit(
        ERROR,
        "system: parking-cameras",
        "system: council-tax-checks",
    );
    let e = only(&p.build_fails(), "unknown-reference").clone();
    let help = e.help.unwrap();
    assert!(help.starts_with("no system has an id like this"), "{help}");
    assert!(!help.contains("parking-cameras"), "{help}");
}

#[test]
fn blank_text_is_not_a_value() {
    let p = TestPortal::minimal();
    p.edit(
        "content/pages/about.md",
        "title: About this portal",
        "title: \" \"",
    );
    let e = only(&p.build_fails(), "missing-value").clone();
    assert_eq!(location(&e), "content/pages/about.md:2:8");

    let p = TestPortal::minimal();
    p.edit(
        "content/challenges/ask-for-review.md",
        "contact:\n  email: review@testford.example\n",
        "contact:\n  phone: \"\"\n  email: review@testford.example\n",
    );
    let e = only(&p.build_fails(), "missing-value").clone();
    assert_eq!(location(&e), "content/challenges/ask-for-review.md:11:10");
}

#[test]
fn several_mistakes_in_one_file_are_all_reported() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "summary:", "sumary:");
    p.edit(SYSTEM, "benefits:", "benefit:");
    p.edit(SYSTEM, "review_by: 2027-04-30", "review_by: 2027-02-30");
    p.edit(SYSTEM, "model_type: machine-learning", "model_type: neural");
    let d = p.build_fails();
    let found: Vec<String> = d
        .iter()
        .filter(|e| e.is_error())
        .map(|e| format!("{} {}", e.code, location(e)))
        .collect();
    assert_eq!(
        found,
        [
            format!("unknown-field {SYSTEM}:3:1"),
            format!("invalid-value {SYSTEM}:22:13"),
            format!("unknown-field {SYSTEM}:23:1"),
            format!("invalid-date {SYSTEM}:43:12"),
        ],
        "{}",
        render_all(&d)
    );
}

#[test]
fn a_missing_nested_field_points_at_its_parent_key() {
    let p = TestPortal::minimal();
    p.edit(SYSTEM, "  can_override: true\n", "");
    let e = only(&p.build_fails(), "missing-field").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:11:1"));
    assert!(
        e.message.ends_with("under `human_oversight`"),
        "{}",
        e.message
    );
}

#[test]
fn monitoring_results_need_rows() {
    let p = TestPortal::minimal();
    let text = p.read(SYSTEM);
    let start = text.find("      rows:").unwrap();
    let end = text.find("started:").unwrap();
    p.write(
        SYSTEM,
        format!("{}      rows: []\n{}", &text[..start], &text[end..]),
    );
    let e = only(&p.build_fails(), "missing-value").clone();
    assert_eq!(location(&e), format!("{SYSTEM}:34:13"));
}

#[test]
fn base_url_may_not_have_a_query() {
    let p = TestPortal::minimal();
    p.edit(
        "content/portal.yaml",
        "base_url: https://ai.testford.example/",
        "base_url: https://ai.testford.example/ai?x=1",
    );
    let e = only(&p.build_fails(), "invalid-url").clone();
    assert_eq!(location(&e), "content/portal.yaml:5:11");
}

#[test]
fn old_mac_line_endings_are_read_as_lines() {
    let p = TestPortal::minimal();
    let text = p.read("content/pages/about.md").replace('\n', "\r");
    p.write("content/pages/about.md", text);
    p.build_ok();
    assert!(p.main_of("about/").contains("About this portal"));
}

#[test]
fn a_readme_in_an_entry_folder_is_not_an_entry() {
    let p = TestPortal::minimal();
    p.write(
        "content/systems/README.md",
        "Notes for the team about these files.\n",
    );
    let report = p.build_ok();
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        render_all(&report.diagnostics)
    );
}

#[test]
fn a_second_yaml_document_is_explained() {
    let p = TestPortal::minimal();
    let text = p.read("content/portal.yaml");
    p.write("content/portal.yaml", format!("{text}---\nmore: 1\n"));
    let e = only(&p.build_fails(), "yaml-syntax").clone();
    assert!(e.message.contains("second YAML document"), "{}", e.render());
}

#[test]
fn no_single_character_slip_makes_the_build_panic() {
    // Put a YAML-significant character at many places in a real entry (a
    // slip of the keyboard) and check each version gives a model or
    // diagnostics with a file, never a panic; this walks the error recovery.
    let p = TestPortal::minimal();
    let sources = glassbox::load::load_portal(p.path()).unwrap();
    let original = sources.systems[0].text.clone();
    let slips = [':', '-', ' ', '\t', '"', '[', '#', '&', '\n'];
    let mut tried = 0;
    for (n, (at, _)) in original
        .char_indices()
        .enumerate()
        .filter(|(n, _)| n % 4 == 0)
    {
        let slip = slips[n % slips.len()];
        let mut text = original.clone();
        text.insert(at, slip);
        let mut changed = sources.clone();
        changed.systems[0].text = text;
        let (portal, diagnostics) = glassbox::model::build_portal(&changed, test_today());
        assert!(
            portal.is_some() || diagnostics.has_errors(),
            "slip {slip:?} at {at}"
        );
        assert!(
            diagnostics.iter().all(|d| d.file.is_some()),
            "slip {slip:?} at {at}"
        );
        tried += 1;
    }
    assert!(tried > 250);
}

/// How many diagnostics of `code` there are.
fn count(d: &Diagnostics, code: &str) -> usize {
    d.iter().filter(|x| x.code == code).count()
}

/// Issue 25: a decision no member of staff checks reaches the resident as
/// the system made it, so it cannot work "behind the scenes".
#[test]
fn an_automatic_decision_about_residents_is_not_behind_the_scenes() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "automation: decides-with-review",
        "automation: decides-automatically",
    );
    // Left out, the page would say "Works behind the scenes".
    let d = p.build_fails();
    let e = only(&d, "resident-contact");
    assert!(e.is_error());
    assert_eq!(location(e), format!("{SYSTEM}:8:13"));
    assert!(
        e.help
            .as_deref()
            .unwrap()
            .contains("produces-what-you-receive")
    );
    // The summary's "A person checks every case" contradicts it too.
    let w = only(&d, "automation-summary");
    assert!(!w.is_error());
    assert_eq!(location(w), format!("{SYSTEM}:3:60"), "{}", w.render());
    assert!(w.message.contains("a person checks every"), "{}", w.message);

    p.edit(
        SYSTEM,
        "affects_residents_directly: true",
        "affects_residents_directly: true\nresident_contact: behind-the-scenes",
    );
    let e = only(&p.build_fails(), "resident-contact").clone();
    assert!(e.is_error());
    assert_eq!(location(&e), format!("{SYSTEM}:10:19"));

    p.edit(
        SYSTEM,
        "resident_contact: behind-the-scenes",
        "resident_contact: produces-what-you-receive",
    );
    p.edit(
        SYSTEM,
        "A person checks every case before a fine is sent.",
        "A person checks a sample of cases every week.",
    );
    let report = p.build_ok();
    assert_eq!(count(&report.diagnostics, "resident-contact"), 0);
    assert_eq!(count(&report.diagnostics, "automation-summary"), 0);
}

/// Issue 25: "Works behind the scenes" and a summary in which the system
/// writes to residents cannot both be true; a person writing is fine.
#[test]
fn a_summary_in_which_the_system_writes_to_you_is_not_behind_the_scenes() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "A person checks every case before a fine is sent.",
        "A person checks every case, and the system then sends you the fine.",
    );
    let report = p.build_ok();
    let w = only(&report.diagnostics, "resident-contact");
    assert!(!w.is_error());
    assert_eq!(location(w), format!("{SYSTEM}:3:99"), "{}", w.render());
    assert!(w.message.contains("sends you"), "{}", w.message);
    assert!(
        w.message.contains("when `resident_contact` is left out"),
        "{}",
        w.message
    );
    assert!(
        w.help
            .as_deref()
            .unwrap()
            .contains("an officer writes to you")
    );

    // Said of a person, the same words are no contradiction.
    p.edit(
        SYSTEM,
        "and the system then sends you",
        "and an officer then sends you",
    );
    assert_eq!(count(&p.build_ok().diagnostics, "resident-contact"), 0);

    // Nor when the entry says residents get what it makes.
    p.edit(
        SYSTEM,
        "and an officer then sends you",
        "and the system then sends you",
    );
    p.edit(
        SYSTEM,
        "affects_residents_directly: true",
        "affects_residents_directly: true\nresident_contact: produces-what-you-receive",
    );
    assert_eq!(count(&p.build_ok().diagnostics, "resident-contact"), 0);
}

/// Issue 25: a system residents meet is not one "you never see".
#[test]
fn a_system_residents_meet_is_not_one_they_never_see() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "affects_residents_directly: true",
        "affects_residents_directly: true\nresident_contact: talks-to-you",
    );
    p.edit(
        SYSTEM,
        "A person checks every case before a fine is sent.",
        "You never see it, as a person checks every case.",
    );
    let report = p.build_ok();
    let w = only(&report.diagnostics, "resident-contact");
    assert!(!w.is_error());
    assert_eq!(location(w), format!("{SYSTEM}:3:51"), "{}", w.render());
    assert!(w.message.contains("talks-to-you"), "{}", w.message);
}

/// Issue 25: "It does not suggest or make decisions about you" and a
/// summary in which the system decides cannot both be true.
#[test]
fn a_system_that_only_informs_staff_does_not_decide_in_its_summary() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "automation: decides-with-review",
        "automation: informs-staff\nresident_contact: behind-the-scenes",
    );
    p.edit(
        SYSTEM,
        "A person checks every case before a fine is sent.",
        "The system decides which drivers get a fine.",
    );
    let report = p.build_ok();
    let w = only(&report.diagnostics, "automation-summary");
    assert!(!w.is_error());
    assert_eq!(location(w), format!("{SYSTEM}:3:62"), "{}", w.render());
    assert!(
        w.message.contains("the system decides") && w.message.contains("informs-staff"),
        "{}",
        w.message
    );
    // A denial is not a claim.
    p.edit(
        SYSTEM,
        "The system decides which drivers get a fine.",
        "The system never decides who gets a fine.",
    );
    assert_eq!(count(&p.build_ok().diagnostics, "automation-summary"), 0);
    // A system that recommends may suggest, but not decide.
    p.edit(
        SYSTEM,
        "automation: informs-staff",
        "automation: recommends",
    );
    p.edit(
        SYSTEM,
        "The system never decides who gets a fine.",
        "The system suggests a fine and then approves it.",
    );
    let report = p.build_ok();
    let w = only(&report.diagnostics, "automation-summary");
    assert!(w.message.contains("approves"), "{}", w.message);
}

/// Issue 25: a system that "does not affect residents directly" does not
/// decide about them in its summary.
#[test]
fn a_system_that_does_not_affect_residents_does_not_decide_about_you() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "affects_residents_directly: true",
        "affects_residents_directly: false",
    );
    p.edit(
        SYSTEM,
        "A person checks every case before a fine is sent.",
        "It then approves your fine.",
    );
    let report = p.build_ok();
    let w = only(&report.diagnostics, "affects-residents");
    assert!(!w.is_error());
    assert_eq!(location(w), format!("{SYSTEM}:3:59"), "{}", w.render());
    // Deciding about something else is no contradiction.
    p.edit(
        SYSTEM,
        "It then approves your fine.",
        "It then approves the route.",
    );
    assert_eq!(count(&p.build_ok().diagnostics, "affects-residents"), 0);
}

/// Issue 25: the page says a resident can ask for a person to look at an
/// automatic decision again, so no reason can stand in for that route.
#[test]
fn an_automatic_decision_needs_a_route_not_a_reason() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "automation: decides-with-review",
        "automation: decides-automatically\nresident_contact: produces-what-you-receive",
    );
    p.edit(
        SYSTEM,
        "A person checks every case before a fine is sent.",
        "Officers check a sample.",
    );
    p.edit(
        SYSTEM,
        "challenge_routes:\n  - ask-for-review\n",
        "no_challenge_route_reason: Fines are challenged on the notice.\n",
    );
    p.edit(ERROR, "what_you_can_do:\n  - ask-for-review\n", "");
    let e = only(&p.build_fails(), "no-human-review").clone();
    assert!(e.is_error());
    assert_eq!(location(&e), format!("{SYSTEM}:25:28"));
    // A planned system needs no route yet.
    p.edit(SYSTEM, "status: in-use", "status: planned");
    p.edit(SYSTEM, "started: 2025-04-01\n", "");
    assert_eq!(count(&p.build_ok().diagnostics, "no-human-review"), 0);
}

/// Issue 25: an imported record's gaps hold the importer's placeholders,
/// not claims, so no rule on how residents meet a system reads them.
#[test]
fn gaps_of_an_imported_record_trip_no_resident_rule() {
    let p = TestPortal::minimal();
    p.edit(
        SYSTEM,
        "automation: decides-with-review",
        "automation: decides-automatically\nresident_contact: behind-the-scenes",
    );
    p.edit(
        SYSTEM,
        "affects_residents_directly: true",
        "affects_residents_directly: false",
    );
    p.edit(
        SYSTEM,
        "A person checks every case before a fine is sent.",
        "The system decides and then sends you the fine, approving your case.",
    );
    p.edit(
        SYSTEM,
        "lawful_basis:",
        "imported:\n  from: atrs\n  source_url: https://www.gov.uk/algorithmic-transparency-records/x\n  imported_on: 2026-08-01\n  gaps:\n    - summary\n    - automation\n    - affects_residents_directly\nlawful_basis:",
    );
    let report = p.build_ok();
    for code in [
        "resident-contact",
        "automation-summary",
        "affects-residents",
        "no-human-review",
    ] {
        assert_eq!(
            count(&report.diagnostics, code),
            0,
            "{code}: {}",
            render_all(&report.diagnostics)
        );
    }
    // Without the gaps, the same record trips them.
    p.edit(
        SYSTEM,
        "    - summary\n    - automation\n    - affects_residents_directly\n",
        "    - review_by\n",
    );
    let d = p.build_ok().diagnostics;
    assert_eq!(count(&d, "resident-contact"), 1, "{}", render_all(&d));
    assert_eq!(count(&d, "affects-residents"), 1, "{}", render_all(&d));
}

#[test]
fn each_system_whose_address_makes_too_dense_a_printed_code_is_named_in_a_warning() {
    let p = TestPortal::minimal();
    let text = p.read(SYSTEM);
    p.write("content/systems/bus-lane-cameras.md", &text);
    p.write("content/systems/zebra-crossing-cameras.md", &text);
    let warned = |p: &TestPortal| -> Vec<String> {
        p.build_ok()
            .diagnostics
            .iter()
            .filter(|d| d.code == "notice-qr")
            .map(|d| d.file.clone().unwrap_or_default())
            .collect()
    };
    assert_eq!(warned(&p), Vec::<String>::new());
    // An address of about 300 characters needs a code of 77 modules or more.
    let deep = format!("https://ai.testford.example/{}", "portal/".repeat(40));
    p.edit(
        "content/portal.yaml",
        "base_url: https://ai.testford.example/",
        &format!("base_url: {deep}"),
    );
    assert_eq!(
        warned(&p),
        [
            "content/systems/bus-lane-cameras.md",
            SYSTEM,
            "content/systems/zebra-crossing-cameras.md",
        ]
    );
}
