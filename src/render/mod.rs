//! RENDER: turns the validated [`Portal`] into the files of the site, in
//! memory. Markdown is rendered once per entry, summaries are built once, and
//! each page is rendered in parallel against a small view of what it shows.

pub(crate) mod charts;
pub mod csp;
pub(crate) mod escape;
pub mod exports;
pub(crate) mod facets;
pub(crate) mod feeds;
pub(crate) mod fingerprint;
pub(crate) mod governance;
pub(crate) mod history;
pub mod hosting;
pub(crate) mod labels;
pub mod markdown;
#[cfg(feature = "minify")]
pub(crate) mod minify;
pub(crate) mod notice;
pub(crate) mod open_data;
pub(crate) mod out;
mod page_list;
mod pages;
mod paginate;
pub(crate) mod precompress;
pub(crate) mod qr;
pub(crate) mod residents;
mod routes;
pub(crate) mod search_index;
pub(crate) mod statement;
pub(crate) mod summaries;
pub(crate) mod theme;
pub(crate) mod view;

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostics;
use crate::model::*;
use crate::render::out::Out;
pub use crate::render::out::{Put, Write};
use crate::render::summaries::{Views, site_view};
use crate::render::theme::Theme;
use rayon::prelude::*;

/// The finished site: output path (relative, `/`-separated) → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Renders every page, giving each file to `put` as soon as it is made.
/// Returns the warnings, or every error (a template that fails, a file
/// `put` refuses); after an error some files may have been given already.
pub fn render_site(
    portal: &Portal,
    theme: &mut Theme,
    put: &dyn Put,
) -> Result<Diagnostics, Diagnostics> {
    let settings = &portal.settings;
    let mut diagnostics = Diagnostics::new();
    let out = Out::new(put);

    let views = Views::new(portal);
    prepare_theme(portal, theme);
    let theme = &*theme;

    // The pages of every entry and the lists of them; the warnings of the
    // entries' Markdown bodies are the build's.
    diagnostics.extend(pages::render_pages(portal, &views, theme, &out));
    for (name, bytes) in &theme.assets {
        out.file(theme.asset_path(name), bytes.clone());
    }
    // Facets, feeds, open data, notices and the other pages for residents
    // and reusers (see `residents.rs`).
    residents::render(portal, &views, theme, &out);
    drop(views);
    // A notice a resident cannot scan says so to the author. Each address
    // is encoded to know its code's size: on every core, as everything else
    // about the systems is, not one after another on one thread.
    let unscannable: Vec<_> = portal
        .systems
        .par_iter()
        .filter_map(|s| {
            let url = format!("{}systems/{}/", settings.base_url, s.id);
            qr::problem(&url).map(|problem| {
                crate::diagnostic::Diagnostic::warning("notice-qr", problem)
                    .in_file(&s.source.path)
                    .with_help(
                        "shorten base_url or this file's name (its id; keep the old one in `aliases`); \
                         the notice still prints the address in full",
                    )
            })
        })
        .collect();
    diagnostics.extend(unscannable);
    // Version history: the lists of versions. The old versions' own pages
    // are made apart (see `history_with_pages` in lib.rs) and stay out of
    // the sitemap and the hosting files.
    history::render(portal, theme, &out);
    // Redirects from old addresses were given unlisted: they stay out of
    // the sitemap, as the host files and robots.txt given below do.
    let listed = out.listed();
    for (path, xml) in sitemaps(portal, &listed) {
        out.unlisted_file(path, xml.into_bytes());
    }
    // Headers, caching and the same redirects for the hosts that read a
    // configuration file (see `hosting.rs`); not pages either.
    let hosting = hosting::Hosting::new(portal, &theme.csp, &listed);
    for (path, bytes) in hosting.files() {
        out.unlisted_file(path, bytes);
    }
    // A draft (`--draft`) is not for publishing: if it is put online all
    // the same, search engines are asked to stay away.
    let robots = match portal.draft {
        Some(_) => "User-agent: *\nDisallow: /\n".to_string(),
        None => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            settings.base_url
        ),
    };
    out.unlisted_file("robots.txt".into(), robots.into_bytes());
    let problems = out.into_problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    diagnostics.sort();
    Ok(diagnostics)
}

