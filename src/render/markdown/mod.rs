//! The one place that knows pulldown-cmark. Content is untrusted, so the
//! event stream is filtered before it becomes HTML:
//!
//! - raw HTML is turned into text, so it shows escaped and never runs;
//! - links keep only http(s), mailto, tel and relative destinations; any other
//!   scheme (`javascript:`, `data:`, ...) drops the link and keeps its text;
//! - images must be stored with the portal (nothing is loaded from another
//!   host) and need alt text;
//! - headings are shifted under the page's own heading and get unique ids;
//! - tables get header scopes, alignment as classes (no inline styles) and a
//!   scrolling container for narrow screens;
//! - footnotes are numbered, with links both ways and ids that cannot clash.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use pulldown_cmark::{Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::diagnostic::{Diagnostic, Position};

mod attributes;
mod links;

use attributes::paragraph_attribute;
use links::{UrlKind, classify_url};

/// Where the Markdown comes from and where it goes on the page.
pub struct Context<'a> {
    /// File the Markdown is in, for messages.
    pub file: &'a str,
    /// Line of the file the Markdown starts on.
    pub first_line: usize,
    /// Level of the page heading the Markdown sits under: the Markdown's
    /// top-level headings become one level below it.
    pub parent_level: u8,
    /// Ids the page template uses already.
    pub reserved_ids: &'a [&'a str],
    /// Id prefixes the page template numbers itself; heading ids avoid them.
    pub reserved_prefixes: &'a [&'a str],
    /// Prefix for root-relative links, e.g. `/` or `/ai/`.
    pub root_path: &'a str,
    /// The heading the template puts just above the Markdown, if any. When
    /// the Markdown opens with a heading of the same words, that heading is
    /// left out, so the page does not say "How it works › How it works".
    pub section_heading: Option<&'a str>,
}

/// HTML and what was learned while making it.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// (level after shifting, id, text) of each heading, in order.
    pub headings: Vec<(u8, String, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders `markdown` safely.
pub fn render(markdown: &str, cx: &Context) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<(Event, usize)> = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .map(|(e, range)| (e, range.start))
        .collect();
    if let Some(section) = cx.section_heading {
        drop_repeated_heading(&mut events, section);
    }
    let mut out = Rendered::default();
    let mut w = Writer {
        cx,
        markdown,
        diagnostics: &mut out.diagnostics,
        line_starts: std::iter::once(0)
            .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        ids: cx.reserved_ids.iter().map(|s| s.to_string()).collect(),
        next_suffix: HashMap::new(),
        headings: Vec::new(),
        footnote_numbers: BTreeMap::new(),
        footnote_refs: HashMap::new(),
        footnote_bodies: BTreeMap::new(),
        table_alignments: Vec::new(),
        table_cell: 0,
        in_table_head: false,
        table_headers: Vec::new(),
        cell_start: 0,
        tables: 0,
    };
    let shift = heading_shift(&events, cx.parent_level);
    let body = w.transform(events, shift);
    pulldown_cmark::html::push_html(&mut out.html, body.into_iter());
    w.write_footnotes(&mut out.html);
    out.headings = w.headings;
    out
}

