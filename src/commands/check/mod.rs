//! `glassbox check`: everything `build` checks, without writing the site,
//! and then what a careful editor would look at before publishing:
//!
//! 1. every link and `#fragment` inside the rendered site leads somewhere
//!    (links from Markdown and from the theme alike), read from the pages'
//!    HTML ([`crate::commands::check::html`]);
//! 2. reviews that are overdue or due within [`DUE_SOON_DAYS`] days;
//! 3. plain-language advice on summaries and challenge-route steps
//!    ([`crate::commands::check::lint`]);
//! 4. how complete each system's record is against the fields the UK
//!    Algorithmic Transparency Recording Standard (ATRS) asks for in its
//!    Tier 1 and Tier 2.
//!
//! The result is plain data ([`CheckReport`]); [`CheckReport::to_text`] and
//! [`CheckReport::to_json`] render it for people and for CI.

mod completeness;
mod governance;
pub(crate) mod html;
mod links;
pub(crate) mod lint;
mod report;

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Sources;
use crate::model::{Field, Portal, SystemStatus};
use crate::{BuildError, BuildOptions};
use lint::Passage;

pub use completeness::{Completeness, Expected};

/// Reviews due within this many days are listed as due soon.
pub const DUE_SOON_DAYS: i64 = 30;

/// What `check` found.
#[derive(Debug)]
pub struct CheckReport {
    /// Every error and warning: the build's, broken links, plain language.
    pub diagnostics: Diagnostics,
    /// Whether the site could be rendered (no content errors).
    pub rendered: bool,
    pub pages_checked: usize,
    pub links_checked: usize,
    /// Overdue and soon-due reviews, most urgent first.
    pub reviews: Vec<Review>,
    /// One per system, in id order.
    pub completeness: Vec<Completeness>,
    pub today: Date,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub system: String,
    pub name: String,
    pub file: String,
    pub review_by: Date,
    /// Days from today to `review_by`; negative when overdue.
    pub days_left: i64,
}

impl Review {
    pub fn overdue(&self) -> bool {
        self.days_left < 0
    }
}

/// Checks the portal described by `options` without writing anything.
/// Content problems are in the report; `Err` is for a folder that is not a
/// portal or cannot be read, or options that cannot work.
pub fn check(options: &BuildOptions) -> Result<CheckReport, BuildError> {
    let today = options.today.unwrap_or_else(crate::today);
    // Rendered as a draft, so that links are followed even while
    // placeholders are left; they are reported as the errors a real build
    // makes of them.
    let options = BuildOptions {
        today: Some(today),
        draft: true,
        ..options.clone()
    };
    let mut report = CheckReport {
        diagnostics: Diagnostics::new(),
        rendered: false,
        pages_checked: 0,
        links_checked: 0,
        reviews: Vec::new(),
        completeness: Vec::new(),
        today,
    };
    // Each page is read for its links as it is made; the site is not kept.
    let site = std::sync::Mutex::new(links::Site::default());
    let take = |path: String, bytes: Vec<u8>| {
        links::Site::take(&site, path, &bytes);
        Ok(())
    };
    let rendered = crate::render_with(&options, crate::Output::Inspect(&take));
    let site = site
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut diagnostics = match rendered {
        Ok(rendered) => {
            let crate::Rendered {
                mut diagnostics,
                portal,
                sources,
                ..
            } = rendered;
            report.rendered = true;
            // Following the links is the longest of these: the others are
            // done beside it.
            let (links, (reviews, completeness, advice)) = rayon::join(
                || links::check_links(&site, &portal, &sources),
                || {
                    let completeness = portal
                        .systems
                        .iter()
                        .map(|s| completeness::completeness(s, &portal))
                        .collect();
                    let mut advice = plain_language(&portal, &sources);
                    advice.extend(governance::advice(&portal, &sources));
                    (reviews(&portal, today), completeness, advice)
                },
            );
            report.reviews = reviews;
            report.completeness = completeness;
            diagnostics.extend(advice);
            report.pages_checked = links.pages;
            report.links_checked = links.links;
            diagnostics.extend(links.problems);
            diagnostics
        }
        Err(BuildError::Content(diagnostics)) => diagnostics,
        Err(other) => return Err(other),
    };
    diagnostics.escalate(crate::model::PLACEHOLDER_CODE);
    diagnostics.sort();
    report.diagnostics = diagnostics;
    Ok(report)
}

fn reviews(portal: &Portal, today: Date) -> Vec<Review> {
    let mut reviews: Vec<Review> = portal
        .systems
        .iter()
        .filter(|s| s.status != SystemStatus::Retired)
        .filter_map(|s| {
            let days_left = (s.review_by - today).get_days() as i64;
            (days_left <= DUE_SOON_DAYS).then(|| Review {
                system: s.id.clone(),
                name: s.name.clone(),
                file: s.source.path.clone(),
                review_by: s.review_by,
                days_left,
            })
        })
        .collect();
    reviews.sort_by(|a, b| (a.days_left, &a.system).cmp(&(b.days_left, &b.system)));
    reviews
}

/// The line a top-level front-matter field starts on, or the first line.
fn field_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

fn plain_language(portal: &Portal, sources: &Sources) -> Vec<Diagnostic> {
    let rules = &portal.settings.plain_language;
    let text_of = |path: &str| {
        sources
            .systems
            .iter()
            .chain(&sources.errors)
            .chain(&sources.challenges)
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
            .unwrap_or("")
    };
    let mut out = Vec::new();
    let mut summary = |path: &str, text: &str| {
        let file_text = text_of(path);
        let passage = Passage {
            what: "the summary",
            text,
            file: path,
            file_text,
            line: field_line(file_text, Field::Summary.name()),
        };
        out.extend(lint::lint(rules, passage).0);
    };
    for s in &portal.systems {
        summary(&s.source.path, &s.summary);
    }
    for e in &portal.errors {
        summary(&e.source.path, &e.summary);
    }
    for c in &portal.challenges {
        summary(&c.source.path, &c.summary);
    }
    for c in &portal.challenges {
        let file_text = text_of(&c.source.path);
        let line = field_line(file_text, "steps");
        for (i, step) in c.steps.iter().enumerate() {
            let what = format!("step {}", i + 1);
            let passage = Passage {
                what: &what,
                text: step,
                file: &c.source.path,
                file_text,
                line,
            };
            out.extend(lint::lint(rules, passage).0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lines_are_found_at_the_top_level_only() {
        let text = "---\nname: x\n  summary: nested\nsummary : >-\n  words\n";
        assert_eq!(field_line(text, "summary"), 4);
        assert_eq!(field_line(text, "steps"), 1);
    }
}
