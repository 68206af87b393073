//! Reads rendered pages for what `glassbox check` follows: the links and
//! the ids a `#fragment` can point at. Structure is never read with
//! regexes: each page goes through html5ever's tokenizer, the one the HTML
//! standard describes, so entities, upper-case names, quoting and the text
//! of `<script>`, `<style>`, `<textarea>` and comments come out as a browser
//! reads them.
//!
//! No tree is built: `check` reads every page of the site, and building
//! each page's tree (and matching selectors over it) cost about twice the
//! CPU of rendering the site. The few choices a tree builder makes that
//! change what the tokens mean are made here instead (see [`Reader`]).
//! Markup a browser would repair or drop, such as a `<td>` outside a table
//! or a link left open across paragraphs, is read as written; the themes
//! and Markdown do not make it.
//!
//! html5ever is used in this module only.

use std::cell::RefCell;
use std::collections::BTreeSet;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, TokenizerResult, local_name};

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
    /// By kind, in the order of [`KINDS`], then in the order of the page.
    pub references: Vec<Reference>,
}

/// The attributes that are references: element, attribute, label.
const KINDS: [(LocalName, LocalName, &str); 6] = [
    (local_name!("a"), local_name!("href"), "a href"),
    (local_name!("area"), local_name!("href"), "area href"),
    (local_name!("link"), local_name!("href"), "link href"),
    (local_name!("img"), local_name!("src"), "img src"),
    (local_name!("script"), local_name!("src"), "script src"),
    (local_name!("form"), local_name!("action"), "form action"),
];

/// A reference's words longer than this are cut, for messages.
const MAX_WORDS: usize = 60;

/// Reads `html` and lists its anchors and references.
pub(crate) fn page_map(html: &str) -> PageMap {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // `Script` would pause the tokenizer for a script to run; the reader
    // never asks for that, but carrying on is right if it ever comes.
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    tokenizer.sink.0.into_inner().finish()
}

/// The state kept between tokens. Where a tree builder would change what
/// the next tokens mean, the reader does the same:
///
/// - the text of `<script>`, `<style>`, `<title>`, `<textarea>`,
///   `<noscript>` (as with scripting on), `<xmp>`, `<iframe>`, `<noembed>`,
///   `<noframes>` and everything after `<plaintext>` is text, not tags;
/// - except inside `<svg>` and `<math>`, where those are ordinary elements
///   and `<![CDATA[...]]>` is text;
/// - a `<form>` inside an open form is dropped, with its attributes;
/// - a second `<a>` closes the first; `<image>` is `<img>`;
/// - a repeated `<html>` or `<body>` tag only adds an id if the element
///   had none.
///
/// Everything inside `<template>` counts, as it did when scraper read the
/// pages: a template's links are the site's links once it is used.
#[derive(Default)]
struct Reader {
    anchors: BTreeSet<String>,
    /// Each reference with the index of its kind in [`KINDS`].
    references: Vec<(usize, Reference)>,
    /// References whose element is open: their words are still being read.
    open: Vec<Open>,
    /// How many `<svg>` and `<math>` elements are open.
    foreign: usize,
    /// How many `<template>` elements are open.
    templates: usize,
    /// Whether a `<form>` is open (outside templates).
    in_form: bool,
    /// Whether the `<html>` and the `<body>` element have had their id.
    root_ids: [bool; 2],
}

struct Open {
    /// Index in `Reader::references`.
    index: usize,
    element: LocalName,
    words: Words,
}

