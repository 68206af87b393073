//! Writing the front matter of imported entries. Every string is written as
//! a YAML double-quoted scalar with every character that could change its
//! meaning escaped, so text from another register (colons, quotes, `no`,
//! `1.10`, a leading `-`, newlines, `{{`) reads back exactly as it was.

use std::fmt::Write;

/// `text` as a YAML double-quoted scalar.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Anything YAML does not allow as printable text, or that a
            // reader might fold (line and paragraph separators, NEL, BOM).
            c if (c as u32) < 0x20
                || (0x7f..=0x9f).contains(&(c as u32))
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
                || (0xd800..=0xdfff).contains(&(c as u32))
                || c == '\u{fffe}'
                || c == '\u{ffff}' =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A small builder for block-style YAML.
#[derive(Default)]
pub(crate) struct Yaml {
    out: String,
}

impl Yaml {
    pub(crate) fn new() -> Self {
        Yaml::default()
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    /// `key: "text"`.
    pub(crate) fn text(&mut self, depth: usize, key: &str, value: &str) {
        self.indent(depth);
        let _ = writeln!(self.out, "{key}: {}", quote(value));
    }

    /// `key: value` for a value that is not free text (a date, an enum
    /// value, a boolean), with an optional comment.
    pub(crate) fn plain(&mut self, depth: usize, key: &str, value: &str, comment: Option<&str>) {
        self.indent(depth);
        match comment {
            Some(c) => {
                let _ = writeln!(self.out, "{key}: {value}  # {c}");
            }
            None => {
                let _ = writeln!(self.out, "{key}: {value}");
            }
        }
    }

    /// `key:` opening a nested map or list.
    pub(crate) fn open(&mut self, depth: usize, key: &str, comment: Option<&str>) {
        self.indent(depth);
        match comment {
            Some(c) => {
                let _ = writeln!(self.out, "{key}:  # {c}");
            }
            None => {
                let _ = writeln!(self.out, "{key}:");
            }
        }
    }

    /// `- "text"`.
    pub(crate) fn item(&mut self, depth: usize, value: &str) {
        self.indent(depth);
        let _ = writeln!(self.out, "- {}", quote(value));
    }

    /// `- key: "text"`, the first field of a map in a list.
    pub(crate) fn item_text(&mut self, depth: usize, key: &str, value: &str) {
        self.indent(depth);
        let _ = writeln!(self.out, "- {key}: {}", quote(value));
    }

    pub(crate) fn comment(&mut self, depth: usize, text: &str) {
        self.indent(depth);
        let _ = writeln!(self.out, "# {}", text.replace('\n', " "));
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct One {
        v: String,
    }

    #[test]
    fn tricky_strings_read_back_unchanged() {
        let tricky = [
            "a: b",
            "\"quoted\" and 'single'",
            "no",
            "yes",
            "1.10",
            "- leading dash",
            "line one\nline two\n\n  indented",
            "{{ template }} {% block %}",
            "# not a comment",
            "&anchor *alias !tag",
            "trailing space ",
            "tab\tand\r\nCRLF",
            "nul\u{0}bell\u{7}del\u{7f}nel\u{85}",
            "separator\u{2028}para\u{2029}bom\u{feff}",
            "~",
            "null",
            "",
            "---",
            "...",
            "@at `tick` | pipe > fold % percent",
            "emoji 🙂 and Dutch ‘quotes’ — dash",
            "back\\slash \\n not a newline",
        ];
        for t in tricky {
            let mut y = Yaml::new();
            y.text(0, "v", t);
            let text = y.finish();
            let back: One = crate::parse::yaml::parse(&text, "t.yaml", &text, 1)
                .unwrap_or_else(|e| panic!("{t:?} -> {text:?}: {:?}", e[0].render()));
            assert_eq!(back.v, t, "written as {text}");
        }
    }
}
