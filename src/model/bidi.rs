//! Bidirectional control characters: the invisible characters that tell
//! software to lay text out right to left or left to right, whatever its
//! letters are. U+202A–U+202E open an embedding or an override and close one
//! (U+202C); U+2066–U+2069 open an isolate and close one (U+2069). One left
//! open in a name, such as a right-to-left override (U+202E) pasted in from
//! elsewhere, turns the rest of the sentence the name is shown in backwards.
//!
//! The model warns about them in names and titles (`bidi-control`, see
//! `validate.rs`); the render stage shuts each text that has them in an
//! isolate of its own (`crate::render::escape::isolate`), using [`pair`].

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

#[cfg(test)]
mod tests {
    use super::*;

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
