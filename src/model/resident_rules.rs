//! The rules that keep a system entry honest with residents: a system that
//! writes to residents or talks to them says so, a system that recommends or
//! decides about residents names the law it rests on, and what the page says
//! about how a resident meets the system never contradicts itself (issue 25).
//!
//! A system page tells a resident the same thing four times over: in the
//! summary, in "How you meet it" (`resident_contact`), in "What it does"
//! (`automation`) and in the challenge section. The rules here are certain
//! where the fields alone contradict each other (errors), and heuristics
//! where the summary's free text says something the fields deny (warnings,
//! pointing at the words). A field that an imported record left as a gap
//! (`imported.gaps`) holds a placeholder, not a claim: no rule reads it.

use super::validate::At;
use super::*;

/// What the rules read from one system entry.
pub(super) struct Facts<'a> {
    pub(super) summary: &'a Spanned<String>,
    pub(super) automation: &'a Spanned<AutomationLevel>,
    pub(super) affects_residents_directly: bool,
    pub(super) resident_contact: Option<&'a Spanned<ResidentContact>>,
    pub(super) has_lawful_basis: bool,
    /// Imported records may lack what their register did not ask for; the
    /// rules about missing fields then warn instead of failing the build.
    pub(super) imported: bool,
    /// The fields an imported record did not give (`imported.gaps`): their
    /// values are placeholders the importer wrote.
    pub(super) gaps: &'a [String],
}

impl Facts<'_> {
    fn known(&self, field: Field) -> bool {
        !self.gaps.iter().any(|g| g == field.name())
    }
}

pub(super) fn check(at: &At, f: &Facts, d: &mut Vec<Diagnostic>) {
    let automation_known = f.known(Field::Automation);
    let affects_known = f.known(Field::AffectsResidentsDirectly);
    match f.resident_contact {
        Some(contact)
            if contact.value != ResidentContact::BehindTheScenes
                && !f.affects_residents_directly
                && affects_known =>
        {
            let what = match contact.value {
                ResidentContact::TalksToYou => "talks to residents",
                _ => "produces what residents receive",
            };
            d.push(
                at.error(
                    contact,
                    "resident-contact",
                    format!("this system {what}, but `affects_residents_directly` is false"),
                )
                .with_help(
                    "set `affects_residents_directly: true`, or `resident_contact: behind-the-scenes` \
                     if only staff see what the system produces",
                ),
            );
        }
        None if f.affects_residents_directly
            && f.automation.value == AutomationLevel::InformsStaff
            && automation_known
            && affects_known =>
        {
            let message = "this system affects residents directly but only informs staff: say how residents meet it";
            d.push(
                if f.imported {
                    at.warning(f.automation, "resident-contact", message)
                } else {
                    at.error(f.automation, "resident-contact", message)
                }
                .with_help(
                    "add `resident_contact: produces-what-you-receive` if it writes or changes what \
                     residents get (letters, messages), `talks-to-you` if residents use it directly \
                     (a chat helper), or `behind-the-scenes` if only staff see what it produces",
                ),
            );
        }
        _ => {}
    }
    // A decision no member of staff checks reaches the resident as the
    // system made it: "Only our staff see what it produces" cannot be true.
    if f.automation.value == AutomationLevel::DecidesAutomatically
        && f.affects_residents_directly
        && automation_known
        && affects_known
    {
        let help = "`resident_contact: produces-what-you-receive` (residents get the decision it \
                    makes), or `talks-to-you` if they use the system themselves";
        match f.resident_contact {
            Some(contact) if contact.value == ResidentContact::BehindTheScenes => d.push(
                at.error(
                    contact,
                    "resident-contact",
                    "this system decides about residents with no member of staff checking each \
                     decision, but `behind-the-scenes` tells them only staff see what it produces",
                )
                .with_help(format!("set {help}")),
            ),
            None => {
                let message = "this system decides about residents with no member of staff checking \
                               each decision: say how residents meet it";
                d.push(
                    if f.imported {
                        at.warning(f.automation, "resident-contact", message)
                    } else {
                        at.error(f.automation, "resident-contact", message)
                    }
                    .with_help(format!("add {help}")),
                );
            }
            _ => {}
        }
    }
    let about_residents = f.affects_residents_directly
        && matches!(
            f.automation.value,
            AutomationLevel::Recommends
                | AutomationLevel::DecidesWithReview
                | AutomationLevel::DecidesAutomatically
        );
    if about_residents && !f.has_lawful_basis && automation_known && affects_known {
        let message =
            "this system recommends or decides about residents, but gives no `lawful_basis`";
        let help = "add `lawful_basis:` naming the law or legal power the use rests on, for example \
                    \"UK GDPR Article 6(1)(e) (public task), under the Road Traffic Act 1991\"";
        d.push(if f.imported {
            at.warning(f.automation, "missing-lawful-basis", message)
                .with_help(help)
        } else {
            at.error(f.automation, "missing-lawful-basis", message)
                .with_help(help)
        });
    }
    if f.known(Field::Summary) {
        summary_rules(at, f, automation_known, affects_known, d);
    }
}

