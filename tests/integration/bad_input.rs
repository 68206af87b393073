//! The malformed-portal corpus: every case is the minimal portal with a few
//! files changed, built by the real `glassbox` binary. Each case asserts the
//! exact errors (code, file:line:column, message) and the exit code, and that
//! the build neither panicked, nor hung, nor touched the site built before.
//!
//! Cases that can be files are folders under `tests/fixtures/bad/<case>/`:
//! every file in it except `expected.txt` is copied over the minimal portal,
//! and `expected.txt` says what must happen:
//!
//! ```text
//! # why the case exists
//! remove: content/pages/about.md      (files of the minimal portal to delete)
//! args: --output content/out          (extra arguments for `glassbox build`)
//! exit: 1
//! error[unknown-field] content/systems/parking-cameras.md:3:1: unknown field `sumary`
//! ```
//!
//! Cases that cannot be committed as files (invalid UTF-8 names, 50 MB,
//! symbolic links, generated nesting) are made in [`generated_cases`].
//!
//! `GLASSBOX_BLESS=1 cargo test bad_input` rewrites the `error` lines of the
//! fixture cases from what the build printed; review the diff before committing.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

/// Longer than any real build of the minimal portal takes, by far.
const HANG_LIMIT: Duration = Duration::from_secs(60);

struct Outcome {
    code: Option<i32>,
    stderr: String,
}

/// Runs `glassbox build PORTAL --today ... ARGS`, killing it if it hangs.
fn run_build(portal: &Path, args: &[String]) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .arg("build")
        .arg(portal)
        .args(["--today", "2026-11-26", "--quiet"])
        .args(args)
        .current_dir(portal)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr_pipe.read_to_end(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "glassbox build hung for over {HANG_LIMIT:?} on {}",
                portal.display()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // Temporary folder names change from run to run.
    let stderr = String::from_utf8_lossy(&reader.join().unwrap())
        .replace(&portal.display().to_string(), "PORTAL")
        .replace(&portal.parent().unwrap().display().to_string(), "PORTAL/..");
    Outcome {
        code: status.code(),
        stderr,
    }
}

/// The errors a build printed, one line each: `error[code] file:line:col: message`
/// (or `error: message` for usage problems, which have no code).
fn error_lines(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(rest) = line.strip_prefix("error[") {
            let (code, message) = rest.split_once("]: ").expect("diagnostic header");
            let location = lines
                .get(i + 1)
                .and_then(|l| l.trim_start().strip_prefix("--> "))
                .map(|l| format!(" {l}"))
                .unwrap_or_default();
            out.push(format!("error[{code}]{location}: {message}"));
        } else if line.starts_with("error: ") {
            out.push(line.to_string());
        }
    }
    out.sort();
    out
}

struct Expected {
    remove: Vec<String>,
    args: Vec<String>,
    exit: i32,
    errors: Vec<String>,
}

fn parse_expected(text: &str) -> Expected {
    let mut e = Expected {
        remove: Vec::new(),
        args: Vec::new(),
        exit: 1,
        errors: Vec::new(),
    };
    for line in text.lines() {
        if let Some(path) = line.strip_prefix("remove: ") {
            e.remove.push(path.to_string());
        } else if let Some(args) = line.strip_prefix("args: ") {
            e.args = args.split_whitespace().map(String::from).collect();
        } else if let Some(code) = line.strip_prefix("exit: ") {
            e.exit = code.trim().parse().unwrap();
        } else if line.starts_with("error") {
            e.errors.push(line.to_string());
        }
    }
    e.errors.sort();
    e
}

