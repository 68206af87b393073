//! Unknown is never "no": where an imported record leaves a field empty,
//! every page, facet, notice and open data file says it is not known, and
//! no page claims there is no way to challenge. System pages put what a
//! resident needs first and fold the full record.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::*;

/// The minimal portal with the ATRS sample imported into it.
fn imported_portal() -> TestPortal {
    let p = TestPortal::minimal();
    let out = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args([
            "import",
            "atrs",
            fixture("import/govuk_atrs_search_sample.json")
                .to_str()
                .unwrap(),
            "--into",
            p.path().to_str().unwrap(),
            "--today",
            "2026-11-26",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    p.build_ok();
    p
}

const NEWCASTLE: &str =
    "newcastle-city-council-aws-contact-centre-services-amazon-q-and-contact-lens";

fn text_of(html: &str) -> String {
    scraper::Html::parse_fragment(html)
        .root_element()
        .text()
        .collect::<String>()
}

#[test]
fn an_empty_field_is_not_known_on_every_page() {
    let p = imported_portal();
    let main = p.main_of(&format!("systems/{NEWCASTLE}/"));
    let text = text_of(&main);
    for claim in [
        "There is no special way",
        "Works behind the scenes",
        "does not suggest or make decisions",
        "Gives staff information",
        "Does not affect residents",
    ] {
        assert!(!text.contains(claim), "the page claims {claim:?}:\n{text}");
    }
    // The gaps are said once, near the top, with how complete the record is.
    assert_eq!(
        main.matches(">This record does not say</h2>").count(),
        1,
        "{main}"
    );
    assert!(text.contains("whether it affects residents directly"));
    assert!(text.contains("main details of a record: our copy of the original record"));
    assert!(!text.contains("Not given in the source record"), "{text}");
    // The challenge box is there, says the record does not say, and offers
    // the portal's general route.
    let box_start = main.find("id=\"challenge-box\"").expect("a challenge box");
    let challenge_box = &main[box_start..main[box_start..].find("</section>").unwrap() + box_start];
    assert!(
        challenge_box.contains("This record does not say whether this system affects residents")
    );
    assert!(
        challenge_box.contains("/challenge/ask-for-review/"),
        "{challenge_box}"
    );

    // The notice says what it does is not known, never that it only informs staff.
    let notice = text_of(&p.main_of(&format!("systems/{NEWCASTLE}/notice/")));
    assert!(
        notice.contains("Not known whether it suggests or makes decisions"),
        "{notice}"
    );
    assert!(!notice.contains("does not suggest or make decisions"));
    assert!(
        notice.contains("Ask for a review") || notice.contains("review"),
        "{notice}"
    );
}

#[test]
fn facets_and_open_data_count_unknown_apart() {
    let p = imported_portal();
    let site = p.site();
    // Its own facet value, never "no".
    let not_known = p.main_of("browse/affects-residents/not-known/");
    assert!(not_known.contains(NEWCASTLE), "listed as not known");
    let no = site.join("browse/affects-residents/no/index.html");
    if no.exists() {
        assert!(!fs::read_to_string(&no).unwrap().contains(NEWCASTLE));
    }
    assert!(
        p.main_of("browse/")
            .contains("Not known whether it affects residents directly")
    );
    assert!(site.join("browse/automation/not-known/index.html").exists());
    assert!(
        site.join("browse/personal-data/not-known/index.html")
            .exists()
    );
    // The example portal knows every value: no "not known" value is listed.
    let example = TestPortal::example();
    example.build_ok();
    assert!(!example.main_of("browse/").contains("Not known"));

    // CSV: an empty cell, never "false". JSON search index: null.
    let csv = fs::read_to_string(site.join("register.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[col("id")] == NEWCASTLE)
        .unwrap();
    for name in [
        "affects_residents_directly",
        "automation",
        "uses_personal_data",
        "review_by",
    ] {
        assert_eq!(&row[col(name)], "", "{name} is not known");
    }
    let index = fs::read_to_string(site.join("search.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&index).unwrap();
    let row = v["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == NEWCASTLE)
        .unwrap();
    assert!(row[5].is_null() && row[6].is_null(), "{row}");
}

#[test]
fn a_system_page_puts_the_resident_first_and_folds_the_record() {
    let p = TestPortal::example();
    p.build_ok();
    let systems =
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/systems")).unwrap();
    for entry in systems {
        let id = entry
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let main = p.main_of(&format!("systems/{id}/"));
        // The full record is folded into sections that open with a tap.
        assert!(
            main.matches("<details class=\"record-section\">").count() >= 6,
            "{id}"
        );
        // No route is listed twice on the page.
        for (at, _) in main.match_indices("href=\"/challenge/") {
            let href = &main[at..at + main[at..].find("\">").unwrap()];
            if href == "href=\"/challenge/" {
                continue;
            }
            assert_eq!(
                main.matches(&format!("{href}\"")).count(),
                1,
                "{id}: {href} twice"
            );
        }
        // The summary, the box and how it affects you come before the record.
        let summary = main.find("id=\"summary\"").unwrap();
        let affects = main.find("id=\"how-it-affects-you\"").unwrap();
        let record = main.find("id=\"record\"").unwrap();
        assert!(summary < affects && affects < record, "{id}");
        if let Some(b) = main.find("id=\"challenge-box\"") {
            assert!(summary < b && b < affects, "{id}");
        }
    }
    // The box opens with the route whose deadline is strict and shortest:
    // the Council Tax appeal's 2 months, not the explanation's soft month.
    let main = p.main_of("systems/single-person-discount-review/");
    let b = &main[main.find("id=\"challenge-box\"").unwrap()..];
    let b = &b[..b.find("</section>").unwrap()];
    assert!(b.contains("/challenge/council-tax-appeal/"), "{b}");
    assert!(b.contains("Time limit: 2 months"), "{b}");
    assert!(b.contains("other ways to challenge it"), "{b}");
}
