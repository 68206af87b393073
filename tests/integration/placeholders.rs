//! Issue 25: placeholders are never published. A `TODO` that `init` or
//! `new` wrote stops `build` (exit 1, at its file, line and column, with a
//! hint); `--draft` builds anyway and marks every page; warnings repeated
//! for many records are summarised in one table, with the full list behind
//! `build --all-warnings` and `check --format json`; and what `init` and
//! `new` suggest, filled in the obvious way, reads as sentences.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use glassbox::commands::scaffold::{self, NewKind};

use crate::sentences::{problems, visible_text};
use crate::support::*;

fn glassbox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh `glassbox init` portal in a temporary folder.
fn init() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let portal = dir.path().join("portal");
    let out = glassbox(&["init", portal.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (dir, portal)
}

fn build(portal: &Path, extra: &[&str]) -> Output {
    // No --today: `init` and `new` write today's date.
    let mut args = vec!["build", portal.to_str().unwrap()];
    args.extend(extra);
    glassbox(&args)
}

/// Fills every `TODO` in a portal's content the way an author would: the
/// example in quotes where the line gives one, otherwise a sentence; the
/// addresses get a real-looking name. Comment lines are left alone.
fn fill_placeholders(portal: &Path) {
    let mut stack = vec![portal.join("content")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = fs::read_to_string(&path) {
                fs::write(&path, fill(&text)).unwrap();
            }
        }
    }
}

fn fill(text: &str) -> String {
    let mut text = text
        .replace("TODO@example.gov.uk", "ai@example.gov.uk")
        .replace(
            "https://TODO.example.gov.uk/",
            "https://www.example.gov.uk/",
        );
    let mut from = 0;
    while let Some(found) = text[from..].find("TODO") {
        let at = from + found;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if text[line_start..at].trim_start().starts_with('#') {
            from = line_end;
            continue;
        }
        let replacement_end;
        let replacement = match text[at..line_end].find("such as \"") {
            Some(q) => {
                let open = at + q + "such as \"".len();
                let close = open + text[open..].find('"').expect("the example's quote closes");
                replacement_end = close + 1;
                text[open..close].to_string()
            }
            // The instruction ends with its full stop, maybe on the next line.
            None => {
                replacement_end = text[at..].find('.').map_or(line_end, |i| at + i + 1);
                "We wrote this sentence for the test.".to_string()
            }
        };
        text.replace_range(at..replacement_end, &replacement);
        from = at + replacement.len();
    }
    text
}

#[test]
fn the_filler_fills_as_an_author_would() {
    assert_eq!(
        fill(
            "# TODO stays\nname: TODO a job title, such as \"Repairs Officer\"\nx: TODO say why\nand how.\n"
        ),
        "# TODO stays\nname: Repairs Officer\nx: We wrote this sentence for the test.\n"
    );
    assert_eq!(
        fill("intro: >-\n  TODO say it, such as \"This site\n  lists.\"\n"),
        "intro: >-\n  This site\n  lists.\n"
    );
}

