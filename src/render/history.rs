//! Version history pages: `/<kind>/<id>/history/` lists every version of a
//! record, newest first, with its date, its change note (the commit message)
//! and what changed in plain words; `/<kind>/<id>/history/<slug>/` shows one
//! old version, marked as such and kept out of search engines.
//!
//! The views here are part of the theme's API (`history.html`,
//! `version.html`; see `themes/default/README.md`).

use std::collections::HashMap;

use jiff::civil::Date;
use rayon::prelude::*;
use serde_json::{Value as Json, json};

use crate::diagnostic::Diagnostic;
use crate::load::EntryKind;
use crate::model::history::{FieldChange, History, KnownFrom, Snapshot, Value, Version, Word};
use crate::model::*;
use crate::render::escape::isolate;
use crate::render::labels::*;
use crate::render::markdown;
use crate::render::out::Out;
use crate::render::paginate;
use crate::render::summaries::meta;
use crate::render::theme::Theme;
use crate::render::view::{
    FieldChangeView, FieldView, HistoryContext, HistoryView, OldVersionView, VersionContext,
    VersionView, WordView, date,
};

/// Where a kind's pages live.
fn folder(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::System => "systems",
        EntryKind::PublishedError => "errors",
        EntryKind::ChallengeRoute => "challenge",
        EntryKind::Page => "",
    }
}

fn list_title(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::System => "AI systems",
        EntryKind::PublishedError => "Published errors",
        _ => "How to challenge a decision",
    }
}

fn section(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::System => "systems",
        EntryKind::PublishedError => "errors",
        _ => "challenge",
    }
}

/// The address of a record's history page, when it has one.
pub(crate) fn history_url(portal: &Portal, kind: EntryKind, id: &str) -> Option<String> {
    let histories = portal.history.as_ref()?;
    histories.of(kind, id)?;
    Some(format!(
        "{}{}/{id}/history/",
        portal.settings.root_path,
        folder(kind)
    ))
}

/// A record that may have a history: what its pages need of it now.
#[derive(Clone, Copy)]
pub(crate) struct Record<'a> {
    pub kind: EntryKind,
    pub id: &'a str,
    pub title: &'a str,
    pub lang: &'a Option<String>,
}

/// Every system, published error and challenge route, in that order.
pub(crate) fn records(portal: &Portal) -> impl Iterator<Item = Record<'_>> {
    fn record<'a>(
        kind: EntryKind,
        id: &'a str,
        title: &'a str,
        lang: &'a Option<String>,
    ) -> Record<'a> {
        Record {
            kind,
            id,
            title,
            lang,
        }
    }
    let systems = portal
        .systems
        .iter()
        .map(|s| record(EntryKind::System, &s.id, &s.name, &s.lang));
    let errors = portal
        .errors
        .iter()
        .map(|e| record(EntryKind::PublishedError, &e.id, &e.title, &e.lang));
    let challenges = portal
        .challenges
        .iter()
        .map(|c| record(EntryKind::ChallengeRoute, &c.id, &c.title, &c.lang));
    systems.chain(errors).chain(challenges)
}

/// Every history page (the lists of versions). The old versions' own pages
/// are made apart, a record at a time, while its history is worked out
/// ([`version_pages`]), or when `serve` is asked for one ([`version_page`]).
pub(crate) fn render(portal: &Portal, theme: &Theme, out: &Out) {
    let Some(histories) = &portal.history else {
        return;
    };
    let records: Vec<(Record, &History)> = records(portal)
        .filter_map(|rec| Some((rec, histories.of(rec.kind, rec.id)?)))
        .collect();
    let known_from = known_from_text(histories.known_from);
    records.par_iter().for_each(|(rec, history)| {
        for (path, made) in list_pages(portal, theme, *rec, history, &known_from) {
            out.page(path, made);
        }
    });
}

