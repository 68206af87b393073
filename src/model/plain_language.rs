//! The plain-language rules `glassbox check` applies to the texts residents
//! read first, from `portal.yaml`'s `plain_language` and the built-in
//! defaults. The checks themselves are in the check command.

use crate::parse::schema::RawPlainLanguage;

/// Lowest reading ease when `portal.yaml` does not set one.
pub(super) const DEFAULT_MIN_READING_EASE: f64 = 50.0;
/// Most words in a sentence when `portal.yaml` does not set it.
pub(super) const DEFAULT_MAX_SENTENCE_WORDS: usize = 25;
/// Words residents may not know, with what to write instead. A portal adds
/// to them (or changes the advice for one) in `plain_language.jargon`.
pub(crate) const BUILT_IN_JARGON: &[(&str, &str)] = &[
    ("algorithm", "computer system, or the rules it follows"),
    ("algorithmic", "computer-based"),
    (
        "machine learning",
        "a computer system that learns from past cases",
    ),
    ("automated decision-making", "decisions made by a computer"),
    ("automated decision making", "decisions made by a computer"),
    (
        "predictive analytics",
        "using past cases to estimate what may happen",
    ),
    ("large language model", "a computer system that writes text"),
    ("natural language processing", "software that reads text"),
    ("training data", "the past cases the system learnt from"),
    ("false positive", "wrongly flagged"),
    ("false negative", "wrongly missed"),
    ("data subject", "the person the information is about"),
    ("stakeholder", "the people involved"),
    ("utilise", "use"),
    ("utilize", "use"),
    ("leverage", "use"),
    ("facilitate", "help"),
    ("commence", "start"),
    ("in accordance with", "under"),
    ("pursuant to", "under"),
    ("mitigate", "reduce"),
    ("deploy", "start using"),
];

/// The rules, from `portal.yaml`'s `plain_language` and the defaults.
#[derive(Debug, Clone)]
pub struct PlainLanguage {
    pub min_reading_ease: f64,
    pub max_sentence_words: usize,
    pub jargon: Vec<Jargon>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Jargon {
    /// Lowercase.
    pub word: String,
    pub instead: Option<String>,
    pub glossary: Option<String>,
}

impl Default for PlainLanguage {
    fn default() -> Self {
        PlainLanguage::from_settings(None)
    }
}

impl PlainLanguage {
    pub fn from_settings(raw: Option<&RawPlainLanguage>) -> Self {
        let mut jargon: Vec<Jargon> = BUILT_IN_JARGON
            .iter()
            .map(|(word, instead)| Jargon {
                word: (*word).to_string(),
                instead: Some((*instead).to_string()),
                glossary: None,
            })
            .collect();
        if let Some(raw) = raw {
            for entry in &raw.jargon {
                let word = entry.word.to_lowercase();
                let own = Jargon {
                    word: word.clone(),
                    instead: entry.instead.as_ref().map(|t| t.to_string()),
                    glossary: entry.glossary.as_ref().map(|t| t.to_string()),
                };
                match jargon.iter_mut().find(|j| j.word == word) {
                    Some(existing) => *existing = own,
                    None => jargon.push(own),
                }
            }
        }
        PlainLanguage {
            min_reading_ease: raw
                .and_then(|r| r.min_reading_ease)
                .unwrap_or(DEFAULT_MIN_READING_EASE),
            max_sentence_words: raw
                .and_then(|r| r.max_sentence_words)
                .map(|n| n as usize)
                .unwrap_or(DEFAULT_MAX_SENTENCE_WORDS),
            jargon,
        }
    }
}
