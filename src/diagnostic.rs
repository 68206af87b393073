//! Diagnostics are values: what went wrong, where (file, line, column, the
//! offending line) and what to do about it. The build collects every one of
//! them instead of stopping at the first; printing them is a separate concern
//! ([`Diagnostic::render`] for a terminal, more renderers later).

use std::collections::BTreeMap;
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
    /// What a summary of many diagnostics of this code counts this one under
    /// (see [`Diagnostics::summarise`]); `None` for most.
    pub tally: Option<Tally>,
}

/// How a diagnostic that repeats for many records is counted in a summary:
/// under each of its `keys` (e.g. the fields one imported record leaves
/// empty), in a table headed by `heading` with `key_column` for the keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub heading: &'static str,
    pub key_column: &'static str,
    pub keys: Vec<String>,
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
            tally: None,
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

    /// Counts this diagnostic under `keys` when many of its code are summarised.
    pub fn with_tally(
        mut self,
        heading: &'static str,
        key_column: &'static str,
        keys: Vec<String>,
    ) -> Self {
        self.tally = Some(Tally {
            heading,
            key_column,
            keys,
        });
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
        let _ = writeln!(out, "{label}[{}]: {}", self.code, codes(&self.message));
        let line_no = self
            .position
            .map(|p| p.line.to_string())
            .unwrap_or_default();
        let gutter = " ".repeat(line_no.len().max(1));
        if let Some(location) = self.location() {
            let _ = writeln!(out, "{gutter}--> {location}");
        }
        if let (Some(position), Some(source)) = (self.position, &self.source_line) {
            let (shown, start, code_width) = visible(&source.replace('\t', " "), position.column);
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{line_no} | {shown}");
            let width = code_width.unwrap_or_else(|| underline_width(&shown, start));
            let _ = writeln!(
                out,
                "{gutter} | {}{}",
                " ".repeat(start),
                "^".repeat(width.max(1))
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{gutter} = help: {}", codes(help));
        }
        out
    }
}

