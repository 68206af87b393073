//! Bidirectional control characters: the invisible characters that tell
//! software to lay text out right to left or left to right, whatever its
//! letters are. U+202A–U+202E open an embedding or an override and close one
//! (U+202C); U+2066–U+2069 open an isolate and close one (U+2069). One left
//! open in a name, such as a right-to-left override (U+202E) pasted in from
//! elsewhere, turns the rest of the sentence the name is shown in backwards.
//!
//! The model warns about them in names and titles (`bidi-control`, see
//! `validate.rs`); the render stage shuts each text that has them in an
//! isolate of its own with [`isolate`] (through `crate::render::escape`),
//! and terminal output shows them as codes ([`visible`]).

use std::borrow::Cow;

/// Left-to-right embedding.
pub const LRE: char = '\u{202A}';
/// Right-to-left embedding.
pub const RLE: char = '\u{202B}';
/// Pop directional formatting: closes an embedding or override.
pub const PDF: char = '\u{202C}';
/// Left-to-right override.
pub const LRO: char = '\u{202D}';
/// Right-to-left override.
pub const RLO: char = '\u{202E}';
/// Left-to-right isolate.
pub const LRI: char = '\u{2066}';
/// Right-to-left isolate.
pub const RLI: char = '\u{2067}';
/// First strong isolate: the direction of its first letter (what `<bdi>` does).
pub const FSI: char = '\u{2068}';
/// Pop directional isolate: closes an isolate.
pub const PDI: char = '\u{2069}';

/// Whether `c` is one of the embedding, override and isolate controls.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` has any of the controls. Every one of them is written in
/// UTF-8 as three bytes starting with 0xE2, which text in most languages
/// seldom has (typographic quotes and dashes do), so the common case is one
/// fast scan for that byte.
#[inline]
pub fn has_controls(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.contains(&0xE2) && bytes.windows(3).any(|w| is_control_bytes(w[0], w[1], w[2]))
}

/// The UTF-8 of U+202A–U+202E (E2 80 AA–AE) and U+2066–U+2069 (E2 81 A6–A9).
#[inline]
fn is_control_bytes(a: u8, b: u8, c: u8) -> bool {
    a == 0xE2
        && ((b == 0x80 && (0xAA..=0xAE).contains(&c)) || (b == 0x81 && (0xA6..=0xA9).contains(&c)))
}

/// What a control is, in words for an author.
pub fn describe(c: char) -> &'static str {
    match c {
        LRE => "left-to-right embedding",
        RLE => "right-to-left embedding",
        PDF => "pop directional formatting (it ends an embedding or override)",
        LRO => "left-to-right override",
        RLO => "right-to-left override",
        LRI => "left-to-right isolate",
        RLI => "right-to-left isolate",
        FSI => "first strong isolate",
        PDI => "pop directional isolate (it ends an isolate)",
        _ => "character",
    }
}

/// How the controls of a text pair up, as the Unicode Bidirectional
/// Algorithm pairs them (UAX #9, rules X1–X8): a PDF closes the latest
/// embedding or override unless an isolate opened after it is still open;
/// a PDI closes the latest open isolate and every embedding opened inside
/// it; a closer with nothing to close is ignored.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pairing {
    /// Byte offsets of the closers that close nothing.
    pub stray: Vec<usize>,
    /// The openers never closed, outermost first: byte offset and character.
    pub open: Vec<(usize, char)>,
}

/// Pairs the controls of `text` (see [`Pairing`]).
pub fn pair(text: &str) -> Pairing {
    let mut out = Pairing::default();
    if !has_controls(text) {
        return out;
    }
    for (i, c) in text.char_indices() {
        match c {
            LRE | RLE | LRO | RLO | LRI | RLI | FSI => out.open.push((i, c)),
            PDF => match out.open.last() {
                Some((_, top)) if !is_isolate(*top) => {
                    out.open.pop();
                }
                _ => out.stray.push(i),
            },
            PDI => match out.open.iter().rposition(|(_, o)| is_isolate(*o)) {
                Some(at) => out.open.truncate(at),
                None => out.stray.push(i),
            },
            _ => {}
        }
    }
    out
}

