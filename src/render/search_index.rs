//! `/search.json`: a small prebuilt index the systems list's filter script
//! reads. To stay compact it holds rows (arrays) under a list of field
//! names, not one object per entry, and each entry's longer texts only as
//! their distinct words. Addresses are not stored: they are the site's root
//! path, the kind's folder and the id.
//!
//! ```json
//! {"version":1,
//!  "fields":{"systems":["id","name","service_area","status","automation","personal_data","affects_residents","words"], ...},
//!  "systems":[["letter-translation","Letter translation","housing","in-use","recommends",1,1,"translate letters ..."]],
//!  "errors":[["wrong-bay","Camera fined a car in a disabled bay","parking-cameras","camera fined ..."]],
//!  "challenge":[["ask-for-a-human-review","Ask for a person to look at a decision again","ask person ..."]]}
//! ```

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde_json::json;

use crate::model::Portal;
use crate::render::facets::kebab;
use crate::render::summaries::Views;

/// Version of the index layout, for scripts that read it.
pub(crate) const VERSION: u32 = 1;

/// Short words that do not help find anything.
const STOP_WORDS: &[&str] = &[
    "about", "after", "and", "are", "but", "can", "for", "from", "has", "have", "how", "into",
    "its", "not", "our", "out", "some", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "was", "were", "what", "when", "which", "who", "will", "with", "you",
    "your",
];

/// The distinct words of `texts` (lowercase, three letters or more, no stop
/// words), in the order they first appear, joined by spaces.
pub(crate) fn words<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen = BTreeSet::new();
    let mut out: Vec<String> = Vec::new();
    for text in texts {
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
        {
            if word.chars().count() >= 3
                && !STOP_WORDS.contains(&word.as_str())
                && seen.insert(word.clone())
            {
                out.push(word);
            }
        }
    }
    out.join(" ")
}

/// Everyday words people type, and the words of the index they mean. The
/// filter script adds the meanings to what was typed. A meaning of `*`
/// matches every system: everything listed is a computer system.
pub(crate) const SYNONYMS: &[(&str, &[&str])] = &[
    ("ai", &["*"]),
    ("artificial intelligence", &["*"]),
    ("algorithm", &["*"]),
    ("algorithmic", &["*"]),
    ("computer", &["*"]),
    ("automated", &["*"]),
    ("automation", &["*"]),
    ("robot", &["*"]),
    ("chatbot", &["chat", "talks"]),
    ("chat bot", &["chat", "talks"]),
    ("bot", &["chat", "talks"]),
    ("virtual assistant", &["chat", "talks"]),
    ("assistant", &["chat", "helper"]),
    ("llm", &["generative", "language model"]),
    ("language model", &["generative"]),
    ("fine", &["penalty", "fine"]),
    ("ticket", &["penalty", "fine"]),
    ("pcn", &["penalty"]),
    ("translate", &["translat", "language"]),
    ("interpreter", &["translat", "language"]),
    ("rubbish", &["bin", "waste", "rubbish"]),
    ("disabled parking", &["blue badge"]),
    ("social worker", &["social"]),
    ("carer", &["care"]),
    ("benefit", &["benefit", "support", "discount"]),
];

/// The index as compact JSON.
///
/// A system's `name` is its display name (see `SystemSummary::display_name`):
/// results name the body when the plain name is not unique, and the body's
/// words can be searched for.
pub(crate) fn index(portal: &Portal, views: &Views) -> String {
    let area = |id: &str| portal.settings.service_areas.iter().find(|a| a.id == id);
    let area_name = |id: &str| area(id).map(|a| a.name.as_str()).unwrap_or("");
    let area_description = |id: &str| {
        area(id)
            .and_then(|a| a.description.as_deref())
            .unwrap_or("")
    };
    // Each system's row on its own core; the rows keep their order.
    let systems: Vec<_> = portal
        .systems
        .par_iter()
        .map(|s| {
            let summary = &views.systems[&s.id];
            json!([
                s.id,
                summary.display_name,
                s.service_area,
                kebab(s.status),
                s.automation
                    .map_or_else(|| crate::render::facets::NOT_KNOWN_VALUE.into(), kebab),
                // null where the record does not say.
                s.uses_personal_data().map(u8::from),
                s.affects_residents_directly.map(u8::from),
                words([
                    if s.is_gap(crate::model::Field::Summary) {
                        ""
                    } else {
                        s.summary.as_str()
                    },
                    area_name(&s.service_area),
                    area_description(&s.service_area),
                    s.decision.as_str(),
                    s.resident_contact.map_or("", |c| {
                        crate::render::labels::resident_contact_label(Some(c))
                    }),
                    s.model_type
                        .map_or("", |m| crate::render::labels::model_type_label(Some(m))),
                    s.supplier.as_ref().map(|x| x.name.as_str()).unwrap_or(""),
                    s.owner.team.as_str(),
                    summary.body.as_str(),
                ]),
            ])
        })
        .collect();
    let errors: Vec<_> = portal
        .errors
        .iter()
        .map(|e| json!([e.id, e.title, e.system, words([e.summary.as_str()])]))
        .collect();
    let routes: Vec<_> = portal
        .challenges
        .iter()
        .map(|c| json!([c.id, c.title, words([c.summary.as_str()])]))
        .collect();
    let index = json!({
        "version": VERSION,
        "fields": {
            "systems": ["id", "name", "service_area", "status", "automation", "personal_data", "affects_residents", "words"],
            "errors": ["id", "title", "system", "words"],
            "challenge": ["id", "title", "words"],
        },
        "systems": systems,
        "errors": errors,
        "challenge": routes,
        "synonyms": SYNONYMS.iter().map(|(word, meanings)| (word.to_string(), json!(meanings))).collect::<serde_json::Map<_, _>>(),
    });
    let mut text = crate::render::escape::json(index.to_string());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_distinct_lowercase_and_skip_short_and_stop_words() {
        assert_eq!(
            words(["The Council uses it; the council WILL check, café."]),
            "council uses check café"
        );
    }
}
