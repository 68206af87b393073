//! `glassbox import`: records published in another register (ATRS on
//! GOV.UK, the Dutch Algoritmeregister, or a glassbox export) become system
//! entries. What the source gives is filled in; required fields it does not
//! give get a placeholder and are listed under `imported.gaps`, which the
//! build reports as warnings and the site shows as "Not given in the source
//! record". Nothing is invented.

pub(crate) mod sources;
pub(crate) mod yaml_out;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Deserialize;

use crate::load::{self, EntryKind};
use crate::model::{DEFAULT_REVIEW_MONTHS, GAP_TEXT, MAX_SUMMARY_CHARS, is_safe_id};
use crate::render::exports::{Column, Mapping, Standard, Value};
use crate::write;
use sources::Row;
use yaml_out::Yaml;

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Records read from the file.
    pub records: usize,
    /// New entries written.
    pub created: usize,
    /// Entries with the same source address, rewritten.
    pub updated: usize,
    /// Entries left alone because someone filled in gaps since the last import.
    pub skipped: Vec<String>,
    /// Fields filled from the source, over all records.
    pub fields_filled: usize,
    /// Gaps left, over all records.
    pub gaps: usize,
    /// Service areas added to portal.yaml.
    pub areas_added: Vec<String>,
    /// Values that could not be read (kept out, so the field is a gap).
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} cannot be imported: {message}")]
    Format { path: PathBuf, message: String },
    #[error("{0} is not a portal folder: it has no content/portal.yaml")]
    NotAPortal(PathBuf),
    #[error("glassbox cannot import {0}: only atrs and nl can be imported")]
    Unsupported(&'static str),
}

/// Enough of an existing entry to find it again.
#[derive(Deserialize)]
struct Existing {
    #[serde(default)]
    imported: Option<ExistingImport>,
}

#[derive(Deserialize)]
struct ExistingImport {
    source_url: String,
    #[serde(default)]
    gaps: Vec<String>,
}

/// Enough of portal.yaml to know its service areas.
#[derive(Deserialize)]
struct PortalAreas {
    service_areas: Vec<AreaId>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    review_interval_months: Option<u32>,
}

#[derive(Deserialize)]
struct AreaId {
    id: String,
    name: String,
}

