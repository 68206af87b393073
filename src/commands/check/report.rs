//! The check report for people ([`CheckReport::to_text`]) and for CI
//! ([`CheckReport::to_json`]).

use std::fmt::Write as _;

use jiff::civil::Date;
use serde_json::{Value, json};

use super::{CheckReport, DUE_SOON_DAYS};
use crate::diagnostic::Severity;
use crate::model::bidi::visible;

fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

impl CheckReport {
    /// True when there is nothing that must be fixed; with `deny_warnings`,
    /// nothing at all.
    pub fn passed(&self, deny_warnings: bool) -> bool {
        let warnings_fail = deny_warnings && self.diagnostics.warning_count() > 0;
        !self.diagnostics.has_errors() && !warnings_fail
    }

    /// The report for a person: problems, advice, reviews, completeness,
    /// and a last line saying what to do.
    pub fn to_text(&self, deny_warnings: bool) -> String {
        let mut out = String::new();
        let errors = self.diagnostics.error_count();
        let warnings = self.diagnostics.warning_count();
        if errors > 0 {
            let _ = writeln!(out, "PROBLEMS TO FIX ({errors})\n");
            for d in self
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                let _ = writeln!(out, "{}", d.render());
            }
        }
        if warnings > 0 {
            let _ = writeln!(out, "ADVICE ({warnings})\n");
            for d in self
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
            {
                let _ = writeln!(out, "{}", d.render());
            }
        }
        if self.rendered {
            let _ = writeln!(
                out,
                "Links: followed {} links on {} pages.",
                self.links_checked, self.pages_checked
            );
        } else {
            let _ = writeln!(
                out,
                "Links: not checked, because the site cannot be built until the problems above are fixed."
            );
        }

        let _ = writeln!(out, "\nREVIEWS (today is {})", long_date(self.today));
        if self.reviews.is_empty() && self.rendered {
            let _ = writeln!(
                out,
                "  No review is overdue or due in the next {DUE_SOON_DAYS} days."
            );
        }
        for r in &self.reviews {
            let when = match r.days_left {
                d if d < -1 => format!(
                    "OVERDUE: was due {} ({} days ago)",
                    long_date(r.review_by),
                    -d
                ),
                -1 => format!("OVERDUE: was due {} (yesterday)", long_date(r.review_by)),
                0 => "due today".to_string(),
                1 => format!("due tomorrow, {}", long_date(r.review_by)),
                d => format!("due {} (in {d} days)", long_date(r.review_by)),
            };
            let _ = writeln!(out, "  {}: {when}\n    {}", visible(&r.name), r.file);
        }

        if !self.completeness.is_empty() {
            let _ = writeln!(
                out,
                "\nHOW COMPLETE EACH SYSTEM'S RECORD IS\n  (against what the UK Algorithmic Transparency Recording Standard asks for)"
            );
            for c in &self.completeness {
                let _ = writeln!(out, "  {:>3}%  {}", c.percent, visible(&c.name));
                for m in &c.missing {
                    let _ = writeln!(
                        out,
                        "          missing: {} - add `{}` ({})",
                        m.what,
                        m.field(),
                        m.atrs
                    );
                }
            }
        }

        let _ = writeln!(out);
        let verdict = if errors > 0 {
            format!(
                "Result: {errors} problem(s) and {warnings} piece(s) of advice. Fix the problems before publishing."
            )
        } else if warnings > 0 && deny_warnings {
            format!(
                "Result: no problems, but {warnings} piece(s) of advice, and --deny-warnings asks for none."
            )
        } else if warnings > 0 {
            format!("Result: no problems. {warnings} piece(s) of advice to consider.")
        } else {
            "Result: no problems and no advice. Ready to publish.".to_string()
        };
        let _ = writeln!(out, "{verdict}");
        out
    }

    /// The report for CI, a stable JSON shape (see the README).
    pub fn to_json(&self, deny_warnings: bool) -> Value {
        let diagnostics: Vec<Value> = self
            .diagnostics
            .iter()
            .map(|d| {
                json!({
                    "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                    "code": d.code,
                    "message": d.message,
                    "file": d.file,
                    "line": d.position.map(|p| p.line),
                    "column": d.position.map(|p| p.column),
                    "help": d.help,
                })
            })
            .collect();
        let reviews: Vec<Value> = self
            .reviews
            .iter()
            .map(|r| {
                json!({
                    "system": r.system,
                    "name": r.name,
                    "file": r.file,
                    "review_by": r.review_by.to_string(),
                    "days_left": r.days_left,
                    "state": if r.overdue() { "overdue" } else { "due-soon" },
                })
            })
            .collect();
        let completeness: Vec<Value> = self
            .completeness
            .iter()
            .map(|c| {
                json!({
                    "system": c.system,
                    "name": c.name,
                    "file": c.file,
                    "percent": c.percent,
                    "missing": c.missing.iter().map(|m| json!({"field": m.field(), "what": m.what, "atrs": m.atrs})).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "passed": self.passed(deny_warnings),
            "today": self.today.to_string(),
            "errors": self.diagnostics.error_count(),
            "warnings": self.diagnostics.warning_count(),
            "rendered": self.rendered,
            "pages_checked": self.pages_checked,
            "links_checked": self.links_checked,
            "diagnostics": diagnostics,
            "reviews": reviews,
            "completeness": completeness,
        })
    }
}
