//! An import under way, in two parts that run at the same time: the
//! [`Reader`] takes the records in order and decides what each becomes
//! (its id, its service area, whether an existing entry is updated), which
//! depends on the records before it; the [`Writer`] makes each entry, checks
//! it with the build's model and writes it to the staging folder, which
//! depends on nothing else and runs in parallel. Between them go batches
//! of drafts, a few at a time, so memory does not grow with the file: only
//! ids, addresses and counts do.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender};

use jiff::civil::Date;
use rayon::prelude::*;

use super::draft::Draft;
use super::text::safe_id;
use super::{ImportError, ImportReport, PortalAreas, primary, sources};
use crate::load::{self, EntryKind};
use crate::model::{SystemCheck, is_safe_id};
use crate::render::exports::{Mapping, Standard};
use crate::write::Staged;

/// Drafts per batch: enough to keep both cores busy, few enough that the
/// batches in flight stay small.
const BATCH: usize = 256;

/// An entry found by its source address: one already in the portal (with
/// the gaps it listed) or one made earlier in this import.
pub(super) struct Known {
    pub(super) id: String,
    /// `None` for an entry made by this import.
    pub(super) gaps: Option<Vec<String>>,
}

/// One record to make into the entry `id`.
struct Job {
    id: String,
    /// A new entry, not one rewritten.
    created: bool,
    draft: Draft,
}

/// Drafts in record order, and the service areas added since the batch
/// before (the entries in it may use them).
#[derive(Default)]
pub(super) struct Batch {
    areas: Vec<String>,
    jobs: Vec<Job>,
}

/// The reading side.
pub(super) struct Reader<'a> {
    file: &'a Path,
    mapping: &'a Mapping,
    today: Date,
    portal_lang: String,
    /// Service area ids by lowercase name.
    areas: HashMap<String, String>,
    area_ids: BTreeSet<String>,
    new_areas: Vec<(String, String)>,
    /// Ids of entries, and of old addresses, already used.
    taken: BTreeSet<String>,
    by_source: HashMap<String, Known>,
    report: ImportReport,
    batch: Batch,
    /// The ids in `batch`.
    batch_ids: HashSet<String>,
    to_writer: SyncSender<Batch>,
}

/// What the reading side leaves: its notes and the areas to add.
pub(super) struct ReaderDone {
    pub(super) report: ImportReport,
    pub(super) new_areas: Vec<(String, String)>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(
        file: &'a Path,
        mapping: &'a Mapping,
        today: Date,
        portal: &PortalAreas,
        taken: BTreeSet<String>,
        by_source: HashMap<String, Known>,
        to_writer: SyncSender<Batch>,
    ) -> Self {
        let areas = &portal.service_areas;
        Reader {
            file,
            mapping,
            today,
            portal_lang: portal.language.clone().unwrap_or_else(|| "en-GB".into()),
            areas: areas
                .iter()
                .map(|a| (a.name.to_lowercase(), a.id.clone()))
                .collect(),
            area_ids: areas.iter().map(|a| a.id.clone()).collect(),
            new_areas: Vec::new(),
            taken,
            by_source,
            report: ImportReport::default(),
            batch: Batch::default(),
            batch_ids: HashSet::new(),
            to_writer,
        }
    }

