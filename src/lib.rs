//! glassbox turns a folder of Markdown + YAML entries about a public body's
//! AI systems into an accessible, static AI transparency portal.
//!
//! The build is a pipeline over plain data, one folder per stage; only the
//! first and last touch the disk:
//!
//! 1. [`load`] reads `content/` and the portal's theme overrides;
//! 2. [`parse`] reads front matter and YAML into the raw serde types;
//! 3. [`model`] checks every rule and builds the validated [`model::Portal`],
//!    collecting every [`Diagnostic`];
//! 4. [`render`] makes every page and file, each template against the view
//!    model of [`render`]'s `view.rs`, and hands each on as soon as it is
//!    made (see [`Output`]);
//! 5. [`write`] writes them into a staging folder as they come and swaps it
//!    in when all are there.
//!
//! [`render()`] runs stages 1–4, keeping the files in memory; [`build()`]
//! runs all five, so that the site is never in memory whole; the
//! [`commands`] (`check`, `serve`, `export`, `import`, ...) go through the
//! same stages.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// Diagnostics travel as plain values in `Result`s on the failure path only;
// boxing them would make every call site noisier for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod commands;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod parse;
pub mod render;
pub mod write;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::civil::Date;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The portal folder (with `content/portal.yaml` in it).
    pub portal_dir: PathBuf,
    /// Where the site goes; `<portal_dir>/site` when `None`.
    pub output_dir: Option<PathBuf>,
    /// The date review deadlines are compared with; today when `None`.
    pub today: Option<Date>,
    /// Minify HTML (needs the `minify` feature).
    pub minify: bool,
    /// Also write a `.gz` and a `.br` copy of every text file.
    pub precompress: bool,
    /// Build even with `TODO` placeholders left (each one a warning, not an
    /// error), and mark every page as a draft that is not for publishing.
    pub draft: bool,
    /// What an earlier build worked out of the version history, for
    /// rebuilds in the same process (`serve`); `None` starts afresh.
    pub history_cache: Option<std::sync::Arc<model::history::HistoryCache>>,
}

impl BuildOptions {
    pub fn new(portal_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            portal_dir: portal_dir.into(),
            output_dir: None,
            today: None,
            minify: false,
            precompress: false,
            draft: false,
            history_cache: None,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| self.portal_dir.join("site"))
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Warnings (a successful build has no errors).
    pub diagnostics: Diagnostics,
    pub output_dir: PathBuf,
    pub files_written: usize,
    pub pages_written: usize,
    pub bytes_written: u64,
    /// Time taken by each stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Why a build did not produce a site.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has errors; every diagnostic (warnings too) is here.
    #[error("the portal has {} error(s)", .0.error_count())]
    Content(Diagnostics),
    #[error(transparent)]
    Load(#[from] load::LoadError),
    #[error(transparent)]
    Output(#[from] write::OutputError),
    /// The options cannot work (e.g. the output folder is inside `content/`).
    #[error("{0}")]
    Usage(String),
}

impl BuildError {
    /// Exit code for the command line: 1 for content problems, 2 for usage or I/O.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Content(_) => 1,
            _ => 2,
        }
    }
}

/// Today's date, or the one `SOURCE_DATE_EPOCH` gives, so that builds can
/// be reproduced.
pub fn today() -> Date {
    if let Some(seconds) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        && let Ok(ts) = jiff::Timestamp::from_second(seconds)
    {
        return ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    }
    jiff::ZonedDateTime::now().date()
}

/// A rendered site: its files by their path under the output folder, ready
/// to be served (`serve`), unless they were given away as they were made
/// ([`Output::Put`] for `build`, [`Output::Inspect`] for `check`).
#[derive(Debug)]
pub struct Rendered {
    /// Empty with [`Output::Put`] and [`Output::Inspect`].
    pub files: render::Files,
    /// Warnings (a rendered site has no errors).
    pub diagnostics: Diagnostics,
    /// Time taken by each stage so far, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// The URL path the site lives under (`/` unless `base_url` has a path).
    pub root_path: String,
    /// The checked model the site was rendered from, so that commands that
    /// need it (`check`, `serve`) parse the portal once.
    pub portal: model::Portal,
    /// What was read from disk, for commands that point at lines in it;
    /// without the entries with [`Output::Put`], which lets them go early.
    pub sources: load::Sources,
    /// The old versions' pages, made when asked for
    /// ([`Output::KeepOldOnRequest`]).
    pub old_versions: Option<render::OnRequest>,
}

