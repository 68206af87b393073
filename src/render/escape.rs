//! The one place that escapes text for the formats the site is written in.
//! Templates escape HTML themselves (Tera's autoescape); these are for the
//! few snippets built in Rust. JSON is written by serde_json and CSV by
//! [`crate::parse::csv`], which quote for their own formats.

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Escapes text for XML (the Atom feeds and the sitemap), and drops the
/// characters XML 1.0 cannot carry at all (control characters other than
/// tab and newline, U+FFFE and U+FFFF), which would make the file invalid.
pub(crate) fn xml(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect();
    html(&clean)
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
}
