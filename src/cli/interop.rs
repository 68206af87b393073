//! The `export` and `import` commands: argument handling and messages.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use glassbox::commands::export::{ExportError, ExportOptions};
use glassbox::render::exports::Standard;

pub(crate) fn export(
    format: Standard,
    portal_dir: &Path,
    output: Option<&Path>,
    check: bool,
) -> ExitCode {
    let mut err = std::io::stderr().lock();
    let options = ExportOptions {
        standard: format,
        portal_dir: portal_dir.to_path_buf(),
        output: output.map(Path::to_path_buf),
        today: glassbox::today(),
    };
    let exported = match glassbox::commands::export::export(&options) {
        Ok(exported) => exported,
        Err(ExportError::Content(diagnostics)) => {
            for d in diagnostics.iter() {
                let _ = writeln!(err, "{}", d.render());
            }
            let _ = writeln!(
                err,
                "Nothing was exported: the portal has {} error(s). Fix them first (glassbox build shows the same list).",
                diagnostics.error_count()
            );
            return ExitCode::from(1);
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let records = &exported.records;
    if let Some(out) = output {
        let _ = writeln!(
            err,
            "Exported {} system(s) as {} into {} ({})",
            records.len(),
            format.mapping().standard,
            out.display(),
            exported.files.join(", ")
        );
    }
    if check {
        let report = &exported.missing;
        for line in report {
            let _ = writeln!(err, "{line}");
        }
        if records.is_empty() {
            let _ = writeln!(err, "No system to check for this standard.");
        } else if report.is_empty() {
            let _ = writeln!(
                err,
                "All {} system(s) give every required field.",
                records.len()
            );
        } else {
            let _ = writeln!(
                err,
                "{} of {} system(s) miss required fields. Fill them in before you submit the records.",
                report.len(),
                records.len()
            );
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

pub(crate) fn import(
    format: Standard,
    file: &Path,
    portal_dir: &Path,
    today: Option<jiff::civil::Date>,
) -> ExitCode {
    let mut err = std::io::stderr().lock();
    let today = today.unwrap_or_else(glassbox::today);
    match glassbox::commands::import::import(format, file, portal_dir, today) {
        Ok(r) => {
            for note in r.notes.iter().chain(&r.skipped) {
                let _ = writeln!(err, "note: {note}");
            }
            if !r.areas_added.is_empty() {
                let _ = writeln!(
                    err,
                    "Added {} service area(s) to content/portal.yaml; give them descriptions there.",
                    r.areas_added.len()
                );
            }
            let _ = writeln!(
                err,
                "Imported {} record(s): {} new, {} updated, {} not updated; {} field(s) filled from the source, {} gap(s) left to fill in (glassbox build sums them up by field; glassbox check --format json lists every one).",
                r.records,
                r.created,
                r.updated,
                r.skipped.len(),
                r.fields_filled,
                r.gaps
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(2)
        }
    }
}
