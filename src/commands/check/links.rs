//! The link check: every link and `#fragment` inside the rendered site
//! leads somewhere, read from the pages' HTML.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::html::{self, PageMap};
use crate::diagnostic::{Diagnostic, Position};
use crate::load::Sources;
use crate::model::Portal;

pub(super) struct LinkCheck {
    pub(super) pages: usize,
    pub(super) links: usize,
    pub(super) problems: Vec<Diagnostic>,
}

/// What the link check needs of a site: every file's path, and the map
/// of every page, read as the page is made (see [`Site::take`]).
#[derive(Default)]
pub(super) struct Site {
    /// Output paths (`systems/x/index.html`).
    pub(super) paths: BTreeSet<String>,
    /// The map of every HTML page, by its path.
    pub(super) maps: BTreeMap<String, PageMap>,
}

impl Site {
    /// Takes note of one file of the site: its path, and the map of a page.
    /// Reading the page is most of the work: it is done by the thread that made
    /// the page, in parallel with the others.
    pub(super) fn take(site: &std::sync::Mutex<Site>, path: String, bytes: &[u8]) {
        // The pages are made as UTF-8: checking that is quicker than the
        // lossy conversion, which is kept for a page that is not.
        let map = path
            .ends_with(".html")
            .then(|| match std::str::from_utf8(bytes) {
                Ok(text) => html::page_map(text),
                Err(_) => html::page_map(&String::from_utf8_lossy(bytes)),
            });
        let mut site = site.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(map) = map {
            site.maps.insert(path.clone(), map);
        }
        site.paths.insert(path);
    }
}

/// Follows every link between the site's pages.
pub(super) fn check_links(site: &Site, portal: &Portal, sources: &Sources) -> LinkCheck {
    let root = portal.settings.root_path.as_str();
    let base = portal.settings.base_url.as_str();
    let maps = &site.maps;
    let files = &site.paths;
    // Which source file each entry page comes from, to point at it.
    let mut source_of: BTreeMap<String, &str> = BTreeMap::new();
    for s in &portal.systems {
        source_of.insert(format!("systems/{}/index.html", s.id), &s.source.path);
    }
    for e in &portal.errors {
        source_of.insert(format!("errors/{}/index.html", e.id), &e.source.path);
    }
    for c in &portal.challenges {
        source_of.insert(format!("challenge/{}/index.html", c.id), &c.source.path);
    }
    for p in &portal.pages {
        source_of.insert(format!("{}/index.html", p.id), &p.source.path);
    }
    let text_of = |path: &str| {
        sources
            .systems
            .iter()
            .chain(&sources.errors)
            .chain(&sources.challenges)
            .chain(&sources.pages)
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
    };

    // Each page's links are followed on their own (a link broken twice on
    // one page is reported once), so pages are checked in parallel; the
    // results are put back in page order.
    //
    // Most references are the same on every page (the navigation, the
    // footer, links to systems from the lists): an address from the site's
    // root leads to the same file from any page, so each thread keeps
    // where each such address led (about a million links at 10,000 systems,
    // a few thousand addresses).
    let per_page: Vec<(usize, Vec<Diagnostic>)> = maps
        .par_iter()
        .map_init(HashMap::new, |led_to: &mut HashMap<&str, Followed>, (page, map)| {
            let mut links = 0;
            let mut problems = Vec::new();
            let mut reported = BTreeSet::new();
            let page_dir = match page.rfind('/') {
                Some(i) => format!("{root}{}", &page[..=i]),
                None => root.to_string(),
            };
            let page_url = format!("{root}{}", page.trim_end_matches("index.html"));
            for reference in &map.references {
                let url = reference.url.as_str();
                let followed = match led_to.get(url) {
                    Some(followed) => followed.clone(),
                    None => {
                        let followed = internal_target(url, base, root, &page_dir)
                            .map(|target| resolve(&target, root, page, files));
                        if from_root(url, base) {
                            led_to.insert(url, followed.clone());
                        }
                        followed
                    }
                };
                let Some(followed) = followed else {
                    continue;
                };
                links += 1;
                let problem = match followed {
                    Err(()) => Some((
                        "broken-link",
                        format!(
                            "the link {} on {page_url} goes to a page that does not exist",
                            describe(reference)
                        ),
                        "correct the address or create the page. Entry addresses are /systems/<id>/, /errors/<id>/, /challenge/<id>/ and /<page-id>/, where <id> is the file name without .md".to_string(),
                    )),
                    Ok((file, Some(fragment))) if !fragment_exists(&fragment, maps.get(file.as_str())) => {
                        let ids: Vec<&str> = maps
                            .get(file.as_str())
                            .map(|m| m.anchors.iter().map(String::as_str).collect())
                            .unwrap_or_default();
                        let near = crate::diagnostic::did_you_mean(&fragment, ids.iter().copied());
                        Some((
                            "broken-fragment",
                            format!(
                                "the link {} on {page_url} points at a section `#{fragment}` that is not on {}",
                                describe(reference),
                                if file == *page { "the same page".to_string() } else { format!("{root}{}", file.trim_end_matches("index.html")) }
                            ),
                            match near {
                                Some(near) => format!("did you mean `#{near}`? A heading's id is made from its words, or set with {{#id}} after it"),
                                None => "point the link at a heading that exists; a heading's id is made from its words, or set with {#id} after it".to_string(),
                            },
                        ))
                    }
                    Ok(_) => None,
                };
                let Some((code, message, help)) = problem else {
                    continue;
                };
                if !reported.insert(reference.url.as_str()) {
                    continue;
                }
                let mut d = Diagnostic::error(code, message).with_help(help);
                if let Some(source) = source_of.get(page.as_str()).copied() {
                    let text = text_of(source).unwrap_or("");
                    d = match locate_link(text, &reference.url, root) {
                        Some(position) => d.at(source, text, position),
                        None => {
                            d.message
                                .push_str(" (the link is in the theme's template for this page)");
                            d
                        }
                    };
                } else {
                    d.message
                        .push_str(" (the link is in the theme's templates)");
                }
                problems.push(d);
            }
            (links, problems)
        })
        .collect();
    let mut check = LinkCheck {
        pages: maps.len(),
        links: 0,
        problems: Vec::new(),
    };
    for (links, problems) in per_page {
        check.links += links;
        check.problems.extend(problems);
    }
    check
}

