//! Navigation that scales and names that can be told apart: every system
//! is named with the body that runs it where names repeat, no two links to
//! system pages share their text, the home page lists at most a dozen
//! service areas, long lists are split into pages of 100, and no page the
//! home page links to outgrows a phone (300 KB).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use glassbox::BuildOptions;
use scraper::{Html, Selector};

use crate::support::{test_today, tree};

type Site = BTreeMap<String, Vec<u8>>;

fn build(dir: &Path) -> Site {
    let mut options = BuildOptions::new(dir);
    options.today = Some(test_today());
    options.output_dir = Some(dir.join("site"));
    glassbox::build(&options).unwrap_or_else(|e| panic!("{e:?}"));
    tree(&dir.join("site"))
}

fn html(site: &Site, path: &str) -> String {
    String::from_utf8(
        site.get(path)
            .unwrap_or_else(|| panic!("{path} was not written"))
            .clone(),
    )
    .unwrap()
}

/// The system files of a `bench-gen` portal, by path.
fn system_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir.join("content/systems"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Renames systems as the real registers do: one name used by many bodies
/// ("Anonimiseren" 82 times), and a few bodies that list the same name
/// twice. Every third system is called "Anonimiseren"; they are imported
/// records of three bodies, so each body has several of them.
fn duplicate_names(dir: &Path) -> usize {
    let mut renamed = 0;
    for (i, path) in system_files(dir).iter().enumerate() {
        let text = fs::read_to_string(path).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let name = lines
            .iter()
            .position(|l| l.starts_with("name:"))
            .unwrap_or_else(|| panic!("{} has no name line", path.display()));
        if i % 3 == 0 {
            lines[name] = "name: Anonimiseren".into();
            let body = ["Gemeente Dalfsen", "Gemeente Ede", "Douane"][(i / 3) % 3];
            // The front matter ends at the second `---`.
            let end = lines
                .iter()
                .enumerate()
                .skip(1)
                .find(|(_, l)| l.as_str() == "---")
                .map(|(n, _)| n)
                .unwrap();
            lines.splice(
                end..end,
                [
                    "imported:".to_string(),
                    "  from: nl".into(),
                    format!("  source_url: https://algoritmes.example.nl/{i}"),
                    "  imported_on: 2026-08-08".into(),
                    format!("  organisation: {body}"),
                ],
            );
            renamed += 1;
        } else if i % 3 == 1 {
            // A plain name used twice by the portal's own organisation.
            lines[name] = format!("name: Letter helper {}", i / 6);
        }
        fs::write(path, lines.join("\n") + "\n").unwrap();
    }
    renamed
}

/// Every link to a system page (`/systems/<id>/`) in every HTML page, as
/// (its text, the system's id, the page it is on).
fn system_links(site: &Site) -> Vec<(String, String, String)> {
    let a = Selector::parse("a[href]").unwrap();
    let mut links = Vec::new();
    for (path, bytes) in site {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
        for link in doc.select(&a) {
            let href = link.value().attr("href").unwrap();
            let Some(rest) = href.strip_prefix("/systems/") else {
                continue;
            };
            let id = rest.trim_end_matches('/');
            if id.is_empty() || id.contains('/') || id.contains('.') || id == "page" {
                continue;
            }
            let text = link.text().collect::<String>();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            links.push((text, id.to_string(), path.clone()));
        }
    }
    links
}

#[test]
fn no_two_links_to_system_pages_share_their_text() {
    let dir = tempfile::tempdir().unwrap();
    glassbox::commands::bench_gen::generate(150, dir.path()).unwrap();
    assert_eq!(duplicate_names(dir.path()), 50);
    let site = build(dir.path());

    let links = system_links(&site);
    assert!(links.len() > 300, "only {} system links", links.len());
    let mut by_text: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (text, id, _) in &links {
        by_text.entry(text).or_default().insert(id);
    }
    let shared: Vec<_> = by_text.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(
        shared.is_empty(),
        "links to different systems share their text: {shared:?}"
    );

    // A name used by several bodies is named with its body; a body with two
    // of the same name gets a detail too. A name no other system has stays
    // as it is.
    assert!(
        by_text
            .keys()
            .any(|t| t.starts_with("Anonimiseren (Douane"))
    );
    assert!(
        by_text
            .keys()
            .any(|t| t.starts_with("Anonimiseren (Gemeente Dalfsen, "))
    );
    assert!(by_text.keys().any(|t| t.starts_with("Letter helper 0 (")));
    assert!(!by_text.keys().any(|t| *t == "Anonimiseren"));

    // Cards say who runs each system when the portal lists several bodies
    // (unless the name shown already says it), and the page title names
    // the body too.
    let systems = html(&site, "systems/index.html");
    assert!(
        systems.contains(r#"<p class="card__body">Run by Example Borough Council</p>"#),
        "no Run by line"
    );
    assert!(!systems.contains("Run by Gemeente Ede"));
    let (_, id, _) = links
        .iter()
        .find(|(t, _, _)| t.starts_with("Anonimiseren (Douane"))
        .unwrap();
    let page = html(&site, &format!("systems/{id}/index.html"));
    assert!(
        page.contains("<title>Anonimiseren (Douane"),
        "title lacks the body"
    );

    // The search index carries the same names, so results can be told apart.
    let index: serde_json::Value = serde_json::from_slice(&site["search.json"]).unwrap();
    let names: BTreeSet<&str> = index["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row[1].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 150, "names in the search index repeat");
}

#[test]
fn a_portal_of_one_body_is_not_noisy() {
    let dir = tempfile::tempdir().unwrap();
    glassbox::commands::bench_gen::generate(30, dir.path()).unwrap();
    let site = build(dir.path());
    let systems = html(&site, "systems/index.html");
    assert!(!systems.contains("Run by"));
    // Unique names are shown as they are.
    let links = system_links(&site);
    assert!(links.iter().all(|(t, _, _)| !t.contains(" (")), "{links:?}");
}

/// A portal with many service areas: 40 areas, one with 120 systems.
fn many_areas(dir: &Path) {
    glassbox::commands::bench_gen::generate(400, dir).unwrap();
    let portal = dir.join("content/portal.yaml");
    let text = fs::read_to_string(&portal).unwrap();
    let mut areas = String::new();
    for n in 0..40 {
        areas.push_str(&format!(
            "  - id: area-{n:02}\n    name: {} {n:02}\n",
            ["Zebra", "Apple", "Élan", "Mango"][n % 4]
        ));
    }
    let text = text.replacen("service_areas:\n", &format!("service_areas:\n{areas}"), 1);
    fs::write(&portal, text).unwrap();
    for (i, path) in system_files(dir).iter().enumerate() {
        let text = fs::read_to_string(path).unwrap();
        let area = if i < 120 {
            "area-07".to_string()
        } else {
            format!("area-{:02}", i % 40)
        };
        let text: Vec<String> = text
            .lines()
            .map(|l| {
                if l.starts_with("service_area:") {
                    format!("service_area: {area}")
                } else {
                    l.to_string()
                }
            })
            .collect();
        fs::write(path, text.join("\n") + "\n").unwrap();
    }
}

#[test]
fn the_home_page_lists_a_dozen_areas_and_links_to_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    many_areas(dir.path());
    let site = build(dir.path());
    let home = Html::parse_document(&html(&site, "index.html"));
    let links = Selector::parse("#resident-task .inline-list a").unwrap();
    let hrefs: Vec<String> = home
        .select(&links)
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let areas: Vec<&String> = hrefs
        .iter()
        .filter(|h| h.starts_with("/browse/service/") && h.len() > "/browse/service/".len())
        .collect();
    assert_eq!(areas.len(), 12, "{hrefs:?}");
    // The area with the most systems is among them; every link goes to the
    // area's own page, none to a part of the systems list.
    assert!(hrefs.contains(&"/browse/service/area-07/".to_string()));
    assert!(!html(&site, "index.html").contains("/systems/#area-"));
    let all = home
        .select(&links)
        .find(|a| a.value().attr("href") == Some("/browse/service/"))
        .expect("no link to all areas");
    assert!(all.text().collect::<String>().contains("All 40 areas"));
    // "Challenge it" follows the list in the task box.
    assert!(html(&site, "index.html").contains(r#"<a href="/challenge/">Challenge it</a>"#));

    // The A–Z page: every area once, grouped by letter, É under E.
    let az = html(&site, "browse/service/index.html");
    let doc = Html::parse_document(&az);
    let listed: Vec<String> = doc
        .select(&Selector::parse("main section li a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(listed.len(), 40);
    assert_eq!(listed.iter().collect::<BTreeSet<_>>().len(), 40);
    for letter in ["A", "E", "M", "Z"] {
        assert!(
            az.contains(&format!(
                r##"href="#letter-{}">{letter}</a>"##,
                letter.to_lowercase()
            )),
            "no jump link to {letter}"
        );
    }
    assert!(az.contains("Élan 02"));
    let e = az.find(r#"id="letter-e""#).unwrap();
    let m = az.find(r#"id="letter-m""#).unwrap();
    assert!(e < az.find("Élan 02").unwrap() && az.find("Élan 02").unwrap() < m);

    // The area with 120 systems has two pages.
    assert!(site.contains_key("browse/service/area-07/page/2/index.html"));
}

#[test]
fn the_systems_list_is_paginated_with_page_one_stable() {
    let dir = tempfile::tempdir().unwrap();
    glassbox::commands::bench_gen::generate(250, dir.path()).unwrap();
    let site = build(dir.path());

    let first = html(&site, "systems/index.html");
    assert!(site.contains_key("systems/page/3/index.html"));
    assert!(!site.contains_key("systems/page/4/index.html"));
    assert!(!site.contains_key("systems/page/1/index.html"));
    assert!(first.contains(r#"<nav class="pagination" aria-label="Pagination">"#));
    assert!(first.contains("Page 1 of 3"));
    assert!(first.contains(r#"<link rel="next" href="/systems/page/2/">"#));
    assert!(!first.contains(r#"rel="prev""#));
    let second = html(&site, "systems/page/2/index.html");
    assert!(second.contains(r#"<link rel="prev" href="/systems/">"#));
    assert!(second.contains("<title>AI systems we use (page 2 of 3)"));
    assert!(
        second.contains(r#"aria-current="page"><span class="visually-hidden">Page </span>2</a>"#)
    );
    assert!(
        second
            .contains(r#"<link rel="canonical" href="https://ai.example.gov.uk/systems/page/2/">"#)
    );

    // Every system is on exactly one page of the list.
    let mut seen: Vec<String> = Vec::new();
    let card = Selector::parse("li.card[data-id]").unwrap();
    for path in [
        "systems/index.html",
        "systems/page/2/index.html",
        "systems/page/3/index.html",
    ] {
        let doc = Html::parse_document(&html(&site, path));
        let cards: Vec<String> = doc
            .select(&card)
            .map(|c| c.value().attr("data-id").unwrap().to_string())
            .collect();
        assert!(cards.len() <= 100, "{path} has {} cards", cards.len());
        seen.extend(cards);
    }
    assert_eq!(seen.len(), 250);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 250);

    // The filter on page 1 reads an index of every system, not only the
    // cards of the page.
    assert!(first.contains(r#"data-index="/search.json""#));
    let index: serde_json::Value = serde_json::from_slice(&site["search.json"]).unwrap();
    assert_eq!(index["systems"].as_array().unwrap().len(), 250);
    let script = site
        .iter()
        .find(|(p, _)| p.starts_with("assets/filter.") && p.ends_with(".js"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("no filter script");
    assert!(
        script.contains("names.filter(function (n) { return matches(systems[n.id], terms); })")
    );

    // The list pages are in the sitemap.
    assert!(String::from_utf8_lossy(&site["sitemap.xml"]).contains("/systems/page/3/</loc>"));
}

/// The pages a resident reaches from the home page: the home page's own
/// links, the header's and the footer's.
fn linked_from_home(site: &Site) -> BTreeSet<String> {
    let home = Html::parse_document(&html(site, "index.html"));
    home.select(&Selector::parse("a[href]").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| {
            let path = h.split('#').next().unwrap().trim_start_matches('/');
            if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            }
        })
        .collect()
}

#[test]
fn no_page_the_home_page_links_to_is_over_300_kb() {
    let dir = tempfile::tempdir().unwrap();
    glassbox::commands::bench_gen::generate(3000, dir.path()).unwrap();
    let site = build(dir.path());
    let linked = linked_from_home(&site);
    for must in [
        "systems/index.html",
        "errors/index.html",
        "challenge/index.html",
        "browse/index.html",
        "staff/index.html",
        "open-data/index.html",
        "how-we-are-doing/index.html",
        "feed.xml",
    ] {
        assert!(
            linked.contains(must),
            "the home page does not link to {must}"
        );
    }
    for path in &linked {
        let size = site
            .get(path)
            .unwrap_or_else(|| panic!("{path} is linked but missing"))
            .len();
        assert!(size < 300_000, "{path} is {size} bytes");
    }
    // So are the list pages behind them.
    for (path, bytes) in &site {
        if path.ends_with("index.html") && (path.contains("/page/") || path.starts_with("browse/"))
        {
            assert!(bytes.len() < 300_000, "{path} is {} bytes", bytes.len());
        }
    }
}

/// A 300-system portal with 100 more challenge routes (`route-90000` to
/// `route-90099`, time limits of 1 to 100 days), route `route-90000` named
/// first by every system that names routes, and one system,
/// returned, that names none and so is offered the portal's general routes.
fn many_routes(dir: &Path) -> String {
    glassbox::commands::bench_gen::generate(300, dir).unwrap();
    let routes = dir.join("content/challenges");
    let model = fs::read_to_string(routes.join("route-00001.md")).unwrap();
    for k in 0..100 {
        let text = model
            .replace(
                "title: Explanation about a referral (route 1)",
                &format!("title: Extra route {k}"),
            )
            .replace(
                "time_limit: Within 57 days of the decision letter.",
                &format!("time_limit: Within {} days of the decision letter.", k + 1),
            );
        fs::write(routes.join(format!("route-{}.md", 90000 + k)), text).unwrap();
    }
    let mut general = None;
    for path in system_files(dir) {
        let text = fs::read_to_string(&path).unwrap();
        if !text.contains("challenge_routes:\n") {
            continue;
        }
        // The first system that names routes, affects residents and only
        // informs staff (so need not name a route) names none from now on.
        if general.is_none()
            && text.contains("affects_residents_directly: true")
            && text.contains("automation: informs-staff")
        {
            let kept: Vec<&str> = text
                .lines()
                .scan(false, |in_routes, line| {
                    if line == "challenge_routes:" {
                        *in_routes = true;
                        return Some(None);
                    }
                    if *in_routes && line.starts_with("  - ") {
                        return Some(None);
                    }
                    *in_routes = false;
                    Some(Some(line))
                })
                .flatten()
                .collect();
            fs::write(&path, kept.join("\n") + "\n").unwrap();
            general = Some(path.file_stem().unwrap().to_str().unwrap().to_string());
            continue;
        }
        let text = text.replace(
            "challenge_routes:\n",
            "challenge_routes:\n  - route-90000\n",
        );
        fs::write(&path, text).unwrap();
    }
    general.expect("no system that names routes, affects residents and informs staff")
}

#[test]
fn route_lists_stay_short_however_many_routes_and_systems_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let general = many_routes(dir.path());
    let site = build(dir.path());
    let total = fs::read_dir(dir.path().join("content/challenges"))
        .unwrap()
        .count();
    assert!(total > 100, "{total} routes");

    // The list of routes: 100 a page, page 1 where it always was, each
    // route once.
    let first = html(&site, "challenge/index.html");
    assert!(first.contains("Page 1 of 2"));
    assert!(first.contains(r#"<link rel="next" href="/challenge/page/2/">"#));
    let second = html(&site, "challenge/page/2/index.html");
    assert!(second.contains(r#"<link rel="prev" href="/challenge/">"#));
    assert!(second.contains("<title>How to challenge a decision (page 2 of 2)"));
    assert!(!site.contains_key("challenge/page/3/index.html"));
    let card = Selector::parse("li.card h2 a").unwrap();
    let mut seen = Vec::new();
    for page in [&first, &second] {
        for a in Html::parse_document(page).select(&card) {
            seen.push(a.value().attr("href").unwrap().to_string());
        }
    }
    assert_eq!(seen.len(), total);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), total);

    // A system that names no route is offered the four general routes with
    // the hardest deadlines (1 to 4 days), told how many there are, and
    // sent to the list of all of them: its page, notice and snippet alike.
    let page = html(&site, &format!("systems/{general}/index.html"));
    for k in 0..4 {
        assert!(page.contains(&format!(">Extra route {k}</a>")), "route {k}");
    }
    assert!(!page.contains(">Extra route 4</a>"));
    assert!(page.contains(&format!(
        "There are {total} ways to challenge any decision we make"
    )));
    assert!(page.contains(&format!("{} other ways to challenge it", total - 1)));
    assert!(page.contains(&format!(
        r#"<a href="/challenge/">All {total} ways to challenge a decision</a>"#
    )));
    let notice = html(&site, &format!("systems/{general}/notice/index.html"));
    assert_eq!(notice.matches("<li>Extra route").count(), 4, "{notice}");
    assert!(notice.contains(&format!("There are {total} in all")));
    let snippet = html(
        &site,
        &format!("systems/{general}/notice/snippet/index.html"),
    );
    assert_eq!(snippet.matches("&gt;Extra route").count(), 4);
    assert!(snippet.contains(&format!("See all {total} ways to challenge a decision")));

    // A route that most systems name lists the first 100 on its page and
    // the rest on a list of their own, each system once.
    let named: Vec<String> = system_files(dir.path())
        .iter()
        .filter(|p| fs::read_to_string(p).unwrap().contains("  - route-90000\n"))
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_string())
        .collect();
    assert!(named.len() > 200, "{} systems name it", named.len());
    let route = html(&site, "challenge/route-90000/index.html");
    assert_eq!(route.matches(r#"<li><a href="/systems/"#).count(), 100);
    assert!(route.contains(&format!(
        r#"<a href="/challenge/route-90000/systems/">See all {} systems this route covers</a>"#,
        named.len()
    )));
    let pages = named.len().div_ceil(100);
    let mut listed = BTreeSet::new();
    let item = Selector::parse("li.card[data-id]").unwrap();
    for n in 1..=pages {
        let path = if n == 1 {
            "challenge/route-90000/systems/index.html".to_string()
        } else {
            format!("challenge/route-90000/systems/page/{n}/index.html")
        };
        let list = html(&site, &path);
        assert!(list.contains(&format!("Page {n} of {pages}")));
        for li in Html::parse_document(&list).select(&item) {
            assert!(listed.insert(li.value().attr("data-id").unwrap().to_string()));
        }
    }
    assert_eq!(listed, named.into_iter().collect::<BTreeSet<_>>());
    // A route few systems name keeps them all on its own page.
    assert!(!site.contains_key("challenge/route-00001/systems/index.html"));
}
