//! The output folder: deterministic, swapped in whole, never half-written,
//! never a folder glassbox did not make.

use std::fs;
use std::path::Path;

use crate::support::*;

#[test]
fn two_builds_are_byte_identical() {
    let p = TestPortal::example();
    p.build_ok();
    let first = tree(&p.site());
    let other = tempfile::tempdir().unwrap();
    glassbox::build(&glassbox::BuildOptions {
        output_dir: Some(other.path().join("site")),
        ..p.options()
    })
    .unwrap();
    let second = tree(&other.path().join("site"));
    assert_eq!(first.len(), second.len());
    for (path, bytes) in &first {
        assert!(
            second.get(path) == Some(bytes),
            "{path} differs between builds"
        );
    }
}

#[test]
fn failed_build_leaves_the_previous_site_exactly_as_it_was() {
    let p = TestPortal::minimal();
    p.build_ok();
    let before = tree(&p.site());
    p.edit(
        "content/systems/parking-cameras.md",
        "status: in-use",
        "status: broken",
    );
    p.write("content/pages/new.md", "---\ntitle: A new page\n---\n");
    p.build_fails();
    assert_eq!(tree(&p.site()), before);
    let leftovers: Vec<_> = fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".site.lock" && n != ".site.spare")
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_rebuild_removes_pages_of_deleted_entries() {
    let p = TestPortal::minimal();
    p.build_ok();
    assert!(p.site().join("about/index.html").exists());
    p.remove("content/pages/about.md");
    p.build_ok();
    assert!(!p.site().join("about").exists());
}

#[test]
fn output_inside_content_or_the_portal_itself_is_refused() {
    let p = TestPortal::minimal();
    for out in [
        p.path().join("content/site"),
        p.path().to_path_buf(),
        p.path().join("themes"),
    ] {
        let result = glassbox::build(&glassbox::BuildOptions {
            output_dir: Some(out.clone()),
            ..p.options()
        });
        match result {
            Err(e @ glassbox::BuildError::Usage(_)) => assert_eq!(e.exit_code(), 2),
            other => panic!("{} was accepted: {other:?}", out.display()),
        }
    }
    assert!(p.path().join("content/portal.yaml").exists());
}

#[test]
fn a_folder_glassbox_did_not_make_is_never_replaced() {
    let p = TestPortal::minimal();
    p.write("documents/letter.txt", "Dear resident");
    let result = glassbox::build(&glassbox::BuildOptions {
        output_dir: Some(p.path().join("documents")),
        ..p.options()
    });
    assert!(
        matches!(result, Err(glassbox::BuildError::Output(_))),
        "{result:?}"
    );
    assert_eq!(p.read("documents/letter.txt"), "Dear resident");
}

#[test]
fn a_path_through_a_missing_folder_cannot_reach_content() {
    let p = TestPortal::minimal();
    let sneaky = p.path().join("nope/../content/pages/x");
    let result = glassbox::build(&glassbox::BuildOptions {
        output_dir: Some(sneaky),
        ..p.options()
    });
    assert!(
        matches!(result, Err(glassbox::BuildError::Usage(_))),
        "{result:?}"
    );
    assert!(!p.path().join("content/pages/x").exists());
}

#[test]
fn leftovers_of_a_stopped_build_are_cleaned_up() {
    let p = TestPortal::minimal();
    // A staging folder from a process that no longer runs.
    p.write(".site.staging-999999999/index.html", "half");
    p.build_ok();
    assert!(!p.path().join(".site.staging-999999999").exists());
}

/// The inode of a file: which file on disk it is, whatever its name now.
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).unwrap().ino()
}

/// The site of `p` built into a new folder, as every file's bytes.
fn fresh_site(p: &TestPortal) -> std::collections::BTreeMap<String, Vec<u8>> {
    let fresh = tempfile::tempdir().unwrap();
    glassbox::build(&glassbox::BuildOptions {
        output_dir: Some(fresh.path().join("site")),
        ..p.options()
    })
    .unwrap();
    tree(&fresh.path().join("site"))
}