impl Reader {
    fn start_tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let html = self.foreign == 0;
        let mut name = tag.name.clone();
        if html && name == local_name!("image") {
            name = local_name!("img");
        }
        if name == local_name!("form") && self.templates == 0 {
            if self.in_form {
                return TokenSinkResult::Continue;
            }
            self.in_form = true;
        }
        let root = [local_name!("html"), local_name!("body")]
            .iter()
            .position(|r| *r == name);
        if let Some(id) = attribute(tag, &local_name!("id")) {
            let first = root.is_none_or(|r| !std::mem::replace(&mut self.root_ids[r], true));
            if first {
                self.anchors.insert(id.to_string());
            }
        }
        if name == local_name!("a") {
            if html {
                self.close(&name);
            }
            if let Some(anchor) = attribute(tag, &local_name!("name")) {
                self.anchors.insert(anchor.to_string());
            }
        }
        if let Some(kind) = KINDS.iter().position(|(element, _, _)| *element == name)
            && let Some(url) = attribute(tag, &KINDS[kind].1)
        {
            let index = self.references.len();
            self.references.push((
                kind,
                Reference {
                    url: url.to_string(),
                    attribute: KINDS[kind].2,
                    text: String::new(),
                },
            ));
            let alt = attribute(tag, &local_name!("alt"));
            let void = [local_name!("area"), local_name!("link"), local_name!("img")];
            if void.contains(&name) || (tag.self_closing && !html) {
                self.references[index].1.text = Words::with_alt(alt).finish();
            } else {
                self.open.push(Open {
                    index,
                    element: name.clone(),
                    words: Words::with_alt(alt),
                });
            }
        }
        if name == local_name!("template") {
            self.templates += 1;
        }
        if name == local_name!("svg") || name == local_name!("math") {
            if !tag.self_closing {
                self.foreign += 1;
            }
            return TokenSinkResult::Continue;
        }
        if !html {
            return TokenSinkResult::Continue;
        }
        match name {
            local_name!("title") | local_name!("textarea") => {
                TokenSinkResult::RawData(RawKind::Rcdata)
            }
            local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript") => TokenSinkResult::RawData(RawKind::Rawtext),
            local_name!("script") => TokenSinkResult::RawData(RawKind::ScriptData),
            local_name!("plaintext") => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }

    fn end_tag(&mut self, tag: &Tag) {
        let name = &tag.name;
        self.close(name);
        if *name == local_name!("form") && self.templates == 0 {
            self.in_form = false;
        } else if *name == local_name!("template") {
            self.templates = self.templates.saturating_sub(1);
        } else if *name == local_name!("svg") || *name == local_name!("math") {
            self.foreign = self.foreign.saturating_sub(1);
        }
    }

    /// Ends the words of the innermost open reference on a `name` element.
    fn close(&mut self, name: &LocalName) {
        if let Some(i) = self.open.iter().rposition(|o| o.element == *name) {
            let open = self.open.remove(i);
            self.references[open.index].1.text = open.words.finish();
        }
    }

    /// A tag or a comment between two runs of text: they are two text
    /// nodes, whose words do not run together.
    fn gap(&mut self) {
        for open in &mut self.open {
            open.words.gap();
        }
    }

    fn finish(mut self) -> PageMap {
        for open in std::mem::take(&mut self.open) {
            self.references[open.index].1.text = open.words.finish();
        }
        // Stable: the page's order is kept within each kind.
        self.references.sort_by_key(|(kind, _)| *kind);
        PageMap {
            anchors: self.anchors,
            references: self.references.into_iter().map(|(_, r)| r).collect(),
        }
    }
}

/// The tokenizer hands each token over by a shared reference.
#[derive(Default)]
struct Sink(RefCell<Reader>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut reader = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                reader.gap();
                match tag.kind {
                    TagKind::StartTag => return reader.start_tag(&tag),
                    TagKind::EndTag => reader.end_tag(&tag),
                }
            }
            Token::CharacterTokens(text) => {
                for open in &mut reader.open {
                    open.words.push(&text);
                }
            }
            Token::CommentToken(_) | Token::DoctypeToken(_) => reader.gap(),
            // A NUL in text is dropped, and errors are not the reader's
            // business; neither splits a text node.
            Token::NullCharacterToken | Token::ParseError(_) | Token::EOFToken => {}
        }
        TokenSinkResult::Continue
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.0.borrow().foreign > 0
    }
}

/// An attribute's value (already free of entities) by its lower-case name.
fn attribute<'t>(tag: &'t Tag, name: &LocalName) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| a.name.local == *name)
        .map(|a| &*a.value)
}

/// A reference's words, gathered as its text comes: runs of white space
/// made one space, and no more kept than a message shows.
#[derive(Default)]
struct Words {
    text: String,
    chars: usize,
    /// A space is owed before the next word.
    space: bool,
    /// What to say when there are no words (an image's alt text).
    alt: Option<String>,
}

