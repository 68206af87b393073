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

use std::collections::{BTreeSet, HashMap};
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
    let mut check =
        crate::model::SystemCheck::new(&sources, today).ok_or_else(|| ImportError::Format {
            path: portal_file.clone(),
            message: "it cannot be read; run `glassbox build` to see the problem".into(),
        })?;
    let mapping = format.mapping();
    let input = load::open_import(file).map_err(|e| match e {
        load::LoadError::Io { path, source } => ImportError::Read { path, source },
        load::LoadError::TooLarge { path, size } => ImportError::Format {
            path,
            message: too_large(size),
        },
        other => ImportError::Format {
            path: file.to_path_buf(),
            message: other.to_string(),
        },
    })?;

    // Existing entries, by source address. Ids the aliases of existing
    // systems keep are taken too: a new entry there would not build.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut by_source: HashMap<String, Known> = HashMap::new();
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
            by_source.insert(
                i.source_url.trim().to_string(),
                Known {
                    id: entry.id.clone(),
                    gaps: Some(i.gaps),
                },
            );
        }
    }

    let portal_lang = portal.language.clone().unwrap_or_else(|| "en-GB".into());
    let interval = portal
        .review_interval_months
        .unwrap_or(DEFAULT_REVIEW_MONTHS);
    let mut run = Run {
        format,
        today,
        interval,
        portal_lang,
        mapping: &mapping,
        check: &mut check,
        areas: portal
            .service_areas
            .iter()
            .map(|a| (a.name.to_lowercase(), a.id.clone()))
            .collect(),
        area_ids: portal.service_areas.iter().map(|a| a.id.clone()).collect(),
        new_areas: Vec::new(),
        taken,
        by_source,
        staged: write::Staged::new(&systems_dir).map_err(write_error(&systems_dir))?,
        report: ImportReport::default(),
    };
    let read = sources::read(
        format,
        &file.display().to_string(),
        input,
        &mapping,
        &mut |n, row| run.record(n, &row),
    );
    let Run {
        new_areas,
        staged,
        mut report,
        ..
    } = run;
    // On any error the staging folder goes with `staged`: nothing is written.
    report.records = read.map_err(|e| match e {
        sources::ReadError::Format(message) => ImportError::Format {
            path: file.to_path_buf(),
            message,
        },
        sources::ReadError::Stopped(e) => e,
    })?;

    // The entries are all written; portal.yaml gets the new service areas
    // before they move in together, so the portal never has an entry whose
    // area it lacks.
    let mut others = Vec::new();
    if !new_areas.is_empty() {
        others.push((portal_file, add_areas(&portal_text, &new_areas)));
        report.areas_added = new_areas.into_iter().map(|(id, _)| id).collect();
    }
    staged.finish(&others).map_err(write_error(&systems_dir))?;
    Ok(report)
}

/// The message for a file over the limit: what the limit is and what to do.
fn too_large(size: u64) -> String {
    format!(
        "it is {} MB, and glassbox imports files of at most {} MB (a limit that keeps an import within half a minute); split it into smaller files and import each one",
        size.div_ceil(1_048_576),
        load::MAX_IMPORT_BYTES / 1_048_576
    )
}

fn write_error(path: &Path) -> impl Fn(write::OutputError) -> ImportError + '_ {
    move |e| match e {
        write::OutputError::Io { path, source } => ImportError::Write { path, source },
        other => ImportError::Write {
            path: path.to_path_buf(),
            source: std::io::Error::other(other.to_string()),
        },
    }
}

/// An entry found by its source address: one already in the portal (with
/// the gaps it listed) or one made earlier in this import.
struct Known {
    id: String,
    /// `None` for an entry made by this import.
    gaps: Option<Vec<String>>,
}

/// An import under way: what it needs to make each entry, and what it has
/// done so far. Only ids, addresses and counts grow with the file; each
/// entry is written out as soon as it is made.
struct Run<'a> {
    format: Standard,
    today: Date,
    interval: u32,
    portal_lang: String,
    mapping: &'a crate::render::exports::Mapping,
    check: &'a mut crate::model::SystemCheck,
    /// Service area ids by lowercase name.
    areas: HashMap<String, String>,
    area_ids: BTreeSet<String>,
    new_areas: Vec<(String, String)>,
    /// Ids of entries, and of old addresses, already used.
    taken: BTreeSet<String>,
    by_source: HashMap<String, Known>,
    staged: write::Staged,
    report: ImportReport,
}

