//! Issue 25, "figures and text": rates on /how-we-are-doing/ never pass
//! 100 %, the newest quarter comes first with the definitions by the table,
//! the open data page lists figures.csv and folds its column lists, code
//! names break only at `_`, and error cards lead with the error's title.

use scraper::{ElementRef, Html, Selector};

use crate::support::*;

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The minimal portal with figures for three quarters: in 2026-Q2 more
/// concerns were resolved than raised, and in 2026-Q1 challenges were
/// upheld although none came in.
fn portal_with_figures() -> TestPortal {
    let p = TestPortal::minimal();
    p.write(
        "content/portal.yaml",
        p.read("content/portal.yaml")
            + "how_we_are_doing:\n  \
               - quarter: 2025-Q4\n    concerns_raised: 4\n    concerns_resolved: 3\n    challenges_received: 12\n    challenges_upheld: 5\n  \
               - quarter: 2026-Q2\n    concerns_raised: 2\n    concerns_resolved: 3\n    challenges_received: 10\n    challenges_upheld: 1\n  \
               - quarter: 2026-Q1\n    concerns_raised: 1\n    concerns_resolved: 1\n    challenges_received: 0\n    challenges_upheld: 2\n",
    );
    p.build_ok();
    p
}

/// The cells of the quarters table, without the labels a stacked table
/// shows on a phone.
fn table_rows(doc: &Html) -> Vec<Vec<String>> {
    let label = Selector::parse(".table__label").unwrap();
    select(doc, "tbody tr")
        .iter()
        .map(|r| {
            r.children()
                .filter_map(ElementRef::wrap)
                .map(|cell| {
                    let labels: String = cell.select(&label).flat_map(|l| l.text()).collect();
                    let all: String = cell.text().collect();
                    all.strip_prefix(labels.as_str())
                        .unwrap()
                        .trim()
                        .to_string()
                })
                .collect()
        })
        .collect()
}

#[test]
fn rates_never_pass_100_percent_and_the_newest_quarter_comes_first() {
    let p = portal_with_figures();
    let html = p.page("how-we-are-doing/");
    let doc = Html::parse_document(&html);
    assert_eq!(
        table_rows(&doc),
        [
            // The fixture's error was found in 2026-06.
            [
                "April to June 2026",
                "2",
                "3, at least 1 of them raised in an earlier quarter",
                "10",
                "1 of 10 (10%)",
                "1"
            ],
            [
                "January to March 2026",
                "1",
                "1 of 1 (100%)",
                "0",
                "2, all received in earlier quarters",
                "0"
            ],
            [
                "October to December 2025",
                "4",
                "3 of 4 (75%)",
                "12",
                "5 of 12 (42%)",
                "0"
            ],
        ]
    );
    // No share anywhere on the page is over 100 %.
    let shares = regex_lite_percentages(&html);
    assert!(!shares.is_empty());
    assert!(shares.iter().all(|&n| n <= 100), "{shares:?}");
    let caption = text(&select(&doc, "caption")[0]);
    assert!(caption.ends_with("newest first"), "{caption}");
    // The chart follows the table's order.
    let groups: Vec<String> = select(&doc, ".bar-chart__label").iter().map(text).collect();
    assert_eq!(
        groups,
        [
            "April to June 2026",
            "January to March 2026",
            "October to December 2025"
        ]
    );
}

/// The numbers directly before a `%` in the page's text.
fn regex_lite_percentages(html: &str) -> Vec<u64> {
    let doc = Html::parse_document(html);
    let body: String = select(&doc, "main")[0].text().collect();
    let mut out = Vec::new();
    for (i, _) in body.match_indices('%') {
        let digits: String = body[..i]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if let Ok(n) = digits.parse() {
            out.push(n);
        }
    }
    out
}

#[test]
fn the_definitions_sit_right_by_the_table() {
    let p = portal_with_figures();
    let doc = Html::parse_document(&p.page("how-we-are-doing/"));
    // The element right after the table is the heading of the definitions,
    // then the definitions; the chart comes after them.
    let next = select(&doc, ".table-scroll + h2");
    assert_eq!(next.len(), 1);
    assert_eq!(text(&next[0]), "What the figures mean");
    assert_eq!(select(&doc, ".table-scroll + h2 + dl.glossary").len(), 1);
    let terms: Vec<String> = select(&doc, "dl.glossary dt").iter().map(text).collect();
    assert_eq!(
        terms,
        [
            "Concerns raised by staff",
            "Concerns resolved",
            "Challenges received",
            "Challenges upheld",
            "Errors published"
        ]
    );
    let resolved = text(&select(&doc, "dl.glossary dd")[1]);
    assert!(resolved.contains("whenever they were raised"), "{resolved}");
    assert!(!resolved.contains("over 100"), "{resolved}");
}