/// The pages of a record's list of versions (`history/`, then
/// `history/page/N/` for long ones).
fn list_pages(
    portal: &Portal,
    theme: &Theme,
    rec: Record,
    history: &History,
    known_from: &str,
) -> Vec<(String, Result<String, Diagnostic>)> {
    let Record {
        kind,
        id,
        title,
        lang,
    } = rec;
    let root = &portal.settings.root_path;
    let base = format!("{}/{id}/", folder(kind));
    let history_path = format!("{base}history/");
    let all = &history.versions;
    let mut out = Vec::new();
    // Long histories are split into pages of HISTORY_PER_PAGE versions:
    // page 1 keeps the history's address, page N is `history/page/N/`.
    // Each page makes the views of its own versions only.
    let total = all.len().div_ceil(HISTORY_PER_PAGE).max(1);
    let title_all = format!("Versions of {}", isolate(title));
    for number in 1..=total {
        let mut page = meta(
            portal,
            &paginate::path(&history_path, number),
            &paginate::title(&title_all, number, total),
            section(kind),
        );
        page.description = Some(format!(
            "Every published version of the record of the {} {}, and what changed.",
            kind.noun(),
            isolate(title)
        ));
        page.lang = lang.clone();
        let start = (number - 1) * HISTORY_PER_PAGE;
        let end = (start + HISTORY_PER_PAGE).min(all.len());
        let shown = HistoryView {
            noun: kind.noun(),
            title: title.to_string(),
            current_url: format!("{root}{base}"),
            list_title: list_title(kind),
            list_url: format!("{root}{}/", folder(kind)),
            known_from: known_from.to_string(),
            versions: all[start..end]
                .iter()
                .enumerate()
                .map(|(i, v)| version_view(portal, &history_path, v, start + i == 0))
                .collect(),
        };
        out.push((
            format!("{}index.html", paginate::path(&history_path, number)),
            theme.render(
                "history.html",
                &HistoryContext {
                    page,
                    history: &shown,
                    pagination: history_pages(root, &history_path, number, total),
                },
                &format!("the history page /{history_path}"),
            ),
        ));
    }
    out
}

/// The page of every old version of a record (`history/<slug>/`), from its
/// history with the entries as they were; (path, page) each. Old versions
/// stay out of the sitemap.
pub(crate) fn version_pages(
    portal: &Portal,
    theme: &Theme,
    rec: Record,
    history: &History,
) -> Vec<(String, Result<String, Diagnostic>)> {
    (0..history.versions.len())
        .filter_map(|i| version_page(portal, theme, rec, history, i))
        .collect()
}

/// Where each old version's page goes: its path (`…/history/<slug>/index.html`)
/// → the record and the version's place in its history.
pub(crate) fn version_paths(portal: &Portal) -> HashMap<String, (EntryKind, String, usize)> {
    let mut paths = HashMap::new();
    let Some(histories) = &portal.history else {
        return paths;
    };
    for (kind, all) in [
        (EntryKind::System, &histories.systems),
        (EntryKind::PublishedError, &histories.errors),
        (EntryKind::ChallengeRoute, &histories.challenges),
    ] {
        for (id, history) in all {
            for (i, v) in history.versions.iter().enumerate() {
                paths.insert(
                    format!("{}/{id}/history/{}/index.html", folder(kind), v.slug),
                    (kind, id.clone(), i),
                );
            }
        }
    }
    paths
}

/// The page of the `index`th version of a record (newest first): (path,
/// page), or `None` when the version's entry is no longer held.
pub(crate) fn version_page(
    portal: &Portal,
    theme: &Theme,
    rec: Record,
    history: &History,
    index: usize,
) -> Option<(String, Result<String, Diagnostic>)> {
    let Record {
        kind,
        id,
        title,
        lang,
    } = rec;
    let version = history.versions.get(index)?;
    let entry = version.entry.as_ref()?;
    let root = &portal.settings.root_path;
    let base = format!("{}/{id}/", folder(kind));
    let history_path = format!("{base}history/");
    let shown = version_view(portal, &history_path, version, index == 0);
    let path = format!("{history_path}{}/", version.slug);
    let (title_then, summary, fields, body) = snapshot_fields(portal, entry);
    let body_html = markdown::render(
        &body,
        &markdown::Context {
            file: &format!("content/{}/{}.md", kind.folder(), version.id),
            first_line: 1,
            parent_level: 2,
            reserved_ids: VERSION_IDS,
            reserved_prefixes: &[],
            root_path: root,
            section_heading: None,
        },
    )
    .html;
    let date_text = shown.date.text.clone();
    let old = OldVersionView {
        noun: kind.noun(),
        title: title_then.clone(),
        current_title: title.to_string(),
        current_url: format!("{root}{base}"),
        list_title: list_title(kind),
        list_url: format!("{root}{}/", folder(kind)),
        history_url: format!("{root}{history_path}"),
        version: shown,
        summary,
        fields,
        body_html,
    };
    let mut page = meta(
        portal,
        &path,
        &format!("{}: version of {}", isolate(&title_then), date_text),
        section(kind),
    );
    page.lang = lang.clone();
    Some((
        format!("{path}index.html"),
        theme.render(
            "version.html",
            &VersionContext {
                page,
                version: &old,
            },
            &format!("the old version page /{path}"),
        ),
    ))
}

