//! `glassbox import`: records published in another register (ATRS on
//! GOV.UK, the Dutch Algoritmeregister, or a glassbox export) become system
//! entries. What the source gives is filled in; required fields it does not
//! give get a placeholder and are listed under `imported.gaps`, which the
//! build reports as warnings and the site shows as "Not given in the source
//! record". Nothing is invented.

mod draft;
mod run;
pub(crate) mod sources;
mod text;
pub(crate) mod yaml_out;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::load::{self, EntryKind};
use crate::model::DEFAULT_REVIEW_MONTHS;
use crate::render::exports::Standard;
use crate::write;

use text::add_areas;

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
    #[error(
        "{0} has errors, so the imported entries cannot be checked against it; nothing was imported. Run `glassbox check` to see them, fix them and import again"
    )]
    PortalErrors(PathBuf),
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
    // Each entry is checked against the portal's settings, which must be
    // readable for that.
    let mut check = crate::model::SystemCheck::new(&sources, today)
        .ok_or_else(|| ImportError::PortalErrors(portal_file.clone()))?;
    let mapping = format.mapping();
    let open = || {
        load::open_import(file).map_err(|e| match e {
            load::LoadError::Io { path, source } => ImportError::Read { path, source },
            load::LoadError::TooLarge { path, size } => ImportError::Format {
                path,
                message: too_large(size),
            },
            other => ImportError::Format {
                path: file.to_path_buf(),
                message: other.to_string(),
            },
        })
    };
    let format_error = |message| ImportError::Format {
        path: file.to_path_buf(),
        message,
    };
    let file_name = file.display().to_string();
    // A first pass finds whatever would stop the import (a file that is not
    // JSON, or not UTF-8, a record cut short, too many records) before
    // anything is written, and quickly: it makes nothing of the records.
    let expected = sources::check(
        format,
        &file_name,
        open()?,
        &mapping,
        load::MAX_IMPORT_RECORDS,
        &too_many,
    )
    .map_err(format_error)?;
    let input = open()?;

    // Existing entries, by source address. Ids the aliases of existing
    // systems keep are taken too: a new entry there would not build.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut by_source: HashMap<String, run::Known> = HashMap::new();
    taken.extend(check.aliases().map(str::to_string));
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
                run::Known {
                    id: entry.id.clone(),
                    gaps: Some(i.gaps),
                },
            );
        }
    }

    let interval = portal
        .review_interval_months
        .unwrap_or(DEFAULT_REVIEW_MONTHS);
    let staged = write::Staged::new(&systems_dir).map_err(write_error(&systems_dir))?;
    // Records are read, and given ids and areas, in order on this thread;
    // their entries are made, checked and written in batches on the others
    // meanwhile. Only a few batches are ever in flight.
    let (to_maker, batches) = std::sync::mpsc::sync_channel::<run::Batch>(2);
    let (to_files, files) = std::sync::mpsc::sync_channel::<run::Files>(2);
    let maker = run::Maker {
        format,
        today,
        interval,
    };
    let (read, reader, made, written) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| run::write_files(&staged, files));
        let made = scope.spawn(|| maker.run(&mut check, batches, to_files));
        let mut reader =
            run::Reader::new(file, &mapping, today, &portal, taken, by_source, to_maker);
        let read = sources::read(format, &file_name, input, &mapping, &mut |n, row| {
            reader.record(n, &row)
        })
        .and_then(|count| {
            reader
                .flush()
                .map(|()| count)
                .map_err(sources::ReadError::Stopped)
        });
        // Closing the channel tells the others the records are all read.
        let reader = reader.close();
        let made = made.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        let written = writer
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (read, reader, made, written)
    });
    // The first stage to fail stopped the ones before it: its error is the
    // one to report.
    written?;
    // On any error the staging folder goes with `staged`: nothing is written.
    let made = made?;
    let count = read.map_err(|e| match e {
        sources::ReadError::Format(message) => format_error(message),
        sources::ReadError::Stopped(e) => e,
    })?;
    if count != expected {
        return Err(format_error(
            "it changed while it was imported; nothing was imported. Import it again once it is saved".into(),
        ));
    }
    let run::ReaderDone {
        mut report,
        new_areas,
    } = reader;
    report.records = count;
    report.created = made.created;
    report.updated = made.updated;
    report.fields_filled = made.fields_filled;
    report.gaps = made.gaps;
    report.notes.extend(made.refused);

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

/// The message for a file over the size limit: what the limit is and what
/// to do.
fn too_large(size: u64) -> String {
    format!(
        "it is {} MB, and glassbox imports files of at most {} MB and {} records, so that an import takes at most about half a minute; nothing was imported. Split it into files of at most {} MB and import each one",
        size.div_ceil(1_048_576),
        load::MAX_IMPORT_BYTES / 1_048_576,
        crate::diagnostic::thousands(load::MAX_IMPORT_RECORDS),
        load::MAX_IMPORT_BYTES / 1_048_576,
    )
}

/// The message for a file with too many records.
fn too_many() -> String {
    format!(
        "it holds more than {} records, and glassbox imports at most {} records and {} MB from one file, so that an import takes at most about half a minute; nothing was imported. Split it into files of at most {} records and import each one",
        crate::diagnostic::thousands(load::MAX_IMPORT_RECORDS),
        crate::diagnostic::thousands(load::MAX_IMPORT_RECORDS),
        load::MAX_IMPORT_BYTES / 1_048_576,
        crate::diagnostic::thousands(load::MAX_IMPORT_RECORDS),
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

pub(super) fn primary(lang: &str) -> String {
    lang.split('-').next().unwrap_or(lang).to_lowercase()
}