/// A bidirectional control character (U+202A–U+202E, U+2066–U+2069; see
/// `crate::model::bidi`, which this first stage cannot use).
fn is_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A message or help for a terminal: each bidirectional control in it
/// (from a name or value it quotes) written as its code, `<U+202E>`, so
/// that it cannot turn the rest of the line around.
fn codes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if is_control(c) {
                format!("<U+{:04X}>", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// The line as it is shown under a diagnostic, the character the 1-based
/// `column` falls on in it, and the width of the code when the column is
/// on one: each bidirectional control character (U+202A–U+202E,
/// U+2066–U+2069, see `crate::model::bidi`) is written as its code,
/// `<U+202E>`, so that it shows where it is instead of turning the
/// terminal's line around.
fn visible(line: &str, column: usize) -> (String, usize, Option<usize>) {
    let start = column.saturating_sub(1);
    if !line.contains(is_control) {
        return (line.to_string(), start, None);
    }
    let mut shown = String::with_capacity(line.len() + 16);
    let mut shown_start = start;
    let mut code_width = None;
    for (i, c) in line.chars().enumerate() {
        if is_control(c) {
            let code = format!("<U+{:04X}>", c as u32);
            if i < start {
                shown_start += code.len() - 1;
            } else if i == start {
                code_width = Some(code.len());
            }
            shown.push_str(&code);
        } else {
            shown.push(c);
        }
    }
    (shown, shown_start, code_width)
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

    /// Makes every diagnostic with `code` an error (for `check`, which
    /// renders a draft to follow its links but reports as errors what a
    /// real build refuses).
    pub fn escalate(&mut self, code: &str) {
        for d in self.items.iter_mut().filter(|d| d.code == code) {
            d.severity = Severity::Error;
        }
    }

    /// Groups warnings that repeat: a code with more than [`SUMMARY_LIMIT`]
    /// warnings becomes one [`Summary`], so that a build over a register
    /// of thousands of imported records prints a table instead of a line
    /// per record. Errors are never grouped. Returns the diagnostics to
    /// print one by one (in order) and the summaries (by code).
    pub fn summarise(&self) -> (Vec<&Diagnostic>, Vec<Summary>) {
        let mut per_code: BTreeMap<&'static str, usize> = BTreeMap::new();
        for d in self.items.iter().filter(|d| !d.is_error()) {
            *per_code.entry(d.code).or_default() += 1;
        }
        let grouped = |d: &Diagnostic| {
            !d.is_error() && per_code.get(d.code).is_some_and(|&n| n > SUMMARY_LIMIT)
        };
        let single = self.items.iter().filter(|d| !grouped(d)).collect();
        let mut summaries: BTreeMap<&'static str, Summary> = BTreeMap::new();
        for d in self.items.iter().filter(|d| grouped(d)) {
            let summary = summaries.entry(d.code).or_insert_with(|| Summary {
                code: d.code,
                count: 0,
                files: 0,
                example: d.clone(),
                tally: Vec::new(),
                last_file: None,
            });
            summary.count += 1;
            if d.file.is_some() && summary.last_file != d.file {
                summary.files += 1;
                summary.last_file = d.file.clone();
            }
            if let Some(tally) = &d.tally {
                for key in &tally.keys {
                    match summary.tally.iter_mut().find(|(k, _)| k == key) {
                        Some((_, n)) => *n += 1,
                        None => summary.tally.push((key.clone(), 1)),
                    }
                }
            }
        }
        let mut summaries: Vec<Summary> = summaries.into_values().collect();
        for s in &mut summaries {
            // Most common first; ties by name, so the table is stable.
            s.tally
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        (single, summaries)
    }
}

/// More warnings of one code than this are summarised by
/// [`Diagnostics::summarise`].
pub const SUMMARY_LIMIT: usize = 5;

/// Many warnings of one code, counted.
#[derive(Debug, Clone)]
pub struct Summary {
    pub code: &'static str,
    /// How many warnings.
    pub count: usize,
    /// How many files they are in.
    pub files: usize,
    /// The first of them, for its message and help.
    pub example: Diagnostic,
    /// For codes counted by key (see [`Tally`]): each key with the number
    /// of warnings that name it, most first.
    pub tally: Vec<(String, usize)>,
    last_file: Option<String>,
}

impl Summary {
    /// The summary for a terminal: one line with the count and an example,
    /// the table when the code is counted by key, and `full_list`, which
    /// says how to see every one.
    pub fn render(&self, full_list: &str) -> String {
        let mut out = String::new();
        let label = match self.example.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.example.tally {
            Some(tally) => {
                let _ = writeln!(
                    out,
                    "{label}[{}]: {} {}",
                    self.code,
                    thousands(self.files.max(1)),
                    tally.heading
                );
                let width = self
                    .tally
                    .iter()
                    .map(|(k, _)| k.chars().count())
                    .chain([tally.key_column.chars().count()])
                    .max()
                    .unwrap_or(0);
                let _ = writeln!(out, "    {:<width$}  records", tally.key_column);
                for (key, n) in &self.tally {
                    let _ = writeln!(out, "    {key:<width$}  {:>7}", thousands(*n));
                }
            }
            None => {
                let where_ = match self.files {
                    0 | 1 => String::new(),
                    n => format!(" in {} files", thousands(n)),
                };
                let _ = writeln!(
                    out,
                    "{label}[{}]: {} times{where_}, such as: {}",
                    self.code,
                    thousands(self.count),
                    codes(&self.example.message)
                );
                if let Some(location) = self.example.location() {
                    let _ = writeln!(out, "  --> {location}");
                }
            }
        }
        if let Some(help) = &self.example.help {
            let _ = writeln!(out, "  = help: {}", codes(help));
        }
        let _ = writeln!(out, "  = every one, with its file and line: {full_list}");
        out
    }
}

/// `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(list: Vec<Diagnostic>) -> Self {
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(list);
        diagnostics
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
    nearest(word, candidates, 1).into_iter().next()
}

/// Candidates close enough to `word` to be what was meant, at most `n`,
/// nearest first. Close means a few typing slips away (a letter wrong,
/// missing, extra or two swapped), or sharing a whole word of the id.
pub fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let word = word.to_lowercase();
    let words: Vec<&str> = word
        .split(['-', '_', ' '])
        .filter(|w| w.len() >= 4)
        .collect();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let distance = edit_distance(&word, &lower);
            let limit = (word.chars().count().max(lower.chars().count()) / 3).max(2);
            let shares_word = lower
                .split(['-', '_', ' '])
                .any(|part| words.contains(&part));
            let contains = word.len() >= 3 && (lower.contains(&word) || word.contains(&lower));
            (distance <= limit || shares_word || contains).then_some((distance, candidate))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// Edit distance over characters where a swap of two neighbours counts as
/// one slip (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
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
        assert_eq!(did_you_mean("nmae", fields), Some("name"));
    }

    #[test]
    fn nearest_ids_are_close_or_share_a_word() {
        let ids = [
            "traffic-enforcement-cameras",
            "letter-translation",
            "parking-permits",
        ];
        assert_eq!(nearest("parking-camras", ids, 3), vec!["parking-permits"]);
        assert_eq!(
            nearest("letter-translaton", ids, 3),
            vec!["letter-translation"]
        );
        assert!(nearest("zzz", ids, 3).is_empty());
    }

    #[test]
    fn repeated_warnings_are_counted_by_key_in_one_table() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(11705), "11,705");
        assert_eq!(thousands(1234567), "1,234,567");
        let mut d = Diagnostics::new();
        for i in 0..6 {
            let keys = if i < 2 { vec!["b", "a"] } else { vec!["a"] };
            d.push(
                Diagnostic::warning("gap", "x")
                    .in_file(&format!("f{i}.md"))
                    .with_tally(
                        "records leave fields empty:",
                        "field",
                        keys.into_iter().map(String::from).collect(),
                    ),
            );
        }
        let (single, summaries) = d.summarise();
        assert!(single.is_empty());
        assert_eq!(summaries[0].tally, vec![("a".into(), 6), ("b".into(), 2)]);
        let text = summaries[0].render("FULL");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "warning[gap]: 6 records leave fields empty:");
        assert_eq!(
            lines[1].split_whitespace().collect::<Vec<_>>(),
            ["field", "records"]
        );
        assert_eq!(lines[2].split_whitespace().collect::<Vec<_>>(), ["a", "6"]);
        assert_eq!(lines[3].split_whitespace().collect::<Vec<_>>(), ["b", "2"]);
        assert!(
            text.ends_with("every one, with its file and line: FULL\n"),
            "{text}"
        );
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

    #[test]
    fn bidirectional_controls_in_the_line_are_shown_as_codes() {
        let d = Diagnostic::warning("bidi-control", "x").at(
            "content/systems/a.md",
            "---\nname: \u{2067}A\u{2069} \u{202E}B\n",
            Position::new(2, 11),
        );
        let text = d.render();
        assert!(!text.contains('\u{202E}'), "{text}");
        let d = Diagnostic::warning("no-training", "A\u{202E}B records no training");
        assert!(d.render().contains("A<U+202E>B records no training"));
        assert!(
            text.contains("2 | name: <U+2067>A<U+2069> <U+202E>B\n"),
            "{text}"
        );
        assert!(
            text.contains(&format!("  | {}^^^^^^^^\n", " ".repeat(24))),
            "{text}"
        );
    }
}
