//! Plain-language advice for the texts residents read first: summaries and
//! the steps of challenge routes. Three checks, all warnings with a hint:
//! reading ease (Flesch, through the textstat crate, used in this module
//! only), very long sentences, and jargon with a plainer word to use.
//!
//! Readability formulas are rough on one or two sentences (textstat also
//! counts `e.g.` as a sentence end), so reading ease is judged only on texts
//! of [`MIN_WORDS_FOR_EASE`] words or more, and never fails a build.

use crate::diagnostic::{Diagnostic, Position};
use crate::model::PlainLanguage;

/// Shorter texts get no reading-ease score: the formula is noise on them.
pub(crate) const MIN_WORDS_FOR_EASE: usize = 12;

/// Endings a jargon word may carry and still be the same word.
const ENDINGS: &[&str] = &["", "s", "es", "d", "ed", "ing"];

/// A text to judge and where it is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Passage<'a> {
    /// What it is, for messages: "the summary", "step 2".
    pub what: &'a str,
    pub text: &'a str,
    /// The file (relative to the portal folder) and its whole text.
    pub file: &'a str,
    pub file_text: &'a str,
    /// The line the field starts on.
    pub line: usize,
}

/// Advice on one passage. The reading-ease score is returned too, for
/// reports, when the passage is long enough to have one.
pub(crate) fn lint(rules: &PlainLanguage, passage: Passage) -> (Vec<Diagnostic>, Option<f64>) {
    let mut out = Vec::new();
    let text = passage.text;
    let words = textstat::lexicon_count(text);
    let at_line = |line: usize, column: usize, d: Diagnostic| {
        d.at(passage.file, passage.file_text, Position::new(line, column))
    };

    let ease = (words >= MIN_WORDS_FOR_EASE).then(|| textstat::flesch_reading_ease(text));
    if let Some(score) = ease
        && score < rules.min_reading_ease
    {
        let (line, column) = find_line(&passage, first_words(text, 4));
        out.push(at_line(
            line,
            column,
            Diagnostic::warning(
                "hard-to-read",
                format!(
                    "{} is hard to read: its reading ease is {score:.0}, below {:.0}",
                    capitalised(passage.what),
                    rules.min_reading_ease
                ),
            )
            .with_help(
                "use shorter sentences and shorter, everyday words; say what it means for the resident (the score is rough: trust your reader over it)",
            ),
        ));
    }

    for sentence in sentences(text) {
        let n = textstat::lexicon_count(sentence);
        if n > rules.max_sentence_words {
            let (line, column) = find_line(&passage, first_words(sentence, 4));
            out.push(at_line(
                line,
                column,
                Diagnostic::warning(
                    "long-sentence",
                    format!(
                        "a sentence in {} has {n} words, more than {}: \"{}\"",
                        passage.what,
                        rules.max_sentence_words,
                        first_words(sentence, 8)
                    ),
                )
                .with_help("split it into two or more sentences, one idea each"),
            ));
        }
    }

    let lower = text.to_lowercase();
    for jargon in &rules.jargon {
        if let Some(found) = find_word(&lower, &jargon.word) {
            let written = &text[found.clone()];
            let (line, column) = find_line(&passage, written);
            let mut help = match &jargon.instead {
                Some(instead) => format!("write \"{instead}\" instead"),
                None => "use an everyday word instead".to_string(),
            };
            if let Some(glossary) = &jargon.glossary {
                help.push_str(&format!(
                    ", or, if the word is needed, explain it at {glossary}"
                ));
            }
            out.push(at_line(
                line,
                column,
                Diagnostic::warning(
                    "jargon",
                    format!(
                        "{} uses \"{written}\", which many residents will not know",
                        capitalised(passage.what)
                    ),
                )
                .with_help(help),
            ));
        }
    }
    (out, ease)
}

/// The byte range of the first use of `word` (lowercase) in `lower`, as a
/// whole word with one of the usual endings.
fn find_word(lower: &str, word: &str) -> Option<std::ops::Range<usize>> {
    let bytes = lower.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    for (start, _) in lower.match_indices(word) {
        if start > 0 && is_word(bytes[start - 1]) {
            continue;
        }
        let after = start + word.len();
        for ending in ENDINGS {
            let end = after + ending.len();
            if lower[after..].starts_with(ending) && !bytes.get(end).is_some_and(|&b| is_word(b)) {
                return Some(start..end);
            }
        }
    }
    None
}

