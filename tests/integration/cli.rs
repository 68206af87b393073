//! The command line: exit codes and what it prints.

use std::process::Command;

use crate::support::*;

fn glassbox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn successful_build_exits_0() {
    let p = TestPortal::minimal();
    let out = glassbox(&["build", p.path().to_str().unwrap(), "--today", "2026-11-26"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Built 21 pages"));
}

#[test]
fn content_errors_exit_1_with_file_line_and_caret() {
    let p = TestPortal::minimal();
    p.edit("content/systems/parking-cameras.md", "summary:", "sumary:");
    let out = glassbox(&["build", p.path().to_str().unwrap(), "--today", "2026-11-26"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--> content/systems/parking-cameras.md:3:1"),
        "{stderr}"
    );
    assert!(stderr.contains("3 | sumary: Cameras"), "{stderr}");
    assert!(stderr.contains("  | ^^^^^^\n"), "{stderr}");
    assert!(stderr.contains("The site was not built"), "{stderr}");
}

#[test]
fn usage_and_io_problems_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    let out = glassbox(&["build", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a portal folder"));
    assert_eq!(
        glassbox(&["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(
        glassbox(&["build", ".", "--today", "2026-02-30"])
            .status
            .code(),
        Some(2)
    );
}
