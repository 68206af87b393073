//! The accessibility statement made from portal.yaml, and language marking
//! of content in another language (WCAG 3.1.2).

use crate::support::*;

const PORTAL: &str = "content/portal.yaml";

const STATEMENT: &str = "
accessibility:
  status: partially-compliant
  country: northern-ireland
  known_issues:
    - problem: The map of pilot areas has no text version.
      criteria: [1.1.1 Non-text Content]
      fix_by: 2027-03-31
  prepared: 2026-10-01
  last_reviewed: 2026-11-01
  last_tested: 2026-10-20
  tested_by: our web team
";

fn with_statement(extra: &str) -> TestPortal {
    let p = TestPortal::minimal();
    let yaml = p.read(PORTAL) + STATEMENT + extra;
    p.write(PORTAL, yaml);
    p
}

#[test]
fn statement_is_generated_at_its_url_with_every_required_part() {
    let p = with_statement("");
    p.build_ok();
    let page = p.page("accessibility/");
    let main = main_html(&page);
    for part in [
        "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard",
        "The map of pilot areas has no text version.",
        "1.1.1 Non-text Content",
        "<time datetime=\"2027-03-31\">31 March 2027</time>",
        "Reporting accessibility problems",
        // Northern Ireland: ECNI enforces, not the EHRC.
        "Equality Commission for Northern Ireland (ECNI)",
        "https://www.equalityni.org/Home",
        "<time datetime=\"2026-10-20\">20 October 2026</time>",
        "our web team",
    ] {
        assert!(main.contains(part), "missing {part:?} in\n{main}");
    }
    assert!(!main.contains("EASS"), "{main}");
    // Listed in the footer of every page, and in the sitemap.
    assert!(p.page("").contains("href=\"/accessibility/\""));
    assert!(p.read("site/sitemap.xml").contains("/accessibility/</loc>"));
}

#[test]
fn england_points_to_the_ehrc_and_eass() {
    let p = with_statement("");
    p.edit(PORTAL, "country: northern-ireland", "country: england");
    p.build_ok();
    let main = p.main_of("accessibility/");
    assert!(
        main.contains("Equality and Human Rights Commission (EHRC)"),
        "{main}"
    );
    assert!(
        main.contains("https://www.equalityadvisoryservice.com/"),
        "{main}"
    );
}

#[test]
fn without_the_section_there_is_no_statement_page() {
    let p = TestPortal::minimal();
    p.build_ok();
    assert!(!p.site().join("accessibility/index.html").exists());
}

#[test]
fn fully_compliant_with_known_issues_is_an_error() {
    let p = with_statement("");
    p.edit(
        PORTAL,
        "status: partially-compliant",
        "status: fully-compliant",
    );
    let e = only(&p.build_fails(), "status-mismatch").clone();
    assert_eq!(e.file.as_deref(), Some(PORTAL));
    assert!(e.help.unwrap().contains("partially-compliant"));
}

#[test]
fn not_compliant_without_known_issues_is_an_error() {
    let p = with_statement("");
    let yaml = p.read(PORTAL);
    let start = yaml.find("  known_issues:").unwrap();
    let end = yaml.find("  prepared:").unwrap();
    p.write(PORTAL, format!("{}{}", &yaml[..start], &yaml[end..]));
    let e = only(&p.build_fails(), "missing-value").clone();
    assert!(e.message.contains("known_issues"), "{}", e.render());
}

#[test]
fn statement_fields_are_checked() {
    let p = with_statement("");
    p.edit(
        PORTAL,
        "country: northern-ireland",
        "country: northern-irland",
    );
    p.edit(PORTAL, "tested_by:", "tested_bye:");
    p.edit(
        PORTAL,
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2026-09-01",
    );
    let d = p.build_fails();
    let bad = only(&d, "invalid-value");
    assert!(
        bad.help.as_ref().unwrap().contains("`northern-ireland`"),
        "{}",
        bad.render()
    );
    assert!(
        only(&d, "unknown-field")
            .help
            .as_ref()
            .unwrap()
            .contains("`tested_by`")
    );
}

#[test]
fn review_before_preparation_is_an_error() {
    let p = with_statement("");
    p.edit(
        PORTAL,
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2026-09-01",
    );
    let e = only(&p.build_fails(), "invalid-date").clone();
    assert!(location(&e).starts_with(PORTAL), "{}", e.render());
}

#[test]
fn a_page_cannot_take_the_statement_address() {
    let p = with_statement("");
    p.write(
        "content/pages/accessibility.md",
        "---\ntitle: Accessibility\n---\n\nHand-written.\n",
    );
    let e = only(&p.build_fails(), "reserved-id").clone();
    assert_eq!(e.file.as_deref(), Some("content/pages/accessibility.md"));
}

#[test]
fn other_languages_are_marked_on_the_element() {
    let p = TestPortal::minimal();
    p.write(
        "content/pages/cymraeg.md",
        "---\ntitle: Welsh\n---\n\n## Croeso {lang=cy}\n\nMae croeso i chi. {lang=cy}\n\nIn English.\n",
    );
    p.build_ok();
    let page = p.page("cymraeg/");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    let main = main_html(&page);
    assert!(main.contains("lang=\"cy\">Croeso</h2>"), "{main}");
    assert!(
        main.contains("<p lang=\"cy\">Mae croeso i chi.</p>"),
        "{main}"
    );
    assert!(main.contains("<p>In English.</p>"), "{main}");
}

#[test]
fn an_entry_in_another_language_carries_lang_on_its_content() {
    let p = TestPortal::minimal();
    p.write(
        "content/pages/cymraeg.md",
        "---\ntitle: Gwybodaeth yn Gymraeg\nlang: cy\n---\n\nMae croeso i chi.\n",
    );
    p.build_ok();
    let page = p.page("cymraeg/");
    // The entry's own text is marked; <main> stays in the portal's language.
    assert!(
        page.contains("<main id=\"main-content\" class=\"main\" tabindex=\"-1\">"),
        "{page}"
    );
    let main = main_html(&page);
    assert!(
        main.contains("<h1 class=\"heading-xl\" lang=\"cy\">Gwybodaeth yn Gymraeg</h1>"),
        "{main}"
    );
    assert!(main.contains("<div class=\"prose\" lang=\"cy\">"), "{main}");
}

#[test]
fn a_system_in_another_language_marks_its_text_not_the_themes_headings() {
    let p = TestPortal::minimal();
    let system = p.read("content/systems/parking-cameras.md");
    p.write(
        "content/systems/parking-cameras.md",
        system.replacen("---\n", "---\nlang: nl\n", 1),
    );
    p.build_ok();
    let doc = scraper::Html::parse_document(&p.page("systems/parking-cameras/"));
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert!(doc.select(&sel("main[lang]")).next().is_none());
    let h1 = doc.select(&sel("main h1")).next().unwrap();
    assert_eq!(h1.value().attr("lang"), Some("nl"));
    // The theme's headings and table labels carry no lang of their own and
    // sit in no element marked Dutch.
    for heading in doc.select(&sel("main h2, main .table__label, main .summary-list__key")) {
        let marked = heading
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .any(|e| e.value().attr("lang") == Some("nl"))
            || heading.value().attr("lang").is_some();
        assert!(!marked, "{}", heading.html());
    }
    let summary = doc.select(&sel("#summary")).next().unwrap();
    assert_eq!(summary.value().attr("lang"), Some("nl"));
}
