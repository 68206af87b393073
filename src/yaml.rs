//! The one place that knows the YAML crate (serde-saphyr): parses front matter
//! and `portal.yaml` into the schema types with tight limits, and turns its
//! errors into [`Diagnostic`]s with file-relative lines and a hint for the
//! author.

use serde::de::DeserializeOwned;
use serde_saphyr::{SnippetMode, Spanned};

use crate::diagnostic::{Diagnostic, Position, did_you_mean};

/// Parses `yaml`, which starts on line `first_line` of `file` (whose whole
/// text is `file_text`, for the snippet).
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &str,
    file_text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    // Front matter is small and written by hand: no deep nesting, few aliases,
    // a bounded size. These limits stop alias bombs and deep nesting quickly.
    let options = serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_depth: 24,
            max_nodes: 50_000,
            max_aliases: 100,
            max_anchors: 100,
            max_documents: 1,
            max_total_scalar_bytes: 4 << 20,
        },
    };
    if yaml.trim().is_empty() {
        return Err(Diagnostic::error(
            "empty-front-matter",
            "there are no fields in the front matter",
        )
        .at(
            file,
            file_text,
            Position::new(first_line.saturating_sub(1).max(1), 1),
        )
        .with_help(
            "write the entry's fields between the two `---` lines, one `name: value` a line",
        ));
    }
    serde_saphyr::from_str_with_options::<T>(yaml, options)
        .map_err(|error| to_diagnostic(&error, file, file_text, first_line))
}

/// The position of a spanned value in the file, given the line the YAML
/// started on.
pub fn position<T>(value: &Spanned<T>, first_line: usize) -> Position {
    let location = value.referenced;
    Position::new(
        location.line() as usize + first_line - 1,
        location.column() as usize,
    )
}

fn to_diagnostic(
    error: &serde_saphyr::Error,
    file: &str,
    file_text: &str,
    first_line: usize,
) -> Diagnostic {
    let rendered = error.render_with_options(serde_saphyr::render_options! {
        snippets: SnippetMode::Off,
    });
    let message = strip_location(&rendered).to_string();
    let position = error.location().filter(|l| l.line() > 0).map(|l| {
        Position::new(
            l.line() as usize + first_line - 1,
            (l.column() as usize).max(1),
        )
    });
    let (code, message, help) = explain(&message);
    let diagnostic = Diagnostic::error(code, message);
    let diagnostic = match position {
        Some(p) => diagnostic.at(file, file_text, p),
        None => diagnostic.in_file(file),
    };
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// The crate appends " at line L, column C"; the position is shown separately.
fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i + 9..].starts_with(|c: char| c.is_ascii_digit()) => &message[..i],
        _ => message,
    }
}