impl Words {
    fn with_alt(alt: Option<&str>) -> Words {
        Words {
            alt: alt.map(str::to_string),
            ..Words::default()
        }
    }

    fn push(&mut self, text: &str) {
        for c in text.chars() {
            if self.chars > MAX_WORDS {
                return;
            }
            if c.is_whitespace() {
                self.gap();
            } else {
                if self.space {
                    self.text.push(' ');
                    self.chars += 1;
                    self.space = false;
                }
                self.text.push(c);
                self.chars += 1;
            }
        }
    }

    fn gap(&mut self) {
        self.space = !self.text.is_empty();
    }

    fn finish(self) -> String {
        let words = match self.alt {
            Some(alt) if self.text.is_empty() => alt,
            _ => self.text,
        };
        if words.chars().count() > MAX_WORDS {
            words.chars().take(MAX_WORDS - 3).collect::<String>() + "..."
        } else {
            words
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(map: &PageMap) -> Vec<&str> {
        map.anchors.iter().map(String::as_str).collect()
    }

    fn references(map: &PageMap) -> Vec<(&str, &str, &str)> {
        map.references
            .iter()
            .map(|r| (r.attribute, r.url.as_str(), r.text.as_str()))
            .collect()
    }

    #[test]
    fn lists_anchors_and_references() {
        let map = page_map(
            r##"<!doctype html><html><head><link rel="stylesheet" href="/assets/style.css"></head>
            <body><h2 id="top">Top</h2><a name="old"></a><span name="not-an-anchor"></span>
            <a href="/systems/#list">All <em>systems</em></a><img src="/a.png" alt="A map">
            <form action="/search/"></form></body></html>"##,
        );
        assert_eq!(anchors(&map), ["old", "top"]);
        assert_eq!(
            references(&map),
            [
                ("a href", "/systems/#list", "All systems"),
                ("link href", "/assets/style.css", ""),
                ("img src", "/a.png", "A map"),
                ("form action", "/search/", ""),
            ]
        );
    }

    #[test]
    fn entities_are_decoded_in_addresses_and_words() {
        let map = page_map(concat!(
            r#"<a href="/a?x=1&amp;y=2">Q&amp;A</a><a href="/b&copy">c</a>"#,
            r#"<a href="/c&notanentity;">d</a><a href="&#x2F;hex&#47;">&#x1F600;</a>"#,
        ));
        assert_eq!(
            references(&map),
            [
                ("a href", "/a?x=1&y=2", "Q&A"),
                ("a href", "/b©", "c"),
                ("a href", "/c&notanentity;", "d"),
                ("a href", "/hex/", "😀"),
            ]
        );
    }

    #[test]
    fn names_are_read_in_any_case_and_the_first_of_two_attributes_counts() {
        let map = page_map(concat!(
            r#"<A HREF="/UP" ID="Big">Up</A><IMG SRC="/i.png" ALT="I">"#,
            r#"<Form Action="/f/">x</Form><a href="/x" href="/y" id="one" id="two">d</a>"#,
        ));
        // Values keep their case; only names are folded.
        assert_eq!(anchors(&map), ["Big", "one"]);
        assert_eq!(
            references(&map),
            [
                ("a href", "/UP", "Up"),
                ("a href", "/x", "d"),
                ("img src", "/i.png", "I"),
                ("form action", "/f/", "x"),
            ]
        );
    }

    #[test]
    fn ids_count_on_any_element_names_only_on_links() {
        let map = page_map(concat!(
            r#"<section id="s"><p id=""></p><span name="no"></span><a name="yes"></a>"#,
            r#"<svg id="g"><title id="t">t</title><a href="/svg-a">s</a><a xlink:href="/xl">x</a></svg>"#,
            r#"<math id="m"></math><template id="tpl"><a href="/in-template" id="in-tpl">T</a></template>"#,
        ));
        assert_eq!(
            anchors(&map),
            ["", "g", "in-tpl", "m", "s", "t", "tpl", "yes"]
        );
        // `xlink:href` is not `href`, as before; a template's links count.
        assert_eq!(
            references(&map),
            [("a href", "/svg-a", "s"), ("a href", "/in-template", "T")]
        );
    }

    #[test]
    fn nothing_is_read_in_comments_scripts_and_other_text_elements() {
        let elements = [
            "script", "style", "title", "textarea", "noscript", "xmp", "iframe", "noembed",
            "noframes",
        ];
        let mut html = String::from(r#"<!-- <a href="/in-comment" id="c">c</a> -->"#);
        for e in elements {
            html.push_str(&format!(r#"<{e}><a href="/in-{e}" id="{e}">{e}</a></{e}>"#));
        }
        // A script that looks as if it opened another still ends at its end tag.
        html.push_str(r#"<script><!--<script>--></script><a href="/after" id="after">b</a>"#);
        html.push_str(r#"<plaintext><a href="/in-plaintext" id="pt">"#);
        let map = page_map(&html);
        assert_eq!(anchors(&map), ["after"]);
        assert_eq!(references(&map), [("a href", "/after", "b")]);
    }

    #[test]
    fn svg_and_math_elements_are_not_read_as_html_text_elements() {
        let map = page_map(concat!(
            r#"<svg><title/><a href="/after-title">x</a><style/><a href="/after-style">y</a>"#,
            r#"<![CDATA[<a href="/in-cdata" id="cd">]]></svg>"#,
            r#"<![CDATA[<a href="/html-cdata" id="hc">]]><title><a href="/in-title"></title>"#,
        ));
        assert!(map.anchors.is_empty(), "{:?}", map.anchors);
        assert_eq!(
            references(&map),
            [
                ("a href", "/after-title", "x"),
                ("a href", "/after-style", "y")
            ]
        );
    }

    #[test]
    fn words_are_the_text_nodes_joined_and_shortened() {
        let map = page_map(concat!(
            r#"<a href="/w">  many   words <!--c--> and<br>more &amp; <span>sp</span>an </a>"#,
            r#"<a href="/s"><script>var x = 1;</script>after</a>"#,
            r#"<a href="/long">aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff gggg</a>"#,
            r#"<a href="/1">one<a href="/2">two</a>"#,
            r#"<area href="/area" alt="Area"><img src="/no-alt.png"><script src="/s.js">inline</script>"#,
            r#"<a href="/open">never <b>closed"#,
        ));
        assert_eq!(
            references(&map),
            [
                ("a href", "/w", "many words and more & sp an"),
                ("a href", "/s", "var x = 1; after"),
                (
                    "a href",
                    "/long",
                    "aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ff..."
                ),
                ("a href", "/1", "one"),
                ("a href", "/2", "two"),
                ("a href", "/open", "never closed"),
                ("area href", "/area", "Area"),
                ("img src", "/no-alt.png", ""),
                ("script src", "/s.js", "inline"),
            ]
        );
    }

    #[test]
    fn addresses_are_listed_as_written_from_the_elements_that_count() {
        let map = page_map(concat!(
            r#"<base href="/base/"><a href=" rel ">r</a><image src="/image.png">"#,
            r#"<img src="/i.png" srcset="/i-2x.png 2x"><video src="/v.mp4"></video>"#,
            r#"<iframe src="/f.html"></iframe><a>no address</a>"#,
        ));
        // `<base>` is not applied and spaces are kept: resolving is links.rs's.
        assert_eq!(
            references(&map),
            [
                ("a href", " rel ", "r"),
                ("img src", "/image.png", ""),
                ("img src", "/i.png", ""),
            ]
        );
    }

    #[test]
    fn tags_a_browser_drops_are_dropped() {
        let map = page_map(concat!(
            r#"<html id="h"><body id="b"><body id="b2"><html id="h2">"#,
            r#"<form action="/outer" id="f1"><form action="/inner" id="f2"></form></form>"#,
            r#"<form action="/later">later</form>"#,
        ));
        assert_eq!(anchors(&map), ["b", "f1", "h"]);
        assert_eq!(
            references(&map),
            [
                ("form action", "/outer", ""),
                ("form action", "/later", "later")
            ]
        );
    }

    /// The tree reader this module replaced (scraper's tree builder and
    /// selectors): the tokens must give what the tree gave.
    fn tree_map(html: &str) -> PageMap {
        use scraper::{ElementRef, Html, Selector};
        fn sel(css: &str) -> Selector {
            Selector::parse(css).unwrap()
        }
        let document = Html::parse_document(html);
        let mut map = PageMap::default();
        for element in document.select(&sel("[id], a[name]")) {
            let value = element.value();
            if let Some(id) = value.attr("id") {
                map.anchors.insert(id.to_string());
            }
            if let Some(name) = value.attr("name").filter(|_| value.name() == "a") {
                map.anchors.insert(name.to_string());
            }
        }
        let words_of = |element: &ElementRef| {
            let text = element.text().collect::<Vec<_>>().join(" ");
            let mut words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if words.is_empty() {
                words = element.value().attr("alt").unwrap_or("").to_string();
            }
            if words.chars().count() > MAX_WORDS {
                words = words.chars().take(MAX_WORDS - 3).collect::<String>() + "...";
            }
            words
        };
        for (element, attribute, label) in KINDS {
            let css = format!("{}[{}]", &*element, &*attribute);
            let selector = sel(&css);
            for element in document.select(&selector) {
                map.references.push(Reference {
                    url: element.value().attr(&attribute).unwrap().to_string(),
                    attribute: label,
                    text: words_of(&element),
                });
            }
        }
        map
    }

    fn same_as_tree(path: &str, html: &str) {
        let (tokens, tree) = (page_map(html), tree_map(html));
        assert_eq!(tokens.anchors, tree.anchors, "anchors of {path}");
        assert_eq!(tokens.references, tree.references, "references of {path}");
    }

    #[test]
    fn the_cases_above_read_as_the_tree_read_them() {
        // Those where a tree builder repairs the markup are left out.
        for html in [
            r#"<a href="/a?x=1&amp;y=2">Q&amp;A</a><a href="/b&copy">c</a><A HREF="/UP" ID="Big">"#,
            r#"<svg id="g"><title id="t">t</title><a href="/svg">s</a><a xlink:href="/x">x</a></svg>"#,
            r#"<template id="tpl"><a href="/in-template" id="in">T</a></template><a name="n">"#,
            r#"<!-- <a href="/c"> --><script>'<a href="/s">'</script><noscript><a href="/n"></noscript>"#,
            r#"<textarea><a href="/t"></textarea><xmp><a href="/x"></xmp><plaintext><a href="/p">"#,
            r#"<svg><title/><a href="/after">x</a><![CDATA[<a href="/in-cdata">]]></svg>"#,
            r#"<a href="/w"> many  words <!--c--> and<br>more <span>sp</span>an <script>s</script></a>"#,
            r#"<a href="/1">one<a href="/2">two</a><area href="/area" alt="Area"><img src="/i">"#,
            r#"<html id="h"><body id="b"><body id="b2"><form action="/o"><form action="/i">"#,
        ] {
            same_as_tree(html, html);
        }
    }

    /// Renders a portal in memory and compares every page's reading.
    fn pages_read_as_the_tree_read_them(portal_dir: &std::path::Path) {
        let options = crate::BuildOptions {
            today: Some(jiff::civil::date(2026, 11, 26)),
            draft: true,
            ..crate::BuildOptions::new(portal_dir)
        };
        let rendered = crate::render(&options).unwrap_or_else(|e| panic!("render: {e}"));
        let mut pages = 0;
        for (path, bytes) in &rendered.files {
            if path.ends_with(".html") {
                same_as_tree(path, std::str::from_utf8(bytes).unwrap());
                pages += 1;
            }
        }
        assert!(pages > 20, "only {pages} pages");
    }

    #[test]
    fn the_example_portals_pages_read_as_the_tree_read_them() {
        let dir = tempfile::tempdir().unwrap();
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(&content) {
            let entry = entry.unwrap();
            let to = dir
                .path()
                .join("content")
                .join(entry.path().strip_prefix(&content).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        pages_read_as_the_tree_read_them(dir.path());
    }

    #[test]
    fn a_generated_portals_pages_read_as_the_tree_read_them() {
        let dir = tempfile::tempdir().unwrap();
        crate::commands::bench_gen::generate(30, dir.path()).unwrap();
        pages_read_as_the_tree_read_them(dir.path());
    }
}
