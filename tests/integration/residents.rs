//! What residents, local groups and reusers get: facet pages, the search
//! index, feeds, open data, redirects of old addresses, notices, charts and
//! the "how we are doing" page.

use std::collections::BTreeSet;

use scraper::{Html, Selector};

use crate::support::*;

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    doc.select(&selector).collect()
}

/// The validated model of a test portal, to compare the output with.
fn model(p: &TestPortal) -> glassbox::model::Portal {
    let sources = glassbox::load::load_portal(p.path()).unwrap();
    let (portal, d) = glassbox::model::build_portal(&sources, test_today());
    portal.unwrap_or_else(|| panic!("{}", render_all(&d)))
}

fn card_ids(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    select(&doc, ".card[data-id]")
        .iter()
        .map(|c| c.value().attr("data-id").unwrap().to_string())
        .collect()
}

#[test]
fn facet_pages_list_exactly_the_matching_systems_with_counts() {
    let p = TestPortal::example();
    p.build_ok();
    let portal = model(&p);
    type Wanted = Box<dyn Fn(&glassbox::model::System) -> bool>;
    let cases: Vec<(&str, &str, Wanted)> = vec![
        (
            "service",
            "housing",
            Box::new(|s| s.service_area == "housing"),
        ),
        (
            "status",
            "in-use",
            Box::new(|s| s.status == glassbox::model::SystemStatus::InUse),
        ),
        (
            "automation",
            "decides-automatically",
            Box::new(|s| {
                s.automation == Some(glassbox::model::AutomationLevel::DecidesAutomatically)
            }),
        ),
        (
            "personal-data",
            "yes",
            Box::new(|s| s.uses_personal_data() == Some(true)),
        ),
        (
            "affects-residents",
            "no",
            Box::new(|s| s.affects_residents_directly == Some(false)),
        ),
    ];
    let browse = p.main_of("browse/");
    let systems_page = p.page("systems/");
    for (facet, value, wanted) in cases {
        let expected: Vec<String> = portal
            .systems
            .iter()
            .filter(|s| wanted(s))
            .map(|s| s.id.clone())
            .collect();
        assert!(
            !expected.is_empty(),
            "{facet}/{value} has no system in the example"
        );
        let page = p.page(&format!("browse/{facet}/{value}/"));
        assert_eq!(card_ids(&page), expected, "{facet}/{value}");
        let n = expected.len();
        let word = if n == 1 { "system" } else { "systems" };
        assert!(
            page.contains(&format!("<p class=\"lead\">{n} {word}.</p>")),
            "{page}"
        );
        let link = format!("<a href=\"/browse/{facet}/{value}/\">");
        assert!(browse.contains(&link), "/browse/ does not link {link}");
        assert!(browse.contains(&format!("({n} {word})")));
        // Service areas are listed once on /systems/, as its sections.
        if facet == "service" {
            assert!(systems_page.contains(&format!("href=\"#area-{value}\"")));
        } else {
            assert!(
                systems_page.contains(&link),
                "the systems list does not link {link}"
            );
        }
    }
    // Every value with no system is listed without a page.
    assert!(
        browse.contains("Does not use personal data (no systems)"),
        "{browse}"
    );
    assert!(!p.site().join("browse/personal-data/no").exists());
}

#[test]
fn search_index_holds_every_system_error_and_route_compactly() {
    let p = TestPortal::example();
    p.build_ok();
    let portal = model(&p);
    let text = p.read("site/search.json");
    let index: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(index["version"], 1);
    let fields = index["fields"]["systems"].as_array().unwrap();
    let col = |name: &str| fields.iter().position(|f| f == name).unwrap();
    let rows = index["systems"].as_array().unwrap();
    assert_eq!(rows.len(), portal.systems.len());
    for (row, s) in rows.iter().zip(&portal.systems) {
        assert_eq!(row[col("id")], s.id.as_str());
        assert_eq!(row[col("name")], s.name.as_str());
        assert_eq!(row[col("service_area")], s.service_area.as_str());
        assert_eq!(
            row[col("personal_data")],
            serde_json::json!(s.uses_personal_data().map(u8::from))
        );
        // Words of the summary are searchable, once each, in lowercase.
        let words = row[col("words")].as_str().unwrap();
        let first_long_word = s
            .summary
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| w.chars().count() >= 6)
            .unwrap()
            .to_lowercase();
        assert!(words.split(' ').any(|w| w == first_long_word), "{words}");
        let list: Vec<&str> = words.split(' ').collect();
        let unique: BTreeSet<&str> = list.iter().copied().collect();
        assert_eq!(list.len(), unique.len(), "repeated words in {words}");
    }
    let errors: Vec<_> = index["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].clone())
        .collect();
    let expected: Vec<_> = portal
        .errors
        .iter()
        .map(|e| serde_json::json!(e.id))
        .collect();
    assert_eq!(errors, expected);
    assert_eq!(
        index["challenge"].as_array().unwrap().len(),
        portal.challenges.len()
    );
    // Compact: one line of JSON, no object per entry.
    assert_eq!(text.lines().count(), 1);
    assert!(!text.contains("\"id\":"));
}

