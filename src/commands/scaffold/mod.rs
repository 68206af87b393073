//! Starting points for authors: `glassbox new` writes one entry and
//! `glassbox init` a whole new portal. Every field is written out with a
//! one-line comment saying what to put there. What only the author can know
//! is left as text starting with `TODO`, usually with an example in quotes that
//! reads right where the theme shows the value. A build
//! refuses to publish a `TODO` ([`crate::model::placeholder_diagnostics`]),
//! so an unfinished entry is never published; `build --draft` previews it.
//!
//! Nothing here overwrites a file: entries are created with `create_new`.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::Date;

use crate::commands::json_schema::{self, PORTAL_SCHEMA_DIR};
use crate::model::{RESERVED_PAGE_IDS, is_safe_id};
use crate::parse::schema::RawPortal;

mod templates;

use templates::{ACCESSIBILITY_PAGE, PORTAL_YAML, PRIVACY_PAGE};

pub use crate::model::PLACEHOLDER;

/// The kinds of entry `glassbox new` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    System,
    Error,
    Challenge,
    Page,
}

impl NewKind {
    /// The folder under `content/` the entry goes into.
    pub fn folder(self) -> &'static str {
        match self {
            NewKind::System => "systems",
            NewKind::Error => "errors",
            NewKind::Challenge => "challenges",
            NewKind::Page => "pages",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error(
        "{} is not a portal folder: there is no content/portal.yaml in it. Give the portal folder, or start one with `glassbox init DIR`.",
        .0.display()
    )]
    NotAPortal(PathBuf),
    #[error(
        "the title {0:?} gives no usable file name: use a title with some letters or digits in it"
    )]
    BadTitle(String),
    #[error(
        "{} is not empty; `glassbox init` only creates a portal in a new or empty folder, so that nothing is overwritten",
        .0.display()
    )]
    NotEmpty(PathBuf),
    #[error("could not write {}: {}", .0.display(), .1)]
    Io(PathBuf, io::Error),
}

/// What `new` wrote.
#[derive(Debug)]
pub struct NewEntry {
    /// The entry's file.
    pub path: PathBuf,
    pub id: String,
    /// Schema files written because the portal had none yet.
    pub schemas_written: Vec<PathBuf>,
}