/// Whether an opener starts an isolate (closed by PDI) rather than an
/// embedding or override (closed by PDF).
pub fn is_isolate(opener: char) -> bool {
    matches!(opener, LRI | RLI | FSI)
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
pub fn isolate(text: &str) -> Cow<'_, str> {
    if !has_controls(text) {
        return Cow::Borrowed(text);
    }
    // Already an isolate of its own (isolated before, then put in a
    // template): as it is, rather than in a second one.
    if let Some(inner) = text.strip_prefix(FSI).and_then(|t| t.strip_suffix(PDI))
        && pair(inner) == Pairing::default()
    {
        return Cow::Borrowed(text);
    }
    let pairing = pair(text);
    let mut out = String::with_capacity(text.len() + 3 * (pairing.open.len() + 2));
    out.push(FSI);
    let mut last = 0;
    for &stray in &pairing.stray {
        out.push_str(&text[last..stray]);
        // Every closer is one three-byte character.
        last = stray + 3;
    }
    out.push_str(&text[last..]);
    for &(_, opener) in pairing.open.iter().rev() {
        out.push(if is_isolate(opener) { PDI } else { PDF });
    }
    out.push(PDI);
    Cow::Owned(out)
}

/// Text for a terminal: each control written as its code, `<U+202E>`, so
/// that a name in a message or a report shows where the character is
/// instead of turning the rest of the line around.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !has_controls(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_control(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    /// The embedding level and override of each character of `text`, by
    /// rules X1–X8 of the Unicode Bidirectional Algorithm (UAX #9) on a
    /// left-to-right paragraph, written apart from [`pair`] so that one
    /// checks the other. FSI takes the direction of the next Hebrew or
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
    fn only_the_nine_controls_count() {
        for c in [LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI] {
            assert!(is_control(c));
            assert!(has_controls(&format!("a{c}b")), "{c:?}");
        }
        // Neighbours sharing the lead byte: dashes, quotes, LRM and RLM
        // (marks, not controls that need closing), the line separator.
        for text in [
            "plain",
            "“quoted” – dashed … ‘single’",
            "\u{200E}\u{200F}\u{2028}\u{2029}\u{202F}\u{2065}\u{206A}",
            "",
        ] {
            assert!(!has_controls(text), "{text:?}");
            assert!(!text.chars().any(is_control), "{text:?}");
        }
    }

    #[test]
    fn terminal_text_shows_each_control_as_its_code() {
        assert_eq!(
            visible("Parking \u{202E}cameras"),
            "Parking <U+202E>cameras"
        );
        assert!(matches!(visible("plain – text"), Cow::Borrowed(_)));
    }

    #[test]
    fn pairing_follows_the_bidirectional_algorithm() {
        // Closed override: nothing open.
        assert_eq!(pair("a\u{202E}b\u{202C}c"), Pairing::default());
        // Unterminated override.
        assert_eq!(pair("ab\u{202E}cd").open, vec![(2, RLO)]);
        // A PDF cannot close an embedding from inside an isolate, so here it
        // is stray and both stay open.
        let p = pair("\u{202B}x\u{2067}y\u{202C}z");
        assert_eq!(p.open, vec![(0, RLE), (4, RLI)]);
        assert_eq!(p.stray, vec![8]);
        // A PDI closes its isolate and the embeddings opened inside it.
        let p = pair("\u{2067}\u{202E}x\u{2069}y");
        assert_eq!(p, Pairing::default());
        // A PDI with no isolate open closes nothing.
        assert_eq!(pair("\u{2069}\u{202E}x").stray, vec![0]);
        assert_eq!(pair("\u{2069}\u{202E}x").open, vec![(3, RLO)]);
    }
}