#[test]
fn a_build_with_a_todo_left_exits_1_naming_portal_yaml_and_writes_nothing() {
    let (_dir, portal) = init();
    let out = build(&portal, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The organisation's name, at its line and column, with the hint.
    let yaml = fs::read_to_string(portal.join("content/portal.yaml")).unwrap();
    let line = yaml
        .lines()
        .position(|l| {
            l.trim_start()
                .starts_with("name: TODO the name of your organisation")
        })
        .unwrap()
        + 1;
    let column = yaml.lines().nth(line - 1).unwrap().find("TODO").unwrap() + 1;
    assert!(
        err.contains(&format!("--> content/portal.yaml:{line}:{column}\n")),
        "{err}"
    );
    assert!(err.contains("error[placeholder]"), "{err}");
    assert!(err.contains("= help: replace the TODO text"), "{err}");
    assert!(err.contains("build with --draft"), "{err}");
    // Every placeholder at once, each with its place, none summarised away.
    let errors = err.matches("error[placeholder]").count();
    let todo_lines: usize = ["content/portal.yaml", "content/pages/privacy.md"]
        .iter()
        .map(|f| {
            fs::read_to_string(portal.join(f))
                .unwrap()
                .lines()
                .filter(|l| l.contains("TODO") && !l.trim_start().starts_with('#'))
                .count()
        })
        .sum();
    assert!(
        errors > todo_lines,
        "{errors} errors for {todo_lines}+ TODO lines"
    );
    for block in err.split("\n\n").filter(|b| b.starts_with("error[")) {
        assert!(block.contains("--> content/"), "{block}");
        assert!(block.contains("= help: "), "{block}");
    }
    assert!(err.contains("The site was not built"), "{err}");
    assert!(!portal.join("site").exists(), "a failed build wrote site/");

    // A site that was built stays exactly as it was when a TODO comes back.
    fill_placeholders(&portal);
    let out = build(&portal, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = tree(&portal.join("site"));
    let about = portal.join("content/pages/about-this-site.md");
    let text = fs::read_to_string(&about).unwrap();
    fs::write(&about, format!("{text}\nTODO one more paragraph.\n")).unwrap();
    let out = build(&portal, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--> content/pages/about-this-site.md:"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&portal.join("site")), before);
}

#[test]
fn check_reports_placeholders_as_errors_and_still_follows_the_links() {
    let (_dir, portal) = init();
    let out = glassbox(&[
        "check",
        portal.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-11-26",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let placeholders: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] == "placeholder")
        .collect();
    assert!(!placeholders.is_empty());
    assert!(placeholders.iter().all(|d| d["severity"] == "error"));
    assert!(
        placeholders
            .iter()
            .any(|d| d["file"] == "content/portal.yaml"
                && d["line"].is_u64()
                && d["column"].is_u64())
    );
    assert_eq!(json["errors"], placeholders.len());
    // The draft was rendered, so the links were followed all the same.
    assert!(json["links_checked"].as_u64().unwrap() > 0, "{json:#}");
}

#[test]
fn a_draft_build_says_so_on_every_page_and_asks_not_to_be_indexed() {
    let (_dir, portal) = init();
    let out = build(&portal, &["--draft"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("error["), "{err}");
    assert!(err.contains("warning[placeholder]"), "{err}");
    assert!(err.contains("DRAFT, not for publishing"), "{err}");
    // The number on the banner is the number of placeholders.
    let listed = glassbox(&[
        "build",
        portal.to_str().unwrap(),
        "--draft",
        "--all-warnings",
        "--output",
        portal.join("draft2").to_str().unwrap(),
    ]);
    let left = stderr(&listed).matches("warning[placeholder]").count();
    assert!(left > 10, "{}", stderr(&listed));
    let banner = format!("Draft: not for publishing — {left} pieces of text still to be written.");

    let site = portal.join("site");
    let mut pages = 0;
    for (path, bytes) in tree(&site) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue; // a redirect, not a page
        }
        pages += 1;
        let text = visible_text(&html);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&banner), "{path} has no draft banner");
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{path} can be indexed"
        );
        assert!(
            html.contains("class=\"phase-banner\" role=\"region\" aria-label=\"Draft\""),
            "{path}: the banner is not a named region"
        );
    }
    assert!(pages > 10, "only {pages} pages");
    let robots = fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(robots.contains("Disallow: /"), "{robots}");

    // The same portal filled in: no banner, no noindex.
    fill_placeholders(&portal);
    let out = build(&portal, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!home.contains("phase-banner"));
    assert!(!home.contains("noindex"));
    let robots = fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(robots.contains("Allow: /"), "{robots}");
}

#[test]
fn a_fresh_init_portal_builds_only_after_its_todos_are_filled_and_reads_as_written() {
    let (_dir, portal) = init();
    assert_eq!(build(&portal, &[]).status.code(), Some(1));
    fill_placeholders(&portal);
    let out = build(&portal, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("placeholder"), "{err}");
    let home = fs::read_to_string(portal.join("site/index.html")).unwrap();
    assert!(!home.contains("TODO"), "{home}");
    // Every suggested value, filled in with its example, reads as a sentence.
    let found = read_as_sentences(&portal.join("site"));
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_new_challenge_route_filled_in_reads_as_whole_sentences() {
    let p = TestPortal::minimal();
    let entry = scaffold::new_entry(
        p.path(),
        NewKind::Challenge,
        "Ask for a second look",
        test_today(),
    )
    .unwrap();
    // The author also uses the commented-out escalation, as written.
    let text = fs::read_to_string(&entry.path).unwrap();
    let text = text
        .replace("# escalate_to:", "escalate_to:")
        .replace("#   name:", "  name:")
        .replace("#   url:", "  url:")
        .replace("#   when:", "  when:");
    fs::write(&entry.path, text).unwrap();
    fill_placeholders(p.path());
    let report = p.build_ok();
    assert!(
        report.diagnostics.iter().all(|d| d.code != "placeholder"),
        "{}",
        render_all(&report.diagnostics)
    );
    let html = p.page(&format!("challenge/{}/", entry.id));
    let main = main_html(&html);
    let found = problems(&visible_text(&main));
    assert!(found.is_empty(), "{}", found.join("\n"));
    let text = visible_text(&main);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The escalation's `when` is not run into the next sentence as a fragment.
    assert!(
        !text.contains("our answer. You can take your case"),
        "{text}"
    );
    assert!(
        text.contains("When you can go to them: If you are still unhappy after our answer."),
        "{text}"
    );
    // No value in the summary list starts in lower case.
    let doc = scraper::Html::parse_document(&main);
    let dd = scraper::Selector::parse("dd").unwrap();
    let mut values = 0;
    for value in doc.select(&dd) {
        let text: String = value.text().collect();
        let first = text.trim().chars().next().unwrap();
        assert!(
            !first.is_lowercase(),
            "a value starts in lower case: {text}"
        );
        values += 1;
    }
    assert!(values >= 4, "{main}");
    assert!(text.contains("Within 28 days of the date on the decision letter."));
}

/// What the sentence checks find on every page of a site, with a
/// paragraph's soft line breaks read as the spaces they are (the checks
/// take a line for a block).
fn read_as_sentences(site: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in tree(site) {
        let html = String::from_utf8_lossy(&bytes);
        if !path.ends_with(".html") || html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        // A line break between two words is a soft break inside a paragraph;
        // one next to a tag separates elements and stays.
        let chars: Vec<char> = html.chars().collect();
        let joined: String = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let soft = c == '\n'
                    && i > 0
                    && chars[i - 1] != '>'
                    && chars.get(i + 1).is_some_and(|&n| n != '<');
                if soft { ' ' } else { c }
            })
            .collect();
        for p in problems(&visible_text(&joined)) {
            found.push(format!("{path}: {p}"));
        }
    }
    found
}