#[test]
fn figures_csv_matches_the_page_and_is_listed_on_open_data() {
    let p = portal_with_figures();
    let csv = p.read("site/how-we-are-doing/figures.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "quarter,partial,concerns_raised_by_staff,concerns_resolved,challenges_received,challenges_upheld,errors_published",
            "April to June 2026,false,2,3,10,1,1",
            "January to March 2026,false,1,1,0,2,0",
            "October to December 2025,false,4,3,12,5,0",
        ]
    );
    let doc = Html::parse_document(&p.page("open-data/"));
    let link = select(
        &doc,
        "#downloads + ul a[href$=\"how-we-are-doing/figures.csv\"]",
    );
    assert_eq!(link.len(), 1);
    // Its columns are documented, every one of the file's, in order.
    let columns: Vec<String> = select(&doc, "#figures-csv-caption ~ tbody th code")
        .iter()
        .map(text)
        .collect();
    assert_eq!(columns.join(","), lines[0]);
    // The download's "What each field holds" leads to them.
    assert_eq!(
        select(&doc, "a[href=\"#figures-csv\"]").len(),
        1,
        "link to the columns"
    );
    assert_eq!(select(&doc, "h2#figures-csv").len(), 1);

    // Without figures there is no file, and the page does not list one.
    let q = TestPortal::minimal();
    q.build_ok();
    assert!(!q.site().join("how-we-are-doing/figures.csv").exists());
    assert!(!q.page("open-data/").contains("figures.csv"));
}

#[test]
fn open_data_folds_each_column_list_and_code_names_break_only_at_underscores() {
    let p = portal_with_figures();
    let html = p.page("open-data/");
    let doc = Html::parse_document(&html);
    // Each column list is in its own <details> (closed), whose summary
    // counts the columns.
    let details = select(&doc, "details");
    let summaries: Vec<String> = details
        .iter()
        .map(|d| {
            text(
                &d.select(&Selector::parse("summary").unwrap())
                    .next()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(summaries.len(), 3, "{summaries:?}");
    for (d, s) in details.iter().zip(&summaries) {
        assert!(d.value().attr("open").is_none());
        let rows = d.select(&Selector::parse("tbody tr").unwrap()).count();
        assert_eq!(*s, format!("Columns in this file ({rows})"));
        assert!(rows > 5);
    }
    // Each heading that downloads link to stays outside the fold.
    for id in ["register-csv", "errors-csv", "figures-csv"] {
        let h = select(&doc, &format!("h2#{id} + details, h2#{id} + p + details"));
        assert_eq!(h.len(), 1, "{id}");
    }
    // `final_decision_by` may wrap after each `_`, and nowhere else.
    assert!(
        html.contains("<code class=\"code-name\">final_<wbr>decision_<wbr>by</code>"),
        "{html}"
    );
    for code in select(&doc, "code") {
        let inner = code.inner_html();
        let plain = inner.replace("_<wbr>", "_");
        assert!(
            !plain.contains('_') || inner.matches("_<wbr>").count() == plain.matches('_').count(),
            "an underscore without a break opportunity: {inner}"
        );
    }
    // The style sheet keeps code names from breaking anywhere else.
    let css = p.read(&format!("site/{}", p.asset("style.css")));
    assert!(css.contains("code.code-name { overflow-wrap: normal; word-break: normal; }"));
}

#[test]
fn the_underscore_filter_escapes_what_it_breaks() {
    let p = TestPortal::minimal();
    p.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"t\">{{ \"a_<b>&_c\" | break_at_underscores }}</p>{% endblock %}",
    );
    p.build_ok();
    let html = p.page("about/");
    assert!(
        html.contains("<p id=\"t\">a_<wbr>&lt;b&gt;&amp;_<wbr>c</p>"),
        "{html}"
    );
}

#[test]
fn error_cards_lead_with_the_title_then_system_date_and_status() {
    let p = TestPortal::minimal();
    p.build_ok();
    let doc = Html::parse_document(&p.page("errors/"));
    // In the table (cards on a phone), the title is the row's header and
    // comes first.
    let row = &select(&doc, "tbody tr")[0];
    let cells: Vec<ElementRef> = row.children().filter_map(ElementRef::wrap).collect();
    assert_eq!(cells[0].value().name(), "th");
    assert_eq!(cells[0].value().attr("scope"), Some("row"));
    assert_eq!(text(&cells[0]), "Camera zone reached into a disabled bay");
    let order: Vec<String> = cells[1..].iter().map(text).collect();
    assert!(order[0].starts_with("System"), "{order:?}");
    assert!(order[1].starts_with("Found"), "{order:?}");
    assert!(order[2].starts_with("Status"), "{order:?}");
    let headers: Vec<String> = select(&doc, "thead th").iter().map(text).collect();
    assert_eq!(
        headers,
        ["Error", "System", "Found", "Status", "People affected"]
    );

    // The home page's latest errors: title, then system, date and status.
    let home = Html::parse_document(&p.page(""));
    let item = &select(&home, "#errors + ul li")[0];
    let words = text(item);
    let title = words.find("Camera zone reached").unwrap();
    let system = words.find("Parking cameras").unwrap();
    let found = words.find(", found").unwrap();
    let status = words.find("Fixed").unwrap();
    assert!(
        title < system && system < found && found < status,
        "{words}"
    );
}