/// Builds the good portal, lets `break_it` change it, builds again and
/// checks the outcome. Returns the error lines printed.
fn check_case(
    name: &str,
    break_it: impl FnOnce(&Path),
    args: &[String],
    exit: i32,
) -> (Vec<String>, String) {
    let p = TestPortal::minimal();
    let good = run_build(p.path(), &[]);
    assert_eq!(
        good.code,
        Some(0),
        "{name}: the good portal fails: {}",
        good.stderr
    );
    let site_before = tree(&p.site());
    break_it(p.path());
    let out = run_build(p.path(), args);
    assert!(
        !out.stderr.contains("panicked"),
        "{name}: glassbox panicked:\n{}",
        out.stderr
    );
    assert!(
        tree(&p.site()) == site_before,
        "{name}: the failed build changed site/"
    );
    for item in fs::read_dir(p.path()).unwrap().flatten() {
        let item_name = item.file_name().to_string_lossy().into_owned();
        assert!(
            !item_name.starts_with(".site.")
                || item_name == ".site.lock"
                || item_name == ".site.spare",
            "{name}: a failed build left {item_name} behind"
        );
    }
    let mut errors = error_lines(&out.stderr);
    if out.code != Some(exit) {
        errors.push(format!("(exit code {:?}, not {exit})", out.code));
    }
    (errors, out.stderr)
}

fn bad_fixtures() -> PathBuf {
    fixture("bad")
}

