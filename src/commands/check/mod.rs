//! `glassbox check`: everything `build` checks, without writing the site,
//! and then what a careful editor would look at before publishing:
//!
//! 1. every link and `#fragment` inside the rendered site leads somewhere
//!    (links from Markdown and from the theme alike), read from the HTML
//!    trees ([`crate::commands::check::html`]);
//! 2. reviews that are overdue or due within [`DUE_SOON_DAYS`] days;
//! 3. plain-language advice on summaries and challenge-route steps
//!    ([`crate::commands::check::lint`]);
//! 4. how complete each system's record is against the fields the UK
//!    Algorithmic Transparency Recording Standard (ATRS) asks for in its
//!    Tier 1 and Tier 2.
//!
//! The result is plain data ([`CheckReport`]); [`CheckReport::to_text`] and
//! [`CheckReport::to_json`] render it for people and for CI.

pub(crate) mod html;
pub(crate) mod lint;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use jiff::civil::Date;
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Diagnostics, Position, Severity};
use crate::load::Sources;
use crate::model::{Portal, System, SystemStatus};
use crate::{BuildError, BuildOptions};
use html::PageMap;
use lint::Passage;

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

#[derive(Debug, Clone, PartialEq)]
pub struct Completeness {
    pub system: String,
    pub name: String,
    pub file: String,
    /// Whole percent of the expected items that are given.
    pub percent: u32,
    pub missing: Vec<Expected>,
}

/// One thing the ATRS expects of a record, and where it lives in ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected {
    /// Our field(s), as an author writes them.
    pub field: &'static str,
    /// What it is, in plain words.
    pub what: &'static str,
    /// The ATRS tier and section it answers.
    pub atrs: &'static str,
}

/// Whether a system gives an expected item.
type Given = fn(&System, &Portal) -> bool;

/// The ATRS Tier 1 and Tier 2 items our systems carry, with how to tell
/// whether a system gives each. Items every valid entry must give (name,
/// summary, owner, ...) count too, so the percentage is of the whole list.
/// Supplier details are left out: ATRS asks for them only when there is
/// an outside supplier, which a record cannot be checked for.
const EXPECTED: &[(Expected, Given)] = &[
    (
        Expected {
            field: "name",
            what: "the name",
            atrs: "Tier 1: name",
        },
        |_, _| true,
    ),
    (
        Expected {
            field: "summary",
            what: "a plain summary",
            atrs: "Tier 1: description",
        },
        |_, _| true,
    ),
    (
        Expected {
            field: "contact",
            what: "an email address to ask about it (its own or the portal's)",
            atrs: "Tier 1: contact email",
        },
        |s, p| {
            s.contact
                .as_ref()
                .map_or(p.settings.default_contact.email.is_some(), |c| {
                    c.email.is_some()
                })
        },
    ),
    (
        Expected {
            field: "owner",
            what: "the team and senior responsible owner",
            atrs: "Tier 2, 1: owner and responsibility",
        },
        |_, _| true,
    ),
    (
        Expected {
            field: "decision, who_is_affected",
            what: "the decision it plays a part in and who is affected",
            atrs: "Tier 2, 2: scope",
        },
        |_, _| true,
    ),
    (
        Expected {
            field: "benefits",
            what: "why it is used",
            atrs: "Tier 2, 2: benefit",
        },
        |_, _| true,
    ),
    (
        Expected {
            field: "alternatives_considered",
            what: "what else was considered",
            atrs: "Tier 2, 2: alternatives considered",
        },
        |s, _| s.alternatives_considered.is_some(),
    ),
    (
        Expected {
            field: "the Markdown text",
            what: "how it works, in more depth",
            atrs: "Tier 2, 2 and 4: detailed description, system architecture",
        },
        |s, _| !s.body.trim().is_empty(),
    ),
    (
        Expected {
            field: "model_type, status",
            what: "what kind of system it is and where it is in its life",
            atrs: "Tier 2, 4: model, phase",
        },
        |_, _| true,
    ),
    (
        Expected {
            field: "human_oversight, automation",
            what: "how people oversee what it produces",
            atrs: "Tier 2, 3: human decisions and review",
        },
        |_, _| true,
    ),
    (
        Expected {
            field: "challenge_routes",
            what: "how to challenge a decision (or why there is no way)",
            atrs: "Tier 2, 3: appeals and review",
        },
        |s, _| !s.challenge_routes.is_empty() || s.no_challenge_route_reason.is_some(),
    ),
    (
        Expected {
            field: "data",
            what: "the data it uses",
            atrs: "Tier 2, 4: information on data",
        },
        |_, _| true,
    ),
    (
        Expected {
            field: "impact_assessments",
            what: "impact assessments (data protection, equality)",
            atrs: "Tier 2, 5: impact assessments",
        },
        |s, _| !s.impact_assessments.is_empty(),
    ),
    (
        Expected {
            field: "risks",
            what: "risks and what is done about them",
            atrs: "Tier 2, 5: risks and mitigations",
        },
        |s, _| !s.risks.is_empty(),
    ),
    (
        Expected {
            field: "monitoring",
            what: "how its results are watched over time",
            atrs: "Tier 2, 4: maintenance",
        },
        |s, _| !s.monitoring.is_empty(),
    ),
    (
        Expected {
            field: "known_limitations",
            what: "what it cannot do well",
            atrs: "Tier 2, 2: scope (what it is not for)",
        },
        |s, _| !s.known_limitations.is_empty(),
    ),
    (
        Expected {
            field: "last_reviewed, review_by",
            what: "when it was last reviewed and is next due",
            atrs: "Metadata: date of update",
        },
        |_, _| true,
    ),
];