impl Run<'_> {
    /// Makes record `n` an entry and writes it to the staging folder.
    fn record(&mut self, n: usize, row: &sources::Row) -> Result<(), ImportError> {
        let mut draft = Draft::from_row(row, self.mapping, &mut self.report.notes, n);
        let Some(source_url) = draft.source_url.clone() else {
            self.report.notes.push(format!(
                "record {n}: has no address (url/website); it was not imported, since it could not be updated later"
            ));
            return Ok(());
        };
        let known = self.by_source.get(&source_url);
        if known.is_some_and(|k| k.gaps.is_none()) {
            self.report.notes.push(format!(
                "record {n}: {source_url} appears twice in the file; the later one was used"
            ));
        }
        // The service area: one the portal has by that name, or a new one.
        let area_name = row
            .area
            .clone()
            .or_else(|| draft.organisation.clone())
            .unwrap_or_else(|| "Imported records".into());
        let area_id = match self.areas.get(&area_name.to_lowercase()) {
            Some(id) => id.clone(),
            None => {
                let base = safe_id(&area_name, "imported");
                let mut id = base.clone();
                let mut k = 2;
                while self.area_ids.contains(&id) {
                    id = format!("{base}-{k}");
                    k += 1;
                }
                self.areas.insert(area_name.to_lowercase(), id.clone());
                self.area_ids.insert(id.clone());
                self.check.add_service_area(&id);
                self.new_areas.push((id.clone(), area_name.clone()));
                id
            }
        };
        // The id: the entry's own when it was imported before.
        let (id, created) = match known {
            Some(Known {
                id,
                gaps: Some(old_gaps),
            }) => {
                // A gap this record leaves that the entry no longer lists
                // was filled in by hand.
                let hand_filled: Vec<&str> = draft
                    .gaps(self.today)
                    .0
                    .into_iter()
                    .map(|g| g.name())
                    .filter(|g| !old_gaps.iter().any(|o| o == g))
                    .collect();
                if !hand_filled.is_empty() {
                    self.report.skipped.push(format!(
                        "{id}: someone filled in {} since the last import; it was not updated (delete the file to import it again)",
                        hand_filled.join(", ")
                    ));
                    return Ok(());
                }
                (id.clone(), false)
            }
            // Made earlier in this file: the later record replaces it.
            Some(Known { id, gaps: None }) => (id.clone(), false),
            None => (self.new_id(&draft), true),
        };
        self.taken.insert(id.clone());
        self.by_source.insert(
            source_url,
            Known {
                id: id.clone(),
                gaps: None,
            },
        );
        draft.service_area = area_id;
        if let Some(lang) = &draft.lang
            && primary(lang) == primary(&self.portal_lang)
        {
            draft.lang = None;
        }
        let (entry, filled, gaps) = draft.entry(self.format, self.today, self.interval);
        // Checked with the build's own model, so whatever the source holds,
        // an import never leaves a portal that does not build.
        let file = load::SourceFile {
            path: format!("content/{}/{id}.md", EntryKind::System.folder()),
            id: id.clone(),
            text: entry,
        };
        let problem = self
            .check
            .check(&file)
            .into_iter()
            .find(|d| d.severity == crate::diagnostic::Severity::Error);
        if let Some(d) = problem {
            let line = d
                .position
                .map(|p| format!(" (line {})", p.line))
                .unwrap_or_default();
            self.report.notes.push(format!(
                "`{id}` was not imported: the build would refuse it: {}{line}",
                d.message
            ));
            return Ok(());
        }
        if created {
            self.report.created += 1;
        } else {
            self.report.updated += 1;
        }
        self.report.fields_filled += filled;
        self.report.gaps += gaps;
        self.staged
            .write(&format!("{id}.md"), &file.text)
            .map_err(write_error(Path::new(&file.path)))
    }

    /// A new id for a record not imported before: its own, or one made from
    /// its name, unique in the portal.
    fn new_id(&self, draft: &Draft) -> String {
        let wanted = draft
            .id
            .as_deref()
            .filter(|i| is_safe_id(i))
            .map(str::to_string)
            .unwrap_or_else(|| safe_id(draft.name.as_deref().unwrap_or("system"), "system"));
        let mut id = wanted.clone();
        if self.is_taken(&id) {
            // Two bodies often name a tool alike: add the organisation.
            if let Some(org) = &draft.organisation {
                id = safe_id(&format!("{wanted} {org}"), "system");
            }
        }
        let base = id.clone();
        let mut k = 2;
        while self.is_taken(&id) {
            let suffix = format!("-{k}");
            let keep = base.len().min(80 - suffix.len());
            id = format!("{}{suffix}", base[..keep].trim_end_matches('-'));
            k += 1;
        }
        id
    }

    fn is_taken(&self, id: &str) -> bool {
        self.taken.contains(id) || self.check.is_alias(id)
    }
}

fn primary(lang: &str) -> String {
    lang.split('-').next().unwrap_or(lang).to_lowercase()
}