/// Where the files of the site go as they are made (minified and with
/// compressed copies first when the options ask for it).
pub enum Output<'a> {
    /// Kept in [`Rendered::files`], old versions' pages too (`check`).
    Keep,
    /// Given to this as each is made, and not kept: `build` writes them
    /// out at once, so that the site is never in memory whole.
    Put(&'a dyn render::Put),
    /// As `Put`, but what was read is kept in [`Rendered::sources`]:
    /// `check` reads each page as it is made, and points at lines.
    Inspect(&'a dyn render::Put),
    /// Kept, but for the old versions' pages, which are not made now:
    /// [`Rendered::old_versions`] makes each one when it is asked for
    /// (`serve`).
    KeepOldOnRequest,
}

/// Loads, checks and renders the portal in memory, without touching the
/// output folder; old versions' pages are in the files.
pub fn render(options: &BuildOptions) -> Result<Rendered, BuildError> {
    render_with(options, Output::Keep)
}

/// [`render`], with the files going where `output` says.
pub fn render_with(options: &BuildOptions, output: Output) -> Result<Rendered, BuildError> {
    let mut clock = Clock::new();
    if options.minify && !cfg!(feature = "minify") {
        return Err(BuildError::Usage(
            "--minify needs glassbox built with the `minify` feature (cargo build --features minify)".into(),
        ));
    }
    let today = options.today.unwrap_or_else(today);
    let kept = std::sync::Mutex::new(render::Files::new());
    let keep = |path: String, bytes: Vec<u8>| {
        kept.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(path, bytes);
        Ok(())
    };
    let put: &dyn render::Put = match &output {
        Output::Put(put) | Output::Inspect(put) => *put,
        Output::Keep | Output::KeepOldOnRequest => &keep,
    };
    // Every file goes out through this: minified and with compressed
    // copies when asked for.
    let finish = Finish {
        put,
        minify: options.minify,
        precompress: options.precompress,
    };
    let old_versions = match output {
        Output::KeepOldOnRequest => None,
        Output::Keep | Output::Put(_) | Output::Inspect(_) => Some(&finish as &dyn render::Put),
    };

    // A build reads the many entries (systems, errors) as it parses them and
    // lets each text go at once; commands that keep the site (`check`,
    // `serve`) keep the text too, to point into it later.
    let sources = match output {
        Output::Put(_) => load::load_portal_listing(&options.portal_dir)?,
        Output::Keep | Output::KeepOldOnRequest | Output::Inspect(_) => {
            load::load_portal(&options.portal_dir)?
        }
    };
    clock.lap("load");
    let theme = render::theme::Theme::load(&sources.theme_overrides);
    clock.lap("theme");
    let (mut portal, mut diagnostics, found) = model::build_portal_reading(&sources, today);
    // Placeholders are errors unless this is a draft; either way the site
    // is still rendered when the model is valid, so that one build lists
    // every error at once.
    let mut placeholders = model::placeholder_diagnostics(&sources, options.draft);
    placeholders.extend(model::mark_placeholders(found, options.draft));
    if let Some(portal) = portal.as_mut()
        && options.draft
    {
        portal.draft = Some(placeholders.len());
    }
    diagnostics.extend(placeholders);
    // What was read is only pointed into by commands that keep the site
    // (`check`); a build lets the entries' text go once they are parsed.
    let mut sources = sources;
    if matches!(output, Output::Put(_)) {
        for entries in [
            &mut sources.systems,
            &mut sources.errors,
            &mut sources.challenges,
            &mut sources.pages,
        ] {
            *entries = Vec::new();
        }
    }
    clock.lap("parse and check");
    let mut theme = match theme {
        Ok((theme, warnings)) => {
            diagnostics.extend(warnings);
            Some(theme)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    // The history needs the theme: each record's old versions are made
    // into pages as soon as its history is known.
    if let (Some(portal), Some(theme)) = (portal.as_mut(), theme.as_mut()) {
        let cache = options.history_cache.as_deref();
        match read_history(options, portal, cache) {
            Ok(raw) => {
                clock.lap("history: read git");
                if let Some(raw) = &raw {
                    diagnostics.extend(history_warnings(raw));
                }
                render::prepare_theme(portal, theme);
                let (made, problems) =
                    history_with_pages(portal, theme, raw.as_ref(), cache, old_versions);
                match made {
                    Ok(histories) => portal.history = histories,
                    // Every object was found before any was read, so this is
                    // a damaged one: an error even with `required: false`,
                    // as some old versions' pages may be written already.
                    Err(problem) => diagnostics.push(
                        Diagnostic::error(
                            "history-unreadable",
                            format!("a version in the history cannot be read: {problem}"),
                        )
                        .in_file("content/portal.yaml")
                        .with_help("the repository is damaged: `git fsck` says where; build from a fresh `git clone` of it"),
                    ),
                }
                diagnostics.extend(problems);
                clock.lap("history: versions and their pages");
            }
            Err(problem) => diagnostics.push(problem),
        }
    }
    write::swap::pause_at("render");
    diagnostics.sort();
    let (Some(portal), Some(mut theme)) = (portal, theme) else {
        return Err(BuildError::Content(diagnostics));
    };
    match render::render_site(&portal, &mut theme, &finish) {
        Ok(warnings) => diagnostics.extend(warnings),
        Err(errors) => {
            diagnostics.extend(errors);
            diagnostics.sort();
            return Err(BuildError::Content(diagnostics));
        }
    }
    clock.lap("render");
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(BuildError::Content(diagnostics));
    }
    diagnostics.sort();
    let old_versions = match output {
        Output::KeepOldOnRequest => Some(render::OnRequest::new(&portal, theme)),
        _ => None,
    };
    Ok(Rendered {
        files: kept
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
        diagnostics,
        timings: clock.laps,
        root_path: portal.settings.root_path.clone(),
        portal,
        sources,
        old_versions,
    })
}

/// Hands each file on to `put`, minified and with compressed copies first
/// when the options ask for them.
struct Finish<'a> {
    put: &'a dyn render::Put,
    minify: bool,
    precompress: bool,
}

impl render::Put for Finish<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        let bytes = render::finish_page(&path, bytes, self.minify);
        let copies = if self.precompress {
            render::precompress::copies(&path, &bytes)
        } else {
            Vec::new()
        };
        self.put.put(path, bytes)?;
        copies.into_iter().try_for_each(|(p, b)| self.put.put(p, b))
    }

    fn put_written(&self, path: String, write: &mut render::Write<'_>) -> Result<(), String> {
        if self.precompress || (self.minify && path.ends_with(".html")) {
            let mut bytes = Vec::new();
            write(&mut bytes).map_err(|e| e.to_string())?;
            return self.put(path, bytes);
        }
        self.put.put_written(path, write)
    }
}