/// Versions on one page of a history: a record changed every week for a
/// year fits on one page; 5,000 versions make 100 pages of about 50 KB.
pub(crate) const HISTORY_PER_PAGE: usize = 50;

/// The pagination of a history: pages are counted in [`HISTORY_PER_PAGE`].
fn history_pages(
    root: &str,
    history_path: &str,
    number: usize,
    total: usize,
) -> Option<crate::render::view::PaginationView> {
    paginate::view(root, history_path, number, total)
}

/// Ids `version.html` uses itself.
const VERSION_IDS: &[&str] = &[
    "main-content",
    "old-version-title",
    "what-changed",
    "fields",
    "details",
    "report-a-problem",
];

fn version_view(portal: &Portal, history_path: &str, v: &Version, latest: bool) -> VersionView {
    VersionView {
        url: format!("{}{history_path}{}/", portal.settings.root_path, v.slug),
        anchor: format!("version-{}", v.slug),
        date: date(v.date),
        note: v.message.clone(),
        note_more: v.message_body.clone(),
        commit: v.commit.chars().take(7).collect(),
        latest,
        first: !v.has_previous,
        // Versions that cannot be read are not published at all.
        unreadable: false,
        changes: v.changes.iter().map(|c| change_view(portal, c)).collect(),
    }
}

/// The sentence saying from when versions are known.
pub(crate) fn known_from_text(known: KnownFrom) -> String {
    match known {
        KnownFrom::NoRepository => "Earlier versions of this record are not available: this portal is not kept in a version history, so only the current version is known.".into(),
        KnownFrom::Beginning(d) => format!("Every version since this register's history began on {} is listed.", date(d).text),
        KnownFrom::Shallow(d) => format!("Versions are known from {} only: older versions were not in the copy of the history this site was built from.", date(d).text),
        KnownFrom::Since(d) => format!("Versions published from {} on are listed.", date(d).text),
    }
}

/// The name of a field in sentences, and of one item of a list field.
fn field_label(field: &str) -> (&'static str, &'static str) {
    match field {
        "name" => ("Name", "Name"),
        "title" => ("Title", "Title"),
        "summary" => ("Summary", "Summary"),
        "service_area" => ("Service area", "Service area"),
        "status" => ("Status", "Status"),
        "decision" => ("The decision it is part of", "Decision"),
        "final_decision_by" => ("Who makes the final decision", "Who decides"),
        "automation" => ("Automation", "Automation"),
        "affects_residents_directly" => ("Affects residents directly", "Effect"),
        "who_is_affected" => ("Who is affected", "Who is affected"),
        "human_oversight" => ("Who checks the system", "Oversight"),
        "data" => ("Data it uses", "Data source"),
        "owner" => ("Owner", "Owner"),
        "resident_contact" => ("How you meet it", "How you meet it"),
        "contract" => ("What the contract says", "Contract term"),
        "training" => ("Staff training", "Training for"),
        "supplier" => ("Supplier", "Supplier"),
        "model_type" => ("Type of system", "Type"),
        "benefits" => ("Why it is used", "Benefit"),
        "alternatives_considered" => ("Alternatives considered", "Alternative"),
        "impact_assessments" => ("Impact assessments", "Impact assessment"),
        "bias_checks" => ("Fairness checks", "Fairness check"),
        "risks" => ("Risks", "Risk"),
        "monitoring" => ("Monitoring", "Monitoring of"),
        "known_limitations" => ("Known limitations", "Known limitation"),
        "challenge_routes" => ("Challenge routes", "Challenge route"),
        "no_challenge_route_reason" => (
            "Why no challenge route applies",
            "Reason no challenge route applies",
        ),
        "contact" => ("Contact details", "Contact"),
        "started" => ("In use since", "Start date"),
        "last_reviewed" => ("Last reviewed", "Review"),
        "review_by" => ("Next review due", "Review"),
        "changes" => ("Recorded changes", "Recorded change"),
        "lawful_basis" => ("Lawful basis", "Lawful basis"),
        "what_happens_to_you" => ("What happens to you", "What happens to you"),
        "ai_act" => ("Place under the EU AI Act", "AI Act"),
        "body" => ("The longer explanation", "Explanation"),
        "system" => ("System", "System"),
        "found" => ("Date found", "Date found"),
        "found_by" => ("Found by", "Found by"),
        "fixed" => ("Date fixed", "Date fixed"),
        "people_affected" => ("People affected", "People affected"),
        "what_we_did" => ("What we did", "Action"),
        "what_you_can_do" => ("What you can do", "Challenge route"),
        "kind" => ("Kind of route", "Kind"),
        "applies_to" => ("What it applies to", "Applies to"),
        "who_can_start" => ("Who can start it", "Who can start it"),
        "resident_can_start" => ("A resident can start it", "Who can start it"),
        "steps" => ("Steps", "Step"),
        "time_limit" => ("Time limit", "Time limit"),
        "response_time" => ("Response time", "Response time"),
        "escalate_to" => ("Where to go next", "Escalation"),
        "free_help" => ("Free help", "Free help from"),
        "formats" => ("Formats", "Format"),
        _ => ("A detail", "Item"),
    }
}

