//! `glassbox import`: records published in another register (ATRS on
//! GOV.UK, the Dutch Algoritmeregister, or a glassbox export) become system
//! entries. What the source gives is filled in; required fields it does not
//! give get a placeholder and are listed under `imported.gaps`, which the
//! build reports as warnings and the site shows as "Not given in the source
//! record". Nothing is invented.

mod draft;
pub(crate) mod sources;
mod text;
pub(crate) mod yaml_out;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::load::{self, EntryKind};
use crate::model::{DEFAULT_REVIEW_MONTHS, is_safe_id};
use crate::render::exports::Standard;
use crate::write;
use draft::Draft;

use text::{add_areas, safe_id};

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
        Err(other @ load::LoadError::TooLarge { .. }) => {
            return Err(ImportError::Format {
                path: portal_dir.to_path_buf(),
                message: other.to_string(),
            });
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
        load::LoadError::TooLarge { path, size } => ImportError::Format {
            path,
            message: format!(
                "it is {} MB, and glassbox imports files of at most {} MB; split it into smaller files and import each one",
                size / 1_048_576,
                load::MAX_IMPORT_BYTES / 1_048_576
            ),
        },
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
    let mut created_ids: BTreeSet<String> = BTreeSet::new();
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
                // A gap this record leaves that the entry no longer lists
                // was filled in by hand.
                let hand_filled: Vec<&str> = draft
                    .gaps(today)
                    .0
                    .into_iter()
                    .map(|g| g.name())
                    .filter(|g| !old_gaps.iter().any(|o| o == g))
                    .collect();
                if !hand_filled.is_empty() {
                    report.skipped.push(format!(
                        "{id}: someone filled in {} since the last import; it was not updated (delete the file to import it again)",
                        hand_filled.join(", ")
                    ));
                    continue;
                }
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
                created_ids.insert(id.clone());
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
    keep_what_builds(&sources, &mut files, &created_ids, today, &mut report);
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

/// Checks the portal as it will be after the import with the same model
/// the build uses, and leaves out every imported entry the build would
/// refuse, with a note naming the record and the problem. So whatever the
/// source holds, an import never leaves a portal that does not build.
fn keep_what_builds(
    sources: &load::Sources,
    files: &mut Vec<(PathBuf, String)>,
    created_ids: &BTreeSet<String>,
    today: Date,
    report: &mut ImportReport,
) {
    let systems_folder = format!("content/{}/", EntryKind::System.folder());
    let shown = |path: &Path| -> Option<(String, String)> {
        let id = path.file_stem()?.to_str()?.to_string();
        let name = path.file_name()?.to_str()?;
        name.ends_with(".md")
            .then(|| (format!("{systems_folder}{name}"), id))
    };
    // Each pass only takes entries out; two are enough in practice, the
    // third is a guard.
    for _ in 0..3 {
        let mut after = sources.clone();
        for (path, text) in files.iter() {
            match shown(path) {
                Some((shown, id)) => match after.systems.iter_mut().find(|f| f.path == shown) {
                    Some(existing) => existing.text = text.clone(),
                    None => after.systems.push(load::SourceFile {
                        path: shown,
                        id,
                        text: text.clone(),
                    }),
                },
                None => {
                    if let Some(portal) = after.portal.as_mut() {
                        portal.text = text.clone();
                    }
                }
            }
        }
        after.systems.sort_by(|a, b| a.path.cmp(&b.path));
        let (_, diagnostics) = crate::model::build_portal(&after, today);
        let mut refused: BTreeMap<String, String> = BTreeMap::new();
        for d in diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        {
            let Some(file) = d.file.as_deref() else {
                continue;
            };
            if files
                .iter()
                .any(|(p, _)| shown(p).is_some_and(|(s, _)| s == file))
            {
                let line = d
                    .position
                    .map(|p| format!(" (line {})", p.line))
                    .unwrap_or_default();
                refused
                    .entry(file.to_string())
                    .or_insert_with(|| format!("{}{line}", d.message));
            }
        }
        if refused.is_empty() {
            return;
        }
        files.retain(|(path, _)| {
            let Some((file, id)) = shown(path) else {
                return true;
            };
            let Some(problem) = refused.get(&file) else {
                return true;
            };
            report.notes.push(format!(
                "`{id}` was not imported: the build would refuse it: {problem}"
            ));
            if created_ids.contains(&id) {
                report.created -= 1;
            } else {
                report.updated -= 1;
            }
            false
        });
    }
}