/// Works out every record's history and makes its old versions' pages as
/// it goes, giving them to `put` (not made at all when it is `None`), out
/// of the sitemap. Returns the histories, and the problems met making and
/// writing pages.
fn history_with_pages(
    portal: &model::Portal,
    theme: &render::theme::Theme,
    raw: Option<&load::history::RawHistory>,
    cache: Option<&model::history::HistoryCache>,
    put: Option<&dyn render::Put>,
) -> (
    Result<Option<model::history::Histories>, String>,
    Diagnostics,
) {
    let out = put.map(render::out::Out::new);
    let records: std::collections::HashMap<_, _> = render::history::records(portal)
        .map(|rec| ((rec.kind, rec.id), rec))
        .collect();
    let each = |kind: load::EntryKind, id: &str, history: &model::history::History| {
        let (Some(out), Some(rec)) = (&out, records.get(&(kind, id))) else {
            return;
        };
        for (path, page) in render::history::version_pages(portal, theme, *rec, history) {
            out.unlisted_page(path, page);
        }
    };
    let histories = model::history::build_histories(portal, raw, cache, &each);
    let problems = out.map_or_else(Diagnostics::new, render::out::Out::into_problems);
    (histories, problems)
}

/// The error (or, with `required: false`, the warning) for a history that
/// cannot be read.
fn unreadable(portal: &model::Portal, problem: String) -> Diagnostic {
    if portal.settings.history.required {
        Diagnostic::error(
            "history-unreadable",
            format!("the version history cannot be read, so its published pages would vanish: {problem}"),
        )
        .in_file("content/portal.yaml")
        .with_help("build from a full copy of the repository (`git clone` without `--filter`, or `git fetch --unshallow` then `git fsck`); to build without history pages on purpose, set `history: { required: false }` in portal.yaml")
    } else {
        Diagnostic::warning(
            "history-unreadable",
            format!("the version history cannot be read, so no history pages were made: {problem}"),
        )
        .in_file("content/portal.yaml")
        .with_help("check the repository with `git fsck`; `required: false` in portal.yaml lets the build go on without history pages")
    }
}

/// Reads the git history of the entries, unless `portal.yaml` turns it off
/// (`Ok(None)` then, and when there is no repository). A history that
/// cannot be read is an error, unless `portal.yaml` has `required: false`.
fn read_history(
    options: &BuildOptions,
    portal: &model::Portal,
    cache: Option<&model::history::HistoryCache>,
) -> Result<Option<load::history::RawHistory>, Diagnostic> {
    use load::history::{Find, HistoryOptions, LeaveOut};
    let settings = &portal.settings.history;
    let find = match settings.enabled {
        Some(false) => return Ok(None),
        Some(true) => Find::Upwards,
        None => Find::AtPortal,
    };
    let since = settings.since.and_then(|d| {
        d.to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp().as_second())
    });
    let day = |d: Date| {
        i64::from(
            d.since(Date::constant(1970, 1, 1))
                .map(|s| s.get_days())
                .unwrap_or(0),
        )
    };
    let leave_out = settings
        .leave_out
        .iter()
        .map(|rule| match rule {
            model::LeaveOut::Commit(prefix) => LeaveOut::Commit(prefix.clone()),
            model::LeaveOut::Days(from, to) => LeaveOut::Days(day(*from), day(*to)),
        })
        .collect();
    let history_options = HistoryOptions {
        find,
        since,
        leave_out,
    };
    let fresh = load::history::TextCache::default();
    let texts = cache.map_or(&fresh, |c| &c.texts);
    load::history::read_history(&options.portal_dir, &history_options, texts)
        .map_err(|problem| unreadable(portal, problem))
}

