//! Text still to be written: `glassbox new` and `init` leave `TODO` where only
//! the author knows what to put. A build refuses to publish any of them
//! (an error each); a draft build (`--draft`) warns about each one instead
//! and marks every page as a draft.

use crate::diagnostic::{Diagnostic, Position, Severity};
use crate::load::Sources;

/// The word that marks text still to be written.
pub const PLACEHOLDER: &str = "TODO";

/// The code of the diagnostic for a placeholder left.
pub const PLACEHOLDER_CODE: &str = "placeholder";

/// A diagnostic for every `TODO` left in what would be published
/// (`portal.yaml`, the entries and the pages), at its line and column: an
/// error, or a warning for a draft build. Comment lines of front matter and
/// `portal.yaml` are skipped: they explain what to write, and are never
/// published.
pub fn placeholder_diagnostics(sources: &Sources, draft: bool) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let entries = sources
        .systems
        .iter()
        .chain(&sources.errors)
        .chain(&sources.challenges)
        .chain(&sources.pages);
    for file in sources.portal.iter() {
        scan(&file.path, &file.text, false, &mut found);
    }
    for file in entries {
        scan(&file.path, &file.text, true, &mut found);
    }
    mark(found, draft)
}

/// The placeholders in an entry file's text, before [`mark`]: for entries
/// read as they are parsed ([`crate::load::Sources::unread`]).
pub(super) fn scan_entry(path: &str, text: &str, out: &mut Vec<Diagnostic>) {
    scan(path, text, true, out);
}

/// Gives placeholders found by [`scan_entry`] what
/// [`placeholder_diagnostics`] gives its own: an error, or a warning in a
/// draft.
pub fn mark(mut found: Vec<Diagnostic>, draft: bool) -> Vec<Diagnostic> {
    let severity = if draft {
        Severity::Warning
    } else {
        Severity::Error
    };
    for d in &mut found {
        d.severity = severity;
        if draft {
            d.help = Some(
                "replace the TODO text with what the comment above it asks for (or delete the line if the field is optional)".into(),
            );
        } else {
            d.message = "text still to be written: this line has a TODO placeholder, which must not be published".into();
        }
    }
    found
}

/// Whether an entry file's text has a placeholder a build would refuse.
pub(super) fn has_placeholder(path: &str, text: &str) -> bool {
    if !text.contains(PLACEHOLDER) {
        return false;
    }
    let mut found = Vec::new();
    scan(path, text, true, &mut found);
    !found.is_empty()
}

/// `front_matter` is true for Markdown entries: YAML comments are skipped
/// only between the opening and closing `---` lines.
fn scan(path: &str, text: &str, front_matter: bool, out: &mut Vec<Diagnostic>) {
    // One search of the whole text first: most files have none.
    if !text.contains(PLACEHOLDER) {
        return;
    }
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
                    PLACEHOLDER_CODE,
                    "text still to be written: this line has a TODO placeholder",
                )
                .at(path, text, Position::new(n + 1, column))
                .with_help(
                    "replace the TODO text with what the comment above it asks for (or delete the line if the field is optional); to preview the portal before it is finished, build with --draft",
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