/// Removes an opening heading whose words are the section's own heading
/// (compared without case, spaces and punctuation at the ends).
fn drop_repeated_heading(events: &mut Vec<(Event, usize)>, section: &str) {
    if !matches!(events.first(), Some((Event::Start(Tag::Heading { .. }), _))) {
        return;
    }
    let Some(end) = events
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
    else {
        return;
    };
    let text: String = events[1..end]
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let norm = |s: &str| {
        s.trim()
            .trim_matches(|c: char| c.is_ascii_punctuation())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    if norm(&text) == norm(section) {
        events.drain(..=end);
    }
}

/// How many levels to move headings so the highest one in the Markdown sits
/// just under the parent heading (up or down).
fn heading_shift(events: &[(Event, usize)], parent: u8) -> i8 {
    let min = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(parent + 1);
    (parent + 1) as i8 - min as i8
}

struct Writer<'a, 'b> {
    cx: &'a Context<'a>,
    markdown: &'a str,
    /// Byte offset where each line of `markdown` starts.
    line_starts: Vec<usize>,
    diagnostics: &'b mut Vec<Diagnostic>,
    ids: BTreeSet<String>,
    /// Next number to try for each id that is already taken.
    next_suffix: HashMap<String, usize>,
    headings: Vec<(u8, String, String)>,
    /// Footnote label (case folded, as pulldown-cmark matches them) → number,
    /// in order of first reference.
    footnote_numbers: BTreeMap<String, usize>,
    /// How many references each footnote number has had so far.
    footnote_refs: HashMap<usize, usize>,
    /// Footnote label → its rendered HTML.
    footnote_bodies: BTreeMap<String, String>,
    table_alignments: Vec<Alignment>,
    table_cell: usize,
    in_table_head: bool,
    /// The current table's header cells as plain text: each body cell
    /// repeats its column's, shown when the table is stacked on a phone.
    table_headers: Vec<String>,
    /// Where in the output the current header cell's content starts.
    cell_start: usize,
    tables: usize,
}

impl<'a> Writer<'a, '_> {
    /// Line index (from 0) and column of a byte offset.
    fn line_and_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.markdown.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = self.markdown[self.line_starts[line]..offset]
            .chars()
            .count()
            + 1;
        (line, column)
    }

    fn warn(&mut self, offset: usize, code: &'static str, message: String, help: &str) {
        let (line_index, column) = self.line_and_column(offset);
        let position = Position::new(self.cx.first_line + line_index, column);
        let start = self.line_starts[line_index];
        let end = self
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.markdown.len());
        let line = self.markdown[start..end].trim_end_matches(['\n', '\r']);
        let mut d = Diagnostic::warning(code, message).with_help(help);
        d.file = Some(self.cx.file.to_string());
        d.position = Some(position);
        d.source_line = Some(line.trim_end_matches('\r').to_string());
        self.diagnostics.push(d);
    }

    fn unique_id(&mut self, wanted: &str) -> String {
        let base = match slug::slugify(wanted) {
            s if s.is_empty() => "section".to_string(),
            s if s.starts_with(|c: char| c.is_ascii_digit()) => format!("s-{s}"),
            s if self.cx.reserved_prefixes.iter().any(|p| s.starts_with(p)) => format!("s-{s}"),
            s => s,
        };
        self.claim(base)
    }

    /// Takes `base` as an id, or the first free `base-N`. Remembers where it
    /// stopped, so a page with many equal headings stays linear.
    fn claim(&mut self, base: String) -> String {
        if self.ids.insert(base.clone()) {
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        let mut id = format!("{base}-{n}");
        while !self.ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.next_suffix.insert(base, n + 1);
        id
    }

    /// The id for a heading: the author's `{#id}` when it is usable, else one
    /// made from the text. Says so when the author's id had to change.
    fn heading_id(&mut self, explicit: Option<&str>, text: &str, offset: usize) -> String {
        let Some(wanted) = explicit else {
            return self.unique_id(text);
        };
        let valid = !wanted.is_empty()
            && wanted.starts_with(|c: char| c.is_ascii_alphabetic())
            && wanted
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && !self
                .cx
                .reserved_prefixes
                .iter()
                .any(|p| wanted.starts_with(p));
        let id = if valid {
            self.claim(wanted.to_string())
        } else {
            self.unique_id(wanted)
        };
        if id != wanted {
            self.warn(
                offset,
                "heading-id-changed",
                format!("the heading id `{wanted}` was changed to `{id}`"),
                "ids must start with a letter, use only letters, digits, - and _, and be used once per page \
                 (the page itself uses some, such as `contact`); links to this heading must use the new id",
            );
        }
        id
    }

    fn transform(&mut self, events: Vec<(Event<'a>, usize)>, shift: i8) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len());
        let mut iter = events.into_iter().peekable();
        while let Some((event, offset)) = iter.next() {
            match event {
                Event::Html(html) | Event::InlineHtml(html) => out.push(Event::Text(html)),
                Event::Start(Tag::Heading {
                    level, id, attrs, ..
                }) => {
                    let mut inner = Vec::new();
                    for (e, o) in iter.by_ref() {
                        if matches!(e, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        inner.push((e, o));
                    }
                    let text = plain_text(&inner);
                    if text.trim().is_empty() {
                        self.warn(
                            offset,
                            "empty-heading",
                            "a heading has no text".into(),
                            "write the heading's words after the #, or remove the line",
                        );
                    }
                    let new_level = (level as i8 + shift).clamp(1, 6) as u8;
                    let id = self.heading_id(id.as_deref(), &text, offset);
                    self.headings.push((new_level, id.clone(), text));
                    let lang = self.lang_attribute(&attrs, offset);
                    out.push(Event::Html(
                        format!("<h{new_level} id=\"{id}\"{lang}>").into(),
                    ));
                    let inner = self.transform(inner, shift);
                    out.extend(inner);
                    out.push(Event::Html(format!("</h{new_level}>\n").into()));
                }
                Event::Start(Tag::Paragraph) => {
                    let mut inner = Vec::new();
                    for (e, o) in iter.by_ref() {
                        if matches!(e, Event::End(TagEnd::Paragraph)) {
                            break;
                        }
                        inner.push((e, o));
                    }
                    let lang = match paragraph_attribute(&mut inner) {
                        Some((attribute, at)) => self.paragraph_lang(&attribute, at),
                        None => String::new(),
                    };
                    out.push(Event::Html(format!("<p{lang}>").into()));
                    out.extend(self.transform(inner, shift));
                    out.push(Event::Html("</p>\n".into()));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    match self.safe_link(&dest_url, offset) {
                        Some(url) => out.push(Event::Start(Tag::Link {
                            link_type: if link_type == LinkType::Email {
                                LinkType::Email
                            } else {
                                LinkType::Inline
                            },
                            dest_url: url.into(),
                            title,
                            id,
                        })),
                        None => {
                            // Keep what the link contained, drop the link.
                            let mut depth = 0;
                            let mut inner = Vec::new();
                            for (e, o) in iter.by_ref() {
                                match e {
                                    Event::Start(Tag::Link { .. }) => depth += 1,
                                    Event::End(TagEnd::Link) if depth == 0 => break,
                                    Event::End(TagEnd::Link) => depth -= 1,
                                    _ => {}
                                }
                                inner.push((e, o));
                            }
                            out.extend(self.transform(inner, shift));
                        }
                    }
                }
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let mut inner = Vec::new();
                    for (e, _) in iter.by_ref() {
                        if matches!(e, Event::End(TagEnd::Image)) {
                            break;
                        }
                        inner.push((e, offset));
                    }
                    let alt = plain_text(&inner);
                    if let Some(html) = self.image(&dest_url, &title, &alt, offset) {
                        out.push(Event::InlineHtml(html.into()));
                    } else {
                        out.push(Event::Text(alt.into()));
                    }
                }
                Event::Start(Tag::Table(alignments)) => {
                    self.tables += 1;
                    self.table_alignments = alignments;
                    self.table_headers.clear();
                    out.push(Event::Html(
                        format!(
                            "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table {}\" tabindex=\"0\">\n<table class=\"table--stack\">\n",
                            self.tables
                        )
                        .into(),
                    ));
                }
                Event::End(TagEnd::Table) => {
                    out.push(Event::Html("</tbody>\n</table>\n</div>\n".into()))
                }
                Event::Start(Tag::TableHead) => {
                    self.in_table_head = true;
                    self.table_cell = 0;
                    out.push(Event::Html("<thead>\n<tr>".into()));
                }
                Event::End(TagEnd::TableHead) => {
                    self.in_table_head = false;
                    out.push(Event::Html("</tr>\n</thead>\n<tbody>\n".into()));
                }
                Event::Start(Tag::TableRow) => {
                    self.table_cell = 0;
                    out.push(Event::Html("<tr>".into()));
                }
                Event::End(TagEnd::TableRow) => out.push(Event::Html("</tr>\n".into())),
                Event::Start(Tag::TableCell) => {
                    let class = match self.table_alignments.get(self.table_cell) {
                        Some(Alignment::Right) => " class=\"align-right\"",
                        Some(Alignment::Center) => " class=\"align-centre\"",
                        _ => "",
                    };
                    let tag = if self.in_table_head {
                        format!("<th scope=\"col\"{class}>")
                    } else {
                        match self.table_headers.get(self.table_cell) {
                            Some(h) if !h.trim().is_empty() => format!(
                                "<td{class}><span class=\"table__label\">{}</span> ",
                                crate::render::escape::html(h.trim())
                            ),
                            _ => format!("<td{class}>"),
                        }
                    };
                    out.push(Event::Html(tag.into()));
                    self.cell_start = out.len();
                }
                Event::End(TagEnd::TableCell) => {
                    if self.in_table_head {
                        let text: String = out[self.cell_start..]
                            .iter()
                            .filter_map(|e| match e {
                                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                                Event::SoftBreak | Event::HardBreak => Some(" "),
                                _ => None,
                            })
                            .collect();
                        self.table_headers.push(text);
                    }
                    out.push(Event::Html(
                        if self.in_table_head { "</th>" } else { "</td>" }.into(),
                    ));
                    self.table_cell += 1;
                }
                Event::FootnoteReference(label) => {
                    // Ids use the note's number, never its label: labels are
                    // the author's text and may hold anything.
                    let next = self.footnote_numbers.len() + 1;
                    let number = *self
                        .footnote_numbers
                        .entry(footnote_key(&label))
                        .or_insert(next);
                    let seen = self.footnote_refs.entry(number).or_insert(0);
                    *seen += 1;
                    let ref_id = match *seen {
                        1 => format!("note-ref-{number}"),
                        n => format!("note-ref-{number}-{n}"),
                    };
                    out.push(Event::InlineHtml(
                        format!(
                            "<sup class=\"footnote-ref\"><a href=\"#note-{number}\" id=\"{ref_id}\">[<span class=\"visually-hidden\">note </span>{number}]</a></sup>"
                        )
                        .into(),
                    ));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let mut inner = Vec::new();
                    let mut depth = 0;
                    for (e, o) in iter.by_ref() {
                        match &e {
                            Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                            Event::End(TagEnd::FootnoteDefinition) if depth == 0 => break,
                            Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
                            _ => {}
                        }
                        inner.push((e, o));
                    }
                    let inner = self.transform(inner, shift);
                    let mut html = String::new();
                    pulldown_cmark::html::push_html(&mut html, inner.into_iter());
                    self.footnote_bodies.insert(footnote_key(&label), html);
                }
                Event::TaskListMarker(done) => {
                    out.push(Event::Text(
                        if done { "Done: " } else { "Not done: " }.into(),
                    ));
                }
                other => out.push(other),
            }
        }
        out
    }

    /// ` lang="xx"` from a heading's `{lang=xx}`, or nothing (with a warning
    /// when the code is not a language tag or another attribute is given).
    fn lang_attribute(
        &mut self,
        attrs: &[(pulldown_cmark::CowStr, Option<pulldown_cmark::CowStr>)],
        offset: usize,
    ) -> String {
        let mut out = String::new();
        for (key, value) in attrs {
            match (key.as_ref(), value) {
                ("lang", Some(tag)) => out = self.checked_lang(tag, offset),
                _ => self.warn(
                    offset,
                    "unknown-attribute",
                    format!("the attribute `{key}` is not used"),
                    "a heading takes only `{#id}` and `{lang=cy}` (the language of its text)",
                ),
            }
        }
        out
    }

    /// ` lang="xx"` from a paragraph's closing `{...}`, or nothing.
    fn paragraph_lang(&mut self, attribute: &str, offset: usize) -> String {
        match attribute.strip_prefix("lang=") {
            Some(tag) => self.checked_lang(tag.trim_matches(['"', '\'']), offset),
            None => {
                self.warn(
                    offset,
                    "unknown-attribute",
                    format!("the attribute `{{{attribute}}}` is not used"),
                    "a paragraph takes only `{lang=cy}` at its end (the language of its text)",
                );
                String::new()
            }
        }
    }

    fn checked_lang(&mut self, tag: &str, offset: usize) -> String {
        if crate::model::is_language_tag(tag) {
            format!(" lang=\"{tag}\"")
        } else {
            self.warn(
                offset,
                "invalid-language",
                format!(
                    "`{tag}` is not a language code, so the text is not marked as another language"
                ),
                "use a code such as `cy` (Welsh), `pl` (Polish) or `en-GB`: `{lang=cy}`",
            );
            String::new()
        }
    }

    /// The destination to keep, or `None` (with a warning) when it is unsafe.
    fn safe_link(&mut self, url: &str, offset: usize) -> Option<String> {
        match classify_url(url) {
            UrlKind::Relative => Some(self.rooted(url)),
            UrlKind::Web | UrlKind::Mail | UrlKind::Phone => Some(url.trim().to_string()),
            UrlKind::Unsafe(scheme) => {
                self.warn(
                    offset,
                    "unsafe-link",
                    format!("a link to a `{scheme}:` address was removed; only web, email and phone links are kept"),
                    "link to a web page (https://...), an email address (mailto:...) or a phone number (tel:...)",
                );
                None
            }
        }
    }

    fn image(&mut self, url: &str, title: &str, alt: &str, offset: usize) -> Option<String> {
        match classify_url(url) {
            UrlKind::Relative if !url.trim().starts_with("//") => {
                if alt.trim().is_empty() {
                    self.warn(
                        offset,
                        "missing-alt-text",
                        "an image has no alt text".into(),
                        "describe the image in the square brackets: ![A map of the pilot area](map.png)",
                    );
                }
                let mut html = String::from("<img src=\"");
                let _ = escape_href(&mut html, &self.rooted(url));
                html.push_str("\" alt=\"");
                let _ = escape_html(&mut html, alt);
                if !title.is_empty() {
                    html.push_str("\" title=\"");
                    let _ = escape_html(&mut html, title);
                }
                html.push_str("\">");
                Some(html)
            }
            _ => {
                self.warn(
                    offset,
                    "external-image",
                    "an image from another website was left out; the portal loads nothing from other hosts".into(),
                    "save the image with the portal and link to it with a relative path, or link to the page instead",
                );
                None
            }
        }
    }

    /// Prefixes root-relative links with the site's root path.
    fn rooted(&self, url: &str) -> String {
        let url = url.trim();
        match url.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') => format!("{}{rest}", self.cx.root_path),
            _ => url.to_string(),
        }
    }

    fn write_footnotes(&self, html: &mut String) {
        if self.footnote_numbers.is_empty() {
            return;
        }
        let mut ordered: Vec<(&usize, &String)> =
            self.footnote_numbers.iter().map(|(l, n)| (n, l)).collect();
        ordered.sort();
        let level = (self.cx.parent_level + 1).min(6);
        html.push_str(&format!("<section class=\"footnotes\" aria-labelledby=\"notes-heading\">\n<h{level} id=\"notes-heading\" class=\"heading-s\">Notes</h{level}>\n<ol>\n"));
        for (number, label) in ordered {
            let body = self
                .footnote_bodies
                .get(label.as_str())
                .map(String::as_str)
                .unwrap_or("");
            html.push_str(&format!(
                "<li id=\"note-{number}\">{}<a href=\"#note-ref-{number}\" class=\"footnote-back\">Back to text<span class=\"visually-hidden\"> (note {number})</span></a></li>\n",
                body.trim_end()
            ));
        }
        html.push_str("</ol>\n</section>\n");
    }
}

fn footnote_key(label: &str) -> String {
    // pulldown-cmark matches footnote labels without regard to case.
    label.to_lowercase()
}

/// The text of a run of inline events (for heading ids and alt text).
fn plain_text(events: &[(Event, usize)]) -> String {
    let mut text = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests;