/// Checks the portal described by `options` without writing anything.
/// Content problems are in the report; `Err` is for a folder that is not a
/// portal or cannot be read, or options that cannot work.
pub fn check(options: &BuildOptions) -> Result<CheckReport, BuildError> {
    let today = options.today.unwrap_or_else(crate::today);
    let options = BuildOptions {
        today: Some(today),
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
    let mut diagnostics = match crate::render(&options) {
        Ok(rendered) => {
            let crate::Rendered {
                files,
                mut diagnostics,
                portal,
                sources,
                ..
            } = rendered;
            report.rendered = true;
            report.reviews = reviews(&portal, today);
            report.completeness = portal
                .systems
                .iter()
                .map(|s| completeness(s, &portal))
                .collect();
            diagnostics.extend(plain_language(&portal, &sources));
            let links = check_links(&files, &portal, &sources);
            report.pages_checked = links.pages;
            report.links_checked = links.links;
            diagnostics.extend(links.problems);
            diagnostics
        }
        Err(BuildError::Content(diagnostics)) => diagnostics,
        Err(other) => return Err(other),
    };
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

fn completeness(system: &System, portal: &Portal) -> Completeness {
    let missing: Vec<Expected> = EXPECTED
        .iter()
        .filter(|(_, given)| !given(system, portal))
        .map(|(e, _)| *e)
        .collect();
    let total = EXPECTED.len();
    Completeness {
        system: system.id.clone(),
        name: system.name.clone(),
        file: system.source.path.clone(),
        percent: ((total - missing.len()) * 100 / total) as u32,
        missing,
    }
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
            line: field_line(file_text, "summary"),
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

struct LinkCheck {
    pages: usize,
    links: usize,
    problems: Vec<Diagnostic>,
}

/// Follows every link between the site's pages. `files` maps output paths
/// (`systems/x/index.html`) to their bytes.
fn check_links(files: &crate::render::Files, portal: &Portal, sources: &Sources) -> LinkCheck {
    let root = portal.settings.root_path.as_str();
    let base = portal.settings.base_url.as_str();
    // Parsing is most of the work; pages are parsed in parallel.
    let maps: BTreeMap<&str, PageMap> = files
        .par_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            (
                path.as_str(),
                html::page_map(&String::from_utf8_lossy(bytes)),
            )
        })
        .collect();
    // Which source file each entry page comes from, to point at it.
    let mut source_of: BTreeMap<String, &str> = BTreeMap::new();
    for s in &portal.systems {
        source_of.insert(format!("systems/{}/index.html", s.id), &s.source.path);
    }
    for e in &portal.errors {
        source_of.insert(format!("errors/{}/index.html", e.id), &e.source.path);
    }
    for c in &portal.challenges {
        source_of.insert(format!("challenge/{}/index.html", c.id), &c.source.path);
    }
    for p in &portal.pages {
        source_of.insert(format!("{}/index.html", p.id), &p.source.path);
    }
    let text_of = |path: &str| {
        sources
            .systems
            .iter()
            .chain(&sources.errors)
            .chain(&sources.challenges)
            .chain(&sources.pages)
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
    };

    let mut check = LinkCheck {
        pages: maps.len(),
        links: 0,
        problems: Vec::new(),
    };
    let mut reported = BTreeSet::new();
    for (page, map) in &maps {
        let page_dir = match page.rfind('/') {
            Some(i) => format!("{root}{}", &page[..=i]),
            None => root.to_string(),
        };
        let page_url = format!("{root}{}", page.trim_end_matches("index.html"));
        for reference in &map.references {
            let Some(target) = internal_target(&reference.url, base, root, &page_dir) else {
                continue;
            };
            check.links += 1;
            let problem = match resolve(&target, root, page, files) {
                Err(()) => Some((
                    "broken-link",
                    format!(
                        "the link {} on {page_url} goes to a page that does not exist",
                        describe(reference)
                    ),
                    "correct the address or create the page. Entry addresses are /systems/<id>/, /errors/<id>/, /challenge/<id>/ and /<page-id>/, where <id> is the file name without .md".to_string(),
                )),
                Ok((file, Some(fragment))) if !fragment_exists(&fragment, maps.get(file.as_str())) => {
                    let ids: Vec<&str> = maps
                        .get(file.as_str())
                        .map(|m| m.anchors.iter().map(String::as_str).collect())
                        .unwrap_or_default();
                    let near = crate::diagnostic::did_you_mean(&fragment, ids.iter().copied());
                    Some((
                        "broken-fragment",
                        format!(
                            "the link {} on {page_url} points at a section `#{fragment}` that is not on {}",
                            describe(reference),
                            if file == *page { "the same page".to_string() } else { format!("{root}{}", file.trim_end_matches("index.html")) }
                        ),
                        match near {
                            Some(near) => format!("did you mean `#{near}`? A heading's id is made from its words, or set with {{#id}} after it"),
                            None => "point the link at a heading that exists; a heading's id is made from its words, or set with {#id} after it".to_string(),
                        },
                    ))
                }
                Ok(_) => None,
            };
            let Some((code, message, help)) = problem else {
                continue;
            };
            if !reported.insert((page.to_string(), reference.url.clone())) {
                continue;
            }
            let mut d = Diagnostic::error(code, message).with_help(help);
            if let Some(source) = source_of.get(*page).copied() {
                let text = text_of(source).unwrap_or("");
                d = match locate_link(text, &reference.url, root) {
                    Some(position) => d.at(source, text, position),
                    None => {
                        d.message
                            .push_str(" (the link is in the theme's template for this page)");
                        d
                    }
                };
            } else {
                d.message
                    .push_str(" (the link is in the theme's templates)");
            }
            check.problems.push(d);
        }
    }
    check
}

/// The site path (with `#fragment`, without `?query`) a reference leads to,
/// when it leads inside the site; `None` for other sites, email and phone
/// links.
fn internal_target(url: &str, base: &str, root: &str, page_dir: &str) -> Option<String> {
    let url = url.trim();
    let url = match url.strip_prefix(base) {
        Some(rest) => format!("{root}{rest}"),
        None => url.to_string(),
    };
    let scheme_end = url.find(':');
    let first_special = url.find(['/', '?', '#']);
    if url.starts_with("//") || scheme_end.is_some_and(|c| first_special.is_none_or(|s| c < s)) {
        return None;
    }
    let (path_and_query, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url.as_str(), None),
    };
    let path = path_and_query.split('?').next().unwrap_or("");
    let joined = if path.is_empty() {
        // Only a fragment or a query: this page.
        page_dir.to_string() + "\u{0}"
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{page_dir}{path}")
    };
    let mut out = normalise(&joined);
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

/// Folds `.` and `..`; a `\0` at the end marks "this page itself".
fn normalise(path: &str) -> String {
    let this_page = path.ends_with('\u{0}');
    let path = path.trim_end_matches('\u{0}');
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if (trailing || this_page) && !out.ends_with('/') {
        out.push('/');
    }
    if this_page {
        out.push('\u{0}');
    }
    out
}

/// The output file a site path leads to, and its fragment.
fn resolve(
    target: &str,
    root: &str,
    page: &str,
    files: &crate::render::Files,
) -> Result<(String, Option<String>), ()> {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (target, None),
    };
    if let Some(stripped) = path.strip_suffix('\u{0}') {
        let _ = stripped;
        return Ok((page.to_string(), fragment));
    }
    let rel = path.strip_prefix(root).or_else(|| {
        // `/ai` for a root of `/ai/`.
        (path == root.trim_end_matches('/')).then_some("")
    });
    let Some(rel) = rel else {
        return Err(());
    };
    let rel = decode(rel);
    let candidates = if rel.is_empty() || rel.ends_with('/') {
        vec![format!("{rel}index.html")]
    } else {
        vec![rel.clone(), format!("{rel}/index.html")]
    };
    candidates
        .into_iter()
        .find(|c| files.contains_key(c))
        .map(|file| (file, fragment))
        .ok_or(())
}

