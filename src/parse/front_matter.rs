//! Splits an entry file into its YAML front matter and its Markdown body.
//!
//! The fences are found line by line, never with a pattern over the whole
//! text: the first line must be `---` and the front matter ends at the next
//! line that is `---` (or `...`), trailing spaces and CRLF endings allowed.

use crate::diagnostic::{Diagnostic, Position};

/// The two parts of an entry, with the line each starts on (counting from 1)
/// so that messages can point into the original file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the file the first YAML line is on.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line of the file the body starts on.
    pub body_line: usize,
}

/// Splits `text` (already without a byte-order mark) from `file`.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut lines = LineSpans::new(text);
    let Some((first, _, after_first)) = lines.next() else {
        return Err(Diagnostic::error("empty-file", "this file is empty")
            .in_file(file)
            .with_help(
                "an entry starts with a line `---`, then its fields, then another `---` line, \
                 then the text; copy an existing entry to start one",
            ));
    };
    if !is_fence(first) {
        return Err(Diagnostic::error(
            "missing-front-matter",
            "the file does not start with a `---` line",
        )
        .at(file, text, Position::new(1, 1))
        .with_help(
            "put a line with just `---` at the very top of the file, then the fields \
             (such as `name:`), then another `---` line before the text",
        ));
    }
    let yaml_start = after_first;
    for (line, start, end) in lines {
        if is_fence(line) || line.trim_end() == "..." {
            let line_no = line_number(text, start);
            return Ok(Split {
                yaml: &text[yaml_start..start],
                yaml_line: 2,
                body: &text[end..],
                body_line: line_no + 1,
            });
        }
    }
    let last_line = text.lines().count().max(1);
    Err(
        Diagnostic::error("unclosed-front-matter", "the front matter is never closed")
            .at(file, text, Position::new(1, 1))
            .with_help(format!(
                "add a line with just `---` after the last field (the file has {last_line} \
                 lines and none of them after line 1 is `---`)"
            )),
    )
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

fn line_number(text: &str, byte: usize) -> usize {
    text[..byte].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Iterates over lines as (line without its ending, start byte, byte after the ending).
struct LineSpans<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineSpans<'a> {
    fn new(text: &'a str) -> Self {
        LineSpans { text, pos: 0 }
    }
}

impl<'a> Iterator for LineSpans<'a> {
    type Item = (&'a str, usize, usize);
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, consumed) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos = start + consumed;
        Some((line.trim_end_matches('\r'), start, self.pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_with_line_numbers() {
        let s = split("a.md", "---\nname: A\n---\n\nBody\n").unwrap();
        assert_eq!(s.yaml, "name: A\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn accepts_crlf_and_trailing_spaces_on_fences() {
        let s = split("a.md", "--- \r\nname: A\r\n---\r\nBody").unwrap();
        assert_eq!(s.yaml, "name: A\r\n");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn a_dashed_line_inside_a_value_is_not_a_fence() {
        let s = split("a.md", "---\nname: A\nnote: ----\n---\n").unwrap();
        assert_eq!(s.yaml, "name: A\nnote: ----\n");
    }

    #[test]
    fn reports_missing_and_unclosed_fences() {
        assert_eq!(split("a.md", "").unwrap_err().code, "empty-file");
        assert_eq!(
            split("a.md", "name: A\n").unwrap_err().code,
            "missing-front-matter"
        );
        assert_eq!(
            split("a.md", "---\nname: A\n").unwrap_err().code,
            "unclosed-front-matter"
        );
    }
}