/// Writes a new entry of `kind` titled `title` into the portal at
/// `portal_dir`, with an id made from the title that no other entry of that
/// kind has. Never overwrites a file.
pub fn new_entry(
    portal_dir: &Path,
    kind: NewKind,
    title: &str,
    today: Date,
) -> Result<NewEntry, ScaffoldError> {
    let portal_file = portal_dir.join("content").join("portal.yaml");
    if !portal_file.is_file() {
        return Err(ScaffoldError::NotAPortal(portal_dir.to_path_buf()));
    }
    let title = title.trim();
    if title.is_empty() || title.chars().any(char::is_control) {
        return Err(ScaffoldError::BadTitle(title.to_string()));
    }
    let base = id_from_title(title).ok_or_else(|| ScaffoldError::BadTitle(title.to_string()))?;
    let folder = portal_dir.join("content").join(kind.folder());
    fs::create_dir_all(&folder).map_err(|e| ScaffoldError::Io(folder.clone(), e))?;
    let facts = PortalFacts::read(portal_dir);
    let text = entry_text(kind, title, today, &facts);

    // Try `id`, `id-2`, `id-3`, ... and create the first free one
    // atomically, so two runs at once cannot both take the same name.
    for n in 1.. {
        let id = if n == 1 {
            base.clone()
        } else {
            suffixed(&base, n)
        };
        if kind == NewKind::Page && RESERVED_PAGE_IDS.contains(&id.as_str()) {
            continue;
        }
        let path = folder.join(format!("{id}.md"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())
                    .map_err(|e| ScaffoldError::Io(path.clone(), e))?;
                let schemas_written = if portal_dir.join(PORTAL_SCHEMA_DIR).exists() {
                    Vec::new()
                } else {
                    write_schemas(&portal_dir.join(PORTAL_SCHEMA_DIR))?
                };
                return Ok(NewEntry {
                    path,
                    id,
                    schemas_written,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(ScaffoldError::Io(path, e)),
        }
    }
    unreachable!("the loop only ends by returning")
}

/// Writes every schema file into `dir` (creating it), replacing older
/// versions of them. Returns the paths written.
pub fn write_schemas(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    fs::create_dir_all(dir).map_err(|e| ScaffoldError::Io(dir.to_path_buf(), e))?;
    let mut written = Vec::new();
    for file in json_schema::schema_files() {
        let path = dir.join(file.file_name);
        fs::write(&path, file.text()).map_err(|e| ScaffoldError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}

/// Creates a new portal in `dir`, which must not exist or be empty: the
/// settings, the schema files, one entry of each kind and the pages every
/// portal needs. Returns every file written.
pub fn init_portal(dir: &Path, today: Date) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| ScaffoldError::Io(dir.to_path_buf(), e))?;
        if entries.next().is_some() {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let content = dir.join("content");
    fs::create_dir_all(&content).map_err(|e| ScaffoldError::Io(content.clone(), e))?;
    let mut written = Vec::new();
    let portal = content.join("portal.yaml");
    fs::write(&portal, PORTAL_YAML).map_err(|e| ScaffoldError::Io(portal.clone(), e))?;
    written.push(portal);
    let gitignore = dir.join(".gitignore");
    // The site, and what a build keeps beside it: its lock, and the site
    // before last, which the next build writes into.
    fs::write(&gitignore, "/site/\n/.site.*\n")
        .map_err(|e| ScaffoldError::Io(gitignore.clone(), e))?;
    written.push(gitignore);
    written.extend(write_schemas(&dir.join(PORTAL_SCHEMA_DIR))?);

    // The order matters: the error refers to the system and to the route.
    for (kind, title) in [
        (NewKind::System, "Example system"),
        (NewKind::Challenge, "Make a complaint"),
        (NewKind::Error, "Example published error"),
        (NewKind::Page, "About this site"),
    ] {
        written.push(new_entry(dir, kind, title, today)?.path);
    }
    for (id, text) in [
        ("accessibility", ACCESSIBILITY_PAGE),
        ("privacy", PRIVACY_PAGE),
    ] {
        let path = content.join("pages").join(format!("{id}.md"));
        let text = text.replace("{today}", &today.to_string());
        fs::write(&path, text).map_err(|e| ScaffoldError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}

/// A safe id from a title: lowercase ASCII letters, digits and single
/// hyphens, at most 80 characters, cut at a hyphen where possible.
pub fn id_from_title(title: &str) -> Option<String> {
    let mut id = slug::slugify(title);
    if id.len() > 80 {
        // slugify gives ASCII only, so byte positions are character positions.
        let cut = id[..=80].rfind('-').filter(|&i| i > 0).unwrap_or(80);
        id.truncate(cut);
        while id.ends_with('-') {
            id.pop();
        }
    }
    is_safe_id(&id).then_some(id)
}

/// `base-n`, shortened so it stays within 80 characters.
fn suffixed(base: &str, n: usize) -> String {
    let suffix = format!("-{n}");
    let mut stem = base[..base.len().min(80 - suffix.len())].to_string();
    while stem.ends_with('-') {
        stem.pop();
    }
    stem + &suffix
}

/// What the templates take from the portal: ids that exist, so the new entry
/// refers to something real and builds at once.
#[derive(Debug, Default)]
struct PortalFacts {
    service_areas: Vec<String>,
    systems: Vec<String>,
    challenges: Vec<String>,
    default_email: Option<String>,
    review_interval_months: u32,
}

impl PortalFacts {
    fn read(portal_dir: &Path) -> Self {
        let content = portal_dir.join("content");
        let mut facts = PortalFacts {
            review_interval_months: 12,
            ..PortalFacts::default()
        };
        if let Ok(text) = fs::read_to_string(content.join("portal.yaml"))
            && let Ok(raw) =
                crate::parse::yaml::parse::<RawPortal>(&text, "content/portal.yaml", &text, 1)
        {
            facts.service_areas = raw
                .service_areas
                .value
                .iter()
                .map(|a| a.id.value.clone())
                .collect();
            facts.default_email = raw
                .default_contact
                .value
                .email
                .as_ref()
                .map(|e| e.value.trim().trim_start_matches("mailto:").to_string());
            if let Some(months) = raw.review_interval_months {
                facts.review_interval_months = months.value.clamp(1, 60);
            }
        }
        facts.systems = ids_in(&content.join("systems"));
        facts.challenges = ids_in(&content.join("challenges"));
        facts
    }
}

/// The ids of the `.md` entries in `folder`, sorted.
fn ids_in(folder: &Path) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let id = name.strip_suffix(".md")?;
            (is_safe_id(id)).then(|| id.to_string())
        })
        .collect();
    ids.sort();
    ids
}

/// A YAML double-quoted string (JSON strings are valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// "a, b or c" for a comment, or `none yet`.
fn listed(ids: &[String]) -> String {
    match ids {
        [] => "none yet".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn schema_line(kind: NewKind) -> String {
    let name = json_schema::file_name_for(kind.folder()).unwrap_or("system.schema.json");
    format!("# yaml-language-server: $schema=../../{PORTAL_SCHEMA_DIR}/{name}\n")
}

fn entry_text(kind: NewKind, title: &str, today: Date, facts: &PortalFacts) -> String {
    let mut t = String::from("---\n");
    t.push_str(&schema_line(kind));
    t.push_str("# Fill in every line that says TODO: glassbox does not publish the portal while one\n# is left (`glassbox build --draft` previews it). Where a line gives an example in quotes,\n# write your text in the same form (without the quotes): it is shown as it is written.\n");
    let title_q = quoted(title);
    match kind {
        NewKind::System => {
            let area = facts
                .service_areas
                .first()
                .cloned()
                .unwrap_or_else(|| "TODO".into());
            let review_by = today
                .checked_add((facts.review_interval_months as i64).months())
                .unwrap_or(today);
            let _ = write!(
                t,
                r#"# The name of the system, as residents would say it.
name: {title_q}
# One or two plain sentences on what the system does and why (at most 350 characters).
summary: TODO say in one or two plain sentences what the system does and why.
# The service area it belongs to: {areas}.
service_area: {area}
# Where it is in its life: planned, pilot, in-use, paused or retired.
status: planned
# The decision the system plays a part in.
decision: TODO name the decision, such as "Which repairs we do first."
# Who makes the final decision: a job title, not a person's name.
final_decision_by: TODO a job title, such as "Repairs Manager"
# How much it decides: informs-staff, recommends, decides-with-review or decides-automatically.
automation: informs-staff
# Whether what it does affects residents directly: true or false.
affects_residents_directly: false
# How residents meet it: behind-the-scenes, produces-what-you-receive (letters, messages)
# or talks-to-you (a chat helper). Needed when it affects residents but only informs staff.
resident_contact: behind-the-scenes
# The law or legal power its use rests on. Needed when it recommends or decides about residents.
# lawful_basis: TODO such as UK GDPR Article 6(1)(e) (public task), under the Housing Act 1985.
# Who is affected, and how.
who_is_affected: TODO say which residents are affected and how, such as "Tenants who report a repair. The system suggests how soon we come."
# Optional: what happens to a resident the system picks out, writes to or talks to, and what they must
# do by when. It is shown near the top of the page. Leave the line out for systems residents never meet.
# what_happens_to_you: TODO such as "A repairs planner reads your report and books the repair. We tell you the date by text within 2 working days."
# Who checks what the system produces.
human_oversight:
  # Who checks it: a job title.
  who: TODO a job title, such as "Repairs Officer"
  # Whether they can overrule or ignore it: true or false.
  can_override: true
  # How the checking works day to day.
  how: TODO say how staff check what the system produces, such as "An officer reads every request before it is booked."
# Each kind of data the system uses; copy the four lines for each one more.
data:
  - name: TODO the name of the data, such as "Repair requests"
    # What the data is.
    description: TODO say what the data is, such as "What the tenant reported, and when."
    # Whether it is about people (personal data): true or false.
    personal_data: true
    # Whether it includes health, ethnicity, religion or other special-category data: true or false.
    special_category_data: false
# Who runs the system.
owner:
  # The team.
  team: TODO the team that runs the system, such as "Housing Repairs"
  # The senior person responsible for it, as a job title.
  senior_responsible_owner: TODO a job title, such as "Head of Housing"
# The company that supplies it; delete these four lines if it is made in-house.
supplier:
  name: TODO the company's name, such as "Example Software Ltd"
  # What the company does for you.
  role: TODO say what the company does, such as "builds and hosts the system"
  # Its Companies House number; delete this line if you do not know it.
  identifier: TODO the number, such as "01234567"
# What the supplier's contract says on ethics; delete a line the contract
# does not cover, or all five lines if it is made in-house.
contract:
  audit_rights: TODO say how you can check the system, its data and results.
  bias_testing: TODO say what the supplier must do to test for unfair results.
  data_use: TODO say what the supplier may and may not do with the data.
  ending: TODO say how you can end the contract and what happens to the data.
# Training for each group of staff who use the system.
training:
  - staff: TODO which staff, as job titles, such as "Repairs officers"
    what: TODO say what the training covers, such as "How the system ranks requests, and when to overrule it."
    how_often: TODO say how often it is given, such as "Once a year"
    # When it was last given; delete this line before it has been given.
    last_given: {today}
# How it works: rule-based, machine-learning, generative or hybrid.
model_type: rule-based
# Why it is used: what it is for and what it makes better.
benefits: TODO say why you use it and what it makes better.
# What else you considered, including not using a computer system at all.
alternatives_considered: TODO say what else you considered.
# Assessments made, each with kind (dpia, eqia, fria or other), title, date, summary and link.
impact_assessments: []
# Checks for unfair results, each with stage, date, method, groups_checked and result.
bias_checks: []
# Risks, each with the risk and its mitigation (what you do about it).
risks: []
# What you measure, each with what, how_often, by and, if you have them, results.
monitoring: []
# Things the system cannot do well, one short sentence each.
known_limitations: []
# Ids of the challenge routes residents can use: {routes}.
challenge_routes: []
# Why no challenge route applies; only when the list above is empty and residents are affected.
# no_challenge_route_reason: TODO say why, in a sentence.
# Who to ask about this system; leave out to use the portal's contact.
# contact:
#   email: TODO@example.gov.uk
# When it started being used (YYYY-MM-DD); leave out while it is planned.
# started: {today}
# When the record was last checked (YYYY-MM-DD).
last_reviewed: {today}
# When it must be checked next, at most {months} months later (YYYY-MM-DD).
review_by: {review_by}
# Changes to the system or this record, newest first.
changes:
  - date: {today}
    summary: We published this record.
# The language of this entry, only if it is not the portal's, such as cy.
# lang: cy
---

TODO explain how the system works in more depth, in plain words: what goes in,
what comes out, and what staff do with it.
"#,
                areas = listed(&facts.service_areas),
                routes = listed(&facts.challenges),
                months = facts.review_interval_months,
            );
        }
        NewKind::Error => {
            let system = facts
                .systems
                .first()
                .cloned()
                .unwrap_or_else(|| "TODO".into());
            let routes = if facts.challenges.is_empty() {
                "[]".to_string()
            } else {
                format!("[{}]", facts.challenges[0])
            };
            let _ = write!(
                t,
                r#"# The id of the system the error was in: {systems}.
system: {system}
# A short title saying what went wrong.
title: {title_q}
# One or two plain sentences on what went wrong (at most 350 characters).
summary: TODO say in one or two plain sentences what went wrong, such as "Some letters went to an old address."
# When the error was found (YYYY-MM-DD).
found: {today}
# Who found it: staff, resident, audit or monitoring.
found_by: staff
# Where things stand: investigating, fixed, monitoring or closed.
status: investigating
# When it was fixed (YYYY-MM-DD); add it when the status is fixed or closed.
# fixed: {today}
# How many people were affected; leave out while you do not know.
# people_affected: 0
# What you did about it.
what_we_did: TODO say what you did about it, such as "We fixed the address list and wrote to everyone affected."
# Ids of the challenge routes an affected resident can use: {all_routes}.
what_you_can_do: {routes}
# The language of this entry, only if it is not the portal's, such as cy.
# lang: cy
---

TODO say what happened, in plain words: what went wrong, for whom, and since when.
"#,
                systems = listed(&facts.systems),
                all_routes = listed(&facts.challenges),
            );
        }
        NewKind::Challenge => {
            let email = facts
                .default_email
                .clone()
                .unwrap_or_else(|| "TODO@example.gov.uk".into());
            let _ = write!(
                t,
                r#"# The title of the route, saying what the resident can do.
title: {title_q}
# What kind of route: explanation, human-review, appeal, complaint, ombudsman, regulator or data-rights.
kind: complaint
# One or two plain sentences on what the route is for (at most 350 characters).
summary: TODO say in one or two plain sentences what this route is for, such as "Tell us if you think a decision about you is wrong, and we will look at it again."
# What can be challenged: tool-output, decision or service.
applies_to: decision
# Who can start it.
who_can_start: TODO say who can start it, such as "Anyone the decision is about, or someone acting for them."
# Whether residents can start it themselves: true or false.
resident_can_start: true
# What to do, one short step a line, in order.
steps:
  - TODO the first thing to do, such as "Tell us which decision you mean."
  - TODO the next thing to do, such as "Say why you think it is wrong."
# How to get in touch: email, phone, phone_hours, web_form, post or in_person.
contact:
  email: {email}
# By when it must be started; delete the line if there is no time limit.
time_limit: TODO such as "Within 28 days of the date on the decision letter."
# How quickly you answer.
response_time: TODO such as "Within 10 working days."
# The independent body to go to next, with name, url and when.
# escalate_to:
#   name: Local Government and Social Care Ombudsman
#   url: https://www.lgo.org.uk/
#   when: If you are still unhappy after our answer.
# Where to get free, independent help, each with name, description, url and phone.
free_help: []
# Formats it is available in: easy-read, large-print, braille, audio, bsl, other-languages.
formats: []
# The language of this entry, only if it is not the portal's, such as cy.
# lang: cy
---
"#
            );
        }
        NewKind::Page => {
            let _ = write!(
                t,
                r#"# The title of the page.
title: {title_q}
# One sentence for search engines and link previews.
description: TODO say in one sentence what the page is about, such as "Who runs this site and why."
# Puts the page in the footer, at this place (lower first). The footer has
# room for 8 pages; leave out to list the page only on the list of all pages.
# footer_order: 1
# When the page was last updated (YYYY-MM-DD).
updated: {today}
# The language of this page, only if it is not the portal's, such as cy.
# lang: cy
---

TODO write the page. Start a new section with a line such as `## Who we are`.
"#
            );
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles_are_safe() {
        assert_eq!(
            id_from_title("Fraud risk scoring (v2.0)").as_deref(),
            Some("fraud-risk-scoring-v2-0")
        );
        assert_eq!(
            id_from_title("Données & Algorithmes").as_deref(),
            Some("donnees-algorithmes")
        );
        assert_eq!(id_from_title("!!!"), None);
        let long = "word ".repeat(40);
        let id = id_from_title(&long).unwrap();
        assert!(id.len() <= 80 && is_safe_id(&id), "{id}");
        assert_eq!(suffixed(&"a".repeat(80), 12).len(), 80);
    }
}