    /// Decides what record `n` becomes and hands its draft to the writer.
    pub(super) fn record(&mut self, n: usize, row: &sources::Row) -> Result<(), ImportError> {
        // The first pass counted the records; a file that grew since is
        // still held to the limit.
        if n > load::MAX_IMPORT_RECORDS {
            return Err(ImportError::Format {
                path: self.file.to_path_buf(),
                message: "it changed while it was imported; nothing was imported. Import it again once it is saved".into(),
            });
        }
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
                self.batch.areas.push(id.clone());
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
        // Entries of one batch are written at the same time: a record that
        // replaces one in this batch goes in the next, so the later wins.
        if self.batch_ids.contains(&id) {
            self.flush()?;
        }
        self.batch_ids.insert(id.clone());
        self.batch.jobs.push(Job { id, created, draft });
        if self.batch.jobs.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands the drafts so far to the writer.
    pub(super) fn flush(&mut self) -> Result<(), ImportError> {
        self.batch_ids.clear();
        let batch = std::mem::take(&mut self.batch);
        self.to_writer.send(batch).map_err(|_| stopped())
    }

    /// Closes the way to the writer, which then finishes.
    pub(super) fn close(self) -> ReaderDone {
        ReaderDone {
            report: self.report,
            new_areas: self.new_areas,
        }
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
        if self.taken.contains(&id) {
            // Two bodies often name a tool alike: add the organisation.
            if let Some(org) = &draft.organisation {
                id = safe_id(&format!("{wanted} {org}"), "system");
            }
        }
        let base = id.clone();
        let mut k = 2;
        while self.taken.contains(&id) {
            let suffix = format!("-{k}");
            let keep = base.len().min(80 - suffix.len());
            id = format!("{}{suffix}", base[..keep].trim_end_matches('-'));
            k += 1;
        }
        id
    }
}

/// The reader's error when the writer has stopped; the writer's own error
/// is the one reported.
fn stopped() -> ImportError {
    ImportError::Write {
        path: "content/systems".into(),
        source: std::io::Error::other("the writing stopped"),
    }
}

/// The making side: entries made and checked in parallel.
pub(super) struct Maker {
    pub(super) format: Standard,
    pub(super) today: Date,
    pub(super) interval: u32,
}

/// Entry files to write: (file name, text).
pub(super) type Files = Vec<(String, String)>;

/// What the writing side did.
#[derive(Default)]
pub(super) struct Made {
    pub(super) created: usize,
    pub(super) updated: usize,
    pub(super) fields_filled: usize,
    pub(super) gaps: usize,
    /// A note for each entry the build would refuse, left out.
    pub(super) refused: Vec<String>,
}

/// What became of one draft.
enum Outcome {
    Made {
        created: bool,
        filled: usize,
        gaps: usize,
        name: String,
        text: String,
    },
    Refused(String),
}

impl Maker {
    /// Makes and checks the entries of every batch until the reader
    /// closes its channel, and hands those the build takes to the file
    /// writer, in order.
    pub(super) fn run(
        &self,
        check: &mut SystemCheck,
        batches: Receiver<Batch>,
        to_files: SyncSender<Files>,
    ) -> Result<Made, ImportError> {
        let mut made = Made::default();
        for batch in batches {
            for area in &batch.areas {
                check.add_service_area(area);
            }
            let check = &*check;
            let outcomes: Vec<Outcome> = batch
                .jobs
                .into_par_iter()
                .map(|job| self.make(check, job))
                .collect();
            let mut files = Vec::with_capacity(outcomes.len());
            for outcome in outcomes {
                match outcome {
                    Outcome::Made {
                        created,
                        filled,
                        gaps,
                        name,
                        text,
                    } => {
                        if created {
                            made.created += 1;
                        } else {
                            made.updated += 1;
                        }
                        made.fields_filled += filled;
                        made.gaps += gaps;
                        files.push((name, text));
                    }
                    Outcome::Refused(note) => made.refused.push(note),
                }
            }
            to_files.send(files).map_err(|_| stopped())?;
        }
        Ok(made)
    }

    /// One entry: made, checked with the build's own model (so whatever
    /// the source holds, an import never leaves a portal that does not
    /// build), and written unless the build would refuse it.
    fn make(&self, check: &SystemCheck, job: Job) -> Outcome {
        let Job { id, created, draft } = job;
        let (text, filled, gaps) = draft.entry(self.format, self.today, self.interval);
        if text.len() as u64 > load::MAX_FILE_BYTES {
            return Outcome::Refused(format!(
                "`{id}` was not imported: its entry would be {:.1} MB, and entries may be at most {} MB",
                text.len() as f64 / 1_048_576.0,
                load::MAX_FILE_BYTES / 1_048_576
            ));
        }
        let file = load::SourceFile {
            path: format!("content/{}/{id}.md", EntryKind::System.folder()),
            id,
            text,
        };
        let problem = check
            .check(&file)
            .into_iter()
            .find(|d| d.severity == crate::diagnostic::Severity::Error);
        if let Some(d) = problem {
            let line = d
                .position
                .map(|p| format!(" (line {})", p.line))
                .unwrap_or_default();
            return Outcome::Refused(format!(
                "`{}` was not imported: the build would refuse it: {}{line}",
                file.id, d.message
            ));
        }
        Outcome::Made {
            created,
            filled,
            gaps,
            name: format!("{}.md", file.id),
            text: file.text,
        }
    }
}

/// Writes the entry files to the staging folder, one after the other:
/// files made in one folder at the same time only wait for each other (the
/// folder is locked while a name is added), so one thread does it while the
/// others make the next entries.
pub(super) fn write_files(staged: &Staged, files: Receiver<Files>) -> Result<(), ImportError> {
    for batch in files {
        for (name, text) in batch {
            staged
                .write(&name, &text)
                .map_err(super::write_error(std::path::Path::new(&name)))?;
        }
    }
    Ok(())
}
