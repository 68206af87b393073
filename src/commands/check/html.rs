//! Reads rendered pages for what `glassbox check` follows: the links and
//! the ids a `#fragment` can point at. Structure is never read with
//! regexes: what a page means is what html5ever's tokenizer (the one the
//! HTML standard describes) makes of it, so entities, upper-case names,
//! quoting and the text of `<script>`, `<style>`, `<textarea>` and comments
//! come out as a browser reads them.
//!
//! No tree is built: `check` reads every page of the site, and building
//! each page's tree (and matching selectors over it) cost about twice the
//! CPU of rendering the site. The few choices a tree builder makes that
//! change what the tokens mean are made here instead (see [`Reader`]).
//! Markup a browser would repair or drop, such as a `<td>` outside a table
//! or a link left open across paragraphs, is read as written; the themes
//! and Markdown do not make it.
//!
//! Even the tokenizer alone was too slow: it reads about 150 MB a second,
//! and a site of 10,000 systems is 700 MB of pages, so reading them cost
//! more than rendering them (check took 2.2 times the CPU of build). Most
//! of a page is markup the themes and Markdown write the same way every
//! time, so a page is first given to a byte scanner ([`scan`]) that reads
//! that markup, and only that, the way the tokenizer does. At the first
//! thing it is not certain of (an entity it does not know, an odd comment,
//! a `<![CDATA[`, a quote inside an unquoted value; the list is in
//! [`scan`]) it gives the page up, and html5ever reads the whole page
//! instead. Both hand their tags to the same [`Reader`], so they differ
//! in tokens only, and tests compare the two on every page of the example
//! portal, a generated one, and generated snippets.
//!
//! html5ever is used in this module only.

mod scan;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeSet;

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMap {
    /// Every `id` on the page, and every `<a name>`.
    pub anchors: BTreeSet<String>,
    /// By kind, in the order of [`KINDS`], then in the order of the page.
    pub references: Vec<Reference>,
}

/// The elements whose tags the reader acts on, by their lower-case
/// names; every other element is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    A,
    Area,
    Link,
    Img,
    Image,
    Script,
    Form,
    Html,
    Body,
    Template,
    Svg,
    Math,
    Title,
    Textarea,
    Style,
    Xmp,
    Iframe,
    Noembed,
    Noframes,
    Noscript,
    Plaintext,
    Other,
}

impl Element {
    /// The element of a tag's name, already in lower case.
    fn named(name: &str) -> Element {
        use Element::*;
        match name {
            "a" => A,
            "area" => Area,
            "link" => Link,
            "img" => Img,
            "image" => Image,
            "script" => Script,
            "form" => Form,
            "html" => Html,
            "body" => Body,
            "template" => Template,
            "svg" => Svg,
            "math" => Math,
            "title" => Title,
            "textarea" => Textarea,
            "style" => Style,
            "xmp" => Xmp,
            "iframe" => Iframe,
            "noembed" => Noembed,
            "noframes" => Noframes,
            "noscript" => Noscript,
            "plaintext" => Plaintext,
            _ => Other,
        }
    }
}

/// The attributes the reader looks at, as indexes into [`Attributes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Id,
    Name,
    Href,
    Src,
    Action,
    Alt,
}

impl Attr {
    /// The attribute of a lower-case attribute name, if the reader looks at it.
    fn named(name: &str) -> Option<Attr> {
        match name {
            "id" => Some(Attr::Id),
            "name" => Some(Attr::Name),
            "href" => Some(Attr::Href),
            "src" => Some(Attr::Src),
            "action" => Some(Attr::Action),
            "alt" => Some(Attr::Alt),
            _ => None,
        }
    }
}

/// The values (free of entities) of a start tag's attributes that the
/// reader looks at. Of two attributes with one name the first counts, as
/// the tokenizer drops the second.
#[derive(Debug, Default)]
struct Attributes<'v>([Option<Cow<'v, str>>; 6]);

impl<'v> Attributes<'v> {
    fn of_tag(tag: &'v Tag) -> Attributes<'v> {
        let mut attributes = Attributes::default();
        for a in &tag.attrs {
            if let Some(attr) = Attr::named(&a.name.local) {
                attributes.offer(attr, || Cow::Borrowed(&*a.value));
            }
        }
        attributes
    }

    /// Whether `attr` has no value yet: a later one is dropped.
    fn wants(&self, attr: Attr) -> bool {
        self.0[attr as usize].is_none()
    }

    /// Sets `attr` if it has no value yet.
    fn offer(&mut self, attr: Attr, value: impl FnOnce() -> Cow<'v, str>) {
        if self.wants(attr) {
            self.0[attr as usize] = Some(value());
        }
    }

    fn get(&self, attr: Attr) -> Option<&str> {
        self.0[attr as usize].as_deref()
    }

    fn clear(&mut self) {
        self.0 = Default::default();
    }
}

/// How the tokenizer reads what follows a start tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    /// Tags, text and comments.
    Markup,
    /// Text with entities, to the element's end tag (`<title>`, `<textarea>`).
    Rcdata,
    /// Text as written, to the element's end tag.
    Rawtext,
    /// A script's text, to its end tag (with the rules for `<!--` in scripts).
    ScriptData,
    /// Text as written, to the end of the page.
    Plaintext,
}

