//! Bidirectional control characters in names and titles (issue 26): a
//! right-to-left override (U+202E) left open in a system name must not turn
//! the rest of a heading, a `<title>`, the notice, the staff snippet or a
//! feed backwards. `check` warns about it at its file, line and column, and
//! every page shows such text in an isolate of its own.
//!
//! The fixture `tests/fixtures/bidi/` is the minimal portal with a system
//! name holding an unterminated U+202E as it is, an error title holding one
//! written as a YAML escape, and a challenge route title with a balanced
//! right-to-left isolate around Hebrew words.

use std::process::Command;

use scraper::{Html, Node};

use crate::support::*;

const RLO: char = '\u{202E}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';
const PDF: char = '\u{202C}';

/// The system name as the fixture writes it, and as the site must show it.
const NAME: &str = "Parking \u{202E}cameras";
const ISOLATED: &str = "\u{2068}Parking \u{202E}cameras\u{202C}\u{2069}";

fn glassbox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .output()
        .unwrap()
}

/// What stays open at the end of `text` once its controls are paired as the
/// Unicode Bidirectional Algorithm pairs them (a PDF closes the latest
/// embedding or override if no isolate was opened after it; a PDI closes
/// the latest isolate and what was opened inside it), and how many closers
/// close nothing there. Written apart from glassbox's own pairing.
fn unbalanced(text: &str) -> (usize, usize) {
    let mut open: Vec<bool> = Vec::new(); // true for an isolate
    let mut stray = 0;
    for c in text.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(false),
            '\u{2066}' | '\u{2067}' | '\u{2068}' => open.push(true),
            PDF => {
                if open.last() == Some(&false) {
                    open.pop();
                } else {
                    stray += 1;
                }
            }
            PDI => match open.iter().rposition(|&isolate| isolate) {
                Some(at) => open.truncate(at),
                None => stray += 1,
            },
            _ => {}
        }
    }
    (open.len(), stray)
}

/// Every text node and attribute value of an HTML page, and every piece of
/// text between tags of an XML file, that has a bidirectional control.
fn texts_with_controls(path: &str, content: &str) -> Vec<String> {
    let has = |t: &str| {
        t.chars()
            .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
    };
    let mut out = Vec::new();
    if path.ends_with(".html") {
        let doc = Html::parse_document(content);
        for node in doc.tree.nodes() {
            match node.value() {
                Node::Text(t) if has(t) => out.push(t.to_string()),
                Node::Element(e) => {
                    out.extend(e.attrs().map(|(_, v)| v.to_string()).filter(|v| has(v)))
                }
                _ => {}
            }
        }
    } else {
        for piece in content.split(['<', '>']) {
            if has(piece) {
                out.push(piece.to_string());
            }
        }
    }
    out
}

