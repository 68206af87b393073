//! The `glassbox` command: parses arguments, calls the library, prints
//! diagnostics and chooses the exit code (0 built, 1 content problems,
//! 2 usage or I/O problems).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use glassbox::render::exports::Standard;
use glassbox::{BuildError, BuildOptions, Diagnostics};

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "glassbox",
    version,
    about = "Build an accessible AI transparency portal from Markdown + YAML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the portal into a folder of static files.
    Build {
        /// The portal folder (containing content/portal.yaml).
        #[arg(default_value = ".")]
        portal_dir: PathBuf,
        /// Where to write the site [default: PORTAL_DIR/site].
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Compare review dates with this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DATE")]
        today: Option<jiff::civil::Date>,
        /// Minify the HTML (needs the `minify` cargo feature).
        #[arg(long)]
        minify: bool,
        /// Also write a .gz and a .br copy of every text file, for hosts
        /// that serve them (nginx gzip_static, Caddy precompressed).
        #[arg(long)]
        precompress: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// Print only errors and warnings.
        #[arg(long, short)]
        quiet: bool,
        /// Build even with TODO placeholders left (each one a warning): every
        /// page then says it is a draft, not for publishing.
        #[arg(long)]
        draft: bool,
        /// Print every warning on its own; by default a warning repeated for
        /// many entries (such as the gaps imported records leave) is
        /// summarised in one table.
        #[arg(long)]
        all_warnings: bool,
    },
    /// Preview the portal: build it, serve it on this computer, and rebuild
    /// and reload open pages whenever an entry or the theme is saved.
    #[cfg(feature = "serve")]
    Serve {
        /// The portal folder (containing content/portal.yaml).
        #[arg(default_value = ".")]
        portal_dir: PathBuf,
        /// The port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = glassbox::commands::serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on. The default only answers this computer;
        /// use 0.0.0.0 to let other devices on your network see the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Look for changes every 250 ms instead of waiting for the system to
        /// report them (for network drives and containers where saves are missed).
        #[arg(long)]
        poll: bool,
        /// Compare review dates with this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DATE")]
        today: Option<jiff::civil::Date>,
        /// Preview even with TODO placeholders left (each one a warning): every
        /// page then says it is a draft.
        #[arg(long)]
        draft: bool,
    },
    /// Write a synthetic portal of N systems into DIR, for benchmarks.
    #[command(name = "bench-gen")]
    BenchGen {
        /// How many systems (N/5 published errors and N/50 challenge routes come with them).
        n: usize,
        /// The folder to write the portal into; it must not have a content/ folder yet.
        dir: PathBuf,
    },
    /// Check the portal without writing the site: everything build checks,
    /// plus links, review dates, plain language and how complete each record is.
    Check {
        /// The portal folder (containing content/portal.yaml).
        #[arg(default_value = ".")]
        portal_dir: PathBuf,
        /// Compare review dates with this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DATE")]
        today: Option<jiff::civil::Date>,
        /// `text` for people, `json` for CI.
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Start a new entry: every field with a comment on what to write.
    New {
        /// What to start.
        #[arg(value_enum)]
        kind: EntryKindArg,
        /// Its title; the file name (and web address) is made from it.
        title: String,
        /// The portal folder (containing content/portal.yaml).
        #[arg(default_value = ".")]
        portal_dir: PathBuf,
    },
    /// Create a new portal in a new or empty folder; it builds at once as a
    /// draft (`build --draft`), and for publishing once its TODOs are filled in.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Write JSON Schema files for portal.yaml and each kind of entry, for editors.
    Schema {
        /// The folder to write them into.
        #[arg(long, short, default_value = "schemas")]
        output: PathBuf,
    },
    /// Write the editing forms (a Git-based CMS generated from the content
    /// model) into a folder, to publish at /admin/ (`serve` offers them too).
    Cms(cli::cms::CmsArgs),
    /// Export every system as records of another standard (CSV and JSON).
    Export {
        /// The standard: atrs, nl, eurocities or ai-act.
        #[arg(value_enum)]
        format: StandardArg,
        /// The portal folder (containing content/portal.yaml).
        #[arg(default_value = ".")]
        portal_dir: PathBuf,
        /// The folder to write the files into.
        #[arg(long, short, required_unless_present = "check")]
        output: Option<PathBuf>,
        /// List, per system, the standard's required fields that are missing;
        /// exit with 1 when any are.
        #[arg(long)]
        check: bool,
    },
    /// Import the records of another register as system entries.
    Import {
        /// The standard of the file: atrs or nl.
        #[arg(value_enum)]
        format: StandardArg,
        /// The file: GOV.UK ATRS search JSON, the Dutch register's listing
        /// JSON or CSV export, or a glassbox export.
        file: PathBuf,
        /// The portal folder to import into.
        #[arg(long, value_name = "PORTAL_DIR")]
        into: PathBuf,
        /// The date written as the import date (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DATE")]
        today: Option<jiff::civil::Date>,
    },
}

