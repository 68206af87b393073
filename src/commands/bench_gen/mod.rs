//! `glassbox bench-gen N DIR`: writes a synthetic portal of N systems for
//! benchmarks. The content is realistic and varied (every field the schema
//! has, a dozen service areas, all statuses and automation levels, monitoring
//! tables, changes, contacts, about 600 words of Markdown per system), valid
//! (it builds without errors or warnings up to 1 December 2026, when the
//! first reviews fall due),
//! and deterministic: the same N always gives byte-identical files.
//!
//! Alongside the systems it writes N/5 published errors and N/50 challenge
//! routes (at least one of each), and three pages plus N/10 guides. The
//! first [`FOOTER_CHOSEN`] pages set `footer_order`; the others are on the
//! list of all pages, as in a portal that has grown.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

mod entries;
mod text;
mod words;

use entries::{challenge, published_error, system};
use text::{Rng, paragraph};
use words::*;

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    pub systems: usize,
    pub errors: usize,
    pub challenges: usize,
    pub pages: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BenchGenError {
    #[error("{0} already exists; bench-gen writes only into a new or empty folder")]
    NotEmpty(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn portal_yaml() -> String {
    let mut out = String::from(
        "# A synthetic portal written by `glassbox bench-gen` for benchmarks.\n\
         organisation:\n  name: Example Borough Council\n  type: local-authority\n  website: https://www.example.gov.uk/\n\
         base_url: https://ai.example.gov.uk/\nlanguage: en-GB\n\
         introduction: >-\n  This site lists every computer system we use that learns from data, makes\n  suggestions or makes decisions in our services.\n\
         service_areas:\n",
    );
    for (id, name, description) in AREAS {
        let _ = writeln!(
            out,
            "  - id: {id}\n    name: {name}\n    description: {description}"
        );
    }
    out.push_str(
        "default_contact:\n  email: ai-transparency@example.gov.uk\n  phone: 01632 960100\n  phone_hours: Monday to Friday, 9am to 5pm\n  web_form: https://www.example.gov.uk/contact-us/ai\n\
         report_a_problem:\n  email: ai-transparency@example.gov.uk\n  response_time: within 10 working days\n\
         review_interval_months: 12\n\
         open_data_licence:\n  name: Open Government Licence v3.0\n  url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n\
         footer_links:\n  - title: Example Borough Council website\n    url: https://www.example.gov.uk/\n",
    );
    out
}

/// The pages every portal has: id, title and description.
const PAGES: [(&str, &str, &str); 3] = [
    (
        "about",
        "About this portal",
        "What this portal is for and how we keep it up to date.",
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How accessible this website is and how to report a problem.",
    ),
    (
        "privacy",
        "Privacy notice",
        "How we use the information on this website.",
    ),
];

/// How many pages set `footer_order` (the three fixed pages and the first
/// guides): a few, as editors choose them, so that the rest go on the list
/// of all pages.
const FOOTER_CHOSEN: usize = 5;

/// A guide page, `i` from 0: its id and its text.
fn guide(i: usize) -> (String, String) {
    let mut rng = Rng::new(4_000_000 + i as u64);
    let topic = *rng.pick(&TOPICS);
    let (_, area_name, _) = AREAS[rng.below(AREAS.len())];
    let n = i + 1;
    let id = format!("guide-{n:05}");
    let order = PAGES.len() + i + 1;
    let footer = if order <= FOOTER_CHOSEN {
        format!("footer_order: {order}\n")
    } else {
        String::new()
    };
    let text = format!(
        "---\ntitle: \"{area_name}: your {topic} (guide {n})\"\ndescription: What happens to your {topic} and who to ask about it.\n{footer}updated: 2026-01-15\n---\n\n{}\n\n{}\n",
        paragraph(&mut rng, 4),
        paragraph(&mut rng, 4)
    );
    (id, text)
}

/// Writes a synthetic portal of `n` systems into `dir` (which must not
/// have a `content/` folder yet).
pub fn generate(n: usize, dir: &Path) -> Result<Generated, BenchGenError> {
    let content = dir.join("content");
    if content.exists() {
        return Err(BenchGenError::NotEmpty(content));
    }
    let write = |path: PathBuf, text: &str| -> Result<(), BenchGenError> {
        fs::write(&path, text).map_err(|source| BenchGenError::Io { path, source })
    };
    for sub in ["systems", "errors", "challenges", "pages"] {
        let folder = content.join(sub);
        fs::create_dir_all(&folder).map_err(|source| BenchGenError::Io {
            path: folder.clone(),
            source,
        })?;
    }
    write(content.join("portal.yaml"), &portal_yaml())?;

    let routes = (n / 50).max(1);
    for i in 0..routes {
        write(
            content.join(format!("challenges/route-{:05}.md", i + 1)),
            &challenge(i),
        )?;
    }
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let (id, text) = system(i, routes);
        write(content.join(format!("systems/{id}.md")), &text)?;
        ids.push(id);
    }
    let errors = if n == 0 { 0 } else { (n / 5).max(1) };
    for i in 0..errors {
        let system_id = &ids[(i * 5 + i % 5) % n];
        write(
            content.join(format!("errors/error-{:06}.md", i + 1)),
            &published_error(i, system_id, routes),
        )?;
    }
    for (order, (id, title, description)) in PAGES.iter().enumerate() {
        let mut rng = Rng::new(3_000_000 + order as u64);
        let text = format!(
            "---\ntitle: {title}\ndescription: {description}\nfooter_order: {}\nupdated: 2026-01-15\n---\n\n{}\n\n{}\n",
            order + 1,
            paragraph(&mut rng, 5),
            paragraph(&mut rng, 5)
        );
        write(content.join(format!("pages/{id}.md")), &text)?;
    }
    let guides = n / 10;
    for i in 0..guides {
        let (id, text) = guide(i);
        write(content.join(format!("pages/{id}.md")), &text)?;
    }
    Ok(Generated {
        systems: n,
        errors,
        challenges: routes,
        pages: PAGES.len() + guides,
    })
}
