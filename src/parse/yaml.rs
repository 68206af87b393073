//! The one place that knows the YAML crate (serde-saphyr): parses front matter
//! and `portal.yaml` into the schema types with tight limits, and turns its
//! errors into [`Diagnostic`]s with file-relative lines and a hint for the
//! author.

use serde::de::DeserializeOwned;
use serde_saphyr::{SnippetMode, Spanned};

use crate::diagnostic::{Diagnostic, Position, did_you_mean};

/// At most this many errors are reported for one file's YAML.
const MAX_ERRORS_PER_FILE: usize = 20;

/// Parses `yaml`, which starts on line `first_line` of `file` (whose whole
/// text is `file_text`, for the snippet).
///
/// serde stops at the first error, but an author wants every mistake of a
/// file at once. So after an error that can be stepped over (an unknown
/// field, a value that is not allowed, a bad date, an empty value) the
/// offending line is blanked out or its value replaced by a valid one, and
/// the YAML is parsed again. Errors after the first are kept only when they
/// are of those kinds and on lines the recovery did not touch, so a repair
/// never shows up as a mistake of its own.
pub(crate) fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &str,
    file_text: &str,
    first_line: usize,
) -> Result<T, Vec<Diagnostic>> {
    if yaml
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        let (what, help) = if first_line > 1 {
            (
                "there are no fields in the front matter",
                "write the entry's fields between the two `---` lines, one `name: value` a line",
            )
        } else {
            (
                "this file has no fields",
                "write the settings, one `name: value` a line; see the README",
            )
        };
        return Err(vec![
            Diagnostic::error("empty-front-matter", what)
                .at(
                    file,
                    file_text,
                    Position::new(first_line.saturating_sub(1).max(1), 1),
                )
                .with_help(help),
        ]);
    }
    let mut lines: Vec<String> = yaml.split('\n').map(str::to_string).collect();
    let mut touched: Vec<usize> = Vec::new();
    let mut blanked_keys: Vec<String> = Vec::new();
    let mut found: Vec<Diagnostic> = Vec::new();
    loop {
        let text = lines.join("\n");
        let error = match serde_saphyr::from_str_with_options::<T>(&text, options()) {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(_) => return Err(found),
            Err(error) => error,
        };
        let (diagnostic, recovery) = to_diagnostic(&error, file, file_text, first_line, yaml);
        let line_index = diagnostic
            .position
            .map(|p| p.line.saturating_sub(first_line))
            .filter(|&i| i < lines.len());
        if !found.is_empty() {
            let repeat = line_index.is_some_and(|i| touched.contains(&i));
            let cascade = diagnostic.code == "missing-field"
                && blanked_keys
                    .iter()
                    .any(|k| diagnostic.message.contains(&format!("`{k}`")));
            if matches!(recovery, Recovery::Stop) && diagnostic.code != "missing-field"
                || repeat
                || cascade
            {
                return Err(found);
            }
        }
        found.push(diagnostic);
        let (Some(index), Some(position)) = (line_index, found.last().and_then(|d| d.position))
        else {
            return Err(found);
        };
        if found.len() >= MAX_ERRORS_PER_FILE {
            return Err(found);
        }
        match recovery {
            Recovery::Stop => return Err(found),
            Recovery::Rename(new_key) if !mapping_has_key(&lines, index, &new_key) => {
                // A misspelt field: spell it right and keep its value, so a
                // required field is not reported missing as well.
                let line = &mut lines[index];
                let old_key = key_of(line).to_string();
                if let Some(at) = line.find(&old_key) {
                    line.replace_range(at..at + old_key.len(), &new_key);
                }
                touched.push(index);
            }
            Recovery::Blank | Recovery::Rename(_) => {
                blanked_keys.push(key_of(&lines[index]).to_string());
                for i in block_of(&lines, index) {
                    lines[i].clear();
                    touched.push(i);
                }
            }
            Recovery::Replace(value) => {
                let line = &mut lines[index];
                let start = line
                    .char_indices()
                    .nth(position.column.saturating_sub(1))
                    .map(|(b, _)| b)
                    .unwrap_or(line.len());
                line.truncate(start);
                line.push_str(&value);
                touched.push(index);
            }
        }
    }
}