/// Short words for an automation level, for "changed from ... to ...".
fn automation_short(a: AutomationLevel) -> &'static str {
    match a {
        AutomationLevel::InformsStaff => "Gives staff information",
        AutomationLevel::Recommends => "Recommends",
        AutomationLevel::DecidesWithReview => "Decides with a person checking each decision",
        AutomationLevel::DecidesAutomatically => "Decides automatically",
    }
}

/// A value in words; `quoted` tells whether it is free text (shown in quotes).
fn value_text(portal: &Portal, value: &Value) -> (String, bool) {
    match value {
        Value::Text(t) => (t.clone(), true),
        Value::Date(d) => (date(*d).text, false),
        Value::Number(n) => (thousands(*n), false),
        Value::Bool(b) => ((if *b { "Yes" } else { "No" }).into(), false),
        Value::Status(s) => (status_tag(*s).label.into(), false),
        Value::Automation(a) => (automation_short(*a).into(), false),
        Value::ModelType(m) => (model_type_label(Some(*m)).into(), false),
        Value::ErrorStatus(s) => (error_status_tag(*s).label.into(), false),
        Value::FoundBy(f) => (found_by_label(*f).into(), false),
        Value::ChallengeKind(k) => (challenge_kind_label(*k).into(), false),
        Value::AppliesTo(a) => (applies_to_label(*a).into(), false),
        Value::Area(id) => (
            portal
                .settings
                .service_areas
                .iter()
                .find(|a| &a.id == id)
                .map(|a| a.name.clone())
                .unwrap_or_else(|| id.clone()),
            false,
        ),
        Value::Route(id) => (
            portal
                .challenges
                .iter()
                .find(|c| &c.id == id)
                .map(|c| c.title.clone())
                .unwrap_or_else(|| id.clone()),
            false,
        ),
        Value::System(id) => (
            portal
                .systems
                .iter()
                .find(|s| &s.id == id)
                .map(|s| s.name.clone())
                .unwrap_or_else(|| id.clone()),
            false,
        ),
    }
}

fn shown(portal: &Portal, value: &Value) -> String {
    match value_text(portal, value) {
        (text, true) => format!("“{text}”"),
        (text, false) => text,
    }
}

