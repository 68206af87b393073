//! `glassbox bench-gen`: the synthetic benchmark portal is valid, varied and
//! deterministic.

use std::fs;
use std::path::Path;

use glassbox::BuildOptions;

use crate::support::test_today;

fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn bench_gen_writes_a_valid_portal_with_the_asked_counts() {
    let dir = tempfile::tempdir().unwrap();
    let generated = glassbox::commands::bench_gen::generate(150, dir.path()).unwrap();
    assert_eq!(
        (generated.systems, generated.errors, generated.challenges),
        (150, 30, 3)
    );
    let count = |sub: &str| {
        fs::read_dir(dir.path().join("content").join(sub))
            .unwrap()
            .count()
    };
    assert_eq!(count("systems"), 150);
    assert_eq!(count("errors"), 30);
    assert_eq!(count("challenges"), 3);

    let mut options = BuildOptions::new(dir.path());
    options.today = Some(test_today());
    let report = glassbox::build(&options).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        report.diagnostics.is_empty(),
        "{:?}",
        report
            .diagnostics
            .iter()
            .map(|d| d.render())
            .collect::<Vec<_>>()
    );
    assert!(report.pages_written > 150 + 30 + 3);

    // Varied: several statuses, automation levels and service areas occur.
    let systems = fs::read_dir(dir.path().join("content/systems"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    for needle in [
        "status: pilot",
        "status: in-use",
        "status: planned",
        "status: retired",
        "automation: decides-automatically",
        "automation: informs-staff",
        "service_area: housing",
        "service_area: public-health",
        "monitoring:",
        "changes:",
        "contact:",
        "| Step | Who | How long |",
    ] {
        assert!(
            systems.iter().any(|s| s.contains(needle)),
            "no system has {needle}"
        );
    }
    let words: usize = systems
        .iter()
        .map(|s| {
            s.splitn(3, "---\n")
                .nth(2)
                .unwrap()
                .split_whitespace()
                .count()
        })
        .sum::<usize>()
        / systems.len();
    assert!(
        (550..=800).contains(&words),
        "average body of {words} words"
    );
}

#[test]
fn bench_gen_is_deterministic_and_refuses_existing_content() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    glassbox::commands::bench_gen::generate(60, a.path()).unwrap();
    glassbox::commands::bench_gen::generate(60, b.path()).unwrap();
    assert!(read_tree(a.path()) == read_tree(b.path()));
    assert!(glassbox::commands::bench_gen::generate(60, a.path()).is_err());
}
