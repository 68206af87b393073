//! What the built site contains: the pages, their structure and safety.

use crate::support::*;

#[test]
fn example_portal_builds_with_only_the_intended_warning() {
    let p = TestPortal::example();
    let report = p.build_ok();
    let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["review-overdue"],
        "{}",
        render_all(&report.diagnostics)
    );
    for path in [
        "",
        "systems/",
        "errors/",
        "challenge/",
        "about/",
        "accessibility/",
        "privacy/",
        "404.html",
    ] {
        let page = p.page(path);
        assert!(page.contains("<main id=\"main-content\""), "{path}");
    }
}

#[test]
fn example_portal_covers_the_content_model() {
    let p = TestPortal::example();
    p.build_ok();
    let systems = p.page("systems/");
    for status in ["Planned", "Pilot", "In use", "Paused", "Retired"] {
        assert!(
            systems.contains(&format!("</span>{status}</strong>")),
            "no system is {status}"
        );
    }
    for automation in [
        "Gives staff information",
        "Recommends; a person decides",
        "Decides; a person checks each decision",
        "Decides automatically",
    ] {
        assert!(systems.contains(automation), "no system: {automation}");
    }
    let areas = systems.matches("<section aria-labelledby=\"area-").count();
    assert!(areas >= 5, "only {areas} service areas");
    assert!(systems.matches("class=\"card\"").count() >= 8);
    assert!(p.page("errors/").matches("<tr").count() >= 5);
    assert!(p.page("challenge/").matches("class=\"card\"").count() >= 4);
}

#[test]
fn every_page_is_well_formed_html() {
    let p = TestPortal::example();
    p.build_ok();
    for (path, bytes) in tree(&p.site()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let doc = scraper::Html::parse_document(&html);
        assert!(doc.errors.is_empty(), "{path}: {:?}", doc.errors);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
            "{path}"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{path} must have one h1");
        assert_eq!(html.matches("<main").count(), 1, "{path}");
        assert!(
            html.contains("<a href=\"#main-content\" class=\"skip-link\">Skip to main content</a>"),
            "{path}"
        );
    }
}

#[test]
fn nothing_is_loaded_from_another_host_and_no_script_but_our_own_file() {
    let p = TestPortal::example();
    p.build_ok();
    let resource = scraper::Selector::parse(
        "script, link[rel=stylesheet], img, iframe, object, embed, source",
    )
    .unwrap();
    for (path, bytes) in tree(&p.site()) {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&String::from_utf8(bytes).unwrap());
        for el in doc.select(&resource) {
            if el.value().name() == "script" {
                // The one script is the systems list's filter: our own file,
                // never inline, only on the systems list.
                assert_eq!(path, "systems/index.html");
                let src = el.value().attr("src").unwrap();
                assert_eq!(src, format!("/{}", p.asset("filter.js")));
                assert!(el.inner_html().is_empty(), "{path}: inline script");
            }
            for attr in ["src", "href"] {
                if let Some(url) = el.value().attr(attr) {
                    assert!(url.starts_with('/'), "{path}: {url} is not on this site");
                }
            }
        }
    }
}

#[test]
fn urls_are_stable() {
    let p = TestPortal::minimal();
    p.build_ok();
    let files = tree(&p.site());
    for path in [
        "index.html",
        "systems/index.html",
        "systems/parking-cameras/index.html",
        "errors/index.html",
        "errors/wrong-bay/index.html",
        "challenge/index.html",
        "challenge/ask-for-review/index.html",
        "about/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(files.contains_key(path), "missing {path}");
    }
    assert!(files.contains_key(&p.asset("style.css")));
}

#[test]
fn system_page_main_snapshot() {
    let p = TestPortal::minimal();
    p.build_ok();
    insta::assert_snapshot!(p.main_of("systems/parking-cameras/"));
}

