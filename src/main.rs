//! The `glassbox` command: parses arguments, calls the library, prints
//! diagnostics and chooses the exit code (0 built, 1 content problems,
//! 2 usage or I/O problems).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use glassbox::{BuildError, BuildOptions, Diagnostics};

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
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// Print only errors and warnings.
        #[arg(long, short)]
        quiet: bool,
    },
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
            timings,
            quiet,
        } => {
            let options = BuildOptions {
                portal_dir,
                output_dir: output,
                today,
                minify,
            };
            build(&options, timings, quiet)
        }
    }
}

fn build(options: &BuildOptions, timings: bool, quiet: bool) -> ExitCode {
    let mut err = std::io::stderr().lock();
    match glassbox::build(options) {
        Ok(report) => {
            print_diagnostics(&mut err, &report.diagnostics);
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
                        n => format!(" with {n} warnings"),
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
            print_diagnostics(&mut err, &diagnostics);
            let _ = writeln!(
                err,
                "The site was not built: {} error(s), {} warning(s). The previous site, if any, is unchanged.",
                diagnostics.error_count(),
                diagnostics.warning_count()
            );
            ExitCode::from(1)
        }
        Err(other) => {
            let code = other.exit_code() as u8;
            let _ = writeln!(err, "error: {other}");
            if let BuildError::Load(glassbox::load::LoadError::NotAPortal { .. }) = other {
                let _ = writeln!(
                    err,
                    "  = help: run glassbox in a portal folder, or give its path: glassbox build PORTAL_DIR"
                );
            }
            ExitCode::from(code)
        }
    }
}

fn print_diagnostics(out: &mut impl Write, diagnostics: &Diagnostics) {
    for d in diagnostics.iter() {
        let _ = writeln!(out, "{}", d.render());
    }
}
