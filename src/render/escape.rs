//! The one place that escapes text for the formats the site is written in.
//! Templates escape HTML themselves (Tera's autoescape, with [`isolate`]
//! applied first, see `theme.rs`); these are for the few snippets built in
//! Rust. JSON is written by serde_json and made safe
//! to embed by [`json`]; CSV is written by [`crate::parse::csv`], which
//! quotes for its own format and neutralises formulas.

/// Text with bidirectional control characters shut in an isolate of its
/// own (see [`crate::model::bidi::isolate`]): what every escape here and
/// every template value goes through, and what Rust applies to a name or
/// title it puts inside other words.
pub(crate) use crate::model::bidi::isolate;

/// Escapes text for HTML element content and quoted attribute values, and
/// isolates text with bidirectional control characters (see [`isolate`]).
pub(crate) fn html(text: &str) -> String {
    let text = isolate(text);
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, &text);
    out
}

/// Escapes text for HTML as [`html`] does, into `out` a run of text at a
/// time (how templates escape every value they print, see `theme.rs`).
pub(crate) fn html_into(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let text = isolate(text);
    pulldown_cmark_escape::escape_html(pulldown_cmark_escape::IoWriter(out), &text)
}

/// Escapes text for XML (the Atom feeds and the sitemap), drops the
/// characters XML 1.0 cannot carry at all (control characters other than
/// tab and newline, U+FFFE and U+FFFF), which would make the file invalid,
/// and isolates text with bidirectional control characters, as [`html`].
pub(crate) fn xml(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect();
    html(&clean)
}

/// Makes JSON text safe wherever it may end up: `</` becomes `<\/`, so the
/// file can never close a `<script>` element it is pasted into, and the line
/// separators U+2028 and U+2029, which older JavaScript takes for line
/// breaks inside a string, are written as escapes. Outside strings JSON has
/// none of these characters, so the text stays the same value.
pub(crate) fn json(text: String) -> String {
    if !text.contains("</") && !text.contains(['\u{2028}', '\u{2029}']) {
        return text;
    }
    text.replace("</", "<\\/")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_cannot_pass() {
        assert_eq!(
            html(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(xml("a\u{1b}b\u{0}c\n<"), "abc\n&lt;");
    }

    #[test]
    fn escaping_isolates_and_keeps_plain_text_byte_for_byte() {
        assert_eq!(html("a < b"), "a &lt; b");
        assert_eq!(html("<\u{202E}x"), "\u{2068}&lt;\u{202E}x\u{202C}\u{2069}");
        assert_eq!(xml("\u{1b}\u{202E}x"), "\u{2068}\u{202E}x\u{202C}\u{2069}");
    }

    #[test]
    fn json_cannot_close_a_script_or_break_a_line() {
        let value =
            serde_json::json!({"name": "</script><script>alert(1)</script>\u{2028}x\u{2029}"});
        let text = json(value.to_string());
        assert!(!text.contains("</") && !text.contains('\u{2028}') && !text.contains('\u{2029}'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
