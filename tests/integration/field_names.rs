//! Each field name of the content model is written once, in the table of
//! `src/model/fields.rs`; code names a field by its `Field` variant. These
//! tests read the string literals of `src/` and fail on a field name
//! written anywhere else.

use std::path::{Path, PathBuf};

use glassbox::model::Field;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of Rust code, with their line numbers. Comments,
/// character literals and attributes (`#[serde(rename = "...")]` names a
/// key of a file format, not a field) are skipped; a file's unit tests
/// (its `#[cfg(test)] mod` at the end) are left out.
fn literals(code: &str) -> Vec<(usize, String)> {
    let code = code.split("#[cfg(test)]\nmod ").next().unwrap();
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut line_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
            }
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    if chars[i] == '\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            // A character literal: 'x', '\n', '\'', '"'.
            '\'' if next == Some('\\') => {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            '"' => {
                let start_line = line;
                let in_attribute: String = chars[line_start..i].iter().collect();
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        text.push(chars[i]);
                        i += 1;
                    }
                    if chars[i] == '\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                i += 1;
                if !in_attribute.trim_start().starts_with("#[") {
                    out.push((start_line, text));
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Files whose single-word literals such as "name" or "status" are words
/// of another vocabulary: HTML attributes and ids, the keys of the open
/// data, search index and check report, a standard's own column names, the
/// made-up prose of `bench-gen`, the form widgets `glassbox cms` picks by
/// the JSON Schema's property names (which cover every entry kind, not only
/// the fields of the table) and the keys of Decap's own configuration.
/// Dotted names (`human_oversight.who`) are
/// field paths wherever they appear, so they are looked for here too.
const OTHER_VOCABULARIES: &[&str] = &[
    "commands/bench_gen/entries.rs",
    "commands/bench_gen/words.rs",
    "commands/cms/fields.rs",
    // Version history compares errors and challenge routes too, whose fields
    // the table does not hold yet; moving it onto the table is left to do.
    "model/history.rs",
    "render/history.rs",
    "commands/cms/mod.rs",
    "commands/check/html.rs",
    "commands/check/report.rs",
    "commands/import/sources.rs",
    "render/facets.rs",
    "render/markdown/mod.rs",
    "render/open_data.rs",
    "render/pages.rs",
    "render/search_index.rs",
];

/// Single literals elsewhere that are the same word as a field, and why.
const SAME_WORD: &[(&str, &str)] = &[
    // The id of a new service area whose name makes no id.
    ("commands/import/run.rs", "imported"),
];

fn field_names_outside_the_table() -> Vec<String> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut found = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // The table itself, and unit tests kept in a file of their own.
        if rel == "model/fields.rs" || rel.ends_with("/tests.rs") {
            continue;
        }
        let code = std::fs::read_to_string(&file).unwrap();
        let words_too = !OTHER_VOCABULARIES.contains(&rel.as_str());
        for (line, text) in literals(&code) {
            if let Some(field) = Field::from_name(&text)
                && (words_too || text.contains('.'))
                && !SAME_WORD.contains(&(rel.as_str(), text.as_str()))
            {
                found.push(format!(
                    "src/{rel}:{line}: \"{text}\" (use Field::{field:?})"
                ));
            }
        }
    }
    found
}

#[test]
fn field_names_are_written_only_in_the_field_table() {
    let found = field_names_outside_the_table();
    assert!(
        found.is_empty(),
        "field names written outside src/model/fields.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_field_name_scan_sees_what_it_looks_for() {
    let code = "// \"human_oversight.who\" in a comment\n#[serde(rename = \"const\")]\nfn f() {\n    let q = '\"';\n    x(\"data.name\", 'a');\n    y(\"one \\\" two\");\n}\n#[cfg(test)]\nmod tests { \"owner.team\" }\n";
    let found: Vec<(usize, String)> = literals(code);
    assert_eq!(
        found,
        [
            (5, "data.name".to_string()),
            (6, "one \\\" two".to_string())
        ]
    );
    // Every name of the table is found by its name.
    for f in Field::ALL {
        assert_eq!(Field::from_name(f.name()), Some(f));
    }
}