/// Warnings for what the history left out without being asked to, and for
/// `leave_out` commits that matched nothing (a mistyped id would publish
/// what it was meant to hide).
fn history_warnings(raw: &load::history::RawHistory) -> Vec<Diagnostic> {
    use load::history::Skipped;
    let mut out = Vec::new();
    for skipped in &raw.skipped {
        out.push(match skipped {
            Skipped::BadDate { commit, problem } => Diagnostic::warning(
                "history-bad-commit",
                format!("commit {commit} is left out of the version history: {problem}"),
            )
            .in_file("content/portal.yaml")
            .with_help("what it changed is shown with the next commit; to fix the date, rewrite the commit (`git commit --amend --date` or `git rebase`)"),
            Skipped::TooLarge {
                commit,
                file,
                bytes,
            } => Diagnostic::warning(
                "history-file-too-large",
                format!(
                    "the version of {file} in commit {commit} is {} MB, over the {} MB an entry may be, so it was not read or published",
                    bytes / 1_048_576,
                    load::MAX_FILE_BYTES / 1_048_576
                ),
            )
            .in_file("content/portal.yaml")
            .with_help("nothing to do for the site; docs/editing.md says how to remove a large file from the repository for good"),
        });
    }
    for prefix in &raw.unmatched {
        out.push(
            Diagnostic::warning(
                "leave-out-unmatched",
                format!("no commit in the version history starts with `{prefix}`, so `leave_out` hides nothing"),
            )
            .in_file("content/portal.yaml")
            .with_help("check the id with `git log --oneline`; once the commit is removed from the repository, remove it from `leave_out` too"),
        );
    }
    out
}

/// Builds the portal described by `options` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let output_dir = options.output_dir();
    write::check_output_dir(&options.portal_dir, &output_dir).map_err(BuildError::Usage)?;
    // Asked again when the site is written; asked now so that a folder that
    // cannot be replaced is one error, not one for each page written early.
    write::check_replaceable(&output_dir)?;
    // Old versions' pages go into the staging folder as they are made; if
    // the build fails, the folder goes with them and site/ stays as it was.
    let staging = write::Staging::new(&output_dir);
    // The first file that cannot be written stops the build with what the
    // output folder said, not as a problem of the content.
    let put = ToStaging {
        staging: &staging,
        refused: std::sync::Mutex::new(None),
    };
    // Readying the output folder needs nothing of the content, so it is
    // done while the content is read and parsed.
    let rendered = std::thread::scope(|scope| {
        scope.spawn(|| staging.ready());
        render_with(options, Output::Put(&put))
    });
    if let Some(e) = put.refused.into_inner().ok().flatten() {
        return Err(BuildError::Output(e));
    }
    let Rendered {
        files,
        diagnostics,
        timings,
        ..
    } = rendered?;
    let mut clock = Clock::new();
    clock.laps = timings;
    let written = staging.finish(&files)?;
    clock.lap("write");
    Ok(BuildReport {
        diagnostics,
        output_dir,
        files_written: written.files,
        pages_written: written.pages,
        bytes_written: written.bytes,
        timings: clock.laps,
    })
}

/// Writes each file into the staging folder as it comes. The first one
/// that cannot be written stops the build with what the output folder
/// said, not as a problem of the content.
struct ToStaging<'a> {
    staging: &'a write::Staging,
    refused: std::sync::Mutex<Option<write::OutputError>>,
}

impl ToStaging<'_> {
    fn said(&self, e: write::OutputError) -> String {
        let said = e.to_string();
        if let Ok(mut refused) = self.refused.lock() {
            refused.get_or_insert(e);
        }
        said
    }
}

impl render::Put for ToStaging<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        self.staging.put(&path, &bytes).map_err(|e| self.said(e))
    }

    fn put_written(&self, path: String, write: &mut render::Write<'_>) -> Result<(), String> {
        self.staging
            .put_written(&path, write)
            .map_err(|e| self.said(e))
    }
}

struct Clock {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn new() -> Self {
        Clock {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
}
