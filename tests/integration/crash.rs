//! Killing a build and running two at once: `site/` is always one complete
//! build, the old one or the new one, never a mix or nothing. The build is
//! stopped at named points with the test hook in `glassbox::write::swap`, so each
//! kill lands exactly where it is meant to.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use glassbox::write::swap::{PAUSE_VAR, PAUSED_FILE_VAR};

use crate::support::*;

const LIMIT: Duration = Duration::from_secs(60);

fn command(portal: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_glassbox"));
    c.arg("build")
        .arg(portal)
        .args(["--today", "2026-11-26", "--quiet"])
        .env_remove(PAUSE_VAR)
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    c
}

/// Starts a build that stops at `point`, and waits until it is there.
fn paused_build(portal: &Path, point: &str) -> Child {
    let signal = portal.join(format!("paused-{point}"));
    let _ = std::fs::remove_file(&signal);
    let mut child = command(portal)
        .env(PAUSE_VAR, point)
        .env(PAUSED_FILE_VAR, &signal)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !signal.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the build ended ({status}) before reaching `{point}`");
        }
        assert!(
            started.elapsed() < LIMIT,
            "the build never reached `{point}`"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    std::fs::remove_file(&signal).unwrap();
    child
}

/// The old site, and what the changed portal builds to when nothing stops it.
fn old_and_new(p: &TestPortal) -> (Files, Files) {
    p.build_ok();
    let old = tree(&p.site());
    p.edit(
        "content/pages/about.md",
        "This portal lists",
        "This changed portal lists",
    );
    p.write(
        "content/pages/new-page.md",
        "---\ntitle: A new page\n---\n\nNew.\n",
    );
    let reference = tempfile::tempdir().unwrap();
    let out = reference.path().join("site");
    let status = command(p.path())
        .arg("--output")
        .arg(&out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let new = tree(&out);
    assert_ne!(old, new);
    (old, new)
}

type Files = std::collections::BTreeMap<String, Vec<u8>>;

fn leftovers(portal: &Path) -> Vec<String> {
    std::fs::read_dir(portal)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site.staging-") || n.starts_with(".site.old-"))
        .collect()
}

#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one_complete() {
    // Where the site must be after a kill at each point.
    for (point, expect_new) in [
        ("render", false),
        ("write", false),
        ("swap", false),
        ("swapped", true),
    ] {
        let p = TestPortal::minimal();
        let (old, new) = old_and_new(&p);
        let mut child = paused_build(p.path(), point);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let site = tree(&p.site());
        let expected = if expect_new { &new } else { &old };
        assert!(
            site == *expected,
            "after a kill at `{point}`, site/ is neither the complete old nor the complete new build"
        );
        // The next build cleans up after the killed one and succeeds.
        let status = command(p.path()).stderr(Stdio::null()).status().unwrap();
        assert!(status.success(), "rebuild after a kill at `{point}` failed");
        assert!(tree(&p.site()) == new, "rebuild after `{point}`");
        assert_eq!(leftovers(p.path()), Vec::<String>::new(), "after `{point}`");
    }
}

#[test]
fn a_second_build_waits_for_the_first_and_the_site_is_never_a_mix() {
    let p = TestPortal::minimal();
    let (_old, new) = old_and_new(&p);
    // The first build holds the lock, half-way through writing.
    let mut first = paused_build(p.path(), "write");
    let mut second = command(p.path()).stderr(Stdio::piped()).spawn().unwrap();
    let said = Arc::new(Mutex::new(String::new()));
    let reader = {
        let said = Arc::clone(&said);
        let stderr = second.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let line = line.unwrap();
                said.lock().unwrap().push_str(&line);
                said.lock().unwrap().push('\n');
            }
        })
    };
    let started = Instant::now();
    while !said.lock().unwrap().contains("waiting for it to finish") {
        if let Some(status) = second.try_wait().unwrap() {
            panic!(
                "the second build did not wait ({status}): {}",
                said.lock().unwrap()
            );
        }
        assert!(
            started.elapsed() < LIMIT,
            "the second build never said it waits"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(second.try_wait().unwrap().is_none());
    first.kill().unwrap();
    first.wait().unwrap();
    let status = second.wait().unwrap();
    reader.join().unwrap();
    assert!(status.success(), "{}", said.lock().unwrap());
    assert!(tree(&p.site()) == new);
    assert_eq!(leftovers(p.path()), Vec::<String>::new());
}

#[test]
fn two_builds_started_together_both_finish_with_a_complete_site() {
    let p = TestPortal::minimal();
    let (_old, new) = old_and_new(&p);
    for _ in 0..5 {
        let a = command(p.path()).stderr(Stdio::null()).spawn().unwrap();
        let b = command(p.path()).stderr(Stdio::null()).spawn().unwrap();
        for mut child in [a, b] {
            assert!(child.wait().unwrap().success());
        }
        assert!(tree(&p.site()) == new);
        assert_eq!(leftovers(p.path()), Vec::<String>::new());
    }
}