/// The warnings on what the summary says against the fields. Each points at
/// the words in the summary.
fn summary_rules(
    at: &At,
    f: &Facts,
    automation_known: bool,
    affects_known: bool,
    d: &mut Vec<Diagnostic>,
) {
    let text = Summary::new(&f.summary.value);
    let mut warn = |hit: &Hit, code: &'static str, message: String, help: &str| {
        d.push(
            Diagnostic::warning(code, message)
                .at(
                    &at.file.path,
                    &at.file.text,
                    phrase_position(at, f.summary, hit.word),
                )
                .with_help(help),
        );
    };
    // What "How you meet it" says: a left-out `resident_contact` shows as
    // "Works behind the scenes" (an imported record's does not claim it).
    let contact = match f.resident_contact {
        Some(c) => Some(c.value),
        None if !f.imported => Some(ResidentContact::BehindTheScenes),
        None => None,
    };
    match contact {
        Some(ResidentContact::BehindTheScenes) => {
            let hit = text
                .find(TO_YOU, Actor::System)
                .or_else(|| text.find(CHAT, Actor::Any));
            if let Some(hit) = hit {
                let left_out = if f.resident_contact.is_none() {
                    " (what the page says when `resident_contact` is left out)"
                } else {
                    ""
                };
                let affects = if f.affects_residents_directly || !affects_known {
                    ""
                } else {
                    " with `affects_residents_directly: true`"
                };
                warn(
                    &hit,
                    "resident-contact",
                    format!(
                        "the summary says the system {}, but `behind-the-scenes`{left_out} tells \
                         residents they never see or use it",
                        hit.words
                    ),
                    &format!(
                        "if the system makes or changes what residents get, set `resident_contact: \
                         produces-what-you-receive`{affects}; if residents use it or talk to it, \
                         `talks-to-you`{affects}; if a person does this, say so in the summary \
                         (\"an officer writes to you\")"
                    ),
                );
            }
        }
        Some(c) => {
            if let Some(hit) = text.find(NEVER_SEE, Actor::Any) {
                warn(
                    &hit,
                    "resident-contact",
                    format!(
                        "the summary says \"{}\", but `resident_contact: {}` tells residents they \
                         meet the system",
                        hit.words,
                        match c {
                            ResidentContact::TalksToYou => "talks-to-you",
                            _ => "produces-what-you-receive",
                        }
                    ),
                    "correct the summary, or set `resident_contact: behind-the-scenes` if only \
                     staff see what the system produces",
                );
            }
        }
        None => {}
    }
    if automation_known {
        let (hit, says) = match f.automation.value {
            AutomationLevel::InformsStaff => (
                text.find(DECIDES, Actor::System)
                    .or_else(|| text.find(SUGGESTS, Actor::System)),
                "`automation: informs-staff` tells residents it does not suggest or make decisions \
                 about them",
            ),
            AutomationLevel::Recommends => (
                text.find(DECIDES, Actor::System),
                "`automation: recommends` tells residents a member of staff makes the decision",
            ),
            AutomationLevel::DecidesAutomatically => (
                text.find(CHECKS_EACH, Actor::Person),
                "`automation: decides-automatically` tells residents no member of staff checks \
                 each decision",
            ),
            AutomationLevel::DecidesWithReview => (None, ""),
        };
        if let Some(hit) = hit {
            warn(
                &hit,
                "automation-summary",
                format!(
                    "the summary says {} {}, but {says}",
                    hit.actor_words, hit.words
                ),
                "make the summary and `automation` agree: `informs-staff` (it gives staff \
                 information), `recommends` (it suggests, a person decides), `decides-with-review` \
                 (a person checks every decision before it takes effect) or `decides-automatically`",
            );
        }
    }
    if affects_known
        && !f.affects_residents_directly
        && let Some(hit) = text.find_about_you(DECIDES, Actor::System)
    {
        warn(
            &hit,
            "affects-residents",
            format!(
                "the summary says the system {} about a resident, but `affects_residents_directly` \
                 is false",
                hit.words
            ),
            "set `affects_residents_directly: true` (then say how residents meet it and how they \
             can challenge it), or correct the summary",
        );
    }
}