/// Splits text into sentences at `.`, `!` or `?` followed by a space or the
/// end, keeping common abbreviations (`e.g.`, `Dr.`) inside their sentence.
fn sentences(text: &str) -> Vec<&str> {
    const ABBREVIATIONS: &[&str] = &["e.g.", "i.e.", "etc.", "dr.", "mr.", "mrs.", "ms.", "no."];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, c)| c);
        if next.is_some_and(|n| !n.is_whitespace()) {
            continue;
        }
        let so_far = text[start..=i].to_lowercase();
        if c == '.' && ABBREVIATIONS.iter().any(|a| so_far.ends_with(a)) {
            continue;
        }
        let sentence = text[start..=i].trim();
        if !sentence.is_empty() {
            out.push(sentence);
        }
        start = i + c.len_utf8();
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn first_words(text: &str, n: usize) -> &str {
    match text.split_whitespace().nth(n) {
        Some(word) => {
            let end = word.as_ptr() as usize - text.as_ptr() as usize;
            text[..end].trim_end()
        }
        None => text,
    }
}

/// The line and column of `needle` in the file, searching from the field's
/// line onwards (case-insensitively); the field's line when not found,
/// for example because the text was folded over lines differently.
fn find_line(passage: &Passage, needle: &str) -> (usize, usize) {
    let needle = needle.to_lowercase();
    for (n, line) in passage
        .file_text
        .lines()
        .enumerate()
        .skip(passage.line.saturating_sub(1))
        .take(40)
    {
        if let Some(byte) = line.to_lowercase().find(&needle) {
            // Lowercasing can change byte lengths outside ASCII; count
            // characters on the lowercased line, which is close enough.
            let column = line.to_lowercase()[..byte].chars().count() + 1;
            return (n + 1, column);
        }
    }
    (passage.line, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Jargon;
    use crate::parse::schema::RawPlainLanguage;

    fn passage(text: &str) -> Passage<'_> {
        Passage {
            what: "the summary",
            text,
            file: "content/systems/x.md",
            file_text: text,
            line: 1,
        }
    }

    fn codes(text: &str) -> Vec<&'static str> {
        lint(&PlainLanguage::default(), passage(text))
            .0
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn plain_text_passes() {
        assert!(codes("We use a computer to plan bin rounds. It saves fuel and time.").is_empty());
    }

    #[test]
    fn jargon_is_found_as_a_word_with_endings() {
        assert_eq!(codes("We use algorithms to sort letters."), ["jargon"]);
        assert_eq!(
            codes("Our Machine Learning tool sorts letters."),
            ["jargon"]
        );
        assert!(codes("We deployed it in May.").contains(&"jargon"));
        // Not inside another word.
        assert!(codes("The redeployment team sorts letters.").is_empty());
    }

    #[test]
    fn jargon_help_names_the_plain_word_and_position() {
        let text = "line one\nWe use an algorithm.";
        let (d, _) = lint(
            &PlainLanguage::default(),
            Passage {
                line: 1,
                ..passage(text)
            },
        );
        assert_eq!(d[0].position, Some(Position::new(2, 11)));
        assert!(d[0].help.as_deref().unwrap().contains("computer system"));
    }

    #[test]
    fn long_sentences_and_hard_text_are_flagged() {
        let long = "We look at the form and the notes and the letters and the calls and the visits and the \
                    reports and the files and the emails and the photos and the maps and the lists.";
        assert!(codes(long).contains(&"long-sentence"));
        let hard = "Operationalisation of multidimensional prioritisation methodologies necessitates \
                    comprehensive organisational considerations regarding administrative responsibilities.";
        assert!(codes(hard).contains(&"hard-to-read"), "{:?}", codes(hard));
    }

    #[test]
    fn own_jargon_replaces_built_in_advice() {
        let raw = RawPlainLanguage {
            min_reading_ease: Some(0.0),
            max_sentence_words: Some(100),
            jargon: vec![],
        };
        let mut rules = PlainLanguage::from_settings(Some(&raw));
        rules.jargon.push(Jargon {
            word: "triage".into(),
            instead: None,
            glossary: Some("/glossary/#triage".into()),
        });
        let (d, _) = lint(&rules, passage("Triage happens daily."));
        assert_eq!(d.len(), 1);
        assert!(d[0].help.as_deref().unwrap().contains("/glossary/#triage"));
    }

    #[test]
    fn sentences_keep_abbreviations() {
        assert_eq!(
            sentences("We check, e.g. income. Then we write! Done"),
            ["We check, e.g. income.", "Then we write!", "Done"]
        );
    }
}