/// The standards `export` and `import` take, as the command line spells them.
#[derive(Clone, Copy, clap::ValueEnum)]
enum StandardArg {
    /// UK Algorithmic Transparency Recording Standard.
    Atrs,
    /// Dutch Algoritmeregister, Publicatiestandaard 1.0.
    Nl,
    /// Eurocities Algorithmic Transparency Standard v0.3.1.
    Eurocities,
    /// EU AI Act, Annex VIII Section C (high-risk systems only).
    AiAct,
}

impl From<StandardArg> for Standard {
    fn from(arg: StandardArg) -> Standard {
        match arg {
            StandardArg::Atrs => Standard::Atrs,
            StandardArg::Nl => Standard::Nl,
            StandardArg::Eurocities => Standard::Eurocities,
            StandardArg::AiAct => Standard::AiAct,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum EntryKindArg {
    System,
    Error,
    Challenge,
    Page,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Build {
            portal_dir,
            output,
            today,
            minify,
            precompress,
            timings,
            quiet,
            draft,
            all_warnings,
        } => {
            let options = BuildOptions {
                portal_dir,
                output_dir: output,
                today,
                minify,
                precompress,
                draft,
                history_cache: None,
            };
            build(&options, timings, quiet, all_warnings)
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            portal_dir,
            port,
            bind,
            poll,
            today,
            draft,
        } => {
            let mut build = BuildOptions::new(portal_dir);
            build.today = today;
            build.draft = draft;
            // Kept between saves: a rebuild reads and compares only new versions.
            build.history_cache = Some(Default::default());
            if !bind.is_loopback() {
                eprintln!(
                    "warning: the preview listens on {bind}, so other computers that can reach this one can read the draft portal, errors and all. Leave out --bind to keep it to this computer."
                );
            }
            serve(glassbox::commands::serve::ServeOptions {
                build,
                addr: std::net::SocketAddr::new(bind, port),
                poll,
            })
        }
        Command::BenchGen { n, dir } => match glassbox::commands::bench_gen::generate(n, &dir) {
            Ok(g) => {
                eprintln!(
                    "Wrote {} systems, {} published errors, {} challenge routes and {} pages into {}",
                    g.systems,
                    g.errors,
                    g.challenges,
                    g.pages,
                    dir.join("content").display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Check {
            portal_dir,
            today,
            format,
            deny_warnings,
        } => {
            let options = BuildOptions {
                today,
                ..BuildOptions::new(portal_dir)
            };
            check(&options, format, deny_warnings)
        }
        Command::New {
            kind,
            title,
            portal_dir,
        } => new_entry(kind, &title, &portal_dir),
        Command::Init { dir } => init(&dir),
        Command::Schema { output } => schema(&output),
        Command::Cms(args) => cli::cms::run(args),
        Command::Export {
            format,
            portal_dir,
            output,
            check,
        } => cli::interop::export(format.into(), &portal_dir, output.as_deref(), check),
        Command::Import {
            format,
            file,
            into,
            today,
        } => cli::interop::import(format.into(), &file, &into, today),
    }
}

#[cfg(feature = "serve")]
fn serve(options: glassbox::commands::serve::ServeOptions) -> ExitCode {
    use glassbox::commands::serve::{Event, ServeError};
    let report = |event: Event<'_>| {
        let mut err = std::io::stderr().lock();
        match event {
            Event::Listening { url } => {
                // The address goes to stdout, alone on its line, so scripts
                // can read it; everything else goes to stderr.
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "Serving the portal at {url}");
                let _ = out.flush();
                // An address for every interface is not one to open: say
                // which ones work.
                for any in ["://0.0.0.0:", "://[::]:"] {
                    if url.contains(any) {
                        let loopback = if any.contains('[') {
                            "://[::1]:"
                        } else {
                            "://127.0.0.1:"
                        };
                        let _ = writeln!(
                            err,
                            "Open {} on this computer, or this computer's network name or address in place of {} from another.",
                            url.replace(any, loopback),
                            &any[3..any.len() - 1]
                        );
                    }
                }
                let _ = writeln!(err, "Press Ctrl-C to stop.");
            }
            Event::Built {
                pages,
                took,
                warnings,
                first,
            } => {
                if first {
                    print_summarised(&mut err, warnings, FULL_LIST);
                }
                let _ = writeln!(
                    err,
                    "Built {pages} pages in {} ms{}",
                    took.as_millis(),
                    match warnings.warning_count() {
                        0 => String::new(),
                        1 => " with 1 warning".into(),
                        n => format!(" with {} warnings", glassbox::diagnostic::thousands(n)),
                    }
                );
            }
            Event::Failed { diagnostics } => {
                print_summarised(&mut err, diagnostics, FULL_LIST);
                let _ = writeln!(
                    err,
                    "Not rebuilt: {} error(s). The preview shows the last version that built, with these errors on every page.",
                    diagnostics.error_count()
                );
            }
            Event::Problem(problem) => {
                let _ = writeln!(err, "warning: {problem}");
            }
            Event::Stopped => {
                let _ = writeln!(err, "Stopped.");
            }
        }
    };
    match glassbox::commands::serve::serve(options, std::sync::Arc::new(report)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(ServeError::Build(error)) => report_build_error(error),
        Err(error) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "error: {error}");
            if let ServeError::Bind { addr, .. } = &error {
                let _ = writeln!(
                    err,
                    "  = help: another program may be using port {}; choose another with --port, or --port 0 for any free port",
                    addr.port()
                );
            }
            ExitCode::from(2)
        }
    }
}

/// Where the full list of summarised warnings is, for `build` and `serve`.
const FULL_LIST: &str =
    "`glassbox build --all-warnings`, or `glassbox check --format json` for a list to process";

fn build(options: &BuildOptions, timings: bool, quiet: bool, all_warnings: bool) -> ExitCode {
    // Taken once the build is done: while it runs, a build waiting for
    // another one's lock says so on standard error from a worker thread.
    let built = glassbox::build(options);
    let mut err = std::io::stderr().lock();
    let print = |err: &mut std::io::StderrLock<'_>, diagnostics: &Diagnostics| {
        if all_warnings {
            print_diagnostics(err, diagnostics);
        } else {
            print_summarised(err, diagnostics, FULL_LIST);
        }
    };
    match built {
        Ok(report) => {
            print(&mut err, &report.diagnostics);
            if options.draft {
                let left = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == glassbox::model::PLACEHOLDER_CODE)
                    .count();
                let _ = writeln!(
                    err,
                    "This is a DRAFT, not for publishing: {} still to be written. Every page says so. Build without --draft to publish.",
                    match left {
                        1 => "1 piece of text is".to_string(),
                        n => format!("{n} pieces of text are"),
                    }
                );
            }
            if !quiet {
                let total: f64 = report.timings.iter().map(|(_, d)| d.as_secs_f64()).sum();
                let warnings = report.diagnostics.warning_count();
                let _ = writeln!(
                    err,
                    "Built {} pages ({} files, {:.1} KB) into {} in {:.2} s{}",
                    report.pages_written,
                    report.files_written,
                    report.bytes_written as f64 / 1024.0,
                    report.output_dir.display(),
                    total,
                    match warnings {
                        0 => String::new(),
                        1 => " with 1 warning".into(),
                        n => format!(" with {} warnings", glassbox::diagnostic::thousands(n)),
                    }
                );
            }
            if timings {
                for (stage, took) in &report.timings {
                    let _ = writeln!(err, "  {stage:<16} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                }
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diagnostics)) => {
            print(&mut err, &diagnostics);
            let placeholders = diagnostics
                .iter()
                .filter(|d| d.is_error() && d.code == glassbox::model::PLACEHOLDER_CODE)
                .count();
            if placeholders > 0 {
                let _ = writeln!(
                    err,
                    "{} TODO placeholder(s) are left: write the text they stand for. To see the portal before it is finished, build it with --draft (every page then says it is a draft).",
                    placeholders
                );
            }
            let _ = writeln!(
                err,
                "The site was not built: {} error(s), {} warning(s). The previous site, if any, is unchanged.",
                diagnostics.error_count(),
                diagnostics.warning_count()
            );
            ExitCode::from(1)
        }
        Err(other) => {
            drop(err);
            report_build_error(other)
        }
    }
}

/// Prints a build error that is not about content, and picks the exit code.
fn report_build_error(error: BuildError) -> ExitCode {
    let mut err = std::io::stderr().lock();
    let code = error.exit_code() as u8;
    let _ = writeln!(err, "error: {error}");
    if let BuildError::Load(glassbox::load::LoadError::NotAPortal { .. }) = error {
        let _ = writeln!(
            err,
            "  = help: run glassbox in a portal folder, or give its path: glassbox build PORTAL_DIR"
        );
    }
    ExitCode::from(code)
}

fn print_diagnostics(out: &mut impl Write, diagnostics: &Diagnostics) {
    for d in diagnostics.iter() {
        let _ = writeln!(out, "{}", d.render());
    }
}

/// Prints errors and the warnings that do not repeat one by one, and each
/// warning repeated for many entries as one summary (see
/// [`Diagnostics::summarise`]), saying where `full_list` is.
fn print_summarised(out: &mut impl Write, diagnostics: &Diagnostics, full_list: &str) {
    let (single, summaries) = diagnostics.summarise();
    for d in single {
        let _ = writeln!(out, "{}", d.render());
    }
    for s in summaries {
        let _ = writeln!(out, "{}", s.render(full_list));
    }
}

fn check(options: &BuildOptions, format: ReportFormat, deny_warnings: bool) -> ExitCode {
    match glassbox::commands::check::check(options) {
        Ok(report) => {
            let mut out = std::io::stdout().lock();
            let _ = match format {
                ReportFormat::Text => write!(out, "{}", report.to_text(deny_warnings)),
                ReportFormat::Json => writeln!(out, "{:#}", report.to_json(deny_warnings)),
            };
            ExitCode::from(if report.passed(deny_warnings) { 0 } else { 1 })
        }
        Err(other) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "error: {other}");
            if let BuildError::Load(glassbox::load::LoadError::NotAPortal { .. }) = other {
                let _ = writeln!(
                    err,
                    "  = help: run glassbox in a portal folder, or give its path: glassbox check PORTAL_DIR"
                );
            }
            ExitCode::from(other.exit_code() as u8)
        }
    }
}

