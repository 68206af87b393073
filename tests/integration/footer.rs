//! Issue 27: the footer, on every page, does not grow with the portal. It
//! lists only the pages editors chose with `footer_order` (at most eight);
//! every page is on the list of all pages at `/pages/`, split into pages of
//! 100 like the other long lists, and the footer links to that list only
//! when some page is not in the footer.

use scraper::{Html, Selector};

use crate::support::{TestPortal, location, render_all};

/// The addresses the footer's list links to, in order.
fn footer_links(page: &str) -> Vec<String> {
    let doc = Html::parse_document(page);
    let a = Selector::parse("footer .footer__list a").unwrap();
    doc.select(&a)
        .map(|l| l.value().attr("href").unwrap().to_string())
        .collect()
}

/// The (address, title) of every page listed in `<main>` of a page of the list.
fn listed(page: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(page);
    let a = Selector::parse("main .card__title a").unwrap();
    doc.select(&a)
        .map(|l| {
            (
                l.value().attr("href").unwrap().to_string(),
                l.text().collect::<String>(),
            )
        })
        .collect()
}

/// Writes `content/pages/<id>.md` with a title, a description and maybe a
/// `footer_order`.
fn page(p: &TestPortal, id: &str, title: &str, order: Option<i64>) {
    let order = order
        .map(|o| format!("footer_order: {o}\n"))
        .unwrap_or_default();
    p.write(
        &format!("content/pages/{id}.md"),
        format!(
            "---\ntitle: {title}\ndescription: What the {id} page says.\n{order}---\n\nThe {id} page.\n"
        ),
    );
}