#[test]
fn check_warns_about_bidi_controls_in_names_and_titles_with_their_place() {
    let p = TestPortal::from_fixture("bidi");
    let path = p.path().to_str().unwrap();
    let out = glassbox(&["check", path, "--today", "2026-11-26", "--format", "json"]);
    // Warnings: the portal still passes, unless warnings are denied.
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "bidi-control")
        .map(|d| {
            assert_eq!(d["severity"], "warning");
            (
                format!(
                    "{}:{}:{}",
                    d["file"].as_str().unwrap(),
                    d["line"],
                    d["column"]
                ),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    let places: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
    assert_eq!(
        places,
        [
            // Just after "(", at the right-to-left isolate.
            "content/challenges/ask-for-review.md:2:47",
            // Written as the escape "\u202E": the value's start.
            "content/errors/wrong-bay.md:3:8",
            // At the override itself, after "name: Parking ".
            "content/systems/parking-cameras.md:2:15",
        ]
    );
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert!(messages[2].starts_with("the system name has an invisible right-to-left override character (U+202E) that is never ended"), "{}", messages[2]);
    assert!(
        messages[1].starts_with("the error's title has"),
        "{}",
        messages[1]
    );
    assert!(
        !messages[0].contains("never ended"),
        "a balanced isolate: {}",
        messages[0]
    );
    // No message carries the character itself.
    assert!(messages.iter().all(|m| !m.contains(RLO)));

    // In the terminal, the line is shown with the character as its code and
    // the caret under it, so the line cannot be turned around either.
    let out = glassbox(&["check", path, "--today", "2026-11-26"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("warning[bidi-control]: the system name has"),
        "{text}"
    );
    assert!(
        text.contains(" --> content/systems/parking-cameras.md:2:15\n"),
        "{text}"
    );
    assert!(
        text.contains("2 | name: Parking <U+202E>cameras\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("  | {}^^^^^^^^\n", " ".repeat(14))),
        "{text}"
    );
    assert!(text.contains("= help: delete it"), "{text}");
    // Names in the rest of the report are shown the same way.
    assert!(text.contains("%  Parking <U+202E>cameras\n"), "{text}");
    assert!(!text.contains(RLO), "{text}");

    let out = glassbox(&["check", path, "--today", "2026-11-26", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_override_left_open_in_a_name_cannot_reach_the_words_after_it() {
    let p = TestPortal::from_fixture("bidi");
    let report = p.build_ok();
    assert_eq!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "bidi-control")
            .count(),
        3
    );

    // The system page: the heading is the name, isolated, and the page
    // title isolates it before " – " and the portal's name.
    let page = p.page("systems/parking-cameras/");
    let doc = Html::parse_document(&page);
    let text_of = |doc: &Html, css: &str| {
        let sel = scraper::Selector::parse(css).unwrap();
        doc.select(&sel)
            .next()
            .unwrap_or_else(|| panic!("no {css}"))
            .text()
            .collect::<String>()
    };
    assert_eq!(text_of(&doc, "h1"), ISOLATED);
    let title = text_of(&doc, "title");
    assert!(title.starts_with(&format!("{ISOLATED} – ")), "{title:?}");
    assert!(page.contains(&format!("{ISOLATED}</h1>")));

    // Home page, the list of systems, the printable notice, the snippet
    // for staff (the page and the code it offers) and the staff page.
    let notice = p.page("systems/parking-cameras/notice/");
    assert!(
        notice.contains(&format!("<strong>{ISOLATED}</strong> in this service.")),
        "notice"
    );
    let snippet_page = p.page("systems/parking-cameras/notice/snippet/");
    assert!(snippet_page.contains(&format!("Tell people that {ISOLATED} is used</h1>")));
    assert!(snippet_page.contains(&format!("a computer system, {ISOLATED}, in this service.")));
    assert!(snippet_page.contains(&format!("Read how {ISOLATED} works and who checks it")));
    for url in ["", "systems/", "staff/"] {
        assert!(p.page(url).contains(ISOLATED), "/{url}");
    }

    // The feeds: every title with the name isolates it.
    for feed in ["feed.xml", "systems/parking-cameras/feed.xml"] {
        let xml = p.page(feed);
        assert!(xml.contains(&format!("Changed: {ISOLATED}")), "{feed}");
        assert!(!xml.contains(&format!("{NAME}<")), "{feed}");
    }
    let errors_feed = p.page("errors/feed.xml");
    assert!(errors_feed.contains(&format!(
        "Published error: {FSI}Camera zone {RLO}reached into a disabled bay{PDF}{PDI}"
    )));

    // The balanced isolate of the challenge route is kept as written.
    let route = p.page("challenge/ask-for-review/");
    assert!(route.contains(&format!(
        "{FSI}Ask for a person to review a decision (\u{2067}\u{05d1}\u{05e7}\u{05e9}\u{05d4}{PDI}){PDI}</h1>"
    )));

    // Everywhere: every text node and attribute of every page, and every
    // text of every feed and sitemap, that has a control closes each one it
    // opens and closes nothing it did not open, so nothing in it can
    // reorder the words around it; and the name never appears bare.
    let mut checked = 0;
    for (path, bytes) in tree(&p.site()) {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let content = String::from_utf8(bytes).unwrap();
        for text in texts_with_controls(&path, &content) {
            checked += 1;
            assert_eq!(unbalanced(&text), (0, 0), "{path}: {text:?}");
            if let Some(at) = text.find(RLO) {
                assert!(text[..at].contains(FSI), "{path}: {text:?}");
            }
        }
    }
    assert!(
        checked > 30,
        "only {checked} texts with a control were found"
    );
}

#[test]
fn a_web_address_with_a_bidi_control_is_refused() {
    let p = TestPortal::minimal();
    p.edit(
        "content/portal.yaml",
        "    url: https://www.testford.example/",
        "    url: https://www.testford.example/\u{202E}fdp.exe",
    );
    let d = p.build_fails();
    let problem = only(&d, "invalid-url");
    assert_eq!(location(problem), "content/portal.yaml:23:10");
    assert!(
        problem.message.contains("invisible character"),
        "{}",
        problem.message
    );
    assert!(!problem.message.contains(RLO));
}

#[test]
fn names_without_controls_are_left_exactly_as_they_are() {
    let p = TestPortal::minimal();
    let report = p.build_ok();
    assert!(report.diagnostics.iter().all(|d| d.code != "bidi-control"));
    for (path, bytes) in tree(&p.site()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains([FSI, PDI, PDF]), "{path} gained a control");
    }
}

#[test]
fn an_organisation_name_is_isolated_inside_the_default_portal_title() {
    let p = TestPortal::minimal();
    p.edit(
        "content/portal.yaml",
        "  name: Testford Council",
        "  name: Testford \u{202E}Council",
    );
    let report = p.build_ok();
    let warning = only(&report.diagnostics, "bidi-control");
    assert_eq!(location(warning), "content/portal.yaml:2:18");
    assert!(warning.message.starts_with("the organisation's name has"));
    // The title the portal gets when it gives none: "<organisation> AI
    // transparency portal", with the words after the name outside its
    // isolate, in every page's <title> and header.
    let home = p.page("");
    let isolated = format!("{FSI}Testford {RLO}Council{PDF}{PDI} AI transparency portal");
    assert!(home.contains(&format!("<title>{FSI}{isolated}{PDI}</title>")));
    assert!(home.contains(&format!(
        "<h1 class=\"heading-xl\">{FSI}{isolated}{PDI}</h1>"
    )));
    for (path, bytes) in tree(&p.site()) {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let content = String::from_utf8(bytes).unwrap();
            for text in texts_with_controls(&path, &content) {
                assert_eq!(unbalanced(&text), (0, 0), "{path}: {text:?}");
            }
        }
    }
}