/// A decision made without staff checking each one is one a resident may
/// ask a person to look at again: the page says so ("You can ask for a
/// person to look at it again"). A `no_challenge_route_reason` without a
/// route a resident can start would contradict that on the same page.
pub(super) fn check_review_route(
    at: &At,
    system: &System,
    automation: &Spanned<AutomationLevel>,
    reason: Option<&Spanned<String>>,
    has_resident_route: bool,
) -> Option<Diagnostic> {
    let gaps = system.imported.as_ref().map(|i| i.gaps.as_slice());
    let known = |f: Field| !gaps.is_some_and(|g| g.iter().any(|n| n == f.name()));
    if let Some(reason) = reason
        && system.affects_residents_directly == Some(true)
        && automation.value == AutomationLevel::DecidesAutomatically
        && !has_resident_route
        && known(Field::Automation)
        && known(Field::AffectsResidentsDirectly)
        && !matches!(system.status, SystemStatus::Planned | SystemStatus::Retired)
    {
        Some(
            at.error(
                reason,
                "no-human-review",
                "this system decides about residents with no member of staff checking each \
                 decision, and its page tells them they can ask for a person to look at it again, \
                 but `no_challenge_route_reason` says no route applies",
            )
            .with_help(
                "list a route residents can start under `challenge_routes:`, such as a human \
                 review of the decision, and remove `no_challenge_route_reason`",
            ),
        )
    } else {
        None
    }
}

/// Who does what a phrase says.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Actor {
    System,
    Person,
    /// The phrase says it whoever the subject is.
    Any,
}

/// Words that stand for the system as the subject of a sentence.
const SYSTEM_WORDS: &[&str] = &[
    "system",
    "it",
    "tool",
    "helper",
    "chatbot",
    "assistant",
    "computer",
    "software",
    "model",
];

/// Words that stand for a person (or the organisation) as the subject.
const PERSON_WORDS: &[&str] = &[
    "person",
    "officer",
    "officers",
    "staff",
    "adviser",
    "advisers",
    "advisor",
    "worker",
    "workers",
    "we",
    "translator",
    "translators",
    "planner",
    "planners",
    "manager",
    "managers",
    "member",
    "team",
    "human",
    "someone",
    "caseworker",
    "colleague",
];

/// Words that deny what follows them in the sentence.
const NEGATIONS: &[&str] = &[
    "not", "never", "no", "cannot", "can't", "won't", "doesn't", "didn't", "don't", "isn't",
];

/// The system writes, sends or talks to the resident.
const TO_YOU: &[&str] = &[
    "writes to you",
    "wrote to you",
    "writes your",
    "sends you",
    "sent you",
    "sends it to you",
    "sends them to you",
    "sends your",
    "emails you",
    "texts you",
    "messages you",
    "talks to you",
    "talks with you",
    "speaks to you",
    "chats with you",
    "answers you",
    "answers your",
    "replies to you",
    "calls you",
    "phones you",
    "asks you",
    "tells you",
];

/// Residents use the system or talk with it.
const CHAT: &[&str] = &[
    "online chat",
    "chat helper",
    "chatbot",
    "chat bot",
    "virtual assistant",
    "you type",
    "talk to it",
    "chat with it",
];