/// Decodes `%XX` escapes (ids are ASCII, but a link may escape a space).
fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = path.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn fragment_exists(fragment: &str, map: Option<&PageMap>) -> bool {
    // `#` alone and `#top` go to the top of any page (HTML standard).
    if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
        return true;
    }
    let Some(map) = map else {
        // Not an HTML page (a feed, an asset): fragments are its own business.
        return true;
    };
    map.anchors.contains(fragment) || map.anchors.contains(&decode(fragment))
}

fn describe(reference: &html::Reference) -> String {
    if reference.text.is_empty() {
        format!("`{}` ({})", reference.url, reference.attribute)
    } else {
        format!("\"{}\" (`{}`)", reference.text, reference.url)
    }
}

/// Where the link is written in the entry's file: the address as rendered,
/// or without the site's root path (Markdown links get it added).
fn locate_link(text: &str, url: &str, root: &str) -> Option<Position> {
    let mut needles = vec![url.to_string()];
    if root != "/"
        && let Some(rest) = url.strip_prefix(root)
    {
        needles.push(format!("/{rest}"));
    }
    for needle in needles {
        for (n, line) in text.lines().enumerate() {
            if let Some(byte) = line.find(&needle) {
                return Some(Position::new(n + 1, line[..byte].chars().count() + 1));
            }
        }
    }
    None
}

fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

impl CheckReport {
    /// True when there is nothing that must be fixed; with `deny_warnings`,
    /// nothing at all.
    pub fn passed(&self, deny_warnings: bool) -> bool {
        let warnings_fail = deny_warnings && self.diagnostics.warning_count() > 0;
        !self.diagnostics.has_errors() && !warnings_fail
    }

    /// The report for a person: problems, advice, reviews, completeness,
    /// and a last line saying what to do.
    pub fn to_text(&self, deny_warnings: bool) -> String {
        let mut out = String::new();
        let errors = self.diagnostics.error_count();
        let warnings = self.diagnostics.warning_count();
        if errors > 0 {
            let _ = writeln!(out, "PROBLEMS TO FIX ({errors})\n");
            for d in self
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                let _ = writeln!(out, "{}", d.render());
            }
        }
        if warnings > 0 {
            let _ = writeln!(out, "ADVICE ({warnings})\n");
            for d in self
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
            {
                let _ = writeln!(out, "{}", d.render());
            }
        }
        if self.rendered {
            let _ = writeln!(
                out,
                "Links: followed {} links on {} pages.",
                self.links_checked, self.pages_checked
            );
        } else {
            let _ = writeln!(
                out,
                "Links: not checked, because the site cannot be built until the problems above are fixed."
            );
        }

        let _ = writeln!(out, "\nREVIEWS (today is {})", long_date(self.today));
        if self.reviews.is_empty() && self.rendered {
            let _ = writeln!(
                out,
                "  No review is overdue or due in the next {DUE_SOON_DAYS} days."
            );
        }
        for r in &self.reviews {
            let when = match r.days_left {
                d if d < -1 => format!(
                    "OVERDUE: was due {} ({} days ago)",
                    long_date(r.review_by),
                    -d
                ),
                -1 => format!("OVERDUE: was due {} (yesterday)", long_date(r.review_by)),
                0 => "due today".to_string(),
                1 => format!("due tomorrow, {}", long_date(r.review_by)),
                d => format!("due {} (in {d} days)", long_date(r.review_by)),
            };
            let _ = writeln!(out, "  {}: {when}\n    {}", r.name, r.file);
        }

