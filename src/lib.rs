//! glassbox turns a folder of Markdown + YAML entries about a public body's
//! AI systems into an accessible, static AI transparency portal.
//!
//! The build is a pipeline over plain data; only the first and last stages
//! touch the disk:
//!
//! 1. [`load`] reads `content/` and the portal's theme overrides;
//! 2. [`model`] parses front matter ([`front_matter`], [`yaml`]) into the
//!    [`schema`] types and checks every rule, collecting all diagnostics;
//! 3. [`site`] renders Markdown ([`markdown`]) and every page through the
//!    [`theme`] against a small [`view`] per page;
//! 4. [`output`] writes the files into a staging folder and swaps it in.
#![warn(clippy::print_stdout, clippy::print_stderr)]
// Diagnostics travel as plain values in `Result`s on the failure path only;
// boxing them would make every call site noisier for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod aliases;
pub mod bench_gen;
pub mod charts;
pub mod check;
pub mod cms;
pub mod csp;
pub mod csv_io;
pub mod diagnostic;
pub mod export;
pub mod facets;
pub mod feeds;
pub mod front_matter;
pub mod html;
pub mod import;
pub mod json_schema;
pub mod lint;
pub mod load;
pub mod markdown;
#[cfg(feature = "minify")]
pub mod minify;
pub mod model;
pub mod notice;
pub mod open_data;
pub mod output;
pub mod residents;
pub mod scaffold;
pub mod schema;
pub mod search_index;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub mod statement;
pub mod swap;
pub mod theme;
pub mod view;
pub mod yaml;

use std::path::{Path, PathBuf};
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
}

impl BuildOptions {
    pub fn new(portal_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            portal_dir: portal_dir.into(),
            output_dir: None,
            today: None,
            minify: false,
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
    Output(#[from] output::OutputError),
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

/// A site rendered in memory: every file of it by its path under the output
/// folder, ready to be written (`build`), checked (`check`) or served
/// (`serve`).
#[derive(Debug)]
pub struct Rendered {
    pub files: site::Files,
    /// Warnings (a rendered site has no errors).
    pub diagnostics: Diagnostics,
    /// Time taken by each stage so far, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// The URL path the site lives under (`/` unless `base_url` has a path).
    pub root_path: String,
}

/// Loads, checks and renders the portal in memory, without touching the
/// output folder.
pub fn render(options: &BuildOptions) -> Result<Rendered, BuildError> {
    let mut clock = Clock::new();
    if options.minify && !cfg!(feature = "minify") {
        return Err(BuildError::Usage(
            "--minify needs glassbox built with the `minify` feature (cargo build --features minify)".into(),
        ));
    }
    let today = options.today.unwrap_or_else(today);

    let sources = load::load_portal(&options.portal_dir)?;
    clock.lap("load");
    let theme = theme::Theme::load(&sources.theme_overrides);
    clock.lap("theme");
    let (portal, mut diagnostics) = model::build_portal(&sources, today);
    diagnostics.extend(scaffold::placeholder_warnings(&sources));
    clock.lap("parse and check");
    swap::pause_at("render");
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
    diagnostics.sort();
    let (Some(portal), Some(theme)) = (portal, theme.as_mut()) else {
        return Err(BuildError::Content(diagnostics));
    };
    let files = match site::render_site(&portal, theme) {
        Ok((mut files, warnings)) => {
            diagnostics.extend(warnings);
            files.extend(export::site_files(&portal));
            files
        }
        Err(errors) => {
            diagnostics.extend(errors);
            diagnostics.sort();
            return Err(BuildError::Content(diagnostics));
        }
    };
    clock.lap("render");
    #[cfg(feature = "minify")]
    let files = if options.minify {
        let files = minify::minify_site(files);
        clock.lap("minify");
        files
    } else {
        files
    };
    diagnostics.sort();
    Ok(Rendered {
        files,
        diagnostics,
        timings: clock.laps,
        root_path: portal.settings.root_path.clone(),
    })
}

/// Builds the portal described by `options` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let output_dir = options.output_dir();
    check_output_dir(&options.portal_dir, &output_dir)?;
    let Rendered {
        files,
        diagnostics,
        timings,
        ..
    } = render(options)?;
    let mut clock = Clock::new();
    clock.laps = timings;
    let pages_written = files.keys().filter(|p| p.ends_with(".html")).count();
    let written = output::write_site(&files, &output_dir)?;
    clock.lap("write");
    Ok(BuildReport {
        diagnostics,
        output_dir,
        files_written: written.files,
        pages_written,
        bytes_written: written.bytes,
        timings: clock.laps,
    })
}

/// Refuses output folders that would overwrite the portal's own files.
fn check_output_dir(portal: &Path, out: &Path) -> Result<(), BuildError> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Drop `.` and fold `..` first, so a path through a folder that does
        // not exist (`new/../content`) cannot slip past; then resolve what
        // exists, so links compare correctly.
        let mut folded = PathBuf::new();
        for part in p.components() {
            match part {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    folded.pop();
                }
                other => folded.push(other),
            }
        }
        let p = folded;
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.file_name(), existing.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name.to_os_string());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut resolved = existing.canonicalize().unwrap_or(existing);
        for part in rest.into_iter().rev() {
            resolved.push(part);
        }
        resolved
    };
    let portal = absolute(portal);
    let out = absolute(out);
    let inside = |dir: &str| out.starts_with(portal.join(dir));
    if out == portal || portal.starts_with(&out) || inside("content") || inside("themes") {
        return Err(BuildError::Usage(format!(
            "the output folder {} would overwrite the portal's own files; choose a folder outside content/ and themes/, such as site/",
            out.display()
        )));
    }
    Ok(())
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