/// Residents never meet the system.
const NEVER_SEE: &[&str] = &[
    "you do not see",
    "you don't see",
    "you never see",
    "you will not see",
    "you will never see",
    "you won't see",
    "you do not use",
    "you never use",
    "residents never see",
    "residents do not see",
    "behind the scenes",
    "only staff see",
    "only our staff see",
];

/// The system makes the decision.
const DECIDES: &[&str] = &[
    "decides",
    "decided",
    "makes the decision",
    "made the decision",
    "makes decisions",
    "made decisions",
    "makes a decision",
    "approves",
    "approved",
    "refuses",
    "refused",
    "rejects",
    "rejected",
    "turns down",
    "turned down",
];

/// The system suggests an outcome.
const SUGGESTS: &[&str] = &["suggests", "suggested", "recommends", "recommended"];

/// A person checks every case.
const CHECKS_EACH: &[&str] = &[
    "checks every",
    "checks each",
    "checks all",
    "reviews every",
    "reviews each",
    "looks at every",
    "looks at each",
];

/// A summary as words, each with its sentence, for the phrase rules. The
/// words are the summary's whitespace-separated words in order (lowercase,
/// without the punctuation around them), so a word's index also finds it in
/// the file.
struct Summary {
    words: Vec<String>,
    /// The index of the first word of each word's sentence.
    sentence_start: Vec<usize>,
    /// The index after the last word of each word's sentence.
    sentence_end: Vec<usize>,
}

/// A phrase found in a summary.
struct Hit {
    /// Index of its first word.
    word: usize,
    /// The phrase as the summary writes it (lowercase).
    words: String,
    /// The subject it was found with, such as "the system" or "an officer".
    actor_words: String,
}

impl Summary {
    fn new(text: &str) -> Summary {
        let mut words = Vec::new();
        let mut sentence_start = Vec::new();
        let mut ends = Vec::new();
        let mut start = 0;
        for (i, raw) in text.split_whitespace().enumerate() {
            let word: String = raw
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
                .trim_matches(['\'', '\u{2019}'])
                .replace('\u{2019}', "'")
                .to_lowercase();
            words.push(word);
            sentence_start.push(start);
            let closing = raw.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
            if closing.ends_with(['.', '!', '?', ';', ':']) {
                ends.push(i + 1);
                start = i + 1;
            }
        }
        let mut sentence_end = Vec::with_capacity(words.len());
        let mut next = ends.into_iter().peekable();
        for i in 0..words.len() {
            while next.peek().is_some_and(|&e| e <= i) {
                next.next();
            }
            sentence_end.push(next.peek().copied().unwrap_or(words.len()));
        }
        Summary {
            words,
            sentence_start,
            sentence_end,
        }
    }

    /// The first phrase of `phrases` done by `actor`, and not denied.
    fn find(&self, phrases: &[&str], actor: Actor) -> Option<Hit> {
        self.find_where(phrases, actor, |_, _| true)
    }

    /// As [`Summary::find`], for a phrase followed by "you" or "your" in
    /// its sentence.
    fn find_about_you(&self, phrases: &[&str], actor: Actor) -> Option<Hit> {
        self.find_where(phrases, actor, |after, end| {
            self.words[after..end]
                .iter()
                .any(|w| w == "you" || w == "your")
        })
    }

    fn find_where(
        &self,
        phrases: &[&str],
        actor: Actor,
        also: impl Fn(usize, usize) -> bool,
    ) -> Option<Hit> {
        // Each phrase split into words once, not at every word.
        let split: Vec<(&str, Vec<&str>)> = phrases
            .iter()
            .map(|phrase| (*phrase, phrase.split(' ').collect()))
            .collect();
        for i in 0..self.words.len() {
            for (phrase, parts) in &split {
                let end = i + parts.len();
                if end > self.sentence_end[i]
                    || !parts.iter().zip(&self.words[i..end]).all(|(p, w)| p == w)
                {
                    continue;
                }
                let Some(actor_words) = self.subject(i, actor) else {
                    continue;
                };
                if also(end, self.sentence_end[i]) {
                    return Some(Hit {
                        word: i,
                        words: phrase.to_string(),
                        actor_words,
                    });
                }
            }
        }
        None
    }

