//! Diagnostics are values: what went wrong, where (file, line, column, the
//! offending line) and what to do about it. The build collects every one of
//! them instead of stopping at the first; printing them is a separate concern
//! ([`Diagnostic::render`] for a terminal, more renderers later).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is. Errors fail the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file. Lines and columns count from 1; column counts
/// characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// One problem found in the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable short name of the rule, e.g. `unknown-field`.
    pub code: &'static str,
    pub message: String,
    /// Path relative to the portal folder, with `/` separators.
    pub file: Option<String>,
    pub position: Option<Position>,
    /// The text of the offending line, for the snippet.
    pub source_line: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: None,
            position: None,
            source_line: None,
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Names the file (relative to the portal folder) without a position.
    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.to_string());
        self
    }

    /// Names the file and the position, and keeps the offending line of `text`
    /// for the snippet.
    pub fn at(mut self, file: &str, text: &str, position: Position) -> Self {
        self.file = Some(file.to_string());
        self.source_line = text
            .lines()
            .nth(position.line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self.position = Some(position);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, or as much of it as is known.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match self.position {
            Some(p) => format!("{file}:{}:{}", p.line, p.column),
            None => file.clone(),
        })
    }

    /// Renders the diagnostic for a terminal, in the style of rustc:
    ///
    /// ```text
    /// error[unknown-field]: unknown field `sumary`
    ///   --> content/systems/parking.md:3:1
    ///    |
    ///  3 | sumary: Cameras check
    ///    | ^^^^^^
    ///    = help: did you mean `summary`?
    /// ```
    pub fn render(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}[{}]: {}", self.code, self.message);
        let line_no = self
            .position
            .map(|p| p.line.to_string())
            .unwrap_or_default();
        let gutter = " ".repeat(line_no.len().max(1));
        if let Some(location) = self.location() {
            let _ = writeln!(out, "{gutter}--> {location}");
        }
        if let (Some(position), Some(source)) = (self.position, &self.source_line) {
            let shown: String = source.replace('\t', " ");
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{line_no} | {shown}");
            let start = position.column.saturating_sub(1);
            let width = underline_width(&shown, start);
            let _ = writeln!(
                out,
                "{gutter} | {}{}",
                " ".repeat(start),
                "^".repeat(width.max(1))
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{gutter} = help: {help}");
        }
        out
    }
}

/// How many characters to underline from `start`: the word (or quoted value)
/// that begins there.
fn underline_width(line: &str, start: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(start).collect();
    match rest.first() {
        None => 1,
        Some(&q @ ('"' | '\'')) => rest
            .iter()
            .skip(1)
            .position(|&c| c == q)
            .map(|n| n + 2)
            .unwrap_or(rest.len()),
        Some(_) => rest
            .iter()
            .position(|&c| c == ':' || c == ',' || c == ']' || c == '#' || c.is_whitespace())
            .unwrap_or(rest.len())
            .max(1),
    }
}

/// All diagnostics of one build, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorts by file, then position, then message, so output does not depend
    /// on the order threads finished in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.message)
                .cmp(&(&b.file, b.position, b.severity, &b.message))
        });
        self.items.dedup();
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The path of `path` relative to `root`, with `/` separators, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The closest candidate to `word` by edit distance, if it is close enough to
/// be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = edit_distance(&word_lower, &candidate.to_lowercase());
        let limit = (candidate.chars().count().max(word.chars().count()) / 3).max(1);
        let close = distance <= limit
            || (word_lower.len() >= 3 && candidate.to_lowercase().contains(&word_lower));
        if close && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Ids from `candidates` nearest to `word`, at most `n`, nearest first.
pub fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current[j + 1] = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["summary", "service_area", "status", "name"];
        assert_eq!(did_you_mean("sumary", fields), Some("summary"));
        assert_eq!(did_you_mean("servicearea", fields), Some("service_area"));
        assert_eq!(did_you_mean("owner", fields), None);
    }

    #[test]
    fn renders_caret_under_the_word() {
        let d = Diagnostic::error("unknown-field", "unknown field `sumary`")
            .at(
                "content/systems/a.md",
                "---\nname: A\nsumary: x\n",
                Position::new(3, 1),
            )
            .with_help("did you mean `summary`?");
        let text = d.render();
        assert!(text.contains("--> content/systems/a.md:3:1"), "{text}");
        assert!(text.contains("3 | sumary: x"), "{text}");
        assert!(text.contains("  | ^^^^^^\n"), "{text}");
        assert!(text.contains("= help: did you mean `summary`?"), "{text}");
    }
}
