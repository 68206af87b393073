//! The one place that knows Tera. A theme is the built-in default (compiled
//! into the binary) with any file the portal puts under `themes/default/`
//! replacing the built-in file of the same name. Template errors become
//! diagnostics naming the template file, line and column.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostic::{Diagnostic, Position};
use crate::load::ThemeFile;

include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));

/// A loaded theme: templates ready to render and assets to copy.
pub struct Theme {
    tera: Tera,
    /// Template name → (file shown in messages, source text).
    sources: BTreeMap<String, (String, String)>,
    /// Asset name under `assets/` → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Asset name → the name it is published under: stylesheets and
    /// scripts carry a hash of their content (`style.<hash>.css`), so that
    /// hosts can let browsers keep them for a year (see `fingerprint.rs`).
    pub published: BTreeMap<String, String>,
    /// The Content-Security-Policy of the pages (also sent as a header by
    /// the host configuration, see `hosting.rs`).
    pub csp: String,
}

/// Escapes a code name (a column or field name such as
/// `final_decision_by`) for HTML and lets it wrap only after each `_`
/// (`<wbr>`), so that a narrow screen never breaks it mid-word. The
/// templates' `break_at_underscores` filter.
pub(crate) fn break_at_underscores(text: &str) -> String {
    crate::render::escape::html(text).replace('_', "_<wbr>")
}

/// How templates escape every value they print (Tera's autoescape): as
/// Tera's own HTML escaping, after text with bidirectional control
/// characters is shut in an isolate of its own
/// ([`crate::render::escape::isolate`]), so that a right-to-left override
/// in a name cannot turn the rest of a heading, a `<title>` or an
/// attribute backwards. Other text is escaped exactly as before: the same
/// five characters as Tera's own escaping, written a run of text at a time
/// rather than a byte at a time.
fn escape_value(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    crate::render::escape::html_into(input, out)
}

/// Where a theme file comes from, for messages.
fn shown_path(name: &str, override_path: Option<&str>) -> String {
    match override_path {
        Some(path) => path.to_string(),
        None => format!("themes/default/{name} (built in)"),
    }
}

impl Theme {
    /// The built-in theme with the portal's overrides applied.
    /// Returns the theme and any warnings, or every problem when a template
    /// cannot be used.
    pub fn load(overrides: &[ThemeFile]) -> Result<(Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut files: BTreeMap<String, (String, Vec<u8>)> = EMBEDDED
            .iter()
            .map(|(name, bytes)| (name.to_string(), (shown_path(name, None), bytes.to_vec())))
            .collect();
        for file in overrides {
            files.insert(
                file.name.clone(),
                (shown_path(&file.name, Some(&file.path)), file.bytes.clone()),
            );
        }
        let mut problems = Vec::new();
        let mut sources = BTreeMap::new();
        let mut assets = BTreeMap::new();
        for (name, (shown, bytes)) in files {
            if let Some(template) = name.strip_prefix("templates/") {
                match String::from_utf8(bytes) {
                    Ok(text) => {
                        sources.insert(template.to_string(), (shown, text));
                    }
                    Err(_) => problems.push(
                        Diagnostic::error("not-utf8", "this template is not UTF-8 text")
                            .in_file(&shown)
                            .with_help("save the template as UTF-8"),
                    ),
                }
            } else if let Some(asset) = name.strip_prefix("assets/") {
                assets.insert(asset.to_string(), bytes);
            } else {
                problems.push(
                    Diagnostic::warning(
                        "ignored-file",
                        "theme files belong in `templates/` or `assets/`; this one was ignored",
                    )
                    .in_file(&shown),
                );
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_value);
        tera.register_filter(
            "break_at_underscores",
            |text: &str, _: tera::Kwargs, _: &tera::State| {
                tera::Value::safe_string(&break_at_underscores(text))
            },
        );
        let templates: Vec<(&str, &str)> = sources
            .iter()
            .map(|(n, (_, t))| (n.as_str(), t.as_str()))
            .collect();
        if let Err(error) = tera.add_raw_templates(templates) {
            problems.push(template_diagnostic(&error, &sources, None));
        }
        let mut csp = String::new();
        match crate::render::csp::policy(
            sources
                .values()
                .map(|(shown, text)| (shown.as_str(), text.as_str())),
            assets.keys().map(String::as_str),
        ) {
            Ok(policy) => {
                tera.global_context().insert("csp", &policy);
                csp = policy;
            }
            Err(script_problems) => problems.extend(script_problems),
        }
        let published = crate::render::fingerprint::published_names(&assets);
        if problems.iter().any(Diagnostic::is_error) {
            return Err(problems);
        }
        Ok((
            Theme {
                tera,
                sources,
                assets,
                published,
                csp,
            },
            problems,
        ))
    }

    /// Renders `template` with `context`; `page` names the page being made,
    /// for the message when the template fails.
    pub fn render<T: Serialize>(
        &self,
        template: &str,
        context: &T,
        page: &str,
    ) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(context).map_err(|e| {
            Diagnostic::error(
                "template-context",
                format!("cannot prepare the data for {template}: {e}"),
            )
        })?;
        self.tera
            .render(template, &context)
            .map_err(|error| template_diagnostic(&error, &self.sources, Some(page)))
    }

