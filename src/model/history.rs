//! Versions of each entry and what changed between them, field by field.
//!
//! Each version the load stage read from git is parsed and checked with the
//! same code as the current file; a version that fails is never published
//! (nor reported: it never went live), and the next version is compared
//! with the last one that passed. The changes are plain
//! data ("status from `pilot` to `in-use`", "challenge route `x` added",
//! these words of the summary removed); the render stage puts them in words.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use serde::Serialize;

use super::challenge::parse_challenge;
use super::error::parse_error;
use super::system::parse_system;
use super::*;
use crate::load::history::{RawHistory, Start};

/// The history of every system, published error and challenge route.
#[derive(Debug, Clone, Serialize)]
pub struct Histories {
    /// By the entry's current id.
    pub systems: BTreeMap<String, History>,
    pub errors: BTreeMap<String, History>,
    pub challenges: BTreeMap<String, History>,
    /// From when versions are known.
    pub known_from: KnownFrom,
}

impl Histories {
    pub fn of(&self, kind: EntryKind, id: &str) -> Option<&History> {
        match kind {
            EntryKind::System => self.systems.get(id),
            EntryKind::PublishedError => self.errors.get(id),
            EntryKind::ChallengeRoute => self.challenges.get(id),
            EntryKind::Page => None,
        }
    }
}

/// Where the known history starts.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum KnownFrom {
    /// The portal is not kept in a git repository: only the current version is known.
    NoRepository,
    /// From the repository's first commit, on this date.
    Beginning(Date),
    /// A shallow copy of the repository: from its oldest commit, on this date.
    Shallow(Date),
    /// From the date `portal.yaml` gives.
    Since(Date),
}

/// The versions of one entry, newest first.
#[derive(Debug, Clone, Serialize, Default)]
pub struct History {
    pub versions: Vec<Version>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// The commit's full id.
    pub commit: String,
    /// The version's address segment: date and short commit id, e.g.
    /// `2026-03-14-a1b2c3d`. It never changes once published.
    pub slug: String,
    pub date: Date,
    /// The commit message: its first line, then the rest.
    pub message: String,
    pub message_body: Option<String>,
    /// The entry's id in this version (differs after a rename).
    pub id: String,
    /// The version as parsed (shared with the cache). A build lets go of it
    /// once the version's page is made; `serve` keeps it to make the page
    /// when it is asked for.
    pub entry: Option<Arc<Snapshot>>,
    /// What changed from the version before; empty for the oldest known one.
    pub changes: Vec<FieldChange>,
    /// Whether an older version is known (otherwise this is the first one).
    pub has_previous: bool,
}

/// An old version of an entry.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Snapshot {
    System(Box<System>),
    Error(Box<PublishedError>),
    Challenge(Box<ChallengeRoute>),
}

/// A value that changed.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum Value {
    Text(String),
    Date(Date),
    Number(u64),
    Bool(bool),
    Status(SystemStatus),
    Automation(AutomationLevel),
    ModelType(ModelType),
    ErrorStatus(ErrorStatus),
    FoundBy(FoundBy),
    ChallengeKind(ChallengeKind),
    AppliesTo(AppliesTo),
    /// A service area id.
    Area(String),
    /// A challenge route id.
    Route(String),
    /// A system id.
    System(String),
}

/// A word of a text that changed.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", content = "text", rename_all = "kebab-case")]
pub enum Word {
    Same(String),
    Added(String),
    Removed(String),
}

