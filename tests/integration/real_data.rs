//! The issue-25 scenario on real register data: a portal made with the
//! example's settings, the 142 GOV.UK ATRS and 1,530 Dutch register records
//! in `../shared/research/data` imported into it, then built. Nothing the
//! sources did not say is published as a fact, the build's output stays
//! short, no two system links share their text, and every page the home
//! page links to stays small. Skipped, with a message, where the data is
//! not beside the repository.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

fn data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/research/data");
    dir.join("uk-atrs").is_dir().then_some(dir)
}

fn glassbox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn real_records_publish_only_what_they_say() {
    let Some(data) = data() else {
        eprintln!("skipped: ../shared/research/data is not beside the repository");
        return;
    };
    let p = TestPortal::minimal();
    let dir = p.path().to_str().unwrap().to_string();
    for (format, file) in [
        ("atrs", "uk-atrs/govuk_atrs_search_snapshot_2026-08-17.json"),
        (
            "nl",
            "nl-algoritmeregister/algoritmeregister_listing_2026-08-08.json",
        ),
    ] {
        let out = glassbox(&[
            "import",
            format,
            data.join(file).to_str().unwrap(),
            "--into",
            &dir,
            "--today",
            "2026-11-26",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = glassbox(&["build", &dir, "--today", "2026-11-26"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.lines().count() <= 200,
        "{} lines",
        stderr.lines().count()
    );

    let site = p.site();
    let mut pages = Vec::new();
    collect(&site, &mut pages);
    let mut link_texts: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let anchor = scraper::Selector::parse("a[href]").unwrap();
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        let rel = page
            .strip_prefix(&site)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let imported_page =
            rel.starts_with("systems/") && !rel.starts_with("systems/parking-cameras/");
        if imported_page {
            for claim in [
                "There is no special way",
                "Works behind the scenes",
                "does not suggest or make decisions",
                "Not given in the source record",
            ] {
                assert!(!html.contains(claim), "{rel} claims {claim:?}");
            }
        }
        let doc = scraper::Html::parse_document(&html);
        for a in doc.select(&anchor) {
            let href = a.value().attr("href").unwrap();
            let Some(id) = href.strip_prefix("/systems/") else {
                continue;
            };
            let id = id.trim_end_matches('/');
            // System pages only: not their JSON, feeds or list pages.
            if id.is_empty() || id.contains('/') || id.contains('.') || id.starts_with("page") {
                continue;
            }
            let text = a
                .text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            link_texts.entry(text).or_default().insert(id.to_string());
        }
    }
    let shared: Vec<_> = link_texts
        .iter()
        .filter(|(_, ids)| ids.len() > 1)
        .take(5)
        .collect();
    assert!(
        shared.is_empty(),
        "system links that share their text: {shared:?}"
    );

    // Every page the home page links to is under 300 KB.
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    let doc = scraper::Html::parse_document(&home);
    for a in doc.select(&anchor) {
        let href = a.value().attr("href").unwrap();
        if !href.starts_with('/') || href.starts_with("//") {
            continue;
        }
        let path = href.split('#').next().unwrap().trim_start_matches('/');
        let file = if path.is_empty() || path.ends_with('/') {
            site.join(path).join("index.html")
        } else {
            site.join(path)
        };
        let size = fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        assert!(size <= 300 * 1024, "{href} is {} KB", size / 1024);
    }
    // The home page lists a dozen areas at most, then all of them A to Z.
    assert!(home.contains("/browse/service/\""), "a link to every area");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}
