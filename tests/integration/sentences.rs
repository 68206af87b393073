//! Issue 14: the theme's sentences read as if a person wrote them, for any
//! name and any organisation. Over every page of the example portal and of
//! a bench-gen portal, the visible text (scripts, styles and code left out)
//! has no space before a full stop or comma, no word written twice in a
//! row, and no sentence that starts in lower case.

use std::fs;
use std::path::Path;

use glassbox::BuildOptions;
use scraper::{Html, Node};

use crate::support::{TestPortal, test_today};

/// The visible text of a page: text nodes outside `script`, `style`, `pre`
/// and `svg`; code (`register.json`) as the word "Code", since a file name
/// may start a sentence in lower case; each block on a line of its own.
pub(crate) fn visible_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    for node in doc.tree.root().descendants() {
        if let Node::Text(t) = node.value() {
            let hidden = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    matches!(
                        e.name(),
                        "script" | "style" | "pre" | "svg" | "title" | "head"
                    )
                })
            });
            let in_code = node
                .parent()
                .and_then(|p| p.value().as_element().map(|e| e.name() == "code"))
                .unwrap_or(false);
            let in_label = node.parent().and_then(|p| {
                p.value()
                    .as_element()
                    .map(|e| e.has_class("table__label", scraper::CaseSensitivity::CaseSensitive))
            }) == Some(true);
            if hidden {
            } else if in_code {
                out.push_str("Code");
            } else {
                out.push_str(t);
                if in_label {
                    out.push('\n');
                }
            }
        } else if node.value().is_element() {
            // A stacked table's cell label ("Time limit") is its own line.
            let label = node.value().as_element().is_some_and(|e| {
                e.has_class("table__label", scraper::CaseSensitivity::CaseSensitive)
            });
            let block = label
                || node.value().as_element().is_some_and(|e| {
                    matches!(
                        e.name(),
                        "p" | "li"
                            | "dt"
                            | "dd"
                            | "td"
                            | "th"
                            | "h1"
                            | "h2"
                            | "h3"
                            | "h4"
                            | "div"
                            | "caption"
                            | "br"
                            | "section"
                            | "nav"
                            | "ul"
                            | "ol"
                            | "dl"
                            | "tr"
                            | "summary"
                    )
                });
            if block {
                out.push('\n');
            }
        }
    }
    out
}

/// Problems in one page's text, as "what: context".
pub(crate) fn problems(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        for bad in [" .", " ,", " ;", " :"] {
            if let Some(i) = line.find(bad) {
                // A lone dot as an item separator (" · ") is not this.
                found.push(format!(
                    "space before `{}`: {}",
                    bad.trim(),
                    context(&line, i)
                ));
            }
        }
        let words: Vec<&str> = line.split(' ').collect();
        for pair in words.windows(2) {
            let a = pair[0].trim_matches(|c: char| !c.is_alphanumeric());
            let b = pair[1].trim_matches(|c: char| !c.is_alphanumeric());
            let joined = pair[0].ends_with(|c: char| c.is_alphanumeric());
            if joined
                && !a.is_empty()
                && a.chars().any(char::is_alphabetic)
                && a.eq_ignore_ascii_case(b)
            {
                found.push(format!("doubled word `{a}`: {line}"));
            }
        }
        // A sentence ends with . ! or ? and a space; the next one starts with
        // a capital letter, a digit or a quote (abbreviations aside).
        let chars: Vec<char> = line.chars().collect();
        for i in 2..chars.len() {
            if chars[i - 1] == ' '
                && matches!(chars[i - 2], '.' | '!' | '?')
                && chars[i].is_lowercase()
            {
                let before: String = chars[..i - 1].iter().collect();
                let last = before.rsplit(' ').next().unwrap_or("");
                if ["e.g.", "i.e.", "etc.", "no.", "vs."].contains(&last.to_lowercase().as_str())
                    || last.contains('/')
                    || last.contains('@')
                {
                    continue;
                }
                found.push(format!(
                    "sentence starts in lower case: {}",
                    context(&line, before.len())
                ));
            }
        }
        // The first word of a block starts in upper case when it is a sentence.
        if let Some(first) = chars.first()
            && first.is_lowercase()
            && line.ends_with('.')
            && line.split(' ').count() > 3
        {
            found.push(format!("block starts in lower case: {line}"));
        }
    }
    found
}

fn context(line: &str, byte: usize) -> String {
    let mut start = byte.saturating_sub(40);
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (byte + 40).min(line.len());
    while !line.is_char_boundary(end) {
        end += 1;
    }
    format!("…{}…", &line[start..end])
}

fn check_site(site: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![site.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let html = fs::read_to_string(&path).unwrap();
                if html.contains("http-equiv=\"refresh\"") {
                    continue;
                }
                for p in problems(&visible_text(&html)) {
                    found.push(format!(
                        "{}: {p}",
                        path.strip_prefix(site).unwrap().display()
                    ));
                }
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_checks_catch_what_they_are_for() {
    let bad = problems(
        "You can go to Information Commissioner's Office .\nWe use the the system.\nIt checks. then it stops.",
    );
    assert_eq!(bad.len(), 3, "{bad:#?}");
    assert!(
        problems("Ask us. You can call 01632 960100. See www.example.org/x. Fine, e.g. this.")
            .is_empty()
    );
}

#[test]
fn every_example_page_reads_as_written_by_a_person() {
    let p = TestPortal::example();
    p.build_ok();
    let found = check_site(&p.site());
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn every_bench_gen_page_reads_as_written_by_a_person() {
    let dir = tempfile::tempdir().unwrap();
    glassbox::commands::bench_gen::generate(40, dir.path()).unwrap();
    let mut options = BuildOptions::new(dir.path());
    options.today = Some(test_today());
    glassbox::build(&options).unwrap_or_else(|e| panic!("{e:?}"));
    let found = check_site(&dir.path().join("site"));
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
}