/// Gives each kind of YAML error a stable code, plain wording and a hint.
fn explain(message: &str) -> (&'static str, String, Option<String>) {
    if let Some((field, expected)) = parse_unknown(message, "unknown field `") {
        let help = match did_you_mean(&field, expected.iter().map(String::as_str)) {
            Some(near) => format!(
                "did you mean `{near}`? The fields allowed here are: {}",
                expected.join(", ")
            ),
            None => format!(
                "remove it, or use one of the fields allowed here: {}",
                expected.join(", ")
            ),
        };
        return (
            "unknown-field",
            format!("unknown field `{field}`"),
            Some(help),
        );
    }
    if let Some((value, expected)) = parse_unknown(message, "unknown variant `") {
        let help = match did_you_mean(&value, expected.iter().map(String::as_str)) {
            Some(near) => format!(
                "did you mean `{near}`? Allowed values: {}",
                expected.join(", ")
            ),
            None => format!("use one of: {}", expected.join(", ")),
        };
        return (
            "invalid-value",
            format!("`{value}` is not an allowed value here"),
            Some(help),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            "missing-field",
            format!("required field `{field}` is missing"),
            Some(format!(
                "add a line `{field}: ...` to this part of the front matter; the README's \
                 field reference says what to write"
            )),
        );
    }
    if message.contains("date is not valid") || message.contains("civil date") {
        return (
            "invalid-date",
            message.replace("parsed date is not valid: ", "this is not a real date: "),
            Some("write dates as YYYY-MM-DD, for example 2026-03-31".into()),
        );
    }
    if message.contains("failed to parse") && message.contains("year") {
        return (
            "invalid-date",
            format!("this is not a date: {message}"),
            Some("write dates as YYYY-MM-DD, for example 2026-03-31".into()),
        );
    }
    if message.contains("invalid boolean") {
        return (
            "invalid-value",
            "expected `true` or `false`".into(),
            Some("write `true` or `false` (not yes/no/on/off)".into()),
        );
    }
    if message.contains("duplicate mapping key") {
        let key = message
            .trim_start_matches("duplicate mapping key: ")
            .split(',')
            .next()
            .unwrap_or("")
            .trim_matches('`');
        return (
            "duplicate-field",
            format!("the field `{key}` is given twice"),
            Some("keep one of the two lines and delete the other".into()),
        );
    }
    if message.contains("tab") {
        return (
            "yaml-syntax",
            message.to_string(),
            Some("indent with spaces, not tabs".into()),
        );
    }
    if message.contains("budget breached") || message.contains("recursion limit") {
        return (
            "yaml-too-complex",
            "the front matter is too deeply nested or uses too many aliases".into(),
            Some("write the fields out plainly; entries never need more than a few levels".into()),
        );
    }
    if message.starts_with("null")
        || message.contains("cannot deserialize null")
        || message == crate::schema::EMPTY_TEXT
    {
        return (
            "missing-value",
            "this field has no value".into(),
            Some(
                "write a value after the colon, or remove the line if the field is optional".into(),
            ),
        );
    }
    if message.starts_with("invalid ") {
        let kind = message.trim_start_matches("invalid ");
        let what = match kind {
            "u8" | "u16" | "u32" | "u64" | "i64" => "a whole number",
            "f64" | "f32" => "a number",
            other => other,
        };
        return (
            "invalid-value",
            format!("expected {what} here"),
            Some(format!("write {what}, without quotes or words")),
        );
    }
    if message.contains("expected mapping") {
        return (
            "wrong-type",
            "expected fields (`name: value` lines) here".into(),
            Some(
                "write `field: value` lines; a list (`- item`) or a single value cannot go here"
                    .into(),
            ),
        );
    }
    if message.contains("expected sequence") {
        return (
            "wrong-type",
            "expected a list here".into(),
            Some("write the items on their own lines, each starting with `- `".into()),
        );
    }
    if message.contains("expected string") || message.contains("expected a string") {
        return (
            "wrong-type",
            "expected text here".into(),
            Some(
                "write plain text; put it in quotes if it starts with [ { * & ! or contains `: `"
                    .into(),
            ),
        );
    }
    (
        "yaml-syntax",
        message.to_string(),
        Some(
            "check the indentation and punctuation of this line and the one above; \
              text containing `: ` or starting with a special character needs quotes"
                .into(),
        ),
    )
}

/// Splits "unknown field `x`, expected one of a, b" into ("x", [a, b]).
fn parse_unknown(message: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix(prefix)?;
    let (name, rest) = rest.split_once('`')?;
    let expected = rest
        .split_once("expected one of ")
        .map(|(_, list)| list)
        .or_else(|| rest.split_once("expected ").map(|(_, list)| list))
        .unwrap_or("");
    let expected = expected
        .split(',')
        .map(|s| s.trim().trim_matches('`').to_string())
        // Aliases with spaces (`in use`) are accepted but not advertised.
        .filter(|s| !s.is_empty() && s != "there are no fields" && !s.contains(' '))
        .collect();
    Some((name.to_string(), expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Entry {
        name: String,
        summary: String,
        #[serde(default)]
        count: Option<u32>,
    }

    fn error_of(yaml: &str) -> Diagnostic {
        let text = format!("---\n{yaml}---\n");
        parse::<Entry>(yaml, "e.md", &text, 2).unwrap_err()
    }

    #[test]
    fn unknown_field_gets_file_line_and_suggestion() {
        let d = error_of("name: A\nsumary: B\n");
        assert_eq!(d.code, "unknown-field");
        assert_eq!(d.position, Some(Position::new(3, 1)));
        assert_eq!(d.source_line.as_deref(), Some("sumary: B"));
        assert!(d.help.unwrap().starts_with("did you mean `summary`?"));
    }

    #[test]
    fn missing_field_is_named() {
        let d = error_of("name: A\n");
        assert_eq!(d.code, "missing-field");
        assert!(d.message.contains("`summary`"), "{}", d.message);
    }

    #[test]
    fn alias_bomb_is_rejected_quickly() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            yaml.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let d = error_of(&yaml);
        assert!(d.is_error());
    }
}