        if !self.completeness.is_empty() {
            let _ = writeln!(
                out,
                "\nHOW COMPLETE EACH SYSTEM'S RECORD IS\n  (against what the UK Algorithmic Transparency Recording Standard asks for)"
            );
            for c in &self.completeness {
                let _ = writeln!(out, "  {:>3}%  {}", c.percent, c.name);
                for m in &c.missing {
                    let _ = writeln!(
                        out,
                        "          missing: {} - add `{}` ({})",
                        m.what, m.field, m.atrs
                    );
                }
            }
        }

        let _ = writeln!(out);
        let verdict = if errors > 0 {
            format!(
                "Result: {errors} problem(s) and {warnings} piece(s) of advice. Fix the problems before publishing."
            )
        } else if warnings > 0 && deny_warnings {
            format!(
                "Result: no problems, but {warnings} piece(s) of advice, and --deny-warnings asks for none."
            )
        } else if warnings > 0 {
            format!("Result: no problems. {warnings} piece(s) of advice to consider.")
        } else {
            "Result: no problems and no advice. Ready to publish.".to_string()
        };
        let _ = writeln!(out, "{verdict}");
        out
    }

    /// The report for CI, a stable JSON shape (see the README).
    pub fn to_json(&self, deny_warnings: bool) -> Value {
        let diagnostics: Vec<Value> = self
            .diagnostics
            .iter()
            .map(|d| {
                json!({
                    "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                    "code": d.code,
                    "message": d.message,
                    "file": d.file,
                    "line": d.position.map(|p| p.line),
                    "column": d.position.map(|p| p.column),
                    "help": d.help,
                })
            })
            .collect();
        let reviews: Vec<Value> = self
            .reviews
            .iter()
            .map(|r| {
                json!({
                    "system": r.system,
                    "name": r.name,
                    "file": r.file,
                    "review_by": r.review_by.to_string(),
                    "days_left": r.days_left,
                    "state": if r.overdue() { "overdue" } else { "due-soon" },
                })
            })
            .collect();
        let completeness: Vec<Value> = self
            .completeness
            .iter()
            .map(|c| {
                json!({
                    "system": c.system,
                    "name": c.name,
                    "file": c.file,
                    "percent": c.percent,
                    "missing": c.missing.iter().map(|m| json!({"field": m.field, "what": m.what, "atrs": m.atrs})).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "passed": self.passed(deny_warnings),
            "today": self.today.to_string(),
            "errors": self.diagnostics.error_count(),
            "warnings": self.diagnostics.warning_count(),
            "rendered": self.rendered,
            "pages_checked": self.pages_checked,
            "links_checked": self.links_checked,
            "diagnostics": diagnostics,
            "reviews": reviews,
            "completeness": completeness,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_targets_are_resolved_against_the_page() {
        let base = "https://ai.example/ai/";
        let root = "/ai/";
        let dir = "/ai/systems/x/";
        let t = |u| internal_target(u, base, root, dir);
        assert_eq!(t("/ai/errors/").as_deref(), Some("/ai/errors/"));
        assert_eq!(t("../y/#risks").as_deref(), Some("/ai/systems/y/#risks"));
        assert_eq!(
            t("https://ai.example/ai/challenge/").as_deref(),
            Some("/ai/challenge/")
        );
        assert_eq!(
            t("#contact").as_deref(),
            Some("/ai/systems/x/\u{0}#contact")
        );
        assert_eq!(t("https://other.example/"), None);
        assert_eq!(t("//cdn.example/x.js"), None);
        assert_eq!(t("mailto:a@b.example"), None);
        assert_eq!(t("tel:0800"), None);
        assert_eq!(t("../../../../etc").as_deref(), Some("/etc"));
    }

    #[test]
    fn field_lines_are_found_at_the_top_level_only() {
        let text = "---\nname: x\n  summary: nested\nsummary : >-\n  words\n";
        assert_eq!(field_line(text, "summary"), 4);
        assert_eq!(field_line(text, "steps"), 1);
    }
}