#[test]
fn a_rebuild_writes_into_the_site_before_last_rather_than_new_files() {
    let p = TestPortal::minimal();
    p.build_ok();
    let first = inode(&p.site().join("index.html"));
    p.build_ok();
    // The site before the one in place is kept beside it, whole...
    let spare = p.path().join(".site.spare");
    assert_eq!(inode(&spare.join("index.html")), first);
    // ...and the next build writes into its files and swaps it in.
    p.edit(
        "content/pages/about.md",
        "This portal lists",
        "This portal now lists",
    );
    p.build_ok();
    assert_eq!(inode(&p.site().join("index.html")), first);
    assert_eq!(tree(&p.site()), fresh_site(&p));
}

#[test]
fn the_site_a_build_writes_is_the_site_render_keeps_file_for_file() {
    // `build` writes each file as it is made (the register a piece at a
    // time); `render`, for `check`, keeps them: the same files either way.
    for precompress in [false, true] {
        let p = TestPortal::example();
        let options = glassbox::BuildOptions {
            precompress,
            ..p.options()
        };
        glassbox::build(&options).unwrap();
        let mut written = tree(&p.site());
        written.remove(glassbox::write::MARKER);
        let kept = glassbox::render(&options).unwrap().files;
        assert_eq!(
            written.keys().collect::<Vec<_>>(),
            kept.keys().collect::<Vec<_>>()
        );
        assert!(written == kept, "the same paths, other bytes");
        assert!(kept.contains_key("register.json") && kept.len() > 100);
    }
}

#[test]
fn a_rebuild_rewrites_only_the_files_that_changed() {
    let p = TestPortal::minimal();
    p.build_ok();
    p.build_ok();
    let spare = p.path().join(".site.spare");
    // A page of the spare copy spoiled with other bytes of the same
    // length, and the time of a file that stays the same.
    let about = spare.join("about/index.html");
    let length = fs::metadata(&about).unwrap().len() as usize;
    fs::write(&about, "x".repeat(length)).unwrap();
    let modified = |path: &Path| fs::metadata(path).unwrap().modified().unwrap();
    let robots = modified(&spare.join("robots.txt"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    p.build_ok();
    assert_eq!(tree(&p.site()), fresh_site(&p));
    assert_eq!(
        modified(&p.site().join("robots.txt")),
        robots,
        "an unchanged file was rewritten"
    );
    assert_ne!(modified(&p.site().join("about/index.html")), robots);
}

#[test]
fn pages_the_site_before_last_had_are_gone_from_the_next() {
    let p = TestPortal::minimal();
    p.build_ok();
    assert!(p.site().join("about/index.html").exists());
    p.remove("content/pages/about.md");
    p.build_ok();
    // This build reuses the first site, which had the page.
    p.build_ok();
    assert!(
        !p.site().join("about").exists(),
        "the page's folder is left"
    );
    assert_eq!(tree(&p.site()), fresh_site(&p));
}

#[test]
fn a_link_put_in_the_spare_copy_is_removed_not_followed() {
    let p = TestPortal::minimal();
    p.build_ok();
    p.build_ok();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("index.html"), "not glassbox's").unwrap();
    let spare = p.path().join(".site.spare");
    // A folder of the spare replaced by a link to a folder elsewhere, and
    // a file replaced by a link to a file elsewhere.
    fs::remove_dir_all(spare.join("about")).unwrap();
    std::os::unix::fs::symlink(outside.path(), spare.join("about")).unwrap();
    fs::remove_file(spare.join("index.html")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("index.html"), spare.join("index.html"))
        .unwrap();
    p.build_ok();
    assert_eq!(
        fs::read_to_string(outside.path().join("index.html")).unwrap(),
        "not glassbox's"
    );
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 1);
    assert!(
        fs::symlink_metadata(p.site().join("about"))
            .unwrap()
            .is_dir()
    );
    assert!(
        fs::symlink_metadata(p.site().join("index.html"))
            .unwrap()
            .is_file()
    );
}