#[test]
fn the_footer_lists_only_chosen_pages_and_links_the_rest_on_a_list() {
    let p = TestPortal::minimal();
    // `about` (footer_order 1) is in the minimal portal already.
    page(&p, "contact", "Contact us", Some(3));
    page(&p, "complaints", "Complaints", Some(2));
    // 250 pages nobody chose for the footer: the list needs three pages.
    for n in 0..250 {
        page(&p, &format!("note-{n:03}"), &format!("Note {n:03}"), None);
    }
    let report = p.build_ok();
    assert!(
        !report.diagnostics.iter().any(|d| d.code == "footer-full"),
        "{}",
        render_all(&report.diagnostics)
    );

    // Every page's footer: the chosen pages by `footer_order`, then the
    // list of all pages; none of the others.
    for url in ["", "systems/", "note-007/", "pages/page/2/"] {
        let links = footer_links(&p.page(url));
        let pages: Vec<&str> = links
            .iter()
            .map(String::as_str)
            .take_while(|l| !l.starts_with("http"))
            .take(4)
            .collect();
        assert_eq!(
            pages,
            ["/about/", "/complaints/", "/contact/", "/pages/"],
            "footer of /{url}: {links:?}"
        );
        assert!(
            !links.iter().any(|l| l.starts_with("/note-")),
            "footer of /{url} links an unchosen page: {links:?}"
        );
    }
    let home = p.page("");
    assert!(home.contains(r#"<a class="footer__link" href="/pages/">All pages</a>"#));

    // The list: every page once, by title, over three pages.
    let first = p.page("pages/");
    let second = p.page("pages/page/2/");
    let third = p.page("pages/page/3/");
    assert!(!p.site().join("pages/page/4/index.html").exists());
    assert!(!p.site().join("pages/page/1/index.html").exists());
    let mut all = Vec::new();
    for (n, html) in [&first, &second, &third].into_iter().enumerate() {
        let on_page = listed(html);
        assert!(
            on_page.len() <= 100,
            "page {} lists {}",
            n + 1,
            on_page.len()
        );
        all.extend(on_page);
    }
    assert_eq!(all.len(), 253);
    let titles: Vec<&str> = all.iter().map(|(_, t)| t.as_str()).collect();
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles, sorted);
    assert_eq!(
        titles[..3],
        ["About this portal", "Complaints", "Contact us"]
    );
    assert_eq!(all[3].0, "/note-000/");
    assert!(first.contains("What the note-000 page says."));

    // Pagination as on the other lists: "Page N of M", rel prev and next,
    // each page with its own title and canonical address.
    assert!(first.contains(r#"<nav class="pagination" aria-label="Pagination">"#));
    assert!(first.contains("Page 1 of 3"));
    assert!(first.contains(r#"<link rel="next" href="/pages/page/2/">"#));
    assert!(!first.contains(r#"rel="prev""#));
    assert!(first.contains("<title>All pages – "));
    assert!(second.contains("Page 2 of 3"));
    assert!(second.contains(r#"<link rel="prev" href="/pages/">"#));
    assert!(second.contains(r#"<link rel="next" href="/pages/page/3/">"#));
    assert!(second.contains("<title>All pages (page 2 of 3) – "));
    assert!(
        second
            .contains(r#"<link rel="canonical" href="https://ai.testford.example/pages/page/2/">"#),
        "{second}"
    );
    assert!(third.contains("Page 3 of 3"));
    assert!(third.contains(r#"<link rel="prev" href="/pages/page/2/">"#));
    assert!(!third.contains(r#"rel="next""#));

    // The list pages are in the sitemap.
    let sitemap = std::fs::read_to_string(p.site().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/pages/</loc>"));
    assert!(sitemap.contains("/pages/page/3/</loc>"));
}

#[test]
fn no_list_of_pages_when_the_footer_holds_them_all() {
    let p = TestPortal::minimal();
    page(&p, "contact", "Contact us", Some(2));
    p.build_ok();
    let links = footer_links(&p.page(""));
    assert!(links.contains(&"/about/".to_string()), "{links:?}");
    assert!(links.contains(&"/contact/".to_string()), "{links:?}");
    assert!(!links.iter().any(|l| l.starts_with("/pages/")), "{links:?}");
    assert!(!p.site().join("pages").exists());
    let sitemap = std::fs::read_to_string(p.site().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("/pages/"));

    // One page without `footer_order` is enough to need the list.
    page(&p, "contact", "Contact us", None);
    p.build_ok();
    let links = footer_links(&p.page(""));
    assert!(!links.contains(&"/contact/".to_string()), "{links:?}");
    assert!(links.contains(&"/pages/".to_string()), "{links:?}");
    let list = listed(&p.page("pages/"));
    assert_eq!(
        list,
        [
            ("/about/".to_string(), "About this portal".to_string()),
            ("/contact/".to_string(), "Contact us".to_string()),
        ]
    );
    // A list that fits on one page has no page navigation.
    assert!(!p.page("pages/").contains(r#"class="pagination""#));
}

#[test]
fn pages_past_the_footers_room_are_left_out_with_a_warning() {
    let p = TestPortal::minimal();
    // Eleven pages choose the footer: `about` (1) and ten more, numbered so
    // that the last three by order are `extra-10`, `extra-09` and `extra-08`.
    for n in 1..=10 {
        page(
            &p,
            &format!("extra-{n:02}"),
            &format!("Extra {n:02}"),
            Some(20 - n),
        );
    }
    let report = p.build_ok();
    let full: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "footer-full")
        .collect();
    let mut places: Vec<String> = full.iter().map(|d| location(d)).collect();
    places.sort();
    assert_eq!(
        places,
        [
            "content/pages/extra-01.md:4:15",
            "content/pages/extra-02.md:4:15",
            "content/pages/extra-03.md:4:15",
        ],
        "{}",
        render_all(&report.diagnostics)
    );
    let last = full
        .iter()
        .find(|d| location(d).starts_with("content/pages/extra-01.md"))
        .unwrap();
    let text = last.render();
    assert!(text.contains("warning[footer-full]"), "{text}");
    assert!(text.contains("room for 8 pages and 11 pages set `footer_order`"));
    assert!(
        text.contains("footer_order: 19"),
        "the snippet shows the line: {text}"
    );
    assert!(
        last.help
            .as_deref()
            .unwrap()
            .contains("remove `footer_order`")
    );

    // The footer shows the first eight by order; the three left out are on
    // the list of all pages, as every page is.
    let links = footer_links(&p.page("about/"));
    let pages: Vec<&str> = links
        .iter()
        .map(String::as_str)
        .take_while(|l| !l.starts_with("http"))
        .take(9)
        .collect();
    assert_eq!(
        pages,
        [
            "/about/",
            "/extra-10/",
            "/extra-09/",
            "/extra-08/",
            "/extra-07/",
            "/extra-06/",
            "/extra-05/",
            "/extra-04/",
            "/pages/",
        ]
    );
    let list: Vec<String> = listed(&p.page("pages/"))
        .into_iter()
        .map(|(url, _)| url)
        .collect();
    assert_eq!(list.len(), 11);
    for left_out in ["/extra-01/", "/extra-02/", "/extra-03/"] {
        assert!(list.contains(&left_out.to_string()), "{list:?}");
    }

    // `check` gives the same warnings.
    let checked = glassbox::commands::check::check(&p.options()).unwrap();
    assert_eq!(
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code == "footer-full")
            .count(),
        3
    );
}