fn overlay(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            overlay(&entry.path(), &target);
        } else if entry.file_name() != "expected.txt" {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn fixture_cases_give_exact_errors() {
    let bless = std::env::var_os("GLASSBOX_BLESS").is_some();
    let mut cases: Vec<PathBuf> = fs::read_dir(bad_fixtures())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 30,
        "the corpus shrank to {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected_path = case.join("expected.txt");
        let expected_text = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{name} has no expected.txt"));
        let expected = parse_expected(&expected_text);
        let (errors, stderr) = check_case(
            &name,
            |portal| {
                for path in &expected.remove {
                    fs::remove_file(portal.join(path)).unwrap();
                }
                overlay(case, portal);
            },
            &expected.args,
            expected.exit,
        );
        assert!(!errors.is_empty(), "{name}: no error printed:\n{stderr}");
        if bless && !errors.iter().any(|e| e.starts_with("(exit")) {
            let kept: Vec<&str> = expected_text
                .lines()
                .filter(|l| !l.starts_with("error"))
                .collect();
            let mut text = kept.join("\n");
            text.push('\n');
            for e in &errors {
                text.push_str(e);
                text.push('\n');
            }
            fs::write(&expected_path, text).unwrap();
        } else if errors != expected.errors {
            failures.push(format!(
                "{name}:\n  expected:\n    {}\n  got:\n    {}\n{}",
                expected.errors.join("\n    "),
                errors.join("\n    "),
                stderr.chars().take(1500).collect::<String>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A case made in code, for inputs that cannot be committed as files.
struct Generated {
    name: &'static str,
    setup: Box<dyn FnOnce(&Path)>,
    args: Vec<String>,
    exit: i32,
    errors: Vec<&'static str>,
}

fn case(
    name: &'static str,
    setup: impl FnOnce(&Path) + 'static,
    errors: &[&'static str],
) -> Generated {
    Generated {
        name,
        setup: Box::new(setup),
        args: Vec::new(),
        exit: 1,
        errors: errors.to_vec(),
    }
}

fn write(portal: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = portal.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

const PAGE: &str = "content/pages/about.md";
const SYSTEM: &str = "content/systems/parking-cameras.md";

fn generated_cases() -> Vec<Generated> {
    let mut cases = vec![
        case(
            "control-characters-in-front-matter-and-body",
            |p| {
                write(
                    p,
                    PAGE,
                    "---\ntitle: About\u{1b}[31m us\u{7}\n---\n\nText\u{0}with a NUL and a \u{b} vertical tab.\n",
                );
            },
            &[
                "error[control-character] content/pages/about.md:2:13: an invisible control character (U+001B) is in the text",
                "error[control-character] content/pages/about.md:2:21: an invisible control character (U+0007) is in the text",
                "error[control-character] content/pages/about.md:5:5: an invisible control character (U+0000) is in the text",
                "error[control-character] content/pages/about.md:5:23: an invisible control character (U+000B) is in the text",
                "error[yaml-syntax] content/pages/about.md:2:8: unexpected character: `\\u{1b}'",
            ],
        ),
        case(
            "too-many-aliases",
            |p| {
                let path = p.join(SYSTEM);
                let text = fs::read_to_string(&path).unwrap();
                let aliases: String = (0..150).map(|k| format!("  - old-name-{k}\n")).collect();
                let text = text.replacen(
                    "name: Parking cameras\n",
                    &format!("name: Parking cameras\naliases:\n{aliases}"),
                    1,
                );
                fs::write(path, text).unwrap();
            },
            &[
                "error[too-many-aliases] content/systems/parking-cameras.md:104:5: this system keeps 150 old addresses; at most 100 are allowed",
            ],
        ),
        case(
            "sixty-thousand-aliases",
            |p| {
                let path = p.join(SYSTEM);
                let text = fs::read_to_string(&path).unwrap();
                let aliases: String = (0..60_000).map(|k| format!("  - old-name-{k}\n")).collect();
                let text = text.replacen(
                    "name: Parking cameras\n",
                    &format!("name: Parking cameras\naliases:\n{aliases}"),
                    1,
                );
                fs::write(path, text).unwrap();
            },
            &[
                "error[yaml-too-large] content/systems/parking-cameras.md:49999:5: the front matter holds far more values than an entry can have (tens of thousands)",
            ],
        ),
        case(
            "invalid-utf8",
            |p| {
                let mut bytes = b"---\ntitle: About\n---\n\nLatin-1 caf".to_vec();
                bytes.push(0xe9);
                bytes.extend_from_slice(b" text\n");
                write(p, PAGE, bytes);
            },
            &[
                "error[not-utf8] content/pages/about.md:5:1: this file is not UTF-8 text (from line 5)",
            ],
        ),
        case(
            "binary-file-named-md",
            |p| {
                // The start of a PNG image.
                let mut bytes = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
                bytes.extend((0..=255u8).cycle().take(4096));
                write(p, "content/pages/picture.md", bytes);
            },
            &[
                "error[not-utf8] content/pages/picture.md:1:1: this file is not UTF-8 text (from line 1)",
            ],
        ),
        case(
            "utf16-file",
            |p| {
                let text = "---\ntitle: About\n---\n";
                let mut bytes = vec![0xff, 0xfe];
                for unit in text.encode_utf16() {
                    bytes.extend_from_slice(&unit.to_le_bytes());
                }
                write(p, PAGE, bytes);
            },
            &[
                "error[not-utf8] content/pages/about.md:1:1: this file is not UTF-8 text (from line 1)",
            ],
        ),
        case(
            "fifty-megabyte-file",
            |p| {
                let file = fs::File::create(p.join(PAGE)).unwrap();
                file.set_len(50 * 1024 * 1024).unwrap();
            },
            &[
                "error[file-too-large] content/pages/about.md: this file is 50.0 MB; entries may be at most 2 MB",
            ],
        ),
        case(
            "ten-thousand-deep-nesting",
            |p| {
                let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
                write(
                    p,
                    PAGE,
                    format!("---\ntitle: About\nfooter_order: {deep}\n---\n"),
                );
            },
            // Read no deeper than the field's type needs: bounded time and memory.
            &["error[wrong-type] content/pages/about.md:3:15: expected text here"],
        ),
        case(
            "ten-thousand-deep-mappings",
            |p| {
                let deep = format!("{}1{}", "{a: ".repeat(10_000), "}".repeat(10_000));
                write(
                    p,
                    PAGE,
                    format!("---\ntitle: About\ndescription: {deep}\n---\n"),
                );
            },
            &["error[wrong-type] content/pages/about.md:3:14: expected text here"],
        ),
        case(
            "nul-in-service-area-id",
            |p| {
                let text = fs::read_to_string(p.join("content/portal.yaml")).unwrap();
                write(
                    p,
                    "content/portal.yaml",
                    text.replacen("id: housing", "id: \"hous\\0ing\"", 1),
                );
            },
            &[
                "error[unsafe-id] content/portal.yaml:11:9: `hous\0ing` cannot be used as a service area id",
            ],
        ),
        case(
            "backslash-in-file-name",
            |p| write(p, "content/pages/a\\..\\b.md", "---\ntitle: A\n---\n"),
            &[
                "error[unsafe-id] content/pages/a\\..\\b.md: `a\\..\\b` cannot be used as an id: ids may only use lowercase letters, digits and hyphens",
            ],
        ),
    ];
    #[cfg(unix)]
    cases.extend(unix_cases());
    cases
}

#[cfg(unix)]
fn unix_cases() -> Vec<Generated> {
    use std::os::unix::fs::symlink;
    let outside = |p: &Path| {
        p.parent().unwrap().join(format!(
            "{}-outside",
            p.file_name().unwrap().to_string_lossy()
        ))
    };
    vec![
        case(
            "symlink-to-a-file-outside",
            |p| symlink("/etc/passwd", p.join("content/pages/passwd.md")).unwrap(),
            &[
                "error[symlink] content/pages/passwd.md: this is a link to another file, which glassbox does not follow",
            ],
        ),
        case(
            "symlink-loop",
            |p| {
                symlink("loop-b.md", p.join("content/pages/loop-a.md")).unwrap();
                symlink("loop-a.md", p.join("content/pages/loop-b.md")).unwrap();
            },
            &[
                "error[symlink] content/pages/loop-a.md: this is a link to another file, which glassbox does not follow",
                "error[symlink] content/pages/loop-b.md: this is a link to another file, which glassbox does not follow",
            ],
        ),
        case(
            "symlinked-folder-pointing-outside",
            move |p| {
                let elsewhere = outside(p);
                fs::create_dir_all(&elsewhere).unwrap();
                fs::write(elsewhere.join("secret.md"), "---\ntitle: Secret\n---\n").unwrap();
                symlink(&elsewhere, p.join("content/pages/outside.md")).unwrap();
            },
            &[
                "error[symlink] content/pages/outside.md: this is a link to another file, which glassbox does not follow",
            ],
        ),
        case(
            "entry-folder-is-a-symlink",
            move |p| {
                let elsewhere = outside(p);
                fs::create_dir_all(&elsewhere).unwrap();
                fs::rename(p.join("content/pages"), elsewhere.join("pages")).unwrap();
                symlink(elsewhere.join("pages"), p.join("content/pages")).unwrap();
            },
            &[
                "error[symlink] content/pages: this folder is a link to another place, which glassbox does not follow",
            ],
        ),
        case(
            "theme-folder-is-a-symlink-loop",
            |p| {
                fs::create_dir_all(p.join("themes/default/templates")).unwrap();
                symlink("..", p.join("themes/default/templates/loop")).unwrap();
            },
            &["error[symlink] themes/default/templates/loop: theme files may not be links"],
        ),
    ]
}

#[test]
fn generated_cases_give_exact_errors() {
    let mut failures = Vec::new();
    let cases = generated_cases();
    assert!(cases.len() >= 10);
    for c in cases {
        let (errors, stderr) = check_case(c.name, c.setup, &c.args, c.exit);
        let mut expected: Vec<String> = c.errors.iter().map(|s| s.to_string()).collect();
        expected.sort();
        if errors != expected || errors.is_empty() {
            failures.push(format!(
                "{}:\n  expected:\n    {}\n  got:\n    {}\n{}",
                c.name,
                expected.join("\n    "),
                errors.join("\n    "),
                stderr.chars().take(1500).collect::<String>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn crlf_bom_and_yaml_1_1_words_build_as_text() {
    let p = TestPortal::minimal();
    let text = p
        .read(SYSTEM)
        .replacen(
            "who_is_affected: Drivers who use the bus lanes.",
            "who_is_affected: NO",
            1,
        )
        .replacen(
            "decision: Whether to send a penalty charge notice.",
            "decision: off",
            1,
        )
        .replacen(
            "final_decision_by: A parking officer.",
            "final_decision_by: yes",
            1,
        )
        .replacen(
            "benefits: Keeps buses on time.",
            "benefits: On\nknown_limitations:\n  - 1.10\n  - 0o17\n  - 1e3",
            1,
        );
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    p.write(SYSTEM, crlf);
    p.build_ok();
    let main = p.main_of("systems/parking-cameras/");
    let doc = scraper::Html::parse_fragment(&main);
    let text: String = doc.root_element().text().collect();
    for word in ["NO", "off", "yes", "On", "1.10", "0o17", "1e3"] {
        assert!(
            text.split_whitespace()
                .any(|w| w.trim_end_matches('.') == word),
            "`{word}` did not stay as written:\n{text}"
        );
    }
}