/// Copies the minimal portal with its systems replaced by the seven
/// records of the GOV.UK sample, imported, so that every one leaves gaps.
fn imported_portal() -> TestPortal {
    let p = TestPortal::minimal();
    for folder in ["content/systems", "content/errors"] {
        for f in fs::read_dir(p.path().join(folder)).unwrap() {
            fs::remove_file(f.unwrap().path()).unwrap();
        }
    }
    p.write(
        "content/portal.yaml",
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/portal.yaml")).unwrap(),
    );
    let out = glassbox(&[
        "import",
        "atrs",
        fixture("import/govuk_atrs_search_sample.json")
            .to_str()
            .unwrap(),
        "--into",
        p.path().to_str().unwrap(),
        "--today",
        "2026-11-26",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    p
}

#[test]
fn repeated_gaps_print_as_one_table_with_the_full_list_behind_a_flag_and_json() {
    let p = imported_portal();
    let records = fs::read_dir(p.path().join("content/systems"))
        .unwrap()
        .count();
    assert_eq!(records, 7);
    let out = build(p.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // One summary for the code, not a warning per record.
    assert_eq!(err.matches("warning[import-gap]").count(), 1, "{err}");
    assert!(
        err.contains("warning[import-gap]: 7 imported records leave fields empty"),
        "{err}"
    );
    // The table: a header, then a row per field with the number of records.
    let lines: Vec<&str> = err.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.split_whitespace().eq(["field", "records"]))
        .expect("the table has a header");
    let rows: Vec<(&str, &str)> = lines[head + 1..]
        .iter()
        .take_while(|l| !l.trim_start().starts_with('='))
        .map(|l| {
            let mut words = l.split_whitespace();
            (words.next().unwrap(), words.next().unwrap())
        })
        .collect();
    assert!(rows.contains(&("automation", "7")), "{err}");
    assert!(rows.contains(&("who_is_affected", "7")), "{err}");
    assert!(
        err.contains("glassbox build --all-warnings")
            && err.contains("glassbox check --format json"),
        "{err}"
    );
    // Short: the table, its help, the last line; not six lines a record.
    assert!(err.lines().count() <= rows.len() + 8, "{err}");

    // The full list: one warning per record, with its file and line.
    let out = build(p.path(), &["--all-warnings"]);
    let all = stderr(&out);
    assert_eq!(all.matches("warning[import-gap]").count(), records, "{all}");
    assert_eq!(
        all.matches("--> content/systems/").count(),
        records,
        "{all}"
    );
    let out = glassbox(&[
        "check",
        p.path().to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-11-26",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gaps: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "import-gap")
        .collect();
    assert_eq!(gaps.len(), records);
    assert!(gaps.iter().all(|d| {
        d["file"].as_str().unwrap().starts_with("content/systems/") && d["line"].is_u64()
    }));
}

#[test]
fn a_few_warnings_are_printed_one_by_one_and_errors_never_summarised() {
    use glassbox::{Diagnostic, Diagnostics};
    let mut d = Diagnostics::new();
    for i in 0..5 {
        d.push(Diagnostic::warning("few", format!("few {i}")).in_file(&format!("f{i}")));
    }
    for i in 0..9 {
        d.push(Diagnostic::warning("many", format!("many {i}")).in_file(&format!("m{i}")));
        d.push(Diagnostic::error("bad", format!("bad {i}")).in_file(&format!("b{i}")));
    }
    let (single, summaries) = d.summarise();
    assert_eq!(single.iter().filter(|d| d.code == "few").count(), 5);
    assert_eq!(single.iter().filter(|d| d.code == "bad").count(), 9);
    assert!(single.iter().all(|d| d.code != "many"));
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].count, 9);
    let text = summaries[0].render("`glassbox build --all-warnings`");
    assert!(
        text.starts_with("warning[many]: 9 times in 9 files, such as: many 0\n"),
        "{text}"
    );
}

#[cfg(feature = "serve")]
#[test]
fn serve_shows_placeholders_in_the_error_box_and_serves_a_draft_with_the_banner() {
    use crate::serve::Server;
    let (_dir, portal) = init();
    let server = Server::start(&portal);
    let page = server.get("/");
    assert!(page.body.contains("There is a problem"), "{}", page.body);
    assert!(
        page.body.contains("content/portal.yaml, line "),
        "{}",
        page.body
    );
    assert!(page.body.contains("TODO placeholder"), "{}", page.body);
    assert!(page.body.contains("build with --draft"), "{}", page.body);
    drop(server);

    let server = Server::start_with(&portal, &["--draft"]);
    let page = server.get(&server.root);
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("There is a problem"), "{}", page.body);
    assert!(
        page.body.contains("class=\"phase-banner\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("pieces of text still to be written"),
        "{}",
        page.body
    );
}