/// One change between two versions. `field` is the front-matter key (`body`
/// for the Markdown text).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum FieldChange {
    /// A short value changed.
    Value {
        field: &'static str,
        from: Value,
        to: Value,
    },
    /// A field that was left out was given.
    Set { field: &'static str, to: Value },
    /// A field was left out.
    Cleared { field: &'static str, from: Value },
    /// A longer text changed, word by word.
    Text {
        field: &'static str,
        words: Vec<Word>,
    },
    /// An item was added to a list.
    Added { field: &'static str, item: Value },
    /// An item was removed from a list.
    Removed { field: &'static str, item: Value },
    /// Something in a field with parts changed.
    Changed { field: &'static str },
    /// The entry got a new id (file name).
    Renamed { from: String, to: String },
}

/// What is kept between builds (by `serve`, which rebuilds on every save):
/// the texts read from git and each version as parsed and checked, by blob
/// id, and each comparison by the pair of blobs compared, so a rebuild
/// reads, parses and compares only what a new commit brought.
#[derive(Debug, Default)]
pub struct HistoryCache {
    pub texts: crate::load::history::TextCache,
    checked: Mutex<HashMap<(EntryKind, String, String), Arc<Checked>>>,
    compared: Mutex<HashMap<Pair, Arc<Vec<FieldChange>>>>,
}

/// Two versions compared: the older one's name and blob, the newer one's.
type Pair = (String, String, String, String);

/// One version's text as parsed, and whether it passed the checks a build
/// makes of an entry on its own (its references to other entries are not
/// checked again: those were the entries of that time).
#[derive(Debug)]
struct Checked {
    entry: Option<Arc<Snapshot>>,
    passes: bool,
}

/// Builds the history of every entry from what the load stage read. `raw`
/// is `None` when there is no repository; the result is `None` when history
/// pages are not made.
///
/// Records are done one at a time (in parallel): their texts read, each
/// version parsed, checked and compared, then `each` is given the record's
/// history with every version's entry as it was, to make its pages from.
/// Without a `cache` the entries are let go of after that, so a long history
/// is never in memory whole; with one (`serve`), everything read, parsed and
/// compared is kept for the next build, and so are the entries.
pub fn build_histories(
    portal: &Portal,
    raw: Option<&RawHistory>,
    cache: Option<&HistoryCache>,
    each: &(dyn Fn(EntryKind, &str, &History) + Sync),
) -> Result<Option<Histories>, String> {
    let Some(raw) = raw else {
        // Asked for, but there is no repository: each record's page says so.
        let none = |ids: Vec<&String>| {
            ids.into_iter()
                .map(|id| (id.clone(), History::default()))
                .collect()
        };
        return Ok(
            (portal.settings.history.enabled == Some(true)).then(|| Histories {
                systems: none(portal.systems.iter().map(|s| &s.id).collect()),
                errors: none(portal.errors.iter().map(|e| &e.id).collect()),
                challenges: none(portal.challenges.iter().map(|c| &c.id).collect()),
                known_from: KnownFrom::NoRepository,
            }),
        );
    };
    let oldest = raw
        .oldest
        .map(|s| commit_date(s, 0))
        .unwrap_or(portal.today);
    let known_from = match raw.start {
        Start::Beginning => KnownFrom::Beginning(oldest),
        Start::Shallow => KnownFrom::Shallow(oldest),
        Start::Since => KnownFrom::Since(portal.settings.history.since.unwrap_or(oldest)),
    };
    let entries = |kind: EntryKind, ids: Vec<(&String, &Vec<String>)>| {
        ids.into_par_iter()
            .map(|(id, aliases)| {
                let mut history = entry_history(portal, raw, cache, kind, id, aliases)?;
                each(kind, id, &history);
                if cache.is_none() {
                    for version in &mut history.versions {
                        version.entry = None;
                    }
                }
                Ok((id.clone(), history))
            })
            .collect::<Result<Vec<_>, String>>()
    };
    let systems = entries(
        EntryKind::System,
        portal.systems.iter().map(|s| (&s.id, &s.aliases)).collect(),
    )?;
    let errors = entries(
        EntryKind::PublishedError,
        portal.errors.iter().map(|e| (&e.id, &e.aliases)).collect(),
    )?;
    let challenges = entries(
        EntryKind::ChallengeRoute,
        portal
            .challenges
            .iter()
            .map(|c| (&c.id, &c.aliases))
            .collect(),
    )?;
    Ok(Some(Histories {
        systems: systems.into_iter().collect(),
        errors: errors.into_iter().collect(),
        challenges: challenges.into_iter().collect(),
        known_from,
    }))
}

/// The date of a commit where it was made.
fn commit_date(seconds: i64, offset: i32) -> Date {
    let tz = Offset::from_seconds(offset)
        .map(TimeZone::fixed)
        .unwrap_or(TimeZone::UTC);
    Timestamp::from_second(seconds)
        .map(|t| t.to_zoned_datetime(tz).date())
        .unwrap_or_default()
}

/// One version of a record's file found in git: its commit, its name then,
/// and its blob and text (`None`: the commit removed the file).
struct Event<'r> {
    commit: usize,
    name: &'r str,
    current: bool,
    blob: Option<&'r str>,
}

/// The published versions of one entry, newest first, each compared with
/// the published version before it.
///
/// The versions are those of its file and of the files of its old ids
/// (`aliases`). A record's history ends where its file was deleted: a new
/// entry that takes a deleted entry's id starts afresh, and the deleted
/// record's versions are not shown as its own (a rename, where the old file
/// goes as the new one named in `aliases` comes, continues the history).
/// A version that fails the checks a build makes is never published; the
/// next one is compared with the last one that passed.
fn entry_history(
    portal: &Portal,
    raw: &RawHistory,
    cache: Option<&HistoryCache>,
    kind: EntryKind,
    id: &str,
    aliases: &[String],
) -> Result<History, String> {
    let mut events: Vec<Event> = Vec::new();
    for name in [id].into_iter().chain(aliases.iter().map(String::as_str)) {
        let path = format!("content/{}/{name}.md", kind.folder());
        for v in raw.files.get(&path).into_iter().flatten() {
            events.push(Event {
                commit: v.commit,
                name,
                current: name == id,
                blob: v.blob.as_deref(),
            });
        }
    }
    // Newest first; in one commit, versions before removals and the current
    // id's version before an old id's.
    events.sort_by_key(|e| (e.commit, e.blob.is_none(), !e.current));
    let mut kept: Vec<&Event> = Vec::new();
    let mut name_then = id;
    for event in &events {
        match event.blob {
            Some(_) => {
                if kept.last().is_some_and(|k| k.commit == event.commit) {
                    continue;
                }
                name_then = event.name;
                kept.push(event);
            }
            // The file the record had then was deleted: what came before
            // was another record.
            None if event.name == name_then => break,
            // An old name given up when the record was renamed.
            None => {}
        }
    }

    // Parse and check each version (once per text, across builds).
    let mut checked: Vec<(&Event, Arc<Checked>)> = Vec::with_capacity(kept.len());
    for e in kept {
        let blob = e.blob.expect("kept versions have a text");
        let key = (kind, e.name.to_string(), blob.to_string());
        let hit = cache
            .and_then(|c| c.checked.lock().ok())
            .and_then(|c| c.get(&key).cloned());
        let version = match hit {
            Some(version) => version,
            None => {
                let text = raw.text(blob, cache.map(|c| &c.texts))?;
                let version = Arc::new(check_version(portal, kind, e.name, &text));
                if let Some(mut c) = cache.and_then(|c| c.checked.lock().ok()) {
                    c.insert(key, version.clone());
                }
                version
            }
        };
        if version.passes {
            checked.push((e, version));
        }
    }

    let mut versions = Vec::with_capacity(checked.len());
    for (i, (event, version)) in checked.iter().enumerate() {
        let info = &raw.commits[event.commit];
        let date = commit_date(info.seconds, info.offset);
        let previous = checked.get(i + 1);
        let mut changes = Vec::new();
        if let Some((old_event, old)) = previous {
            if old_event.name != event.name {
                changes.push(FieldChange::Renamed {
                    from: old_event.name.to_string(),
                    to: event.name.to_string(),
                });
            }
            if let (Some(a), Some(b)) = (&old.entry, &version.entry) {
                let key = (
                    old_event.name.to_string(),
                    old_event.blob.unwrap_or_default().to_string(),
                    event.name.to_string(),
                    event.blob.unwrap_or_default().to_string(),
                );
                let hit = cache
                    .and_then(|c| c.compared.lock().ok())
                    .and_then(|c| c.get(&key).cloned());
                let found = hit.unwrap_or_else(|| {
                    let found = Arc::new(compare(a, b));
                    if let Some(mut c) = cache.and_then(|c| c.compared.lock().ok()) {
                        c.insert(key, found.clone());
                    }
                    found
                });
                changes.extend(found.iter().cloned());
            }
        }
        let (message, message_body) = split_message(&info.message);
        versions.push(Version {
            slug: format!("{date}-{}", &info.id[..7.min(info.id.len())]),
            commit: info.id.clone(),
            date,
            message,
            message_body,
            id: event.name.to_string(),
            entry: version.entry.clone(),
            changes,
            has_previous: previous.is_some(),
        });
    }
    Ok(History { versions })
}

fn split_message(message: &str) -> (String, Option<String>) {
    let mut parts = message.splitn(2, "\n\n");
    let title = parts
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let body = parts
        .next()
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(String::from);
    (title, body)
}

/// Parses one old version of an entry and checks it as a build checks an
/// entry on its own: the file's id, its front matter and every rule of its
/// fields, and placeholders left in it. References to other entries and to
/// service areas are taken as they were (the entries of that time are not
/// read again), so only the entry's own faults keep a version out.
fn check_version(portal: &Portal, kind: EntryKind, id: &str, text: &str) -> Checked {
    let file = SourceFile {
        path: format!("content/{}/{id}.md", kind.folder()),
        id: id.to_string(),
        text: text.to_string(),
    };
    let mut found = Vec::new();
    found.extend(super::ids::check_id(&file, kind));
    if super::placeholders::has_placeholder(&file.path, &file.text) {
        return Checked {
            entry: None,
            passes: false,
        };
    }
    let mut diagnostics = Diagnostics::new();
    let names = |values: &[&Spanned<String>]| -> BTreeSet<String> {
        values.iter().map(|v| v.value.clone()).collect()
    };
    let entry = match kind {
        EntryKind::System => parse_system(&file, &mut found).map(|p| {
            let routes: Vec<&Spanned<String>> = p.refs.challenge_routes.iter().collect();
            let (none, routes, areas) = (
                BTreeSet::new(),
                names(&routes),
                names(&[&p.refs.service_area]),
            );
            let mut checker = super::crossref::Checker {
                settings: &portal.settings,
                today: portal.today,
                diagnostics: &mut diagnostics,
                system_ids: &none,
                challenge_ids: &routes,
                resident_routes: &routes,
                area_ids: &areas,
            };
            checker.check_system(&p);
            Snapshot::System(Box::new(p.model))
        }),
        EntryKind::PublishedError => parse_error(&file, &mut found).map(|p| {
            let routes: Vec<&Spanned<String>> = p.refs.what_you_can_do.iter().collect();
            let (none, routes, systems) =
                (BTreeSet::new(), names(&routes), names(&[&p.refs.system]));
            let mut checker = super::crossref::Checker {
                settings: &portal.settings,
                today: portal.today,
                diagnostics: &mut diagnostics,
                system_ids: &systems,
                challenge_ids: &routes,
                resident_routes: &routes,
                area_ids: &none,
            };
            checker.check_error(&p);
            Snapshot::Error(Box::new(p.model))
        }),
        EntryKind::ChallengeRoute => {
            parse_challenge(&file, &mut found).map(|p| Snapshot::Challenge(Box::new(p.model)))
        }
        EntryKind::Page => None,
    };
    diagnostics.extend(found);
    Checked {
        passes: entry.is_some() && !diagnostics.has_errors(),
        entry: entry.map(Arc::new),
    }
}

/// What changed from `old` to `new`, in the order the fields are written.
pub fn compare(old: &Snapshot, new: &Snapshot) -> Vec<FieldChange> {
    let mut d = Diff(Vec::new());
    match (old, new) {
        (Snapshot::System(a), Snapshot::System(b)) => {
            // Every field is named here, so that a field added to `System`
            // does not compile until it is compared below (or said to be
            // no part of what a reader sees change).
            let System {
                id: _,
                source: _,
                name: _,
                summary: _,
                service_area: _,
                status: _,
                decision: _,
                final_decision_by: _,
                automation: _,
                affects_residents_directly: _,
                resident_contact: _,
                who_is_affected: _,
                what_happens_to_you: _,
                human_oversight: _,
                data: _,
                owner: _,
                supplier: _,
                contract: _,
                training: _,
                model_type: _,
                benefits: _,
                alternatives_considered: _,
                impact_assessments: _,
                bias_checks: _,
                risks: _,
                monitoring: _,
                known_limitations: _,
                challenge_routes: _,
                no_challenge_route_reason: _,
                contact: _,
                started: _,
                last_reviewed: _,
                review_by: _,
                // Worked out from review_by and the day of the build.
                review_overdue: _,
                changes: _,
                // The addresses it had; a rename is its own change.
                aliases: _,
                // The language the record is written in; its words are compared.
                lang: _,
                body: _,
                lawful_basis: _,
                ai_act: _,
                // Where an imported record came from, not what it says.
                imported: _,
            } = &**b;
            d.value("name", &a.name, &b.name, |v| Value::Text(v.clone()));
            d.text("summary", &a.summary, &b.summary);
            d.value("service_area", &a.service_area, &b.service_area, |v| {
                Value::Area(v.clone())
            });
            d.value("status", &a.status, &b.status, |v| Value::Status(*v));
            d.text("decision", &a.decision, &b.decision);
            d.value(
                "final_decision_by",
                &a.final_decision_by,
                &b.final_decision_by,
                |v| Value::Text(v.clone()),
            );
            d.optional("automation", &a.automation, &b.automation, |v| {
                Value::Automation(*v)
            });
            d.optional(
                "affects_residents_directly",
                &a.affects_residents_directly,
                &b.affects_residents_directly,
                |v| Value::Bool(*v),
            );
            d.text("who_is_affected", &a.who_is_affected, &b.who_is_affected);
            d.optional_text(
                "what_happens_to_you",
                &a.what_happens_to_you,
                &b.what_happens_to_you,
            );
            d.parts("resident_contact", &a.resident_contact, &b.resident_contact);
            d.parts("human_oversight", &a.human_oversight, &b.human_oversight);
            d.list("data", &a.data, &b.data, |s| {
                Value::Text(s.name.to_string())
            });
            d.parts("owner", &a.owner, &b.owner);
            d.parts("supplier", &a.supplier, &b.supplier);
            d.parts("contract", &a.contract, &b.contract);
            d.list("training", &a.training, &b.training, |t| {
                Value::Text(t.staff.to_string())
            });
            d.optional("model_type", &a.model_type, &b.model_type, |v| {
                Value::ModelType(*v)
            });
            d.text("benefits", &a.benefits, &b.benefits);
            d.optional_text(
                "alternatives_considered",
                &a.alternatives_considered,
                &b.alternatives_considered,
            );
            d.list(
                "impact_assessments",
                &a.impact_assessments,
                &b.impact_assessments,
                |i| Value::Text(i.title.clone()),
            );
            d.parts("bias_checks", &a.bias_checks, &b.bias_checks);
            d.list("risks", &a.risks, &b.risks, |r| {
                Value::Text(r.risk.to_string())
            });
            d.list("monitoring", &a.monitoring, &b.monitoring, |m| {
                Value::Text(m.what.to_string())
            });
            d.list(
                "known_limitations",
                &a.known_limitations,
                &b.known_limitations,
                |l| Value::Text(l.clone()),
            );
            d.list(
                "challenge_routes",
                &a.challenge_routes,
                &b.challenge_routes,
                |r| Value::Route(r.clone()),
            );
            d.optional_text(
                "no_challenge_route_reason",
                &a.no_challenge_route_reason,
                &b.no_challenge_route_reason,
            );
            d.parts("contact", &a.contact, &b.contact);
            d.optional("started", &a.started, &b.started, |v| Value::Date(*v));
            d.value("last_reviewed", &a.last_reviewed, &b.last_reviewed, |v| {
                Value::Date(*v)
            });
            d.value("review_by", &a.review_by, &b.review_by, |v| Value::Date(*v));
            d.list("changes", &a.changes, &b.changes, |c| {
                Value::Text(c.summary.to_string())
            });
            d.optional_text("lawful_basis", &a.lawful_basis, &b.lawful_basis);
            d.parts("ai_act", &a.ai_act, &b.ai_act);
            d.parts("body", &a.body, &b.body);
        }
        (Snapshot::Error(a), Snapshot::Error(b)) => {
            d.value("title", &a.title, &b.title, |v| Value::Text(v.clone()));
            d.text("summary", &a.summary, &b.summary);
            d.value("system", &a.system, &b.system, |v| Value::System(v.clone()));
            d.value("found", &a.found, &b.found, |v| Value::Date(*v));
            d.value("found_by", &a.found_by, &b.found_by, |v| Value::FoundBy(*v));
            d.value("status", &a.status, &b.status, |v| Value::ErrorStatus(*v));
            d.optional("fixed", &a.fixed, &b.fixed, |v| Value::Date(*v));
            d.optional(
                "people_affected",
                &a.people_affected,
                &b.people_affected,
                |v| Value::Number(*v),
            );
            d.text("what_we_did", &a.what_we_did, &b.what_we_did);
            d.list(
                "what_you_can_do",
                &a.what_you_can_do,
                &b.what_you_can_do,
                |r| Value::Route(r.clone()),
            );
            d.parts("body", &a.body, &b.body);
        }
        (Snapshot::Challenge(a), Snapshot::Challenge(b)) => {
            d.value("title", &a.title, &b.title, |v| Value::Text(v.clone()));
            d.value("kind", &a.kind, &b.kind, |v| Value::ChallengeKind(*v));
            d.text("summary", &a.summary, &b.summary);
            d.value("applies_to", &a.applies_to, &b.applies_to, |v| {
                Value::AppliesTo(*v)
            });
            d.text("who_can_start", &a.who_can_start, &b.who_can_start);
            d.value(
                "resident_can_start",
                &a.resident_can_start,
                &b.resident_can_start,
                |v| Value::Bool(*v),
            );
            d.parts("steps", &a.steps, &b.steps);
            d.parts("contact", &a.contact, &b.contact);
            d.optional_text("time_limit", &a.time_limit, &b.time_limit);
            d.value("response_time", &a.response_time, &b.response_time, |v| {
                Value::Text(v.clone())
            });
            d.parts("escalate_to", &a.escalate_to, &b.escalate_to);
            d.list("free_help", &a.free_help, &b.free_help, |h| {
                Value::Text(h.name.clone())
            });
            d.parts("formats", &a.formats, &b.formats);
            d.parts("body", &a.body, &b.body);
        }
        _ => {}
    }
    d.0
}

struct Diff(Vec<FieldChange>);

impl Diff {
    fn value<T: PartialEq>(&mut self, field: &'static str, a: &T, b: &T, v: impl Fn(&T) -> Value) {
        if a != b {
            self.0.push(FieldChange::Value {
                field,
                from: v(a),
                to: v(b),
            });
        }
    }

    fn optional<T: PartialEq>(
        &mut self,
        field: &'static str,
        a: &Option<T>,
        b: &Option<T>,
        v: impl Fn(&T) -> Value,
    ) {
        match (a, b) {
            (Some(a), Some(b)) => self.value(field, a, b, v),
            (None, Some(b)) => self.0.push(FieldChange::Set { field, to: v(b) }),
            (Some(a), None) => self.0.push(FieldChange::Cleared { field, from: v(a) }),
            (None, None) => {}
        }
    }

    fn text(&mut self, field: &'static str, a: &str, b: &str) {
        if a != b {
            self.0.push(FieldChange::Text {
                field,
                words: words(a, b),
            });
        }
    }

    fn optional_text(&mut self, field: &'static str, a: &Option<String>, b: &Option<String>) {
        match (a, b) {
            (Some(a), Some(b)) => self.text(field, a, b),
            _ => self.optional(field, a, b, |v| Value::Text(v.clone())),
        }
    }

    /// Items added and removed, by what names them; `Changed` when the same
    /// items differ inside.
    fn list<T: Serialize>(
        &mut self,
        field: &'static str,
        a: &[T],
        b: &[T],
        name: impl Fn(&T) -> Value,
    ) {
        let old: Vec<Value> = a.iter().map(&name).collect();
        let new: Vec<Value> = b.iter().map(&name).collect();
        let before = self.0.len();
        for item in &new {
            if !old.contains(item) {
                self.0.push(FieldChange::Added {
                    field,
                    item: item.clone(),
                });
            }
        }
        for item in &old {
            if !new.contains(item) {
                self.0.push(FieldChange::Removed {
                    field,
                    item: item.clone(),
                });
            }
        }
        if self.0.len() == before && !same(a, b) {
            self.0.push(FieldChange::Changed { field });
        }
    }

    fn parts<T: Serialize>(&mut self, field: &'static str, a: &T, b: &T) {
        if !same(a, b) {
            self.0.push(FieldChange::Changed { field });
        }
    }
}

fn same<T: Serialize + ?Sized>(a: &T, b: &T) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}

/// Longest texts compared word by word (old and new words together); past
/// this, a text is shown as all old words removed and all new words added,
/// so that one huge rewrite cannot hold up a build. The limit is a count,
/// not a time, so the same input always gives the same page.
const MAX_DIFF_WORDS: usize = 20_000;

/// The words of `b` against those of `a` (Myers' difference algorithm, by
/// the `similar` crate), with runs of the same kind joined.
pub fn words(a: &str, b: &str) -> Vec<Word> {
    use similar::{Algorithm, DiffOp, capture_diff_slices};
    let x: Vec<&str> = a.split_whitespace().collect();
    let y: Vec<&str> = b.split_whitespace().collect();
    let mut out: Vec<Word> = Vec::new();
    let mut push = |word: Word| {
        let joined = match (out.last_mut(), &word) {
            (Some(Word::Same(t)), Word::Same(w))
            | (Some(Word::Added(t)), Word::Added(w))
            | (Some(Word::Removed(t)), Word::Removed(w)) => {
                t.push(' ');
                t.push_str(w);
                true
            }
            _ => false,
        };
        if !joined {
            out.push(word);
        }
    };
    if x.len() + y.len() > MAX_DIFF_WORDS {
        push(Word::Removed(x.join(" ")));
        push(Word::Added(y.join(" ")));
        out.retain(|w| !matches!(w, Word::Removed(t) | Word::Added(t) if t.is_empty()));
        return out;
    }
    let run = |words: &[&str]| words.join(" ");
    for op in capture_diff_slices(Algorithm::Myers, &x, &y) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                push(Word::Same(run(&x[old_index..old_index + len])))
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(Word::Removed(run(&x[old_index..old_index + old_len]))),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(Word::Added(run(&y[new_index..new_index + new_len]))),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(Word::Removed(run(&x[old_index..old_index + old_len])));
                push(Word::Added(run(&y[new_index..new_index + new_len])));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_mark_what_was_added_and_removed() {
        let w = words(
            "We use it to check claims.",
            "We use it to check every claim.",
        );
        assert_eq!(
            w,
            vec![
                Word::Same("We use it to check".into()),
                Word::Removed("claims.".into()),
                Word::Added("every claim.".into()),
            ]
        );
        assert_eq!(words("same", "same"), vec![Word::Same("same".into())]);
    }

    #[test]
    fn long_texts_show_only_what_changed() {
        // 1,300 words with one sentence added at the end: the old
        // word-by-word table gave up on texts this long and showed
        // everything as removed and added again.
        let old: String = (0..1_300).map(|i| format!("word{i} ")).collect();
        let new = format!("{old}Update 20.");
        let w = words(&old, &new);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(w[0], Word::Same(old.trim_end().to_string()));
        assert_eq!(w[1], Word::Added("Update 20.".into()));
    }

    #[test]
    fn a_text_past_the_limit_is_shown_whole() {
        let old: String = (0..MAX_DIFF_WORDS).map(|i| format!("a{i} ")).collect();
        let w = words(&old, "b");
        assert_eq!(w.len(), 2);
        assert!(matches!(&w[0], Word::Removed(t) if t.starts_with("a0 a1")));
        assert_eq!(w[1], Word::Added("b".into()));
        assert_eq!(
            words("", "new words"),
            vec![Word::Added("new words".into())]
        );
    }
}