    /// Whether the nearest subject before word `i` in its sentence is of
    /// the kind `actor`, with no negation between them; with the subject's
    /// words ("the system", "an officer").
    fn subject(&self, i: usize, actor: Actor) -> Option<String> {
        let start = self.sentence_start[i];
        let before = &self.words[start..i];
        if actor == Actor::Any {
            let denied = before
                .iter()
                .rev()
                .take(3)
                .any(|w| NEGATIONS.contains(&w.as_str()));
            return (!denied).then(String::new);
        }
        let (at, kind) = before.iter().enumerate().rev().find_map(|(n, w)| {
            if SYSTEM_WORDS.contains(&w.as_str()) {
                Some((n, Actor::System))
            } else if PERSON_WORDS.contains(&w.as_str()) {
                Some((n, Actor::Person))
            } else {
                None
            }
        })?;
        if kind != actor
            || before[at + 1..]
                .iter()
                .any(|w| NEGATIONS.contains(&w.as_str()))
        {
            return None;
        }
        let subject = &before[at];
        Some(match at.checked_sub(1).map(|p| before[p].as_str()) {
            Some(article @ ("the" | "this" | "a" | "an" | "our")) => format!("{article} {subject}"),
            _ if subject == "it" => "the system".to_string(),
            _ if SYSTEM_WORDS.contains(&subject.as_str()) => format!("the {subject}"),
            _ => subject.clone(),
        })
    }
}

/// Where word `word` of the summary is in the file: the summary's words are
/// found in order on the lines from the field on. Falls back to the field
/// when the words differ from the file's (a quoted summary with escapes).
fn phrase_position(at: &At, summary: &Spanned<String>, word: usize) -> Position {
    let field = at.pos(summary);
    let lines: Vec<&str> = at.file.text.lines().collect();
    let mut n = 0;
    let norm = |w: &str| -> String {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let wanted: Vec<String> = summary.value.split_whitespace().map(&norm).collect();
    for (l, line) in lines.iter().enumerate().skip(field.line.saturating_sub(1)) {
        let from = if l + 1 == field.line {
            // The value starts at the field's column (on the `>-` of a block).
            line.char_indices()
                .nth(field.column.saturating_sub(1))
                .map_or(line.len(), |(b, _)| b)
        } else {
            0
        };
        if l + 1 > field.line && !line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            break;
        }
        let mut offset = from;
        for token in line[from..].split_whitespace() {
            let byte = offset + line[offset..].find(token).unwrap_or(0);
            offset = byte + token.len();
            if n == 0 && matches!(token, ">-" | ">" | "|" | "|-" | ">+" | "|+") {
                continue;
            }
            if wanted.get(n).is_none_or(|w| *w != norm(token)) {
                return field;
            }
            if n == word {
                return Position::new(l + 1, line[..byte].chars().count() + 1);
            }
            n += 1;
        }
    }
    field
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_of_a_phrase_is_the_nearest_before_it() {
        let s = Summary::new("A person checks each case and writes to you before we change it.");
        assert!(s.find(TO_YOU, Actor::System).is_none());
        let s = Summary::new("The system checks the claim and then writes to you.");
        let hit = s.find(TO_YOU, Actor::System).unwrap();
        assert_eq!(hit.words, "writes to you");
        assert_eq!(hit.actor_words, "the system");
        assert_eq!(hit.word, 7);
        // A negation between the subject and the phrase denies it.
        assert!(
            Summary::new("It never decides on its own.")
                .find(DECIDES, Actor::System)
                .is_none()
        );
        // A sentence ends the search for a subject.
        assert!(
            Summary::new("The system reads it. Officers check and decide; he decides.")
                .find(DECIDES, Actor::System)
                .is_none()
        );
        // "to decide" is not the system deciding.
        assert!(
            Summary::new("Our planners use it to decide where to build.")
                .find(DECIDES, Actor::System)
                .is_none()
        );
        let s = Summary::new("It approves your renewal.");
        assert!(s.find_about_you(DECIDES, Actor::System).is_some());
        let s = Summary::new("It approves the route. You keep your day.");
        assert!(s.find_about_you(DECIDES, Actor::System).is_none());
    }
}
