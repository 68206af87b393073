//! Version history pages, from git repositories made in the test with the
//! `git` program (glassbox itself reads them with gix, without it).

use std::path::Path;
use std::process::Command;

use crate::support::*;

/// Runs git in `dir` with a fixed identity and date and none of the
/// machine's settings.
pub(crate) fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub(crate) fn commit(dir: &Path, date: &str, message: &str) {
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
}

const TRIAGE: &str = "content/systems/adult-social-care-referral-triage.md";

/// The example portal in a repository of its own, with three versions of
/// the referral triage system.
fn example_with_history() -> TestPortal {
    let p = TestPortal::example();
    p.edit("content/portal.yaml", "  enabled: false", "  enabled: true");
    git(p.path(), "2026-01-10T10:00:00Z", &["init", "-q"]);
    commit(p.path(), "2026-01-10T10:00:00Z", "First publication");
    p.edit(TRIAGE, "status: in-use", "status: pilot")
        .edit(
            TRIAGE,
            "automation: recommends",
            "automation: decides-automatically",
        )
        // A system that decides on its own cannot be out of residents' sight
        // (a build refuses that, and history publishes only what builds).
        .edit(
            TRIAGE,
            "resident_contact: behind-the-scenes",
            "resident_contact: produces-what-you-receive",
        )
        .edit(TRIAGE, "  - ask-for-a-human-review\n", "");
    commit(p.path(), "2026-02-10T10:00:00Z", "Pilot phase");
    p.edit(TRIAGE, "status: pilot", "status: in-use")
        .edit(
            TRIAGE,
            "automation: decides-automatically",
            "automation: recommends",
        )
        .edit(
            TRIAGE,
            "resident_contact: produces-what-you-receive",
            "resident_contact: behind-the-scenes",
        )
        .edit(
            TRIAGE,
            "  - ask-for-an-explanation\n",
            "  - ask-for-an-explanation\n  - ask-for-a-human-review\n",
        )
        .edit(
            TRIAGE,
            "summary: >-\n  When",
            "summary: >-\n  Since March, when",
        );
    commit(
        p.path(),
        "2026-03-10T10:00:00Z",
        "In use again\n\nAfter the pilot a person decides again.",
    );
    p
}

fn version_dirs(p: &TestPortal, history: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(p.site().join(history))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html")
        .collect();
    names.sort();
    names
}

