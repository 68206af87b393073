//! Front-matter splitting and YAML parsing into the model: any bytes given as
//! an entry file (of the kind the first byte picks), or as `portal.yaml`,
//! must come back as a portal or as diagnostics, never a panic or a hang.
#![no_main]

use glassbox::load::{SourceFile, Sources};
use libfuzzer_sys::fuzz_target;

const PORTAL: &str = include_str!("../../tests/fixtures/minimal/content/portal.yaml");

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let file = |folder: &str| SourceFile {
        path: format!("content/{folder}/fuzz.md"),
        id: "fuzz".into(),
        text: text.to_string(),
    };
    let mut sources = Sources {
        root: ".".into(),
        portal: Some(SourceFile {
            path: "content/portal.yaml".into(),
            id: "portal".into(),
            text: PORTAL.into(),
        }),
        systems: Vec::new(),
        errors: Vec::new(),
        challenges: Vec::new(),
        pages: Vec::new(),
        theme_overrides: Vec::new(),
        problems: Vec::new(),
    };
    match pick % 5 {
        0 => sources.systems.push(file("systems")),
        1 => sources.errors.push(file("errors")),
        2 => sources.challenges.push(file("challenges")),
        3 => sources.pages.push(file("pages")),
        _ => {
            sources.portal.as_mut().unwrap().text = text.to_string();
        }
    }
    let _ = glassbox::parse::front_matter::split("content/fuzz.md", text);
    let (portal, diagnostics) =
        glassbox::model::build_portal(&sources, jiff::civil::date(2026, 11, 26));
    // A failed parse always says why.
    assert!(portal.is_some() || diagnostics.error_count() > 0);
    for d in diagnostics.iter() {
        let _ = d.render();
    }
});
