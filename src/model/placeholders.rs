//! Text still to be written: `glassbox new` and `init` leave `TODO` where only
//! the author knows what to put, and every build warns about each one left.

use crate::diagnostic::{Diagnostic, Position};
use crate::load::Sources;

/// The word that marks text still to be written.
pub const PLACEHOLDER: &str = "TODO";

/// A warning for every `TODO` left in a portal's files, at its line and
/// column. Comment lines of front matter and `portal.yaml` are skipped:
/// they explain what to write.
pub fn placeholder_warnings(sources: &Sources) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let entries = sources
        .systems
        .iter()
        .chain(&sources.errors)
        .chain(&sources.challenges)
        .chain(&sources.pages);
    for file in sources.portal.iter() {
        scan(&file.path, &file.text, false, &mut warnings);
    }
    for file in entries {
        scan(&file.path, &file.text, true, &mut warnings);
    }
    warnings
}

/// `front_matter` is true for Markdown entries: YAML comments are skipped
/// only between the opening and closing `---` lines.
fn scan(path: &str, text: &str, front_matter: bool, out: &mut Vec<Diagnostic>) {
    let mut in_yaml = !front_matter;
    let mut fences = 0;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if front_matter && fences < 2 && (trimmed == "---" || (fences == 1 && trimmed == "...")) {
            fences += 1;
            in_yaml = fences == 1;
            continue;
        }
        if in_yaml && trimmed.starts_with('#') {
            continue;
        }
        if let Some(byte) = find_placeholder(line) {
            let column = line[..byte].chars().count() + 1;
            out.push(
                Diagnostic::warning(
                    "placeholder",
                    "text still to be written: this line has a TODO placeholder",
                )
                .at(path, text, Position::new(n + 1, column))
                .with_help(
                    "replace the TODO text with what the comment above it asks for (or delete the line if the field is optional)",
                ),
            );
        }
    }
}

/// Byte offset of `TODO` standing as a word (not inside `TODOS` or `MASTODON`).
fn find_placeholder(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    line.match_indices(PLACEHOLDER).map(|(i, _)| i).find(|&i| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + PLACEHOLDER.len()).copied();
        !before.is_some_and(|b| b.is_ascii_alphanumeric())
            && !after.is_some_and(|b| b.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_as_words_outside_comments() {
        assert_eq!(find_placeholder("name: TODO the name"), Some(6));
        assert_eq!(find_placeholder("email: TODO@example.gov.uk"), Some(7));
        assert_eq!(find_placeholder("MASTODON and TODOS"), None);
        let text = "---\n# TODO in a comment\ntitle: TODO\n---\n\n# TODO heading\n";
        let mut out = Vec::new();
        scan("content/pages/x.md", text, true, &mut out);
        let lines: Vec<usize> = out.iter().map(|d| d.position.unwrap().line).collect();
        assert_eq!(lines, vec![3, 6]);
    }
}