#[test]
fn system_page_is_layered_with_challenge_in_the_same_place() {
    let p = TestPortal::example();
    p.build_ok();
    let order = [
        "id=\"summary\"",
        "id=\"how-it-affects-you\"",
        "id=\"challenge\"",
        "id=\"contact\"",
        "id=\"record\"",
        "id=\"how-it-works\"",
        "id=\"data\"",
        "id=\"human-oversight\"",
        "id=\"fairness\"",
        "id=\"monitoring\"",
        "id=\"published-errors\"",
        "id=\"review\"",
    ];
    for (path, bytes) in tree(&p.site().join("systems")) {
        if path == "index.html" || !path.ends_with("/index.html") || path.contains("/notice/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue; // the redirect from an old address
        }
        let positions: Vec<usize> = order
            .iter()
            .map(|id| {
                html.find(id)
                    .unwrap_or_else(|| panic!("{path} has no {id}"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{path}: sections out of order"
        );
    }
}

#[test]
fn errors_appear_on_their_system_and_in_the_log() {
    let p = TestPortal::minimal();
    p.build_ok();
    let system = p.main_of("systems/parking-cameras/");
    assert!(system.contains("href=\"/errors/wrong-bay/\""), "{system}");
    let log = p.main_of("errors/");
    assert!(log.contains("<caption"), "{log}");
    assert!(log.contains("href=\"/errors/wrong-bay/\""));
    let error = p.main_of("errors/wrong-bay/");
    assert!(error.contains("href=\"/systems/parking-cameras/\""));
    assert!(error.contains("href=\"/challenge/ask-for-review/\""));
}

#[test]
fn monitoring_results_are_captioned_tables_with_scopes() {
    let p = TestPortal::minimal();
    p.build_ok();
    let doc = scraper::Html::parse_document(&p.page("systems/parking-cameras/"));
    let table = scraper::Selector::parse("#monitoring .record table").unwrap();
    let table = doc.select(&table).next().expect("results table");
    let html = table.html();
    assert!(html.contains("<caption class=\"table__caption table__caption--s\" id=\"results-1\">Cases rejected by officers, January to June 2026</caption>"), "{html}");
    assert!(
        html.contains(
            "<th scope=\"row\">Vans</th><td class=\"numeric\">4%</td><td class=\"numeric\">300</td>"
        ),
        "{html}"
    );
    assert!(html.contains("<td class=\"numeric\">1,200</td>"), "{html}");
}

#[test]
fn report_a_problem_link_names_the_page() {
    let p = TestPortal::minimal();
    p.build_ok();
    let main = p.main_of("systems/parking-cameras/");
    assert!(
        main.contains("mailto:ai@testford.example?subject=Problem%20with%20the%20record%3A%20Parking%20cameras%20%28https%3A%2F%2Fai.testford.example%2Fsystems%2Fparking-cameras%2F%29"),
        "{main}"
    );
}

#[test]
fn raw_html_and_script_links_in_content_never_reach_the_page() {
    let p = TestPortal::minimal();
    p.write(
        "content/pages/about.md",
        "---\ntitle: \"<script>alert(1)</script>\"\n---\n\n<script>alert(2)</script>\n\n<img src=x onerror=alert(3)>\n\n[click](javascript:alert(4)) [ok](https://www.testford.example/)\n\n{{ site.title }} {% if true %}x{% endif %}\n",
    );
    let report = p.build_ok();
    only(&report.diagnostics, "unsafe-link");
    let page = p.page("about/");
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("javascript:"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("{{ site.title }} {% if true %}x{% endif %}"),
        "template syntax must stay text: {page}"
    );
    assert!(page.contains("href=\"https://www.testford.example/\""));
}

#[test]
fn markdown_headings_sit_under_the_page_heading_with_unique_ids() {
    let p = TestPortal::minimal();
    p.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\n\n# Contact\n\n## Steps\n\n## Steps\n",
    );
    p.build_ok();
    let main = p.main_of("about/");
    assert!(main.contains("<h2 id=\"contact-2\">Contact</h2>"), "{main}");
    assert!(main.contains("<h3 id=\"steps-2\">Steps</h3>"), "{main}");
    assert!(main.contains("<h3 id=\"steps-3\">Steps</h3>"), "{main}");
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let p = TestPortal::minimal();
    p.edit(
        "content/portal.yaml",
        "base_url: https://ai.testford.example/",
        "base_url: https://www.testford.example/ai",
    );
    p.build_ok();
    let page = p.page("systems/parking-cameras/");
    assert!(page.contains(&format!("href=\"/ai/{}\"", p.asset("style.css"))));
    assert!(page.contains("href=\"/ai/challenge/ask-for-review/\""));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://www.testford.example/ai/systems/parking-cameras/\">"
    ));
    assert!(!page.contains("href=\"/systems/"), "{page}");
}

#[test]
fn sitemap_lists_pages_with_absolute_urls() {
    let p = TestPortal::minimal();
    p.build_ok();
    let sitemap = p.page("sitemap.xml");
    assert!(sitemap.contains("<url><loc>https://ai.testford.example/systems/parking-cameras/</loc><lastmod>2026-05-01</lastmod></url>"), "{sitemap}");
    assert!(!sitemap.contains("404"));
    assert!(
        p.page("robots.txt")
            .contains("Sitemap: https://ai.testford.example/sitemap.xml")
    );
}

#[cfg(feature = "minify")]
#[test]
fn minified_pages_keep_their_text_and_stay_well_formed() {
    let plain = TestPortal::example();
    plain.build_ok();
    let minified = TestPortal::example();
    glassbox::build(&glassbox::BuildOptions {
        minify: true,
        ..minified.options()
    })
    .unwrap();
    // The text a reader gets: block elements separate words, inline elements
    // do not, so two links glued together ("First linkSecond link") differ.
    let text = |html: &str| {
        const BLOCKS: &[&str] = &[
            "html",
            "head",
            "title",
            "body",
            "header",
            "footer",
            "main",
            "nav",
            "section",
            "aside",
            "div",
            "p",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "caption",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "details",
            "summary",
            "blockquote",
            "pre",
            "br",
            "hr",
        ];
        let doc = scraper::Html::parse_document(html);
        let mut out = String::new();
        for edge in doc.tree.root().traverse() {
            let (ego_tree::iter::Edge::Open(node) | ego_tree::iter::Edge::Close(node)) = edge;
            match node.value() {
                scraper::Node::Text(t) if matches!(edge, ego_tree::iter::Edge::Open(_)) => {
                    out.push_str(t)
                }
                scraper::Node::Element(e) if BLOCKS.contains(&e.name()) => out.push(' '),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let before = tree(&plain.site());
    let after = tree(&minified.site());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &before {
        if !path.ends_with(".html") {
            continue;
        }
        let small = String::from_utf8(after[path].clone()).unwrap();
        let big = String::from_utf8(bytes.clone()).unwrap();
        assert!(small.len() < big.len(), "{path} did not shrink");
        assert_eq!(text(&small), text(&big), "{path} lost or changed text");
        let doc = scraper::Html::parse_document(&small);
        assert!(doc.errors.is_empty(), "{path}: {:?}", doc.errors);
    }
}