/// Imports `file` as records of `format` into the portal at `portal_dir`.
pub fn import(
    format: Standard,
    file: &Path,
    portal_dir: &Path,
    today: Date,
) -> Result<ImportReport, ImportError> {
    if !matches!(format, Standard::Atrs | Standard::Nl) {
        return Err(ImportError::Unsupported(format.name()));
    }
    let sources = match load::load_portal(portal_dir) {
        Ok(sources) => sources,
        Err(load::LoadError::NotAPortal { .. }) => {
            return Err(ImportError::NotAPortal(portal_dir.to_path_buf()));
        }
        Err(load::LoadError::Io { path, source }) => {
            return Err(ImportError::Read { path, source });
        }
    };
    let systems_dir = portal_dir.join("content").join(EntryKind::System.folder());
    // A linked entry folder may lead anywhere: the build refuses it, and so
    // does import, before anything is written.
    if let Some(link) = sources.problems.iter().find(|d| d.code == "symlink") {
        return Err(ImportError::Format {
            path: portal_dir.join(link.file.as_deref().unwrap_or("content")),
            message: "it is a link to another folder, which glassbox does not follow; replace the link with the folder itself".into(),
        });
    }
    let portal_file = portal_dir.join("content").join("portal.yaml");
    let portal_text = sources
        .portal
        .as_ref()
        .map(|f| f.text.clone())
        .ok_or_else(|| ImportError::NotAPortal(portal_dir.to_path_buf()))?;
    let portal: PortalAreas = crate::parse::yaml::parse(
        &portal_text,
        "content/portal.yaml",
        &portal_text,
        1,
    )
    .map_err(|d| ImportError::Format {
        path: portal_file.clone(),
        message: format!(
            "its service areas cannot be read ({}); run `glassbox build` to see the problem",
            d.first().map(|d| d.message.clone()).unwrap_or_default()
        ),
    })?;
    let mapping = format.mapping();
    let text = load::read_import(file).map_err(|e| match e {
        load::LoadError::Io { path, source } => ImportError::Read { path, source },
        other => ImportError::Format {
            path: file.to_path_buf(),
            message: other.to_string(),
        },
    })?;
    let rows =
        sources::read(format, &file.display().to_string(), &text, &mapping).map_err(|message| {
            ImportError::Format {
                path: file.to_path_buf(),
                message,
            }
        })?;

    // Existing entries, by source address.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut by_source: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for entry in &sources.systems {
        taken.insert(entry.id.clone());
        if let Ok(split) = crate::parse::front_matter::split(&entry.path, &entry.text)
            && let Ok(Existing { imported: Some(i) }) = crate::parse::yaml::parse::<Existing>(
                split.yaml,
                &entry.path,
                &entry.text,
                split.yaml_line,
            )
        {
            by_source.insert(i.source_url.trim().to_string(), (entry.id.clone(), i.gaps));
        }
    }

    let portal_lang = portal.language.clone().unwrap_or_else(|| "en-GB".into());
    let interval = portal
        .review_interval_months
        .unwrap_or(DEFAULT_REVIEW_MONTHS);
    let mut areas: Vec<(String, String)> = portal
        .service_areas
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    let mut new_areas: Vec<(String, String)> = Vec::new();
    let mut report = ImportReport {
        records: rows.len(),
        ..ImportReport::default()
    };
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut this_run: BTreeSet<String> = BTreeSet::new();
    for (n, row) in rows.iter().enumerate() {
        let mut draft = Draft::from_row(row, &mapping, &mut report.notes, n + 1);
        let Some(source_url) = draft.source_url.clone() else {
            report.notes.push(format!(
                "record {}: has no address (url/website); it was not imported, since it could not be updated later",
                n + 1
            ));
            continue;
        };
        if !this_run.insert(source_url.clone()) {
            report.notes.push(format!(
                "record {}: {source_url} appears twice in the file; the later one was used",
                n + 1
            ));
        }
        // The service area: one the portal has by that name, or a new one.
        let area_name = row
            .area
            .clone()
            .or_else(|| draft.organisation.clone())
            .unwrap_or_else(|| "Imported records".into());
        let area_id = match areas
            .iter()
            .find(|(_, name)| name.to_lowercase() == area_name.to_lowercase())
        {
            Some((id, _)) => id.clone(),
            None => {
                let base = safe_id(&area_name, "imported");
                let mut id = base.clone();
                let mut k = 2;
                while areas.iter().any(|(a, _)| a == &id) {
                    id = format!("{base}-{k}");
                    k += 1;
                }
                areas.push((id.clone(), area_name.clone()));
                new_areas.push((id.clone(), area_name.clone()));
                id
            }
        };
        // The id: the entry's own when it was imported before.
        let id = match by_source.get(&source_url) {
            Some((id, old_gaps)) => {
                let new_gaps = draft.gaps(today, interval).0;
                let filled: Vec<&String> =
                    old_gaps.iter().filter(|g| !new_gaps.contains(g)).collect();
                let hand_filled = new_gaps.iter().any(|g| !old_gaps.contains(g));
                if hand_filled {
                    report.skipped.push(format!(
                        "{id}: someone filled in {} since the last import; it was not updated (delete the file to import it again)",
                        new_gaps
                            .iter()
                            .filter(|g| !old_gaps.contains(g))
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                    continue;
                }
                let _ = filled;
                report.updated += 1;
                id.clone()
            }
            None => {
                let wanted = draft
                    .id
                    .as_deref()
                    .filter(|i| is_safe_id(i))
                    .map(str::to_string)
                    .unwrap_or_else(|| {
                        safe_id(draft.name.as_deref().unwrap_or("system"), "system")
                    });
                let mut id = wanted.clone();
                if taken.contains(&id) {
                    // Two bodies often name a tool alike: add the organisation.
                    if let Some(org) = &draft.organisation {
                        id = safe_id(&format!("{wanted} {org}"), "system");
                    }
                }
                let base = id.clone();
                let mut k = 2;
                while taken.contains(&id) {
                    let suffix = format!("-{k}");
                    let keep = base.len().min(80 - suffix.len());
                    id = format!("{}{suffix}", base[..keep].trim_end_matches('-'));
                    k += 1;
                }
                report.created += 1;
                id
            }
        };
        taken.insert(id.clone());
        by_source.insert(source_url.clone(), (id.clone(), Vec::new()));
        draft.service_area = area_id;
        if let Some(lang) = &draft.lang
            && primary(lang) == primary(&portal_lang)
        {
            draft.lang = None;
        }
        let (entry, filled, gaps) = draft.entry(format, today, interval);
        report.fields_filled += filled;
        report.gaps += gaps;
        files.push((systems_dir.join(format!("{id}.md")), entry));
    }

    // Every file is prepared before any is written; the write stage puts
    // them in place together, so a failure leaves the portal as it was.
    if !new_areas.is_empty() {
        files.push((portal_file, add_areas(&portal_text, &new_areas)));
        report.areas_added = new_areas.into_iter().map(|(id, _)| id).collect();
    }
    write::replace_files(&files).map_err(|e| match e {
        write::OutputError::Io { path, source } => ImportError::Write { path, source },
        other => ImportError::Write {
            path: systems_dir.clone(),
            source: std::io::Error::other(other.to_string()),
        },
    })?;
    Ok(report)
}

fn primary(lang: &str) -> String {
    lang.split('-').next().unwrap_or(lang).to_lowercase()
}

/// An id made from `text`: lowercase letters, digits and single hyphens, at
/// most 80 characters, cut at a hyphen.
pub fn safe_id(text: &str, fallback: &str) -> String {
    let mut id = slug::slugify(text);
    if id.len() > 80 {
        let cut = id[..80].rfind('-').unwrap_or(80);
        id.truncate(cut);
    }
    let id = id.trim_matches('-').to_string();
    if id.is_empty() || !is_safe_id(&id) {
        fallback.to_string()
    } else {
        id
    }
}

/// Adds service areas at the end of the `service_areas:` list of
/// portal.yaml, leaving every other line as it was.
pub fn add_areas(portal: &str, areas: &[(String, String)]) -> String {
    let lines: Vec<&str> = portal.split_inclusive('\n').collect();
    let start = lines
        .iter()
        .position(|l| l.trim_end() == "service_areas:" || l.starts_with("service_areas:"));
    let mut block = String::new();
    let Some(start) = start else {
        return portal.to_string();
    };
    // The list's indentation, from its first item.
    let indent = lines[start + 1..]
        .iter()
        .find(|l| l.trim_start().starts_with("- "))
        .map(|l| l.len() - l.trim_start().len())
        .unwrap_or(2);
    let pad = " ".repeat(indent);
    for (id, name) in areas {
        block.push_str(&format!(
            "{pad}- id: {id}\n{pad}  name: {}\n",
            yaml_out::quote(name)
        ));
    }
    // The block ends at the next line that starts at column 0 (a new key).
    let mut end = start + 1;
    let mut last_content = start;
    while end < lines.len() {
        let l = lines[end];
        let t = l.trim();
        if !t.is_empty() && !l.starts_with([' ', '\t', '#']) {
            break;
        }
        if !t.is_empty() && !t.starts_with('#') {
            last_content = end;
        }
        end += 1;
    }
    let mut out = String::with_capacity(portal.len() + block.len() + 1);
    for l in &lines[..=last_content] {
        out.push_str(l);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&block);
    for l in &lines[last_content + 1..] {
        out.push_str(l);
    }
    out
}

/// The first sentences of `text` that fit in `max` characters; cut at a
/// word with "…" when the first sentence alone is longer.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut = 0;
    for (i, c) in text.char_indices() {
        if text[..i].chars().count() >= max {
            break;
        }
        if matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(' ') {
            cut = i + 1;
        }
    }
    if cut > 0 {
        return text[..cut].to_string();
    }
    let limit: usize = text
        .char_indices()
        .nth(max - 1)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let at = text[..limit].rfind(' ').unwrap_or(limit);
    format!("{}…", text[..at].trim_end_matches([',', ';', ':', ' ']))
}

