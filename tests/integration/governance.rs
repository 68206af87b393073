//! Governance, training, contract terms, reviews and engagement (issue 15).

use std::path::Path;

use glassbox::render::exports::{self as export, Standard};

use crate::support::*;

fn example_model() -> glassbox::model::Portal {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = glassbox::load::load_portal(dir).unwrap();
    let (portal, d) = glassbox::model::build_portal(&sources, test_today());
    portal.unwrap_or_else(|| panic!("portal has errors:\n{}", render_all(&d)))
}

#[test]
fn the_example_atrs_export_gives_training_for_every_system() {
    let portal = example_model();
    let (_files, records) = export::export(&portal, Standard::Atrs);
    assert_eq!(records.len(), 12);
    for r in &records {
        assert!(
            !r.empty.contains(&"required_training".to_string()),
            "{} has no required_training",
            r.id
        );
    }
    let (files, _) = export::export(&portal, Standard::Atrs);
    let json: serde_json::Value = serde_json::from_slice(&files["atrs.json"]).unwrap();
    let rec = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Metadata"]["id"] == "blue-badge-renewal-check")
        .unwrap();
    let training = rec["Tier 2: 3 Oversight"]["required_training"]
        .as_str()
        .unwrap();
    assert!(
        training.starts_with("Blue Badge assessment officers: ")
            && training.ends_with(", last given 2026-03-10."),
        "{training}"
    );
    // The supplier's data terms are ATRS 1.7.
    let rec = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Metadata"]["id"] == "letter-translation")
        .unwrap();
    let terms = rec["Tier 2: 1 Owner and responsibility"]["data_access_terms"].to_string();
    assert!(terms.contains("deleted after 7 days"), "{terms}");
}

#[test]
fn a_system_page_shows_training_and_the_contract_terms() {
    let p = TestPortal::example();
    p.build_ok();
    let main = p.main_of("systems/letter-translation/");
    assert!(main.contains("Training for staff who use it"), "{main}");
    assert!(main.contains("Customer services officers who send translated letters"));
    assert!(main.contains(r#"<time datetime="2026-02-16">"#), "{main}");
    assert!(
        main.contains("What the supplier&#39;s contract says")
            || main.contains("What the supplier's contract says")
    );
    assert!(main.contains("deleted after 7 days"));
    // No supplier, no contract section; training still shown.
    let main = p.main_of("systems/school-place-forecasting/");
    assert!(!main.contains("contract says"));
    assert!(main.contains("School place planning officers"));
}

#[test]
fn a_contract_term_left_out_says_the_contract_does_not_say() {
    let p = TestPortal::example();
    p.edit(
        "content/systems/letter-translation.md",
        "  bias_testing: >-\n    Lingomere must report how often its professional translators correct the\n    machine translation, for each language, every 3 months.\n",
        "",
    );
    p.edit(
        "content/systems/school-place-forecasting.md",
        "training:\n  - staff: School place planning officers\n    what: >-\n      How the forecast is made, how uncertain it is, and how to explain the\n      range of likely numbers to councillors and schools.\n    how_often: When they join the team\n    last_given: 2025-11-04\n",
        "",
    );
    p.build_ok();
    let main = p.main_of("systems/letter-translation/");
    assert!(main.contains("The contract does not say."), "{main}");
    let main = p.main_of("systems/school-place-forecasting/");
    assert!(main.contains("We have not published the training staff get"));
}

#[test]
fn a_training_item_needs_staff_what_and_how_often() {
    let p = TestPortal::example();
    p.edit(
        "content/systems/school-place-forecasting.md",
        "    how_often: When they join the team\n",
        "",
    );
    let d = p.build_fails();
    let text = render_all(&d);
    assert!(text.contains("how_often"), "{text}");
    assert!(text.contains("school-place-forecasting.md:"), "{text}");
}

#[test]
fn the_governance_page_is_published_and_linked_from_the_footer_and_each_system() {
    let p = TestPortal::example();
    p.build_ok();
    let main = p.main_of("governance/");
    assert!(
        main.contains("Director of Corporate Resources, Amira Okafor"),
        "{main}"
    );
    assert!(main.contains("Two residents from the Eastmere Residents"));
    assert!(
        main.contains(r#"href="https://www.eastmere.example/council/ai-ethics-group-minutes""#)
    );
    assert!(main.contains("When a person must decide"));
    assert!(main.contains(r#"<time datetime="2026-04-01">"#));
    let home = p.page("");
    assert!(
        home.contains(r#"href="/governance/""#),
        "the footer links to it"
    );
    for s in ["letter-translation", "school-place-forecasting"] {
        let main = p.main_of(&format!("systems/{s}/"));
        assert!(main.contains(r#"href="/governance/""#), "{s}");
    }
}

#[test]
fn without_a_governance_section_there_is_no_page_and_no_link() {
    let p = TestPortal::minimal();
    p.build_ok();
    assert!(!p.site().join("governance/index.html").exists());
    assert!(!p.page("").contains("/governance/"));
}

#[test]
fn a_governance_policy_address_must_be_a_web_address() {
    let p = TestPortal::example();
    p.edit(
        "content/portal.yaml",
        "url: https://www.eastmere.example/documents/ai-policy.pdf",
        "url: documents/ai-policy.pdf",
    );
    let d = p.build_fails();
    let text = render_all(&d);
    assert!(text.contains("content/portal.yaml:"), "{text}");
}

#[test]
fn check_advises_when_a_system_records_no_training() {
    let p = TestPortal::minimal();
    let clean = glassbox::commands::check::check(&p.options()).unwrap();
    assert!(!clean.diagnostics.iter().any(|d| d.code == "no-training"));
    p.edit(
        "content/systems/parking-cameras.md",
        "training:\n  - staff: Parking enforcement officers\n    what: How to check each camera event before a penalty is sent.\n    how_often: When they join, then every year\n    last_given: 2026-06-01\n",
        "",
    );
    let report = glassbox::commands::check::check(&p.options()).unwrap();
    let d = only(&report.diagnostics, "no-training");
    assert_eq!(location(d), "content/systems/parking-cameras.md:2:1");
    // A build does not give the advice: only `check` does.
    assert!(
        !p.build_ok()
            .diagnostics
            .iter()
            .any(|d| d.code == "no-training")
    );
}