#[test]
fn example_portal_in_a_repository_shows_each_version_and_what_changed() {
    let p = example_with_history();
    p.build_ok();
    let history = "systems/adult-social-care-referral-triage/history/";
    let main = p.main_of(history);
    // Newest first, with the commit message as the change note.
    let newest = main.find("In use again").expect("newest note");
    let middle = main.find("Pilot phase").expect("middle note");
    let oldest = main.find("First publication").expect("oldest note");
    assert!(newest < middle && middle < oldest, "{main}");
    assert!(main.contains("After the pilot a person decides again."));
    for sentence in [
        "Status changed from Pilot to In use",
        "Automation changed from Decides automatically to Recommends",
        "Status changed from In use to Pilot",
        "Automation changed from Recommends to Decides automatically",
        "Challenge route Ask for a person to look at a decision again removed",
        "Challenge route Ask for a person to look at a decision again added",
        "Summary changed",
        "This is the oldest version we know of.",
        "history began on 10 January 2026",
    ] {
        assert!(main.contains(sentence), "missing {sentence:?} in {main}");
    }
    // Words added and removed say so to screen readers too.
    assert!(
        main.contains(r#"<ins class="diff__added"><span class="visually-hidden">Added: </span>Since March, when"#),
        "{main}"
    );
    assert!(
        main.contains(
            r#"<del class="diff__removed"><span class="visually-hidden">Removed: </span>When"#
        ),
        "{main}"
    );

    // Every version at its own address, marked as old and not indexed.
    let versions = version_dirs(&p, history);
    assert_eq!(versions.len(), 3, "{versions:?}");
    assert!(versions[0].starts_with("2026-01-10-"), "{versions:?}");
    let old = p.page(&format!("{history}{}/", versions[1]));
    assert!(old.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(
        old.contains(
            "as it was published on <time datetime=\"2026-02-10\">10 February 2026</time>"
        )
    );
    assert!(old.contains(
        r#"<a href="/systems/adult-social-care-referral-triage/">Read the current version</a>"#
    ));
    assert!(
        old.contains("<dd class=\"summary-list__value\">Pilot</dd>"),
        "{old}"
    );
    assert!(!p.page(history).contains("noindex"));

    // Reached from the record, in its feed and JSON; old versions stay out of the sitemap.
    assert!(p.page("systems/adult-social-care-referral-triage/").contains(
        r#"href="/systems/adult-social-care-referral-triage/history/">See every published version"#
    ));
    let feed = p.read("site/systems/adult-social-care-referral-triage/feed.xml");
    assert!(feed.contains("<title>New version: Adult social care referral sorting</title>"));
    assert!(
        feed.contains("Pilot phase. Status changed from In use to Pilot."),
        "{feed}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&p.read("site/systems/adult-social-care-referral-triage.json"))
            .unwrap();
    let listed = json["versions"].as_array().unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[0]["note"], "In use again");
    assert_eq!(
        listed[1]["changes"][0],
        "Status changed from In use to Pilot"
    );
    let sitemap = p.read("site/sitemap.xml");
    assert!(sitemap.contains("/systems/adult-social-care-referral-triage/history/</loc>"));
    assert!(!sitemap.contains(&versions[0]));
    // Other records have one version each.
    assert_eq!(
        version_dirs(&p, "systems/letter-translation/history/").len(),
        1
    );
}

#[test]
fn the_build_is_the_same_twice() {
    let p = example_with_history();
    p.build_ok();
    let first = p.read("site/systems/adult-social-care-referral-triage/history/index.html");
    p.build_ok();
    assert_eq!(
        first,
        p.read("site/systems/adult-social-care-referral-triage/history/index.html")
    );
}

#[test]
fn a_renamed_entry_keeps_its_history() {
    let p = TestPortal::minimal();
    p.write(
        "content/portal.yaml",
        p.read("content/portal.yaml") + "history:\n  enabled: true\n",
    );
    git(p.path(), "2026-01-01T09:00:00Z", &["init", "-q"]);
    commit(p.path(), "2026-01-01T09:00:00Z", "Start");
    let old = p.read("content/errors/wrong-bay.md");
    p.remove("content/errors/wrong-bay.md");
    p.write(
        "content/errors/wrong-bay-2026.md",
        old.replacen("---\n", "---\naliases:\n  - wrong-bay\n", 1),
    );
    commit(p.path(), "2026-02-01T09:00:00Z", "Clearer address");
    p.build_ok();
    let main = p.main_of("errors/wrong-bay-2026/history/");
    assert!(main.contains("Start"), "{main}");
    assert!(
        main.contains("The record&#39;s address changed from wrong-bay to wrong-bay-2026")
            || main.contains("The record's address changed from wrong-bay to wrong-bay-2026"),
        "{main}"
    );
    assert_eq!(version_dirs(&p, "errors/wrong-bay-2026/history/").len(), 2);
}

#[test]
fn a_shallow_clone_says_from_when_history_is_known() {
    let origin = TestPortal::minimal();
    git(origin.path(), "2026-01-01T09:00:00Z", &["init", "-q"]);
    commit(origin.path(), "2026-01-01T09:00:00Z", "Start");
    origin.edit(
        "content/systems/parking-cameras.md",
        "status: in-use",
        "status: paused",
    );
    commit(origin.path(), "2026-04-01T09:00:00Z", "Paused");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git(
        clone.path(),
        "2026-04-01T09:00:00Z",
        &["clone", "-q", "--depth", "1", &url, "portal"],
    );
    let portal = clone.path().join("portal");
    let mut options = glassbox::BuildOptions::new(&portal);
    options.today = Some(test_today());
    glassbox::build(&options).unwrap();
    let page =
        std::fs::read_to_string(portal.join("site/systems/parking-cameras/history/index.html"))
            .unwrap();
    assert!(
        page.contains("Versions are known from 1 April 2026 only"),
        "{page}"
    );
    assert!(page.contains("Paused"));
    assert!(!page.contains("Start"));
}

#[test]
fn without_a_repository_there_are_no_history_pages_unless_asked_for() {
    let p = TestPortal::minimal();
    p.build_ok();
    assert!(!p.site().join("systems/parking-cameras/history").exists());
    assert!(!p.page("systems/parking-cameras/").contains("/history/"));

    p.write(
        "content/portal.yaml",
        p.read("content/portal.yaml") + "history:\n  enabled: true\n",
    );
    p.build_ok();
    let main = p.main_of("systems/parking-cameras/history/");
    assert!(main.contains("not kept in a version history"), "{main}");
}

#[test]
fn history_can_be_turned_off_or_start_from_a_date() {
    let p = TestPortal::minimal();
    git(p.path(), "2026-01-01T09:00:00Z", &["init", "-q"]);
    commit(p.path(), "2026-01-01T09:00:00Z", "Draft before launch");
    p.edit(
        "content/systems/parking-cameras.md",
        "status: in-use",
        "status: pilot",
    );
    commit(p.path(), "2026-03-01T09:00:00Z", "Launch");
    p.edit(
        "content/systems/parking-cameras.md",
        "status: pilot",
        "status: in-use",
    );
    commit(p.path(), "2026-05-01T09:00:00Z", "In use");

    // On by default: the portal folder is the repository's root.
    p.build_ok();
    assert_eq!(
        version_dirs(&p, "systems/parking-cameras/history/").len(),
        3
    );

    let portal = p.read("content/portal.yaml");
    p.write(
        "content/portal.yaml",
        format!("{portal}history:\n  since: 2026-02-01\n"),
    );
    p.build_ok();
    let main = p.main_of("systems/parking-cameras/history/");
    assert!(
        main.contains("Versions published from 1 February 2026 on are listed."),
        "{main}"
    );
    assert!(main.contains("Launch") && main.contains("In use"), "{main}");
    assert!(!main.contains("Draft before launch"), "{main}");
    // The first version shown is not compared with the unpublished draft.
    assert!(!main.contains("changed from In use to Pilot"), "{main}");
    assert_eq!(
        version_dirs(&p, "systems/parking-cameras/history/").len(),
        2
    );

    p.write(
        "content/portal.yaml",
        format!("{portal}history:\n  enabled: false\n"),
    );
    p.build_ok();
    assert!(!p.site().join("systems/parking-cameras/history").exists());
}

#[test]
fn a_portal_in_a_sub_folder_needs_history_turned_on() {
    let p = TestPortal::minimal();
    let repo = tempfile::tempdir().unwrap();
    let portal = repo.path().join("portal");
    std::fs::create_dir_all(&portal).unwrap();
    std::fs::rename(p.path().join("content"), portal.join("content")).unwrap();
    git(repo.path(), "2026-01-01T09:00:00Z", &["init", "-q"]);
    commit(repo.path(), "2026-01-01T09:00:00Z", "Start");
    let mut options = glassbox::BuildOptions::new(&portal);
    options.today = Some(test_today());
    glassbox::build(&options).unwrap();
    assert!(!portal.join("site/systems/parking-cameras/history").exists());

    let yaml = portal.join("content/portal.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text + "history:\n  enabled: true\n").unwrap();
    glassbox::build(&options).unwrap();
    let page =
        std::fs::read_to_string(portal.join("site/systems/parking-cameras/history/index.html"))
            .unwrap();
    assert!(page.contains("Start"), "{page}");
}

#[test]
fn changes_to_training_contract_and_how_residents_meet_a_system_are_listed() {
    const LETTERS: &str = "content/systems/letter-translation.md";
    let p = TestPortal::example();
    p.edit("content/portal.yaml", "  enabled: false", "  enabled: true");
    git(p.path(), "2026-01-10T10:00:00Z", &["init", "-q"]);
    commit(p.path(), "2026-01-10T10:00:00Z", "First publication");
    p.edit(
        LETTERS,
        "staff: Customer services officers",
        "staff: Customer services advisers",
    )
    .edit(
        LETTERS,
        "We can check a sample of translations",
        "We can check every translation",
    )
    .edit(
        LETTERS,
        "resident_contact: produces-what-you-receive",
        "resident_contact: behind-the-scenes",
    );
    commit(
        p.path(),
        "2026-02-10T10:00:00Z",
        "Training, contract, contact",
    );
    p.build_ok();
    let main = p.main_of("systems/letter-translation/history/");
    for sentence in [
        "Training for “Customer services advisers who send translated letters” added",
        "Training for “Customer services officers who send translated letters” removed",
        "What the contract says changed",
        "How you meet it changed",
    ] {
        assert!(main.contains(sentence), "missing {sentence:?} in {main}");
    }
}