/// The attributes that are references: element, attribute, label.
const KINDS: [(Element, Attr, &str); 6] = [
    (Element::A, Attr::Href, "a href"),
    (Element::Area, Attr::Href, "area href"),
    (Element::Link, Attr::Href, "link href"),
    (Element::Img, Attr::Src, "img src"),
    (Element::Script, Attr::Src, "script src"),
    (Element::Form, Attr::Action, "form action"),
];

/// A reference's words longer than this are cut, for messages.
const MAX_WORDS: usize = 60;

/// Reads `html` and lists its anchors and references: with the scanner
/// if it reads the whole page, otherwise with html5ever's tokenizer.
pub(crate) fn page_map(html: &str) -> PageMap {
    scan::page_map(html).unwrap_or_else(|| tokenized_page_map(html))
}

/// Reads `html` with html5ever's tokenizer.
fn tokenized_page_map(html: &str) -> PageMap {
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
///
/// Tokens come from html5ever's tokenizer ([`Sink`]) or from the scanner
/// ([`scan`]); both call the same methods, in the order of the page.
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
    element: Element,
    words: Words,
}

impl Reader {
    /// A start tag; says how the tokenizer is to read what follows it.
    fn start_tag(&mut self, element: Element, self_closing: bool, attrs: &Attributes) -> Content {
        // Most tags are of no element below: only their id counts.
        if element == Element::Other {
            if let Some(id) = attrs.get(Attr::Id) {
                self.anchors.insert(id.to_string());
            }
            return Content::Markup;
        }
        let html = self.foreign == 0;
        let element = match element {
            Element::Image if html => Element::Img,
            other => other,
        };
        if element == Element::Form && self.templates == 0 {
            if self.in_form {
                return Content::Markup;
            }
            self.in_form = true;
        }
        let root = match element {
            Element::Html => Some(0),
            Element::Body => Some(1),
            _ => None,
        };
        if let Some(id) = attrs.get(Attr::Id) {
            let first = root.is_none_or(|r| !std::mem::replace(&mut self.root_ids[r], true));
            if first {
                self.anchors.insert(id.to_string());
            }
        }
        if element == Element::A {
            if html {
                self.close(element);
            }
            if let Some(anchor) = attrs.get(Attr::Name) {
                self.anchors.insert(anchor.to_string());
            }
        }
        if let Some(kind) = KINDS.iter().position(|(e, _, _)| *e == element)
            && let Some(url) = attrs.get(KINDS[kind].1)
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
            let alt = attrs.get(Attr::Alt);
            let void = [Element::Area, Element::Link, Element::Img];
            if void.contains(&element) || (self_closing && !html) {
                self.references[index].1.text = Words::with_alt(alt).finish();
            } else {
                self.open.push(Open {
                    index,
                    element,
                    words: Words::with_alt(alt),
                });
            }
        }
        if element == Element::Template {
            self.templates += 1;
        }
        if element == Element::Svg || element == Element::Math {
            if !self_closing {
                self.foreign += 1;
            }
            return Content::Markup;
        }
        if !html {
            return Content::Markup;
        }
        match element {
            Element::Title | Element::Textarea => Content::Rcdata,
            Element::Style
            | Element::Xmp
            | Element::Iframe
            | Element::Noembed
            | Element::Noframes
            | Element::Noscript => Content::Rawtext,
            Element::Script => Content::ScriptData,
            Element::Plaintext => Content::Plaintext,
            _ => Content::Markup,
        }
    }

    fn end_tag(&mut self, element: Element) {
        // No reference is open on an element of no other name.
        if element == Element::Other {
            return;
        }
        self.close(element);
        if element == Element::Form && self.templates == 0 {
            self.in_form = false;
        } else if element == Element::Template {
            self.templates = self.templates.saturating_sub(1);
        } else if element == Element::Svg || element == Element::Math {
            self.foreign = self.foreign.saturating_sub(1);
        }
    }

    /// Ends the words of the innermost open reference on an `element`.
    fn close(&mut self, element: Element) {
        if let Some(i) = self.open.iter().rposition(|o| o.element == element) {
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

    /// Text, free of entities: the words of every open reference.
    fn text(&mut self, text: &str) {
        for open in &mut self.open {
            open.words.push(text);
        }
    }

    /// Whether [`Reader::text`] would change anything: an open reference
    /// still takes words. Text nobody takes need not be read at all.
    fn wants_text(&self) -> bool {
        self.open.iter().any(|o| !o.words.full())
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
                let element = Element::named(&tag.name);
                match tag.kind {
                    TagKind::StartTag => {
                        let attrs = Attributes::of_tag(&tag);
                        return match reader.start_tag(element, tag.self_closing, &attrs) {
                            Content::Markup => TokenSinkResult::Continue,
                            Content::Rcdata => TokenSinkResult::RawData(RawKind::Rcdata),
                            Content::Rawtext => TokenSinkResult::RawData(RawKind::Rawtext),
                            Content::ScriptData => TokenSinkResult::RawData(RawKind::ScriptData),
                            Content::Plaintext => TokenSinkResult::Plaintext,
                        };
                    }
                    TagKind::EndTag => reader.end_tag(element),
                }
            }
            Token::CharacterTokens(text) => reader.text(&text),
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
            if self.full() {
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

    /// Whether no more text can change the words: [`Words::push`] takes
    /// nothing more, and the owed space is never written.
    fn full(&self) -> bool {
        self.chars > MAX_WORDS
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

    /// Reads `html` with html5ever and, if it takes the page, the scanner,
    /// which must read it the same.
    fn read(html: &str) -> PageMap {
        let tokens = tokenized_page_map(html);
        if let Some(scanned) = scan::page_map(html) {
            assert_eq!(scanned, tokens, "the scanner read {html:?} otherwise");
        }
        assert_eq!(page_map(html), tokens);
        tokens
    }

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
        let map = read(
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
        let map = read(concat!(
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
        let map = read(concat!(
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
        let map = read(concat!(
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
        let map = read(&html);
        assert_eq!(anchors(&map), ["after"]);
        assert_eq!(references(&map), [("a href", "/after", "b")]);
    }

    #[test]
    fn svg_and_math_elements_are_not_read_as_html_text_elements() {
        let map = read(concat!(
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
        let map = read(concat!(
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
        let map = read(concat!(
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
        let map = read(concat!(
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
        for (_, _, label) in KINDS {
            // The label is the element's and the attribute's name.
            let (element, attribute) = label.split_once(' ').unwrap();
            let selector = sel(&format!("{element}[{attribute}]"));
            for element in document.select(&selector) {
                map.references.push(Reference {
                    url: element.value().attr(attribute).unwrap().to_string(),
                    attribute: label,
                    text: words_of(&element),
                });
            }
        }
        map
    }

    fn same_as_tree(path: &str, html: &str) {
        let (tokens, tree) = (read(html), tree_map(html));
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

    /// Renders a portal in memory: every HTML page, by its path.
    pub(super) fn rendered_pages(portal_dir: &std::path::Path) -> Vec<(String, String)> {
        let options = crate::BuildOptions {
            today: Some(jiff::civil::date(2026, 11, 26)),
            draft: true,
            ..crate::BuildOptions::new(portal_dir)
        };
        let rendered = crate::render(&options).unwrap_or_else(|e| panic!("render: {e}"));
        let pages: Vec<(String, String)> = rendered
            .files
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, bytes)| (path.clone(), String::from_utf8(bytes.to_vec()).unwrap()))
            .collect();
        assert!(pages.len() > 20, "only {} pages", pages.len());
        pages
    }

    /// A copy of the example portal (`content/`), to render.
    pub(super) fn example_portal() -> tempfile::TempDir {
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
        dir
    }

    /// A portal as `glassbox bench-gen` makes it, of `systems` systems.
    pub(super) fn generated_portal(systems: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        crate::commands::bench_gen::generate(systems, dir.path()).unwrap();
        dir
    }

    fn pages_read_as_the_tree_read_them(portal_dir: &std::path::Path) {
        for (path, html) in rendered_pages(portal_dir) {
            same_as_tree(&path, &html);
        }
    }

    #[test]
    fn the_example_portals_pages_read_as_the_tree_read_them() {
        pages_read_as_the_tree_read_them(example_portal().path());
    }

    #[test]
    fn a_generated_portals_pages_read_as_the_tree_read_them() {
        pages_read_as_the_tree_read_them(generated_portal(30).path());
    }
}