/// What one record gives, by glassbox field.
#[derive(Debug, Default)]
struct Draft {
    id: Option<String>,
    name: Option<String>,
    organisation: Option<String>,
    source_url: Option<String>,
    standard_version: Option<String>,
    lang: Option<String>,
    service_area: String,
    /// Every other field by glassbox field name.
    fields: BTreeMap<String, Value>,
    /// Columns glassbox has no field for, by column name, as CSV cells.
    other: BTreeMap<String, String>,
}

/// The glassbox fields an import fills in; a column mapped to any other
/// field (one computed for export, such as a summary of the monitoring) is
/// kept under `imported.other_fields`.
const IMPORTED_FIELDS: &[&str] = &[
    "id",
    "url",
    "name",
    "summary",
    "body",
    "status",
    "decision",
    "final_decision_by",
    "automation",
    "affects_residents_directly",
    "who_is_affected",
    "human_oversight.who",
    "human_oversight.can_override",
    "human_oversight.how",
    "data.name",
    "data.description",
    "data.personal_data",
    "data.grouping",
    "owner.team",
    "owner.senior_responsible_owner",
    "supplier.name",
    "supplier.role",
    "supplier.identifier",
    "model_type",
    "benefits",
    "alternatives_considered",
    "impact_assessments.title",
    "impact_assessments.summary",
    "impact_assessments.date",
    "impact_assessments.link",
    "risks.risk",
    "risks.mitigation",
    "known_limitations",
    "contact.email",
    "started",
    "last_reviewed",
    "review_by",
    "lang",
    "lawful_basis",
    "organisation.name",
    "imported.source_url",
    "ai_act.risk_class",
    "ai_act.annex_iii_point",
    "ai_act.provider_database_url",
    "ai_act.fria_summary",
    "ai_act.dpia_summary",
];

