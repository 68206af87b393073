//! Which challenge routes a system page offers, and in what order: the
//! route whose time limit is hardest to meet first, each time limit cut to
//! one short line, so the box under the summary fits one phone screen.

use crate::model::System;
use crate::render::view::{ChallengeSummary, RouteLine};

/// What a system page says about challenging it.
pub(crate) struct Offer {
    /// The routes, hardest deadline first.
    pub routes: Vec<RouteLine>,
    /// True when the record names no route of its own and these are the
    /// portal's general routes that any resident can start.
    pub general: bool,
    /// How many general routes the portal has in all, when `routes` shows
    /// only the first [`GENERAL_SHOWN`] of them (0 otherwise).
    pub general_total: usize,
}

/// How many of the portal's general routes a system page or notice lists
/// when its record names none: the hardest deadlines first, the rest on the
/// list of every route. A council has a handful (a complaint, a review by a
/// person, the ombudsman); a portal with hundreds must not put hundreds on
/// each page, nor on a notice that has to fit one sheet of A4.
pub(crate) const GENERAL_SHOWN: usize = 4;

/// The portal's general routes, every route a resident can start, hardest
/// deadline first: worked out once a build, shared by every system that
/// names no route of its own.
pub(crate) fn general(all: impl Iterator<Item = ChallengeSummary>) -> Vec<RouteLine> {
    lines(all.filter(|r| r.resident_can_start).collect())
}

/// The routes a system page shows. A system that names routes gets those;
/// one that names none, and does not say it leaves residents untouched, gets
/// the portal's general routes (`general`, from [`general`]), so no page
/// ever says "there is no way to challenge" unless its entry says so.
pub(crate) fn offer(system: &System, named: Vec<ChallengeSummary>, general: &[RouteLine]) -> Offer {
    if !named.is_empty() {
        return Offer {
            routes: lines(named),
            general: false,
            general_total: 0,
        };
    }
    if system.no_challenge_route_reason.is_some() || system.may_affect_residents() == Some(false) {
        return Offer {
            routes: Vec::new(),
            general: false,
            general_total: 0,
        };
    }
    Offer {
        routes: general.iter().take(GENERAL_SHOWN).cloned().collect(),
        general: true,
        general_total: if general.len() > GENERAL_SHOWN {
            general.len()
        } else {
            0
        },
    }
}

/// Routes as a page lists them, each time limit cut to one line: strict
/// deadlines first, the shortest first; then soft ones; then none. The
/// sort is stable, so routes keep the entry's order among equals.
fn lines(routes: Vec<ChallengeSummary>) -> Vec<RouteLine> {
    let mut lines: Vec<RouteLine> = routes
        .into_iter()
        .map(|route| {
            let limit = route.time_limit.as_deref().map(deadline);
            RouteLine {
                time_limit_short: limit.as_ref().map(|d| d.short.clone()),
                strict: limit.as_ref().is_some_and(|d| d.strict),
                days: limit.as_ref().and_then(|d| d.days),
                route,
            }
        })
        .collect();
    lines.sort_by_key(|l| (!l.strict, l.days.is_none(), l.days.unwrap_or(u32::MAX)));
    lines
}

/// A time limit read from its text.
#[derive(Debug, PartialEq)]
pub(crate) struct Deadline {
    /// One short line: "2 months", "No time limit", or the first sentence.
    pub short: String,
    /// About how many days, from the first length of time the text names.
    pub days: Option<u32>,
    /// Whether missing it loses the right: a length of time that the text
    /// does not soften ("we may still look at later requests").
    pub strict: bool,
}

const SOFTENERS: &[&str] = &[
    "good reason",
    "still look",
    "may look",
    "as soon as possible",
    "no time limit",
    "please ",
];

/// Reads a route's time limit. The first length of time named is the limit
/// (later ones are usually exceptions or next stages).
pub(crate) fn deadline(text: &str) -> Deadline {
    let lower = text.to_lowercase();
    if lower.starts_with("there is no time limit") || lower.starts_with("no time limit") {
        return Deadline {
            short: "No time limit".into(),
            days: None,
            strict: false,
        };
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let found = words.windows(2).find_map(|pair| {
        let n = number(pair[0])?;
        let (unit, per) = match pair[1].trim_end_matches('s') {
            "day" => ("day", 1),
            "week" => ("week", 7),
            "month" => ("month", 30),
            "year" => ("year", 365),
            _ => return None,
        };
        Some((n, unit, per))
    });
    match found {
        Some((n, unit, per)) => {
            let strict = !SOFTENERS.iter().any(|s| lower.contains(s));
            Deadline {
                short: format!("{n} {unit}{}", if n == 1 { "" } else { "s" }),
                days: Some(n.saturating_mul(per)),
                strict,
            }
        }
        None => Deadline {
            short: first_sentence(text),
            days: None,
            strict: false,
        },
    }
}

fn number(word: &str) -> Option<u32> {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    word.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|w| *w == word).map(|i| i as u32 + 1))
}

fn first_sentence(text: &str) -> String {
    let text = text.trim();
    match text.find(". ") {
        Some(end) => text[..=end].trim().to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_first_length_of_time_and_whether_it_is_strict() {
        let d = deadline(
            "Within 1 month of the date on the decision letter. We will still look at later requests if you have a good reason for the delay.",
        );
        assert_eq!(
            (d.short.as_str(), d.days, d.strict),
            ("1 month", Some(30), false)
        );
        let d = deadline(
            "Write to us as soon as you can. You must appeal to the Valuation Tribunal within 2 months of our answer, or within 4 months of your first letter.",
        );
        assert_eq!(
            (d.short.as_str(), d.days, d.strict),
            ("2 months", Some(60), true)
        );
        let d = deadline(
            "Within 28 days of the date the notice was served. Challenge within 21 days to keep the lower amount.",
        );
        assert_eq!(
            (d.short.as_str(), d.days, d.strict),
            ("28 days", Some(28), true)
        );
        let d = deadline("There is no time limit.");
        assert_eq!(
            (d.short.as_str(), d.days, d.strict),
            ("No time limit", None, false)
        );
        let d = deadline("Within three weeks.");
        assert_eq!((d.short.as_str(), d.days), ("3 weeks", Some(21)));
        let d = deadline("Ask us before the end of the school term. We answer quickly.");
        assert_eq!(
            (d.short.as_str(), d.days, d.strict),
            ("Ask us before the end of the school term.", None, false)
        );
    }
}