/// Gives the theme what every page shows of the site (its name, menu,
/// languages), so that pages can be made before [`render_site`] runs.
pub fn prepare_theme(portal: &Portal, theme: &mut Theme) {
    let site = site_view(portal, theme);
    theme.set_global("site", &site);
}

/// A page made on its own (an old version's), as [`crate::render()`] makes
/// every page: minified when asked for.
pub(crate) fn finish_page(path: &str, bytes: Vec<u8>, minify: bool) -> Vec<u8> {
    #[cfg(feature = "minify")]
    if minify && path.ends_with(".html") {
        return minify::minify_page(&bytes);
    }
    let _ = (path, minify);
    bytes
}

pub use history::OnRequest;

/// The most addresses one sitemap file may hold (the sitemaps.org
/// protocol's limit; search engines ignore a file with more).
const SITEMAP_URLS: usize = 50_000;

/// The sitemap: every HTML page but the 404 page, in path order. Up to
/// [`SITEMAP_URLS`] pages it is one `sitemap.xml`; past that (a register of
/// about 15,000 systems) `sitemap.xml` is an index of `sitemap-1.xml`,
/// `sitemap-2.xml`, ..., each within the limit. Returns each file's path
/// and text.
fn sitemaps(portal: &Portal, listed: &[String]) -> Vec<(String, String)> {
    let base = &portal.settings.base_url;
    let lastmod: BTreeMap<String, String> = portal
        .systems
        .iter()
        .map(|s| {
            (
                format!("systems/{}/index.html", s.id),
                s.last_reviewed.to_string(),
            )
        })
        .collect();
    let pages: Vec<&String> = listed
        .iter()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .collect();
    sitemap_files(base, &lastmod, &pages, SITEMAP_URLS)
}

/// [`sitemaps`] of `pages` (paths of HTML pages, in order), at most `limit`
/// addresses a file.
fn sitemap_files(
    base: &str,
    lastmod: &BTreeMap<String, String>,
    pages: &[&String],
    limit: usize,
) -> Vec<(String, String)> {
    let urlset = |pages: &[&String]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in pages {
            let url = format!("{base}{}", path.trim_end_matches("index.html"));
            xml.push_str("  <url><loc>");
            xml.push_str(&escape::xml(&url));
            xml.push_str("</loc>");
            if let Some(date) = lastmod.get(*path) {
                xml.push_str("<lastmod>");
                xml.push_str(date);
                xml.push_str("</lastmod>");
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if pages.len() <= limit {
        return vec![("sitemap.xml".into(), urlset(pages))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in pages.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str("  <sitemap><loc>");
        index.push_str(&escape::xml(&format!("{base}{name}")));
        index.push_str("</loc></sitemap>\n");
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("p{i}/index.html")).collect()
    }

    #[test]
    fn a_sitemap_within_the_limit_is_one_file() {
        let listed = paths(3);
        let pages: Vec<&String> = listed.iter().collect();
        let mut lastmod = BTreeMap::new();
        lastmod.insert("p1/index.html".to_string(), "2026-01-02".to_string());
        let files = sitemap_files("https://x.test/", &lastmod, &pages, 3);
        assert_eq!(files.len(), 1);
        let (path, xml) = &files[0];
        assert_eq!(path, "sitemap.xml");
        assert!(xml.contains("<urlset"));
        assert_eq!(xml.matches("<url>").count(), 3);
        assert!(xml.contains("<loc>https://x.test/p1/</loc><lastmod>2026-01-02</lastmod>"));
    }

    #[test]
    fn past_the_limit_the_sitemap_is_an_index_of_files_within_it() {
        let listed = paths(7);
        let pages: Vec<&String> = listed.iter().collect();
        let files = sitemap_files("https://x.test/", &BTreeMap::new(), &pages, 3);
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = &files[0].1;
        assert!(index.contains("<sitemapindex"));
        for name in &names[1..] {
            assert!(index.contains(&format!("<loc>https://x.test/{name}</loc>")));
        }
        // Every page once, in order, none over the limit.
        let mut all = Vec::new();
        for (_, xml) in &files[1..] {
            let locs: Vec<&str> = xml
                .split("<loc>")
                .skip(1)
                .map(|l| l.split("</loc>").next().unwrap())
                .collect();
            assert!(locs.len() <= 3);
            all.extend(locs);
        }
        let want: Vec<String> = (0..7).map(|i| format!("https://x.test/p{i}/")).collect();
        assert_eq!(all, want);
    }
}