/// One change in plain words.
pub(crate) fn change_sentence(portal: &Portal, change: &FieldChange) -> String {
    match change {
        FieldChange::Value { field, from, to } => format!(
            "{} changed from {} to {}",
            field_label(field).0,
            shown(portal, from),
            shown(portal, to)
        ),
        FieldChange::Set { field, to } => {
            format!("{} added: {}", field_label(field).0, shown(portal, to))
        }
        FieldChange::Cleared { field, from } => format!(
            "{} removed (it was {})",
            field_label(field).0,
            shown(portal, from)
        ),
        FieldChange::Text { field, .. } | FieldChange::Changed { field } => {
            format!("{} changed", field_label(field).0)
        }
        FieldChange::Added { field, item } => {
            format!("{} {} added", field_label(field).1, shown(portal, item))
        }
        FieldChange::Removed { field, item } => {
            format!("{} {} removed", field_label(field).1, shown(portal, item))
        }
        FieldChange::Renamed { from, to } => {
            format!("The record's address changed from {from} to {to}")
        }
    }
}

fn change_view(portal: &Portal, change: &FieldChange) -> FieldChangeView {
    let words = match change {
        FieldChange::Text { words, .. } => words
            .iter()
            .map(|w| match w {
                Word::Same(t) => WordView {
                    kind: "same",
                    text: t.clone(),
                },
                Word::Added(t) => WordView {
                    kind: "added",
                    text: t.clone(),
                },
                Word::Removed(t) => WordView {
                    kind: "removed",
                    text: t.clone(),
                },
            })
            .collect(),
        _ => Vec::new(),
    };
    FieldChangeView {
        text: change_sentence(portal, change),
        words,
    }
}

fn field(label: &'static str, value: impl Into<String>) -> FieldView {
    FieldView {
        label,
        value: value.into(),
        items: Vec::new(),
    }
}

fn list(label: &'static str, items: Vec<String>) -> FieldView {
    FieldView {
        label,
        value: String::new(),
        items,
    }
}

fn v(portal: &Portal, value: Value) -> String {
    value_text(portal, &value).0
}

/// An old version's title, summary, fields and Markdown body.
fn snapshot_fields(
    portal: &Portal,
    entry: &Snapshot,
) -> (String, Option<String>, Vec<FieldView>, String) {
    match entry {
        Snapshot::System(s) => {
            let mut f = vec![
                field("Status", status_tag(s.status).label),
                field(
                    "Service area",
                    v(portal, Value::Area(s.service_area.clone())),
                ),
                field("Decision it is part of", s.decision.clone()),
                field("Who makes the final decision", s.final_decision_by.clone()),
                field("What the system does", automation_label(s.automation)),
                field(
                    "Affects residents directly",
                    yes_no_label(s.affects_residents_directly),
                ),
                field("Who is affected", s.who_is_affected.clone()),
                field("Who checks it", s.human_oversight.who.to_string()),
                field("How they check it", s.human_oversight.how.to_string()),
                list(
                    "Data it uses",
                    s.data
                        .iter()
                        .map(|d| format!("{}: {}", isolate(&d.name), d.description))
                        .collect(),
                ),
                field("Type of system", model_type_label(s.model_type)),
                field("Why it is used", s.benefits.clone()),
                list(
                    "Risks",
                    s.risks
                        .iter()
                        .map(|r| format!("{} What we do: {}", r.risk, r.mitigation))
                        .collect(),
                ),
                list("Known limitations", s.known_limitations.clone()),
                list(
                    "Challenge routes",
                    s.challenge_routes
                        .iter()
                        .map(|r| v(portal, Value::Route(r.clone())))
                        .collect(),
                ),
                field("Last reviewed", date(s.last_reviewed).text),
                field("Next review due", date(s.review_by).text),
            ];
            if let Some(started) = s.started {
                f.insert(5, field("In use since", date(started).text));
            }
            if let Some(supplier) = &s.supplier {
                f.insert(5, field("Supplier", supplier.name.to_string()));
            }
            f.retain(|x| !x.value.is_empty() || !x.items.is_empty());
            (s.name.clone(), Some(s.summary.clone()), f, s.body.clone())
        }
        Snapshot::Error(e) => {
            let mut f = vec![
                field("System", v(portal, Value::System(e.system.clone()))),
                field("Status", error_status_tag(e.status).label),
                field("Found", date(e.found).text),
                field("Found by", found_by_label(e.found_by)),
                field("What we did", e.what_we_did.clone()),
                list(
                    "What you can do",
                    e.what_you_can_do
                        .iter()
                        .map(|r| v(portal, Value::Route(r.clone())))
                        .collect(),
                ),
            ];
            if let Some(fixed) = e.fixed {
                f.insert(3, field("Fixed", date(fixed).text));
            }
            if let Some(n) = e.people_affected {
                f.insert(3, field("People affected", thousands(n)));
            }
            f.retain(|x| !x.value.is_empty() || !x.items.is_empty());
            (e.title.clone(), Some(e.summary.clone()), f, e.body.clone())
        }
        Snapshot::Challenge(c) => {
            let mut f = vec![
                field("Kind of route", challenge_kind_label(c.kind)),
                field("What it applies to", applies_to_label(c.applies_to)),
                field("Who can start it", c.who_can_start.clone()),
                list("Steps", c.steps.clone()),
                field("Response time", c.response_time.clone()),
            ];
            if let Some(limit) = &c.time_limit {
                f.insert(4, field("Time limit", limit.clone()));
            }
            (c.title.clone(), Some(c.summary.clone()), f, c.body.clone())
        }
    }
}