#[test]
fn the_filter_script_is_our_own_file_and_the_list_works_without_it() {
    let p = TestPortal::example();
    p.build_ok();
    let page = p.page("systems/");
    let doc = Html::parse_document(&page);
    let filter = select(&doc, "#filter");
    assert_eq!(filter.len(), 1);
    // Hidden until the script shows it: with JavaScript off the list and
    // the facet links are all there is.
    assert!(filter[0].value().attr("hidden").is_some());
    assert_eq!(filter[0].value().attr("data-index"), Some("/search.json"));
    let label = select(&doc, "label[for=filter-input]");
    assert_eq!(label.len(), 1);
    let status = select(&doc, "#filter-status")[0];
    assert_eq!(status.value().attr("role"), Some("status"));
    assert_eq!(status.value().attr("aria-live"), Some("polite"));
    assert!(page.contains("script-src 'self'"));
    let script = p.read(&format!("site/{}", p.asset("filter.js")));
    assert!(
        !script.contains("innerHTML"),
        "index text must be set as text only"
    );
    assert!(script.contains("textContent"));
    assert!(script.contains("Escape"));
}

fn parse_feed(p: &TestPortal, path: &str) -> feed_rs::model::Feed {
    let xml = p.read(&format!("site/{path}"));
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}\n{xml}"))
}

#[test]
fn feeds_are_valid_atom_with_dates_from_the_content() {
    let p = TestPortal::example();
    p.build_ok();
    let portal = model(&p);

    let errors = parse_feed(&p, "errors/feed.xml");
    assert_eq!(errors.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(errors.entries.len(), portal.errors.len());
    for e in &portal.errors {
        let entry = errors
            .entries
            .iter()
            .find(|x| x.id == format!("https://ai.eastmere.example/errors/{}/", e.id))
            .unwrap_or_else(|| panic!("no entry for {}", e.id));
        let found = entry.published.unwrap().date_naive().to_string();
        assert_eq!(found, e.found.to_string());
        let updated = entry.updated.unwrap().date_naive().to_string();
        assert_eq!(updated, e.fixed.unwrap_or(e.found).to_string());
        assert_eq!(
            entry.links[0].href,
            format!("https://ai.eastmere.example/errors/{}/", e.id)
        );
    }

    let all = parse_feed(&p, "feed.xml");
    let ids: BTreeSet<_> = all.entries.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids.len(), all.entries.len(), "entry ids must be unique");
    let changes: usize = portal.systems.iter().map(|s| s.changes.len().max(1)).sum();
    assert_eq!(all.entries.len(), changes + portal.errors.len());
    // The feed's date is its newest entry's, not the build's.
    let newest = all.entries.iter().filter_map(|e| e.updated).max().unwrap();
    assert_eq!(all.updated, Some(newest));

    for s in &portal.systems {
        let feed = parse_feed(&p, &format!("systems/{}/feed.xml", s.id));
        let own_errors = portal.errors.iter().filter(|e| e.system == s.id).count();
        assert_eq!(
            feed.entries.len(),
            s.changes.len().max(1) + own_errors,
            "{}",
            s.id
        );
        assert!(p.page(&format!("systems/{}/", s.id)).contains(&format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/systems/{}/feed.xml\"",
            s.id
        )));
    }
}

