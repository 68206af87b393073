//! Addresses the build makes itself cannot be taken: no alias may replace
//! the generated accessibility statement or the editing forms at /admin/.

use crate::support::*;

#[test]
fn no_alias_takes_the_generated_accessibility_statement() {
    let p = TestPortal::example();
    p.edit(
        "content/pages/about.md",
        "---\n",
        "---\naliases:\n  - accessibility\n",
    );
    let d = p.build_fails();
    let e = only(&d, "reserved-id");
    assert!(e.message.contains("/accessibility/"), "{}", e.message);
    assert_eq!(location(e), "content/pages/about.md:3:5");

    // Without a generated statement, the address is the page's to take.
    let p = TestPortal::minimal();
    p.edit(
        "content/pages/about.md",
        "---\n",
        "---\naliases:\n  - accessibility\n",
    );
    p.build_ok();
    assert!(p.site().join("accessibility/index.html").exists());
}

fn glassbox(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cms_options_are_addresses_and_its_output_never_covers_the_site() {
    let p = TestPortal::minimal();
    let dir = p.path().to_str().unwrap().to_string();
    for bad in [
        vec!["--api-root", "javascript:alert(1)"],
        vec!["--base-url", "https://auth.example/\nX-Injected: 1"],
        vec!["--repo", "owner/name\nX: 1"],
        vec!["--repo", "../../etc"],
    ] {
        let mut args = vec!["cms", &dir, "--backend", "gitlab", "--print-config"];
        if bad[0] != "--repo" {
            args.extend(["--repo", "council/portal"]);
        }
        args.extend(bad.iter().copied());
        let out = glassbox(&args);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(bad[0]), "{stderr}");
        assert!(out.stdout.is_empty(), "nothing written for {bad:?}");
    }
    let ok = glassbox(&[
        "cms",
        &dir,
        "--backend",
        "gitlab",
        "--repo",
        "council/portal",
        "--print-config",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    // `--output site` over a built site is refused, and the home page stays.
    p.build_ok();
    let site = p.site();
    let home = std::fs::read(site.join("index.html")).unwrap();
    let out = glassbox(&["cms", &dir, "--output", site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a built site"));
    assert_eq!(std::fs::read(site.join("index.html")).unwrap(), home);
}
