//! Old versions' pages are made a record at a time and go where the command
//! needs them (issue 26): `build` writes each into its staging folder at
//! once and keeps none in memory, `check` keeps them with the other pages,
//! `serve` makes one when it is asked for. Whichever way, a page is the same.

use std::path::Path;

use glassbox::Output;

use crate::history::{commit, git};
use crate::serve::Server;
use crate::support::*;

const CAMERAS: &str = "content/systems/parking-cameras.md";

/// The minimal portal in a repository, with three versions of the cameras.
fn three_versions() -> TestPortal {
    let p = TestPortal::minimal();
    git(p.path(), "2026-01-10T10:00:00Z", &["init", "-q"]);
    commit(p.path(), "2026-01-10T10:00:00Z", "First publication");
    p.edit(CAMERAS, "A person checks", "An officer checks");
    commit(p.path(), "2026-02-10T10:00:00Z", "Officer");
    p.edit(CAMERAS, "An officer checks", "A trained officer checks");
    commit(p.path(), "2026-03-10T10:00:00Z", "Trained");
    p
}

/// The old versions' pages of a built site: path → bytes.
fn version_pages(site: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(site)
        .into_iter()
        .filter(|(path, _)| is_version_page(path))
        .collect()
}

fn is_version_page(path: &str) -> bool {
    path.split_once("/history/").is_some_and(|(_, rest)| {
        !rest.starts_with("page/") && rest != "index.html" && rest.ends_with("/index.html")
    })
}

#[test]
fn old_version_pages_are_the_same_however_they_are_made() {
    let p = three_versions();
    p.build_ok();
    let written = version_pages(&p.site());
    // Three of the cameras, the first of the error and of the route.
    assert_eq!(written.len(), 5, "{:?}", written.keys());

    // `check` keeps them in memory with the other files.
    let kept = glassbox::render(&p.options()).unwrap();
    let kept: std::collections::BTreeMap<String, Vec<u8>> = kept
        .files
        .into_iter()
        .filter(|(path, _)| is_version_page(path))
        .collect();
    assert_eq!(kept, written);

    // `serve` makes each when asked, from the same portal; nothing is made
    // before that.
    let options = glassbox::BuildOptions {
        history_cache: Some(Default::default()),
        ..p.options()
    };
    let on_request = glassbox::render_with(&options, Output::KeepOldOnRequest).unwrap();
    assert!(
        !on_request.files.keys().any(|path| is_version_page(path)),
        "serve made old versions' pages before they were asked for"
    );
    let pages = on_request.old_versions.as_ref().unwrap();
    for (path, bytes) in &written {
        assert!(pages.has(path), "{path}");
        let made = pages.page(&on_request.portal, path).unwrap().unwrap();
        assert_eq!(&made, bytes, "{path}");
    }
    assert!(!pages.has("systems/parking-cameras/history/2026-01-10-0000000/index.html"));
    // The lists of versions are made at once, as before.
    assert!(
        on_request
            .files
            .contains_key("systems/parking-cameras/history/index.html")
    );
}

#[test]
fn a_build_that_fails_after_writing_old_versions_leaves_the_site_as_it_was() {
    let p = three_versions();
    p.build_ok();
    let before = tree(&p.site());
    // A placeholder is an error found after the history's pages are made.
    p.edit(CAMERAS, "A trained officer checks", "TODO: who checks");
    let d = p.build_fails();
    assert!(d.has_errors(), "{}", render_all(&d));
    assert_eq!(tree(&p.site()), before);
    let leftovers: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site.staging-") || n.starts_with(".site.old-"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn precompressed_builds_compress_old_versions_too() {
    let p = three_versions();
    let options = glassbox::BuildOptions {
        precompress: true,
        ..p.options()
    };
    let report = glassbox::build(&options).unwrap();
    let site = tree(&p.site());
    let pages: Vec<&String> = site.keys().filter(|path| is_version_page(path)).collect();
    assert_eq!(pages.len(), 5);
    for page in pages {
        let gz = &site[&format!("{page}.gz")];
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut text).unwrap();
        assert_eq!(&text, &site[page], "{page}.gz");
        assert!(site.contains_key(&format!("{page}.br")), "{page}.br");
    }
    // The report counts what was written as it went.
    assert_eq!(
        report.files_written,
        site.len() - 1,
        "all files but the marker"
    );
    assert_eq!(
        report.pages_written,
        site.keys().filter(|p| p.ends_with(".html")).count()
    );
}

#[test]
fn serve_makes_an_old_version_page_when_it_is_asked_for() {
    let p = three_versions();
    p.build_ok();
    let written = version_pages(&p.site());
    let server = Server::start(p.path());
    for (path, bytes) in &written {
        let url = format!("{}{}", server.root, path.trim_end_matches("index.html"));
        let answer = server.get(&url);
        assert_eq!(answer.status, 200, "{url}");
        assert_eq!(
            main_html(&answer.body),
            main_html(&String::from_utf8_lossy(bytes)),
            "{url}"
        );
    }
    let missing = format!(
        "{}systems/parking-cameras/history/2020-01-01-abcdef0/",
        server.root
    );
    assert_eq!(server.get(&missing).status, 404);
}

#[test]
fn a_folder_that_is_not_the_sites_is_refused_once_before_any_page_is_written() {
    let p = three_versions();
    p.write("site/notes.txt", "not a site");
    let result = glassbox::build(&p.options());
    assert!(
        matches!(result, Err(glassbox::BuildError::Output(ref e)) if e.to_string().contains("was not made by glassbox")),
        "{result:?}"
    );
    assert_eq!(p.read("site/notes.txt"), "not a site");
    let beside: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site."))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}