/// The versions of a system for its open-data JSON (`versions`), newest
/// first, when history pages are made.
pub(crate) fn versions_json(portal: &Portal, id: &str) -> Option<Json> {
    let history = portal.history.as_ref()?.systems.get(id)?;
    let history_path = format!("systems/{id}/history/");
    Some(Json::Array(
        history
            .versions
            .iter()
            .map(|v| {
                json!({
                    "date": v.date.to_string(),
                    "commit": v.commit,
                    "note": v.message,
                    "url": format!("{}{history_path}{}/", portal.settings.base_url, v.slug),
                    "changes": v.changes.iter().map(|c| change_sentence(portal, c)).collect::<Vec<_>>(),
                })
            })
            .collect(),
    ))
}

/// The versions of a system for its Atom feed: (id and link, date, title
/// note, summary).
/// Only the newest `limit` are made: a feed shows no more.
pub(crate) fn feed_entries(
    portal: &Portal,
    system: &System,
    limit: usize,
) -> Vec<(String, Date, String, String)> {
    let Some(history) = portal
        .history
        .as_ref()
        .and_then(|h| h.systems.get(&system.id))
    else {
        return Vec::new();
    };
    history
        .versions
        .iter()
        .take(limit)
        .map(|v| {
            let url = format!(
                "{}systems/{}/history/{}/",
                portal.settings.base_url, system.id, v.slug
            );
            let mut summary = v.message.trim_end_matches('.').to_string();
            let sentences: Vec<String> = v
                .changes
                .iter()
                .map(|c| change_sentence(portal, c))
                .collect();
            if !sentences.is_empty() {
                summary.push_str(". ");
                summary.push_str(&sentences.join(". "));
                summary.push('.');
            }
            (
                url,
                v.date,
                format!("New version: {}", isolate(&system.name)),
                summary,
            )
        })
        .collect()
}

/// The old versions' pages of a site, made one at a time when they are
/// asked for (`serve`: a save does not make thousands of pages nobody
/// looks at). Needs the portal the site was rendered from, with its
/// histories' entries kept.
pub struct OnRequest {
    theme: Theme,
    paths: HashMap<String, (EntryKind, String, usize)>,
}

impl std::fmt::Debug for OnRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnRequest")
            .field("pages", &self.paths.len())
            .finish()
    }
}

impl OnRequest {
    pub(crate) fn new(portal: &Portal, theme: Theme) -> OnRequest {
        OnRequest {
            theme,
            paths: version_paths(portal),
        }
    }

    /// Whether `path` (e.g. `systems/x/history/2026-01-02-abcdef0/index.html`)
    /// is an old version's page.
    pub fn has(&self, path: &str) -> bool {
        self.paths.contains_key(path)
    }

    /// The page at `path`, made now: `None` when there is none, the
    /// problem in words when the theme cannot make it.
    pub fn page(&self, portal: &Portal, path: &str) -> Option<Result<Vec<u8>, String>> {
        let (kind, id, index) = self.paths.get(path)?;
        let history = portal.history.as_ref()?.of(*kind, id)?;
        let rec = records(portal).find(|r| r.kind == *kind && r.id == id)?;
        let (_, page) = version_page(portal, &self.theme, rec, history, *index)?;
        Some(page.map(String::into_bytes).map_err(|d| d.render()))
    }
}