/// Where a reference leads: `None` for another site, else the file and
/// fragment it resolves to, or `Err` when there is no such file.
type Followed = Option<Result<(String, Option<String>), ()>>;

/// Whether `url` leads to the same place from any page of the site: it
/// starts at the site's root (`/x`, or the base URL), not at the page.
fn from_root(url: &str, base: &str) -> bool {
    let url = url.trim();
    let rest = url.strip_prefix(base).unwrap_or(url);
    (rest.len() < url.len() || rest.starts_with('/')) && !rest.starts_with("//")
}

/// The site path (with `#fragment`, without `?query`) a reference leads to,
/// when it leads inside the site; `None` for other sites, email and phone
/// links.
fn internal_target(url: &str, base: &str, root: &str, page_dir: &str) -> Option<String> {
    let url = url.trim();
    let url = match url.strip_prefix(base) {
        Some(rest) => format!("{root}{rest}"),
        None => url.to_string(),
    };
    let scheme_end = url.find(':');
    let first_special = url.find(['/', '?', '#']);
    if url.starts_with("//") || scheme_end.is_some_and(|c| first_special.is_none_or(|s| c < s)) {
        return None;
    }
    let (path_and_query, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url.as_str(), None),
    };
    let path = path_and_query.split('?').next().unwrap_or("");
    let joined = if path.is_empty() {
        // Only a fragment or a query: this page.
        page_dir.to_string() + "\u{0}"
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{page_dir}{path}")
    };
    let mut out = normalise(&joined);
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

/// Folds `.` and `..`; a `\0` at the end marks "this page itself".
fn normalise(path: &str) -> String {
    let this_page = path.ends_with('\u{0}');
    let path = path.trim_end_matches('\u{0}');
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if (trailing || this_page) && !out.ends_with('/') {
        out.push('/');
    }
    if this_page {
        out.push('\u{0}');
    }
    out
}

/// The output file a site path leads to, and its fragment.
fn resolve(
    target: &str,
    root: &str,
    page: &str,
    files: &BTreeSet<String>,
) -> Result<(String, Option<String>), ()> {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (target, None),
    };
    if let Some(stripped) = path.strip_suffix('\u{0}') {
        let _ = stripped;
        return Ok((page.to_string(), fragment));
    }
    let rel = path.strip_prefix(root).or_else(|| {
        // `/ai` for a root of `/ai/`.
        (path == root.trim_end_matches('/')).then_some("")
    });
    let Some(rel) = rel else {
        return Err(());
    };
    let rel = decode(rel);
    let candidates = if rel.is_empty() || rel.ends_with('/') {
        vec![format!("{rel}index.html")]
    } else {
        vec![rel.clone(), format!("{rel}/index.html")]
    };
    candidates
        .into_iter()
        .find(|c| files.contains(c))
        .map(|file| (file, fragment))
        .ok_or(())
}

/// Decodes `%XX` escapes (ids are ASCII, but a link may escape a space).
fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = path.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn fragment_exists(fragment: &str, map: Option<&PageMap>) -> bool {
    // `#` alone and `#top` go to the top of any page (HTML standard).
    if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
        return true;
    }
    let Some(map) = map else {
        // Not an HTML page (a feed, an asset): fragments are its own business.
        return true;
    };
    map.anchors.contains(fragment) || map.anchors.contains(&decode(fragment))
}

fn describe(reference: &html::Reference) -> String {
    if reference.text.is_empty() {
        format!("`{}` ({})", reference.url, reference.attribute)
    } else {
        format!("\"{}\" (`{}`)", reference.text, reference.url)
    }
}

/// Where the link is written in the entry's file: the address as rendered,
/// or without the site's root path (Markdown links get it added).
fn locate_link(text: &str, url: &str, root: &str) -> Option<Position> {
    let mut needles = vec![url.to_string()];
    if root != "/"
        && let Some(rest) = url.strip_prefix(root)
    {
        needles.push(format!("/{rest}"));
    }
    for needle in needles {
        for (n, line) in text.lines().enumerate() {
            if let Some(byte) = line.find(&needle) {
                return Some(Position::new(n + 1, line[..byte].chars().count() + 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_targets_are_resolved_against_the_page() {
        let base = "https://ai.example/ai/";
        let root = "/ai/";
        let dir = "/ai/systems/x/";
        let t = |u| internal_target(u, base, root, dir);
        assert_eq!(t("/ai/errors/").as_deref(), Some("/ai/errors/"));
        assert_eq!(t("../y/#risks").as_deref(), Some("/ai/systems/y/#risks"));
        assert_eq!(
            t("https://ai.example/ai/challenge/").as_deref(),
            Some("/ai/challenge/")
        );
        assert_eq!(
            t("#contact").as_deref(),
            Some("/ai/systems/x/\u{0}#contact")
        );
        assert_eq!(t("https://other.example/"), None);
        assert_eq!(t("//cdn.example/x.js"), None);
        assert_eq!(t("mailto:a@b.example"), None);
        assert_eq!(t("tel:0800"), None);
        assert_eq!(t("../../../../etc").as_deref(), Some("/etc"));
    }
}