fn options() -> serde_saphyr::Options {
    // Front matter is small and written by hand: no deep nesting, few aliases,
    // a bounded size. These limits stop alias bombs and deep nesting quickly.
    serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_depth: 24,
            max_nodes: 50_000,
            max_aliases: 100,
            max_anchors: 100,
            max_documents: 1,
            max_total_scalar_bytes: 4 << 20,
        },
    }
}

/// How to step over an error to look for the next one.
#[derive(Debug, PartialEq)]
enum Recovery {
    /// Nothing safe to do: report what was found so far.
    Stop,
    /// Blank out the line and everything indented under it.
    Blank,
    /// Give the line's key this name (a likely misspelling), or blank it if
    /// the mapping has that key already.
    Rename(String),
    /// Replace the value from the error's column to the end of the line.
    Replace(String),
}

/// The key a line sets (`name` in `  - name: x`).
fn key_of(line: &str) -> &str {
    let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
    trimmed.split(':').next().unwrap_or("").trim()
}

/// How far a line's key is indented, counting a list dash as indentation.
fn key_indent(line: &str) -> usize {
    let spaces = line.len() - line.trim_start().len();
    let rest = line.trim_start();
    if let Some(after) = rest.strip_prefix("- ") {
        spaces + 2 + (after.len() - after.trim_start().len())
    } else {
        spaces
    }
}

/// Whether the mapping line `index` belongs to already sets `key`.
fn mapping_has_key(lines: &[String], index: usize, key: &str) -> bool {
    let indent = key_indent(&lines[index]);
    let same_mapping = |i: &usize| {
        let line = &lines[*i];
        !line.trim().is_empty() && key_indent(line) == indent
    };
    let ends = |i: &usize| {
        let line = &lines[*i];
        !line.trim().is_empty() && key_indent(line) < indent
    };
    let before = (0..index).rev().take_while(|i| !ends(i));
    let after = (index + 1..lines.len()).take_while(|i| !ends(i));
    before
        .chain(after)
        .filter(same_mapping)
        .any(|i| key_of(&lines[i]) == key)
}

/// Line `index` and the lines after it that are indented deeper (its value).
fn block_of(lines: &[String], index: usize) -> std::ops::Range<usize> {
    let indent = key_indent(&lines[index]);
    let mut end = index + 1;
    while end < lines.len() && (lines[end].trim().is_empty() || key_indent(&lines[end]) > indent) {
        end += 1;
    }
    index..end
}

/// The position of a spanned value in the file, given the line the YAML
/// started on.
pub(crate) fn position<T>(value: &Spanned<T>, first_line: usize) -> Position {
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
    yaml: &str,
) -> (Diagnostic, Recovery) {
    let rendered = error.render_with_options(serde_saphyr::render_options! {
        snippets: SnippetMode::Off,
    });
    let raw = strip_location(&rendered).to_string();
    let mut position = error.location().filter(|l| l.line() > 0).map(|l| {
        Position::new(
            l.line() as usize + first_line - 1,
            (l.column() as usize).max(1),
        )
    });
    let (code, mut message, mut help) = explain(&raw);
    if code == "missing-field"
        && let Some(p) = position
    {
        let (place, where_) = missing_field_place(yaml, p.line + 1 - first_line, first_line);
        position = Some(place);
        message.push_str(&where_);
        if let Some(h) = &mut help {
            *h = h.replace("to this part of the front matter", "there");
        }
    }
    let recovery = recovery_for(code, &raw);
    let diagnostic = Diagnostic::error(code, message);
    let diagnostic = match position {
        Some(p) => diagnostic.at(file, file_text, p),
        None => diagnostic.in_file(file),
    };
    let diagnostic = match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    };
    (diagnostic, recovery)
}

/// serde-saphyr reports a missing field at the last key of the mapping it
/// is missing from. Point instead at the mapping's own key (`human_oversight:`),
/// at the list item it belongs to, or at the opening `---` for the top level.
fn missing_field_place(yaml: &str, reported_line: usize, first_line: usize) -> (Position, String) {
    let lines: Vec<&str> = yaml.split('\n').collect();
    let index = reported_line
        .saturating_sub(1)
        .min(lines.len().saturating_sub(1));
    let Some(line) = lines.get(index) else {
        return (Position::new(first_line, 1), String::new());
    };
    let indent = key_indent(line);
    if indent == 0 {
        let at = Position::new(first_line.saturating_sub(1).max(1), 1);
        let where_ = if first_line > 1 {
            " from the front matter"
        } else {
            ""
        };
        return (at, where_.to_string());
    }
    for i in (0..=index).rev() {
        let candidate = lines[i];
        if candidate.trim().is_empty() || candidate.trim_start().starts_with('#') {
            continue;
        }
        let spaces = candidate.len() - candidate.trim_start().len();
        let is_item_start =
            candidate.trim_start().starts_with("- ") && key_indent(candidate) == indent;
        if is_item_start {
            return (
                Position::new(first_line + i, spaces + 1),
                " from this item of the list".to_string(),
            );
        }
        if key_indent(candidate) < indent {
            return (
                Position::new(first_line + i, spaces + 1),
                format!(" under `{}`", key_of(candidate)),
            );
        }
    }
    (Position::new(first_line, 1), String::new())
}