fn new_entry(kind: EntryKindArg, title: &str, portal_dir: &std::path::Path) -> ExitCode {
    use glassbox::commands::scaffold::NewKind;
    let kind = match kind {
        EntryKindArg::System => NewKind::System,
        EntryKindArg::Error => NewKind::Error,
        EntryKindArg::Challenge => NewKind::Challenge,
        EntryKindArg::Page => NewKind::Page,
    };
    match glassbox::commands::scaffold::new_entry(portal_dir, kind, title, glassbox::today()) {
        Ok(entry) => {
            for path in &entry.schemas_written {
                eprintln!("Wrote {} (for editors)", path.display());
            }
            println!("{}", entry.path.display());
            eprintln!(
                "Fill in the lines that say TODO, then run `glassbox check` to see what is left."
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn init(dir: &std::path::Path) -> ExitCode {
    match glassbox::commands::scaffold::init_portal(dir, glassbox::today()) {
        Ok(written) => {
            for path in &written {
                println!("{}", path.display());
            }
            eprintln!(
                "Created a new portal in {}. Fill in the lines that say TODO, then run `glassbox check {}`.",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn schema(output: &std::path::Path) -> ExitCode {
    match glassbox::commands::scaffold::write_schemas(output) {
        Ok(written) => {
            for path in &written {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
