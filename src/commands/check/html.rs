//! Reads rendered pages as HTML trees (with scraper, over html5ever, the
//! parser browsers' rules are written for) to list what `glassbox check`
//! follows: the links and the ids a `#fragment` can point at. Structure is
//! never read with regexes.
//!
//! scraper is used in this module only.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

/// One reference from a page to another address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The address as written in the attribute.
    pub url: String,
    /// The element and attribute, e.g. `a href`.
    pub attribute: &'static str,
    /// The link's words (or the image's alt text), shortened, for messages.
    pub text: String,
}

/// What one page offers and what it points at.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageMap {
    /// Every `id` on the page, and every `<a name>`.
    pub anchors: BTreeSet<String>,
    pub references: Vec<Reference>,
}

static ANCHORS: LazyLock<Selector> = LazyLock::new(|| selector("[id], a[name]"));
static REFERENCES: LazyLock<[(Selector, &'static str, &'static str); 6]> = LazyLock::new(|| {
    [
        (selector("a[href]"), "href", "a href"),
        (selector("area[href]"), "href", "area href"),
        (selector("link[href]"), "href", "link href"),
        (selector("img[src]"), "src", "img src"),
        (selector("script[src]"), "src", "script src"),
        (selector("form[action]"), "action", "form action"),
    ]
});

fn selector(css: &str) -> Selector {
    // The selectors are fixed strings above; a typo is caught by the tests.
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// Parses `html` and lists its anchors and references.
pub(crate) fn page_map(html: &str) -> PageMap {
    let document = Html::parse_document(html);
    let mut map = PageMap::default();
    for element in document.select(&ANCHORS) {
        let value = element.value();
        for name in ["id", "name"] {
            if let Some(v) = value.attr(name)
                && (name == "id" || value.name() == "a")
            {
                map.anchors.insert(v.to_string());
            }
        }
    }
    for (selector, attribute, label) in REFERENCES.iter() {
        for element in document.select(selector) {
            if let Some(url) = element.value().attr(attribute) {
                map.references.push(Reference {
                    url: url.to_string(),
                    attribute: label,
                    text: words_of(&element),
                });
            }
        }
    }
    map
}

fn words_of(element: &ElementRef) -> String {
    let text: String = element.text().collect::<Vec<_>>().join(" ");
    let mut words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty()
        && let Some(alt) = element.value().attr("alt")
    {
        words = alt.to_string();
    }
    if words.chars().count() > 60 {
        words = words.chars().take(57).collect::<String>() + "...";
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_anchors_and_references() {
        let map = page_map(
            r##"<!doctype html><html><head><link rel="stylesheet" href="/assets/style.css"></head>
            <body><h2 id="top">Top</h2><a name="old"></a><span name="not-an-anchor"></span>
            <a href="/systems/#list">All <em>systems</em></a><img src="/a.png" alt="A map">
            <form action="/search/"></form></body></html>"##,
        );
        assert_eq!(
            map.anchors.iter().map(String::as_str).collect::<Vec<_>>(),
            ["old", "top"]
        );
        let urls: Vec<(&str, &str, &str)> = map
            .references
            .iter()
            .map(|r| (r.attribute, r.url.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            urls,
            [
                ("a href", "/systems/#list", "All systems"),
                ("link href", "/assets/style.css", ""),
                ("img src", "/a.png", "A map"),
                ("form action", "/search/", ""),
            ]
        );
    }
}
