//! The one place that escapes text for the formats the site is written in.
//! Templates escape HTML themselves (Tera's autoescape, with [`isolate`]
//! applied first, see `theme.rs`); these are for the few snippets built in
//! Rust. JSON is written by serde_json and made safe
//! to embed by [`json`]; CSV is written by [`crate::parse::csv`], which
//! quotes for its own format and neutralises formulas.

use std::borrow::Cow;

use crate::model::bidi;

/// Escapes text for HTML element content and quoted attribute values, and
/// isolates text with bidirectional control characters (see [`isolate`]).
pub(crate) fn html(text: &str) -> String {
    let text = isolate(text);
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, &text);
    out
}

/// Shuts text that has bidirectional control characters (an embedding,
/// override or isolate, U+202A–U+202E and U+2066–U+2069) in an isolate of
/// its own, as `<bdi>` would, in a form that also works where no element
/// can go (`<title>`, attribute values, feeds, text copied from the page):
/// every control it leaves open is closed at its end, a closer that would
/// close something outside it is left out, and the whole is wrapped in
/// U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE. Nothing in
/// it can then reorder the text around it, and it takes the direction of
/// its own first letter. Text without such characters, nearly all, comes
/// back as it is, after one quick scan.
pub(crate) fn isolate(text: &str) -> Cow<'_, str> {
    if !bidi::has_controls(text) {
        return Cow::Borrowed(text);
    }
    // Already an isolate of its own (isolated before, then put in a
    // template): as it is, rather than in a second one.
    if let Some(inner) = text
        .strip_prefix(bidi::FSI)
        .and_then(|t| t.strip_suffix(bidi::PDI))
        && bidi::pair(inner) == bidi::Pairing::default()
    {
        return Cow::Borrowed(text);
    }
    let pairing = bidi::pair(text);
    let mut out = String::with_capacity(text.len() + 3 * (pairing.open.len() + 2));
    out.push(bidi::FSI);
    let mut last = 0;
    for &stray in &pairing.stray {
        out.push_str(&text[last..stray]);
        // Every closer is one three-byte character.
        last = stray + 3;
    }
    out.push_str(&text[last..]);
    for &(_, opener) in pairing.open.iter().rev() {
        out.push(if bidi::is_isolate(opener) {
            bidi::PDI
        } else {
            bidi::PDF
        });
    }
    out.push(bidi::PDI);
    Cow::Owned(out)
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

    /// The embedding level and override of each character of `text`, by
    /// rules X1–X8 of the Unicode Bidirectional Algorithm (UAX #9) on a
    /// left-to-right paragraph, written apart from `model::bidi` so that
    /// one checks the other. FSI takes the direction of the next Hebrew or
    /// ASCII letter. The controls themselves get the level they start at
    /// (they are removed before display, X9).
    fn levels(text: &str) -> Vec<(u8, Option<char>)> {
        const MAX_DEPTH: u8 = 125;
        // (level, override: 'L' or 'R', isolate)
        let mut stack: Vec<(u8, Option<char>, bool)> = vec![(0, None, false)];
        let (mut overflow_isolates, mut overflow_embeddings, mut valid_isolates) = (0, 0, 0);
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            let (level, over, _) = *stack.last().unwrap();
            let rtl_next = |l: u8| if l.is_multiple_of(2) { l + 1 } else { l + 2 };
            let ltr_next = |l: u8| if l.is_multiple_of(2) { l + 2 } else { l + 1 };
            match c {
                '\u{202A}'..='\u{202E}' if c != '\u{202C}' => {
                    out.push((level, over));
                    let rtl = c == '\u{202B}' || c == '\u{202E}';
                    let new = if rtl {
                        rtl_next(level)
                    } else {
                        ltr_next(level)
                    };
                    let kind = match c {
                        '\u{202D}' => Some('L'),
                        '\u{202E}' => Some('R'),
                        _ => None,
                    };
                    if new <= MAX_DEPTH && overflow_isolates == 0 && overflow_embeddings == 0 {
                        stack.push((new, kind, false));
                    } else if overflow_isolates == 0 {
                        overflow_embeddings += 1;
                    }
                }
                '\u{2066}'..='\u{2068}' => {
                    out.push((level, over));
                    let rtl = match c {
                        '\u{2067}' => true,
                        '\u{2066}' => false,
                        _ => chars[i + 1..]
                            .iter()
                            .find(|c| {
                                c.is_ascii_alphabetic() || ('\u{0590}'..='\u{05FF}').contains(*c)
                            })
                            .is_some_and(|c| !c.is_ascii()),
                    };
                    let new = if rtl {
                        rtl_next(level)
                    } else {
                        ltr_next(level)
                    };
                    if new <= MAX_DEPTH && overflow_isolates == 0 && overflow_embeddings == 0 {
                        valid_isolates += 1;
                        stack.push((new, None, true));
                    } else {
                        overflow_isolates += 1;
                    }
                }
                '\u{2069}' => {
                    if overflow_isolates > 0 {
                        overflow_isolates -= 1;
                    } else if valid_isolates > 0 {
                        overflow_embeddings = 0;
                        while !stack.last().unwrap().2 {
                            stack.pop();
                        }
                        stack.pop();
                        valid_isolates -= 1;
                    }
                    let (level, over, _) = *stack.last().unwrap();
                    out.push((level, over));
                }
                '\u{202C}' => {
                    out.push((level, over));
                    if overflow_isolates > 0 {
                    } else if overflow_embeddings > 0 {
                        overflow_embeddings -= 1;
                    } else if !stack.last().unwrap().2 && stack.len() >= 2 {
                        stack.pop();
                    }
                }
                _ => out.push((level, over)),
            }
        }
        out
    }

    /// Whether the words around `inner` in "before {inner} after" keep the
    /// paragraph's own level and no override.
    fn contained(inner: &str) -> bool {
        let text = format!("before {inner} after");
        let all = levels(&text);
        let n = all.len();
        let after = " after".chars().count();
        all[..7]
            .iter()
            .chain(&all[n - after..])
            .all(|&l| l == (0, None))
    }

    #[test]
    fn isolate_leaves_plain_text_alone() {
        for text in ["Parking cameras", "“Quoted” – dashed", "", "\u{200F}mark"] {
            assert!(matches!(isolate(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn an_unterminated_override_is_contained() {
        let name = "Parking \u{202E}cameras";
        assert!(!contained(name), "the test itself must see the leak");
        let isolated = isolate(name);
        assert_eq!(isolated, "\u{2068}Parking \u{202E}cameras\u{202C}\u{2069}");
        assert!(contained(&isolated));
        // Inside, the override still applies to its own words.
        let levels = levels(&isolated);
        assert_eq!(levels[10], (3, Some('R')));
    }

    #[test]
    fn balanced_text_is_kept_as_written() {
        for text in [
            "a\u{202B}b\u{202C}c",
            "Review (\u{2067}\u{05d1}\u{05e7}\u{05e9}\u{05d4}\u{2069})",
            "\u{202D}x\u{2066}y\u{2069}z\u{202C}",
        ] {
            assert_eq!(isolate(text), format!("\u{2068}{text}\u{2069}"));
            assert!(contained(&isolate(text)), "{text:?}");
        }
    }

    #[test]
    fn nested_and_stray_controls_are_contained() {
        // (text, whether it leaks as it is, isolated)
        let cases = [
            // An override inside an isolate, both left open.
            (
                "\u{2067}\u{202E}x",
                true,
                "\u{2068}\u{2067}\u{202E}x\u{202C}\u{2069}\u{2069}",
            ),
            // A PDF cannot reach out of the isolate opened after the
            // embedding: it is stray, and both are closed at the end.
            (
                "\u{202B}x\u{2067}y\u{202C}z",
                true,
                "\u{2068}\u{202B}x\u{2067}yz\u{2069}\u{202C}\u{2069}",
            ),
            // A PDI with no isolate open would close the wrapping one.
            (
                "\u{2069}\u{202E}x",
                true,
                "\u{2068}\u{202E}x\u{202C}\u{2069}",
            ),
            // Closers alone close nothing.
            ("x\u{202C}\u{202C}\u{2069}", false, "\u{2068}x\u{2069}"),
        ];
        for (text, leaks, expected) in cases {
            assert_eq!(!contained(text), leaks, "{text:?}");
            assert_eq!(isolate(text), expected, "{text:?}");
            assert!(contained(expected), "{text:?}");
        }
        // Deeper than the algorithm counts (125 levels), and isolated twice.
        let deep = format!("{}x{}y", "\u{202E}".repeat(200), "\u{2067}".repeat(100));
        assert!(contained(&isolate(&deep)));
        assert_eq!(isolate(&isolate(&deep)), isolate(&deep));
        // Not one isolate from end to end: wrapped again.
        let two = "\u{2068}a\u{2069}\u{202E}b\u{2068}c\u{2069}";
        assert_eq!(isolate(two), format!("\u{2068}{two}\u{202C}\u{2069}"));
        let two = "\u{2068}a\u{2069} b \u{2068}c\u{2069}";
        assert_eq!(isolate(two), format!("\u{2068}{two}\u{2069}"));
        assert!(contained(&format!(
            "{} and {}",
            isolate(&deep),
            isolate("\u{202D}z")
        )));
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
