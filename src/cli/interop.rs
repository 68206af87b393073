//! The `export` and `import` commands: argument handling and messages.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use glassbox::render::exports::{self as export, Standard};

pub fn export(format: Standard, portal_dir: &Path, output: Option<&Path>, check: bool) -> ExitCode {
    let mut err = std::io::stderr().lock();
    let sources = match glassbox::load::load_portal(portal_dir) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return ExitCode::from(2);
        }
    };
    let (portal, diagnostics) = glassbox::model::build_portal(&sources, glassbox::today());
    let Some(portal) = portal else {
        for d in diagnostics.iter() {
            let _ = writeln!(err, "{}", d.render());
        }
        let _ = writeln!(
            err,
            "Nothing was exported: the portal has {} error(s). Fix them first (glassbox build shows the same list).",
            diagnostics.error_count()
        );
        return ExitCode::from(1);
    };
    let (files, records) = export::export(&portal, format);
    if let Some(out) = output {
        let content = portal_dir.join("content");
        if out.starts_with(&content) || out.starts_with(portal_dir.join("themes")) {
            let _ = writeln!(
                err,
                "error: {} is inside the portal's content/ or themes/; choose another folder, such as exports/",
                out.display()
            );
            return ExitCode::from(2);
        }
        if let Err(e) = std::fs::create_dir_all(out) {
            let _ = writeln!(err, "error: cannot create {}: {e}", out.display());
            return ExitCode::from(2);
        }
        for (name, bytes) in &files {
            let path = out.join(name);
            if let Err(e) = std::fs::write(&path, bytes) {
                let _ = writeln!(err, "error: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
        let _ = writeln!(
            err,
            "Exported {} system(s) as {} into {} ({})",
            records.len(),
            format.mapping().standard,
            out.display(),
            files.keys().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    if check {
        let report = export::check_report(format, &records);
        for line in &report {
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

pub fn import(
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
                "Imported {} record(s): {} new, {} updated, {} not updated; {} field(s) filled from the source, {} gap(s) left to fill in (glassbox build lists them).",
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