    /// The site path (`assets/style.<hash>.css`) of the asset `name`
    /// (`style.css`), as written into the site.
    pub fn asset_path(&self, name: &str) -> String {
        let published = self.published.get(name).map_or(name, String::as_str);
        format!("assets/{published}")
    }

    /// Sets data every template can read (the `site` variable).
    pub fn set_global<T: Serialize>(&mut self, name: &'static str, value: &T) {
        self.tera.global_context().insert(name, value);
    }
}

fn template_diagnostic(
    error: &tera::Error,
    sources: &BTreeMap<String, (String, String)>,
    page: Option<&str>,
) -> Diagnostic {
    let while_making = page
        .map(|p| format!(" while making {p}"))
        .unwrap_or_default();
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let (shown, text) = sources
                .get(report.filename())
                .map(|(s, t)| (s.clone(), t.as_str()))
                .unwrap_or_else(|| (report.filename().to_string(), ""));
            let span = report.span();
            let position = Position::new(span.start_line, span.start_col + 1);
            let kind = if matches!(error.kind(), tera::ErrorKind::SyntaxError(_)) {
                "template-syntax"
            } else {
                "template-error"
            };
            Diagnostic::error(kind, format!("{}{while_making}", report.message()))
                .at(&shown, text, position)
                .with_help("fix the template, or delete the override to go back to the built-in one")
        }
        tera::ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            "template-missing",
            format!("the template `{name}` does not exist{while_making}"),
        )
        .with_help("check the name in `extends` or `include`, or add the template to themes/default/templates/"),
        tera::ErrorKind::MissingParent { current, parent } => {
            let shown = sources.get(current).map(|(s, _)| s.clone()).unwrap_or_else(|| current.clone());
            Diagnostic::error("template-missing", format!("`{current}` extends `{parent}`, which does not exist"))
                .in_file(&shown)
                .with_help("check the name after `extends`")
        }
        tera::ErrorKind::Msg(text) => match report_location(text, sources) {
            Some((message, shown, source, position)) => {
                Diagnostic::error("template-error", format!("{message}{while_making}"))
                    .at(&shown, source, position)
                    .with_help("fix the template, or delete the override to go back to the built-in one")
            }
            None => Diagnostic::error("template-error", format!("{text}{while_making}")),
        },
        other => Diagnostic::error("template-error", format!("{other}{while_making}")),
    }
}

/// Tera reports some checks (an `include` of a template that does not
/// exist) as plain text in its own report format, `error: MESSAGE` then
/// `--> NAME:LINE:COLUMN`; reads the first one back into its parts.
fn report_location<'a>(
    text: &str,
    sources: &'a BTreeMap<String, (String, String)>,
) -> Option<(String, String, &'a str, Position)> {
    let mut lines = text.lines();
    let message = lines.next()?.strip_prefix("error: ")?.to_string();
    let location = lines.find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = location.rsplitn(3, ':');
    let column: usize = parts.next()?.trim().parse().ok()?;
    let line: usize = parts.next()?.trim().parse().ok()?;
    let (shown, source) = sources.get(parts.next()?)?;
    Some((
        message,
        shown.clone(),
        source.as_str(),
        Position::new(line, column),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_as_tera_escapes_them() {
        for text in [
            "plain",
            "<a href=\"x\">&'</a>",
            "a & b > c",
            "",
            "é < ü",
            "&&&&",
        ] {
            let mut ours = Vec::new();
            escape_value(text, &mut ours).unwrap();
            let mut teras = Vec::new();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(ours, teras, "{text}");
        }
        let mut ours = Vec::new();
        escape_value("<\u{202E}x", &mut ours).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            "\u{2068}&lt;\u{202E}x\u{202C}\u{2069}"
        );
    }
}