impl Draft {
    fn from_row(row: &Row, mapping: &Mapping, notes: &mut Vec<String>, n: usize) -> Draft {
        let mut fields: BTreeMap<String, Value> = BTreeMap::new();
        let mut other = BTreeMap::new();
        for c in &mapping.columns {
            let Some(value) = row.columns.get(&c.column) else {
                continue;
            };
            let field = c.field.as_deref().unwrap_or_default();
            if field == "const" {
                continue;
            }
            if !IMPORTED_FIELDS.contains(&field) || fields.contains_key(field) {
                // Kept as given, so an export to the same standard gives it back.
                other.insert(c.column.clone(), value.cell());
                continue;
            }
            match import_value(c, field, value) {
                Ok(Some(v)) => {
                    fields.insert(field.to_string(), v);
                }
                Ok(None) => {}
                Err(raw) => notes.push(format!(
                    "record {n}: `{}` = {raw:?} is not a value glassbox knows; left as a gap",
                    c.column
                )),
            }
        }
        for (k, v) in &row.fields {
            fields.insert(k.clone(), v.clone());
        }
        let take = |fields: &mut BTreeMap<String, Value>, k: &str| match fields.remove(k) {
            Some(Value::One(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Some(Value::Many(v)) => v.into_iter().next(),
            _ => None,
        };
        let source_url =
            take(&mut fields, "imported.source_url").or_else(|| take(&mut fields, "url"));
        Draft {
            id: take(&mut fields, "id")
                .map(|i| safe_id(&i, ""))
                .filter(|i| !i.is_empty()),
            name: take(&mut fields, "name"),
            organisation: take(&mut fields, "organisation.name"),
            source_url,
            standard_version: take(&mut fields, "imported.standard_version"),
            lang: take(&mut fields, "lang"),
            service_area: String::new(),
            fields,
            other,
        }
    }

    fn one(&self, k: &str) -> Option<String> {
        match self.fields.get(k)? {
            Value::One(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty() && s != GAP_TEXT),
            Value::Many(v) => v.first().cloned(),
            Value::Json(_) => None,
        }
    }

    fn list(&self, k: &str) -> Vec<String> {
        match self.fields.get(k) {
            Some(Value::Many(v)) => v.clone(),
            Some(Value::One(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }

    fn date(&self, k: &str) -> Option<Date> {
        self.one(k)
            .and_then(|d| d.get(..10).and_then(|d| d.parse().ok()))
    }

    fn summary(&self) -> Option<String> {
        self.one("summary")
            .or_else(|| self.one("benefits"))
            .or_else(|| self.one("body"))
            .map(|s| shorten(&s, MAX_SUMMARY_CHARS))
    }

    /// The gaps this record leaves, and its last_reviewed date.
    fn gaps(&self, today: Date, _interval: u32) -> (Vec<String>, Date) {
        let mut gaps = Vec::new();
        let mut gap = |field: &str, given: bool| {
            if !given {
                gaps.push(field.to_string());
            }
        };
        gap("summary", self.summary().is_some());
        gap("decision", self.one("decision").is_some());
        gap("final_decision_by", self.one("final_decision_by").is_some());
        gap("automation", self.one("automation").is_some());
        gap(
            "affects_residents_directly",
            self.one("affects_residents_directly").is_some(),
        );
        gap("who_is_affected", self.one("who_is_affected").is_some());
        gap(
            "human_oversight",
            self.one("human_oversight.who").is_some()
                && self.one("human_oversight.can_override").is_some()
                && self.one("human_oversight.how").is_some(),
        );
        gap(
            "data",
            !self.list("data.name").is_empty()
                && !self.list("data.description").is_empty()
                && !self.list("data.personal_data").is_empty(),
        );
        gap(
            "owner",
            self.one("owner.team").is_some()
                && self.one("owner.senior_responsible_owner").is_some(),
        );
        gap("model_type", self.one("model_type").is_some());
        gap("benefits", self.one("benefits").is_some());
        gap("review_by", self.date("review_by").is_some());
        let last = self.date("last_reviewed").unwrap_or(today);
        (gaps, last)
    }

    /// The entry file, the number of fields filled from the source and the
    /// number of gaps.
    fn entry(&self, format: Standard, today: Date, interval: u32) -> (String, usize, usize) {
        let (gaps, last_reviewed) = self.gaps(today, interval);
        let is_gap = |f: &str| gaps.iter().any(|g| g == f);
        let filled = self.fields.len()
            + [&self.name, &self.organisation, &self.source_url, &self.lang]
                .iter()
                .filter(|f| f.is_some())
                .count();
        let placeholder = Some("gap: not given in the source record, see imported.gaps");
        let mut y = Yaml::new();
        y.text(0, "name", self.name.as_deref().unwrap_or(GAP_TEXT));
        y.text(
            0,
            "summary",
            &self.summary().unwrap_or_else(|| GAP_TEXT.into()),
        );
        y.text(0, "service_area", &self.service_area);
        y.plain(
            0,
            "status",
            &self.one("status").unwrap_or_else(|| "in-use".into()),
            None,
        );
        let text_or_gap = |y: &mut Yaml, depth, key: &str, field: &str| {
            y.text(
                depth,
                key,
                &self.one(field).unwrap_or_else(|| GAP_TEXT.into()),
            );
        };
        text_or_gap(&mut y, 0, "decision", "decision");
        text_or_gap(&mut y, 0, "final_decision_by", "final_decision_by");
        match self.one("automation") {
            Some(a) => y.plain(0, "automation", &a, None),
            None => y.plain(0, "automation", "informs-staff", placeholder),
        }
        match self.one("affects_residents_directly") {
            Some(a) => y.plain(0, "affects_residents_directly", &a, None),
            None => y.plain(0, "affects_residents_directly", "false", placeholder),
        }
        text_or_gap(&mut y, 0, "who_is_affected", "who_is_affected");
        y.open(
            0,
            "human_oversight",
            is_gap("human_oversight").then_some("gap: see imported.gaps"),
        );
        text_or_gap(&mut y, 1, "who", "human_oversight.who");
        y.plain(
            1,
            "can_override",
            &self
                .one("human_oversight.can_override")
                .unwrap_or_else(|| "false".into()),
            None,
        );
        text_or_gap(&mut y, 1, "how", "human_oversight.how");
        let names = self.list("data.name");
        let descriptions = self.list("data.description");
        let personal = self.list("data.personal_data");
        let grouped: Vec<String> = match self.fields.get("data.grouping") {
            Some(Value::Json(serde_json::Value::Array(items))) => items
                .iter()
                .filter_map(|i| i["title"].as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        let names = if names.is_empty() { grouped } else { names };
        y.open(
            0,
            "data",
            is_gap("data").then_some("gap: see imported.gaps"),
        );
        let count = names.len().max(descriptions.len()).max(1);
        for i in 0..count {
            y.item_text(
                1,
                "name",
                names.get(i).map(String::as_str).unwrap_or(GAP_TEXT),
            );
            y.text(
                2,
                "description",
                descriptions.get(i).map(String::as_str).unwrap_or(GAP_TEXT),
            );
            y.plain(
                2,
                "personal_data",
                personal.get(i).map(String::as_str).unwrap_or("false"),
                None,
            );
        }
        y.open(0, "owner", None);
        text_or_gap(&mut y, 1, "team", "owner.team");
        text_or_gap(
            &mut y,
            1,
            "senior_responsible_owner",
            "owner.senior_responsible_owner",
        );
        if let Some(supplier) = self.one("supplier.name") {
            y.open(0, "supplier", None);
            y.text(1, "name", &supplier);
            if let Some(r) = self.one("supplier.role") {
                y.text(1, "role", &r);
            }
            if let Some(i) = self.one("supplier.identifier") {
                y.text(1, "identifier", &i);
            }
        }
        match self.one("model_type") {
            Some(m) => y.plain(0, "model_type", &m, None),
            None => y.plain(0, "model_type", "rule-based", placeholder),
        }
        text_or_gap(&mut y, 0, "benefits", "benefits");
        if let Some(a) = self.one("alternatives_considered") {
            y.text(0, "alternatives_considered", &a);
        }
        let titles = self.list("impact_assessments.title");
        let summaries = self.list("impact_assessments.summary");
        let dates = self.list("impact_assessments.date");
        let links = self.list("impact_assessments.link");
        // An assessment needs a title, a date and a summary: the standard's
        // list columns only make one when all three are there.
        let assessments: Vec<usize> = (0..titles.len())
            .filter(|&i| {
                summaries.get(i).is_some_and(|s| !s.is_empty())
                    && dates.get(i).and_then(|d| d.parse::<Date>().ok()).is_some()
            })
            .collect();
        if !assessments.is_empty() {
            y.open(0, "impact_assessments", None);
            for i in assessments {
                let t = &titles[i];
                let lower = t.to_lowercase();
                let kind = if lower.contains("data protection") || lower.contains("dpia") {
                    "dpia"
                } else if lower.contains("equality") || lower.contains("eqia") {
                    "eqia"
                } else if lower.contains("fundamental rights") || lower.contains("fria") {
                    "fria"
                } else {
                    "other"
                };
                y.plain(1, "- kind", kind, None);
                y.text(2, "title", t);
                y.plain(2, "date", &dates[i], None);
                y.text(2, "summary", &summaries[i]);
                if let Some(l) = links.get(i).filter(|l| !l.is_empty()) {
                    y.text(2, "link", l);
                }
            }
        }
        let risks = self.list("risks.risk");
        let mitigations = self.list("risks.mitigation");
        if !risks.is_empty() {
            y.open(0, "risks", None);
            for (i, r) in risks.iter().enumerate() {
                y.item_text(1, "risk", r);
                y.text(
                    2,
                    "mitigation",
                    mitigations.get(i).map(String::as_str).unwrap_or(GAP_TEXT),
                );
            }
        }
        let limits = self.list("known_limitations");
        if !limits.is_empty() {
            y.open(0, "known_limitations", None);
            for l in &limits {
                y.item(1, l);
            }
        }
        if let Some(email) = self.one("contact.email") {
            y.open(0, "contact", None);
            y.text(1, "email", &email);
        }
        if let Some(d) = self.date("started") {
            y.plain(0, "started", &d.to_string(), None);
        }
        y.plain(0, "last_reviewed", &last_reviewed.to_string(), None);
        match self.date("review_by").filter(|d| *d > last_reviewed) {
            Some(d) => y.plain(0, "review_by", &d.to_string(), None),
            None => {
                let d = last_reviewed
                    .checked_add((interval.clamp(1, 60) as i64).months())
                    .unwrap_or(last_reviewed);
                y.plain(0, "review_by", &d.to_string(), placeholder);
            }
        }
        if let Some(lang) = &self.lang {
            y.text(0, "lang", lang);
        }
        if let Some(l) = self.one("lawful_basis") {
            y.text(0, "lawful_basis", &l);
        }
        if let Some(risk) = self.one("ai_act.risk_class") {
            y.open(0, "ai_act", None);
            y.plain(1, "risk_class", &risk, None);
            for k in [
                "annex_iii_point",
                "provider_database_url",
                "fria_summary",
                "dpia_summary",
            ] {
                if let Some(v) = self.one(&format!("ai_act.{k}")) {
                    y.text(1, k, &v);
                }
            }
        }
        y.open(0, "imported", None);
        y.plain(1, "from", format.name(), None);
        y.text(
            1,
            "source_url",
            self.source_url.as_deref().unwrap_or_default(),
        );
        y.plain(1, "imported_on", &today.to_string(), None);
        if let Some(o) = &self.organisation {
            y.text(1, "organisation", o);
        }
        if let Some(v) = &self.standard_version {
            y.text(1, "standard_version", v);
        }
        if !self.other.is_empty() {
            y.open(1, "other_fields", None);
            for (k, v) in &self.other {
                y.text(2, k, v);
            }
        }
        if !gaps.is_empty() {
            y.comment(
                1,
                "Fill in each of these fields, then take it off this list.",
            );
            y.open(1, "gaps", None);
            for g in &gaps {
                y.item(2, g);
            }
        }
        let mut out = String::from("---\n");
        out.push_str(&y.finish());
        out.push_str("---\n");
        if let Some(body) = self.one("body") {
            out.push('\n');
            out.push_str(&body.replace("\r\n", "\n"));
            out.push('\n');
        }
        let gap_count = gaps.len();
        (out, filled, gap_count)
    }
}

/// A source value as the glassbox value of `field`: value maps applied,
/// enumerations checked. `Err` holds a value that cannot be read.
fn import_value(c: &Column, field: &str, value: &Value) -> Result<Option<Value>, String> {
    let enumerated: Option<&[&str]> = match field {
        "status" => Some(&["planned", "pilot", "in-use", "paused", "retired"]),
        "automation" => Some(&[
            "informs-staff",
            "recommends",
            "decides-with-review",
            "decides-automatically",
        ]),
        "model_type" => Some(&["rule-based", "machine-learning", "generative", "hybrid"]),
        "ai_act.risk_class" => Some(&["high-risk", "limited-risk", "minimal-risk"]),
        "affects_residents_directly" | "human_oversight.can_override" => Some(&["true", "false"]),
        _ => None,
    };
    let Value::One(raw) = value else {
        return Ok(Some(value.clone()));
    };
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if field == "lang" {
        return Ok(Some(Value::One(
            c.import_value(raw).unwrap_or_else(|| raw.to_string()),
        )));
    }
    match enumerated {
        None => Ok(Some(Value::One(raw.to_string()))),
        Some(allowed) => {
            let mapped = c.import_value(raw).or_else(|| {
                let n = crate::render::exports::mapping::normalise(raw).replace([' ', '_'], "-");
                allowed.contains(&n.as_str()).then_some(n)
            });
            match mapped {
                Some(v) if allowed.contains(&v.as_str()) => Ok(Some(Value::One(v))),
                _ if field == "ai_act.risk_class" => Ok(None),
                _ => Err(raw.to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_cut_at_a_sentence() {
        let long = format!("First sentence. {}", "word ".repeat(100));
        assert_eq!(shorten(&long, 350), "First sentence.");
        let one = "word ".repeat(100);
        let s = shorten(&one, 50);
        assert!(s.ends_with('…') && s.chars().count() <= 50, "{s}");
        assert_eq!(shorten("  short   text ", 350), "short text");
    }

    #[test]
    fn ids_are_safe() {
        assert_eq!(safe_id("Ümlaut & Co: Tool (v2)!", "x"), "umlaut-co-tool-v2");
        assert_eq!(safe_id("!!!", "system"), "system");
        let long = safe_id(&"word ".repeat(40), "x");
        assert!(long.len() <= 80 && is_safe_id(&long));
    }

    #[test]
    fn areas_are_added_at_the_end_of_the_list() {
        let portal = "a: 1\nservice_areas:\n  - id: x\n    name: X\n\n# comment\ndefault_contact:\n  email: a@b.c\n";
        let out = add_areas(portal, &[("new-area".into(), "New: area".into())]);
        assert_eq!(
            out,
            "a: 1\nservice_areas:\n  - id: x\n    name: X\n  - id: new-area\n    name: \"New: area\"\n\n# comment\ndefault_contact:\n  email: a@b.c\n"
        );
    }
}