#[test]
fn feed_entry_ids_survive_a_new_change() {
    let p = TestPortal::minimal();
    p.build_ok();
    let before: BTreeSet<String> = parse_feed(&p, "feed.xml")
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    p.edit(
        "content/systems/parking-cameras.md",
        "changes:\n",
        "changes:\n  - date: 2026-06-01\n    summary: Added vans.\n",
    );
    p.build_ok();
    let after: BTreeSet<String> = parse_feed(&p, "feed.xml")
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert!(before.is_subset(&after), "{before:?} vs {after:?}");
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn csv_files_parse_back_to_the_entries() {
    let p = TestPortal::example();
    p.build_ok();
    let portal = model(&p);
    let licence = "Open Government Licence v3.0 (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)";

    let mut reader = csv::Reader::from_path(p.site().join("register.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), portal.systems.len());
    for (row, s) in rows.iter().zip(&portal.systems) {
        assert_eq!(&row[col("id")], s.id);
        assert_eq!(&row[col("name")], s.name);
        assert_eq!(&row[col("summary")], s.summary);
        assert_eq!(&row[col("decision")], s.decision);
        assert_eq!(&row[col("who_is_affected")], s.who_is_affected);
        assert_eq!(&row[col("last_reviewed")], s.last_reviewed.to_string());
        assert_eq!(&row[col("review_by")], s.review_by.to_string());
        assert_eq!(
            &row[col("started")],
            s.started.map(|d| d.to_string()).unwrap_or_default()
        );
        assert_eq!(
            row[col("challenge_routes")]
                .split("; ")
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>(),
            s.challenge_routes
        );
        assert_eq!(
            &row[col("affects_residents_directly")],
            s.affects_residents_directly
                .map(|b| b.to_string())
                .unwrap_or_default()
        );
        assert_eq!(&row[col("licence")], licence);
    }

    let mut reader = csv::Reader::from_path(p.site().join("errors.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), portal.errors.len());
    for (row, e) in rows.iter().zip(&portal.errors) {
        assert_eq!(&row[col("id")], e.id);
        assert_eq!(&row[col("title")], e.title);
        assert_eq!(&row[col("system")], e.system);
        assert_eq!(&row[col("what_we_did")], e.what_we_did);
        assert_eq!(&row[col("found")], e.found.to_string());
        assert_eq!(
            &row[col("people_affected")],
            e.people_affected.map(|n| n.to_string()).unwrap_or_default()
        );
    }

    // Every column is documented on the open data page.
    let page = p.main_of("open-data/");
    for name in headers.iter() {
        assert!(
            // Code names may wrap after each `_` only (issue 25).
            page.contains(&format!(
                "<code class=\"code-name\">{}</code>",
                name.replace('_', "_<wbr>")
            )),
            "{name} is not documented"
        );
    }
}

#[test]
fn json_files_parse_back_to_the_entries() {
    let p = TestPortal::example();
    p.build_ok();
    let portal = model(&p);
    let register: serde_json::Value = serde_json::from_str(&p.read("site/register.json")).unwrap();
    assert_eq!(register["schema_version"], "1.0");
    assert_eq!(register["licence"]["name"], "Open Government Licence v3.0");
    let systems = register["systems"].as_array().unwrap();
    assert_eq!(systems.len(), portal.systems.len());
    for (json, s) in systems.iter().zip(&portal.systems) {
        assert_eq!(json["id"], s.id.as_str());
        assert_eq!(json["name"], s.name.as_str());
        assert_eq!(json["summary"], s.summary.as_str());
        assert_eq!(json["body_markdown"], s.body.as_str());
        assert_eq!(json["last_reviewed"], s.last_reviewed.to_string());
        assert_eq!(json["data"].as_array().unwrap().len(), s.data.len());
        let changes: Vec<&str> = json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["summary"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = s.changes.iter().map(|c| c.summary.as_str()).collect();
        assert_eq!(changes, expected);
        assert!(json.get("source").is_none() && json.get("review_overdue").is_none());
        let one: serde_json::Value =
            serde_json::from_str(&p.read(&format!("site/systems/{}.json", s.id))).unwrap();
        assert_eq!(&one["system"], json);
        assert_eq!(one["licence"], register["licence"]);
    }
    let errors = register["errors"].as_array().unwrap();
    assert_eq!(errors.len(), portal.errors.len());
    for (json, e) in errors.iter().zip(&portal.errors) {
        assert_eq!(json["title"], e.title.as_str());
        assert_eq!(json["found"], e.found.to_string());
    }
    let routes = register["challenge_routes"].as_array().unwrap();
    assert_eq!(routes.len(), portal.challenges.len());
    for (json, c) in routes.iter().zip(&portal.challenges) {
        assert_eq!(json["title"], c.title.as_str());
        assert_eq!(json["steps"].as_array().unwrap().len(), c.steps.len());
    }
}

#[test]
fn the_licence_comes_from_portal_yaml() {
    let p = TestPortal::minimal();
    p.write(
        "content/portal.yaml",
        p.read("content/portal.yaml")
            + "open_data_licence:\n  name: Creative Commons Attribution 4.0\n  url: https://creativecommons.org/licenses/by/4.0/\n",
    );
    p.build_ok();
    let text = "Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/)";
    assert!(p.read("site/register.csv").contains(text));
    assert!(p.read("site/errors.csv").contains(text));
    assert!(
        p.read("site/register.json")
            .contains("Creative Commons Attribution 4.0")
    );
    assert!(p.read("site/feed.xml").contains(text));
    assert!(p.main_of("open-data/").contains(
        "<a href=\"https://creativecommons.org/licenses/by/4.0/\">Creative Commons Attribution 4.0</a>"
    ));
}

#[test]
fn an_alias_keeps_the_old_address_working() {
    let p = TestPortal::minimal();
    p.edit(
        "content/systems/parking-cameras.md",
        "started:",
        "aliases:\n  - bus-lane-cameras\nstarted:",
    );
    p.edit(
        "content/pages/about.md",
        "title:",
        "aliases: [about-us]\ntitle:",
    );
    p.build_ok();
    let html = p.page("systems/bus-lane-cameras/");
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("en-GB"));
    let refresh = select(&doc, "meta[http-equiv=refresh]");
    assert_eq!(
        refresh[0].value().attr("content"),
        Some("0; url=/systems/parking-cameras/")
    );
    let canonical = select(&doc, "link[rel=canonical]");
    assert_eq!(
        canonical[0].value().attr("href"),
        Some("https://ai.testford.example/systems/parking-cameras/")
    );
    let links = select(&doc, "main a");
    assert_eq!(
        links[0].value().attr("href"),
        Some("/systems/parking-cameras/")
    );
    assert_eq!(links[0].text().collect::<String>(), "Parking cameras");
    assert!(p.page("about-us/").contains("url=/about/"));
    // Old addresses are not pages of their own.
    let sitemap = p.read("site/sitemap.xml");
    assert!(!sitemap.contains("bus-lane-cameras") && !sitemap.contains("about-us"));
}

#[test]
fn aliases_are_checked_like_ids() {
    for (alias, code, words) in [
        ("../../etc", "unsafe-id", "cannot be used as an alias"),
        ("old/name", "unsafe-id", "cannot be used as an alias"),
        ("old\\\\name", "unsafe-id", "cannot be used as an alias"),
        ("browse", "reserved-id", "a name the site uses itself"),
        ("parking-cameras", "duplicate-id", "this entry's own id"),
    ] {
        let p = TestPortal::minimal();
        p.edit(
            "content/systems/parking-cameras.md",
            "started:",
            &format!("aliases:\n  - \"{alias}\"\nstarted:"),
        );
        let d = p.build_fails();
        let problem = only(&d, code);
        assert!(
            problem.message.contains(words),
            "{alias}: {}",
            problem.message
        );
        assert_eq!(
            location(problem),
            "content/systems/parking-cameras.md:42:5",
            "{alias}"
        );
        assert!(problem.help.is_some());
    }
}

#[test]
fn an_alias_may_not_take_another_entrys_address() {
    let p = TestPortal::minimal();
    p.write(
        "content/pages/contact.md",
        "---\ntitle: Contact\naliases:\n  - about\n  - get-in-touch\n---\nText.\n",
    );
    p.edit(
        "content/pages/about.md",
        "title:",
        "aliases: [get-in-touch]\ntitle:",
    );
    let d = p.build_fails();
    let taken: Vec<_> = d.iter().filter(|x| x.code == "duplicate-id").collect();
    assert_eq!(taken.len(), 2, "{}", render_all(&d));
    assert!(
        taken
            .iter()
            .any(|x| x.message.contains("the id of another page")
                && location(x) == "content/pages/contact.md:4:5")
    );
    assert!(taken.iter().any(|x| x.message.contains("also an alias in")));
}

#[test]
fn the_notice_snippet_is_escaped_and_copy_ready() {
    let p = TestPortal::minimal();
    p.edit(
        "content/systems/parking-cameras.md",
        "name: Parking cameras",
        "name: \"Cameras <script>alert(1)</script> & \\\"quotes\\\"\"",
    );
    p.build_ok();
    // The snippet is for staff: not on the public page, on its own page
    // linked from the notice.
    let public = p.page("systems/parking-cameras/");
    assert!(
        !public.contains("code-snippet"),
        "the snippet is on the public page"
    );
    assert!(
        p.page("systems/parking-cameras/notice/")
            .contains("href=\"/systems/parking-cameras/notice/snippet/\"")
    );
    let page = p.page("systems/parking-cameras/notice/snippet/");
    assert!(!page.contains("<script>alert"), "script reached the page");
    let doc = Html::parse_document(&page);
    let code = select(&doc, "pre.code-snippet code");
    assert_eq!(code.len(), 1);
    // What a reader copies is HTML in which the name is escaped once.
    let snippet: String = code[0].text().collect();
    assert!(
        snippet.starts_with("<aside aria-label=\"AI is used in this service\">"),
        "{snippet}"
    );
    assert!(
        snippet.contains("Cameras &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"),
        "{snippet}"
    );
    assert!(snippet.contains("<a href=\"https://ai.testford.example/systems/parking-cameras/\">"));
    assert!(snippet.contains("<a href=\"https://ai.testford.example/challenge/ask-for-review/\">"));
    // The snippet itself parses to the text it should show.
    let pasted = Html::parse_fragment(&snippet);
    let text: String = pasted.root_element().text().collect();
    assert!(text.contains("Cameras <script>alert(1)</script> & \"quotes\""));
    assert!(select(&pasted, "script").is_empty());

    let notice = p.page("systems/parking-cameras/notice/");
    let doc = Html::parse_document(&notice);
    assert_eq!(
        select(&doc, "h1")[0].text().collect::<String>(),
        "AI is used in this service"
    );
    assert!(notice.contains("https://ai.testford.example/systems/parking-cameras/"));
    assert!(page.contains("href=\"/systems/parking-cameras/notice/\""));
    let css = p.read(&format!("site/{}", p.asset("style.css")));
    assert!(css.contains("@page { size: A4;"));
}

#[test]
fn monitoring_tables_have_charts_with_text_alternatives() {
    let p = TestPortal::minimal();
    p.build_ok();
    let doc = Html::parse_document(&p.page("systems/parking-cameras/"));
    // No SVG: the chart is HTML, so its text reflows and grows with the text size.
    assert!(select(&doc, "svg").is_empty());
    let charts = select(&doc, "figure.bar-chart");
    assert_eq!(charts.len(), 1);
    assert_eq!(charts[0].value().attr("id"), Some("chart-1"));
    let caption: String = select(&doc, "#chart-1 > figcaption")[0].text().collect();
    assert_eq!(
        caption,
        "Bar chart: Cases rejected by officers, January to June 2026Rejected by group. The table above gives the same figures."
    );
    // One bar per row, each labelled with its group and value in text.
    let labels: Vec<String> = select(&doc, ".bar-chart__label, .bar-chart__value")
        .iter()
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(labels, ["Cars", "2.5%", "Vans", "4%"]);
    let bars: Vec<&str> = select(&doc, ".bar-chart__bar")
        .iter()
        .map(|b| b.value().attr("class").unwrap())
        .collect();
    assert_eq!(
        bars,
        [
            "bar-chart__bar bar-chart__fill-0 bar-chart__w63",
            "bar-chart__bar bar-chart__fill-0 bar-chart__w100"
        ]
    );
    // The chart sits right after its table.
    let figure = select(&doc, ".table-scroll + .chart-figure > figure.bar-chart");
    assert_eq!(figure.len(), 1);
    // The theme's style sheet has every width class the charts use.
    let css = p.read(&format!("site/{}", p.asset("style.css")));
    for n in 0..=100 {
        assert!(css.contains(&format!(".bar-chart__w{n}{{")), "{n}");
    }
}

#[test]
fn how_we_are_doing_shows_each_quarter_as_a_table_and_a_chart() {
    let p = TestPortal::minimal();
    p.write(
        "content/portal.yaml",
        p.read("content/portal.yaml")
            + "how_we_are_doing:\n  - quarter: 2026-Q2\n    concerns_raised: 4\n    concerns_resolved: 3\n    challenges_received: 12\n    challenges_upheld: 5\n  - quarter: 2026-Q1\n    concerns_raised: 1\n    concerns_resolved: 0\n    challenges_received: 7\n    challenges_upheld: 2\n",
    );
    p.build_ok();
    let doc = Html::parse_document(&p.page("how-we-are-doing/"));
    // Each cell also names its column, shown when the table is stacked on a phone.
    let label = scraper::Selector::parse(".table__label").unwrap();
    let rows: Vec<Vec<String>> = select(&doc, "tbody tr")
        .iter()
        .map(|r| {
            r.children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|cell| {
                    let labels: String = cell.select(&label).flat_map(|l| l.text()).collect();
                    let text: String = cell.text().collect();
                    text.strip_prefix(labels.as_str())
                        .unwrap()
                        .trim()
                        .to_string()
                })
                .collect()
        })
        .collect();
    // Newest first (issue 25); the fixture's error was found in 2026-06, so Q2 has one.
    let wrong_bay = p.read("content/errors/wrong-bay.md");
    assert!(wrong_bay.contains("found: 2026-06"), "fixture changed");
    assert_eq!(
        rows,
        [
            [
                "April to June 2026",
                "4",
                "3 of 4 (75%)",
                "12",
                "5 of 12 (42%)",
                "1"
            ],
            [
                "January to March 2026",
                "1",
                "0 of 1 (0%)",
                "7",
                "2 of 7 (29%)",
                "0"
            ],
        ]
    );
    assert_eq!(select(&doc, "caption").len(), 1);
    let labels: Vec<String> = select(&doc, "td:nth-child(2) .table__label")
        .iter()
        .map(|l| l.text().collect())
        .collect();
    assert_eq!(
        labels,
        ["Concerns raised by staff", "Concerns raised by staff"]
    );
    assert_eq!(select(&doc, "figure.bar-chart").len(), 1);
    // Five measures, told apart by pattern: a key with one fill each, and
    // each bar names its measure in words for screen readers.
    let key: Vec<String> = select(&doc, ".bar-chart__legend-item")
        .iter()
        .map(|k| k.text().collect())
        .collect();
    assert_eq!(key.len(), 5);
    assert_eq!(key[0], "Concerns raised by staff");
    let first: String = select(&doc, ".bar-chart__group")[0].text().collect();
    assert!(
        first.starts_with("April to June 2026Concerns raised by staff: 4Concerns resolved: 3"),
        "{first}"
    );
    for n in 0..5 {
        assert_eq!(
            select(&doc, &format!(".bar-chart__bar.bar-chart__fill-{n}")).len(),
            2
        );
    }
}

#[test]
fn a_quarter_must_be_written_year_and_quarter() {
    let p = TestPortal::minimal();
    p.write(
        "content/portal.yaml",
        p.read("content/portal.yaml")
            + "how_we_are_doing:\n  - quarter: 2026-Q5\n    concerns_raised: 1\n    concerns_resolved: 0\n    challenges_received: 7\n    challenges_upheld: 2\n",
    );
    let d = p.build_fails();
    let problem = only(&d, "invalid-value");
    assert!(problem.message.contains("`2026-Q5` is not a quarter"));
    assert!(location(problem).starts_with("content/portal.yaml:"));
}

#[test]
fn challenge_routes_have_a_link_to_this_block_and_records_a_report_link() {
    let p = TestPortal::example();
    p.build_ok();
    let route = p.main_of("challenge/ask-for-a-human-review/");
    assert!(route.contains("id=\"link-to-this\""));
    assert!(
        route
            .contains("<code>https://ai.eastmere.example/challenge/ask-for-a-human-review/</code>")
    );
    for path in [
        "systems/letter-translation/",
        "errors/translation-softened-deadline/",
    ] {
        assert!(
            p.main_of(path)
                .contains("Report a problem with this information"),
            "{path}"
        );
    }
    // The example's old addresses redirect.
    assert!(
        p.page("systems/parking-cameras/")
            .contains("url=/systems/traffic-enforcement-cameras/")
    );
    assert!(
        p.page("challenge/human-review/")
            .contains("url=/challenge/ask-for-a-human-review/")
    );
}