/// What can be done to step over an error of this kind.
fn recovery_for(code: &str, raw: &str) -> Recovery {
    match code {
        "unknown-field" => match parse_unknown(raw, "unknown field `") {
            Some((field, expected)) => did_you_mean(&field, expected.iter().map(String::as_str))
                .map_or(Recovery::Blank, |near| Recovery::Rename(near.to_string())),
            None => Recovery::Blank,
        },
        "duplicate-field" => Recovery::Blank,
        "invalid-date" => Recovery::Replace("2000-01-01".into()),
        "missing-value" => Recovery::Replace("x".into()),
        "invalid-value" => {
            if let Some((_, expected)) = parse_unknown(raw, "unknown variant `") {
                expected
                    .first()
                    .map_or(Recovery::Stop, |v| Recovery::Replace(v.clone()))
            } else if raw.contains("invalid boolean") {
                Recovery::Replace("true".into())
            } else {
                Recovery::Replace("0".into())
            }
        }
        "wrong-type" if raw.contains("expected string") || raw.contains("expected a string") => {
            Recovery::Replace("x".into())
        }
        _ => Recovery::Stop,
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
    if message.contains("Documents")
        || message.contains("multiple documents")
        || message.contains("MultipleDocuments")
    {
        return (
            "yaml-syntax",
            "a second YAML document starts here".into(),
            Some(
                "a `---` line ends the fields; remove it, or put the line in quotes if it is text"
                    .into(),
            ),
        );
    }
    if message.contains("budget breached: Aliases") || message.contains("budget breached: Anchors")
    {
        return (
            "yaml-too-complex",
            "the front matter uses too many YAML anchors (`&name`) or references to them (`*name`)"
                .into(),
            Some("write the values out in full; entries never need anchors".into()),
        );
    }
    if message.contains("budget breached: Depth") || message.contains("recursion limit") {
        return (
            "yaml-too-complex",
            "the front matter is too deeply nested".into(),
            Some("write the fields out plainly; entries never need more than a few levels".into()),
        );
    }
    if message.contains("budget breached") {
        return (
            "yaml-too-large",
            "the front matter holds far more values than an entry can have (tens of thousands)".into(),
            Some("an entry has a few hundred values at most: remove what was pasted in by mistake, or split the list".into()),
        );
    }
    if message.starts_with("null")
        || message.contains("cannot deserialize null")
        || message == crate::parse::schema::EMPTY_TEXT
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
        parse::<Entry>(yaml, "e.md", &text, 2)
            .unwrap_err()
            .remove(0)
    }

    fn errors_of(yaml: &str) -> Vec<Diagnostic> {
        let text = format!("---\n{yaml}---\n");
        parse::<Entry>(yaml, "e.md", &text, 2).unwrap_err()
    }

    #[test]
    fn every_recoverable_mistake_of_a_file_is_reported() {
        let errors = errors_of("nme: A\nsummary: B\ncount: many\ncolour: red\n");
        let codes: Vec<_> = errors.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["unknown-field", "invalid-value", "unknown-field"],
            "{errors:?}"
        );
        // The repair of `nme` must not show up as "missing field `name`".
        assert!(errors.iter().all(|d| !d.message.contains("`name`")));
    }

    #[test]
    fn missing_nested_field_points_at_its_parent() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            inner: Inner,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            a: String,
            b: String,
        }
        let yaml = "inner:\n  a: x\n";
        let text = format!("---\n{yaml}---\n");
        let d = parse::<Outer>(yaml, "e.md", &text, 2)
            .unwrap_err()
            .remove(0);
        assert_eq!(d.position, Some(Position::new(2, 1)));
        assert!(d.message.ends_with("under `inner`"), "{}", d.message);
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
