//! `glassbox export`: the register as records of another standard. The
//! records come from the same model and the same export renderer that
//! publish `/exports/` in the site; the files are written by the write stage,
//! with the same folder guard, marker and swap as a build, so an export never
//! overwrites a folder glassbox did not make.

use std::path::PathBuf;

use crate::diagnostic::Diagnostics;
use crate::load;
use crate::model;
use crate::render::exports::{self, Record, Standard};
use crate::write;

/// What `glassbox export` was asked to do.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub standard: Standard,
    pub portal_dir: PathBuf,
    /// Where the files go; `None` when only the completeness check is wanted.
    pub output: Option<PathBuf>,
    pub today: jiff::civil::Date,
}

/// What an export produced.
#[derive(Debug)]
pub struct Exported {
    /// One record per system the standard covers.
    pub records: Vec<Record>,
    /// The names of the files written (empty without an output folder).
    pub files: Vec<String>,
    /// Per system, the standard's required fields it does not give.
    pub missing: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Load(#[from] load::LoadError),
    /// The portal has errors; nothing was exported.
    #[error("the portal has {} error(s)", .0.error_count())]
    Content(Diagnostics),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Output(#[from] write::OutputError),
}

impl ExportError {
    /// 1 for content the author must fix, 2 for folders and usage.
    pub fn exit_code(&self) -> i32 {
        match self {
            ExportError::Content(_) => 1,
            _ => 2,
        }
    }
}

/// Loads and checks the portal, renders the records, and writes them into
/// the output folder when one is given.
pub fn export(options: &ExportOptions) -> Result<Exported, ExportError> {
    let sources = load::load_portal(&options.portal_dir)?;
    let (portal, diagnostics) = model::build_portal(&sources, options.today);
    let Some(portal) = portal else {
        return Err(ExportError::Content(diagnostics));
    };
    let (files, records) = exports::export(&portal, options.standard);
    let mut written = Vec::new();
    if let Some(out) = &options.output {
        write::check_output_dir(&options.portal_dir, out).map_err(ExportError::Usage)?;
        write::write_site(&files, out)?;
        written = files.keys().cloned().collect();
    }
    Ok(Exported {
        missing: exports::check_report(options.standard, &records),
        records,
        files: written,
    })
}
