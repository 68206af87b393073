//! The validated model of a portal: plain data that knows nothing of
//! templates or HTML. [`build_portal`] parses every source, checks every rule
//! the content must follow and collects a diagnostic for each problem, so an
//! author sees all of them in one run.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Position, nearest};
use crate::front_matter;
use crate::load::{EntryKind, SourceFile, Sources};
use crate::schema::*;
use crate::yaml;

pub use crate::schema::{AiActRiskClass, ImportSource};
pub use crate::schema::{
    AppliesTo, AssessmentKind, AutomationLevel, BiasCheck, ChallengeKind, Change, CheckStage,
    DataSource, ErrorStatus, Format, FoundBy, ModelType, Monitoring, OrganisationType, Oversight,
    Owner, ResultRow, Results, Risk, Supplier, SystemStatus,
};

/// Longest plain-language summary, as in the Dutch register's short description.
pub const MAX_SUMMARY_CHARS: usize = 350;
/// Review interval when `portal.yaml` does not set one.
pub const DEFAULT_REVIEW_MONTHS: u32 = 12;
/// Top-level URL segments the site uses itself; pages may not take them.
pub const RESERVED_PAGE_IDS: &[&str] = &[
    "systems",
    "errors",
    "challenge",
    "challenges",
    "assets",
    "browse",
    "search",
    "open-data",
    "how-we-are-doing",
    "exports",
    "feed",
    "api",
    "index",
    "404",
    "pages",
];

#[derive(Debug, Clone, Serialize)]
pub struct Portal {
    pub settings: Settings,
    /// Sorted by id.
    pub systems: Vec<System>,
    /// Sorted by id.
    pub errors: Vec<PublishedError>,
    /// Sorted by id.
    pub challenges: Vec<ChallengeRoute>,
    /// Sorted by id.
    pub pages: Vec<Page>,
    /// The date review deadlines were compared with.
    pub today: Date,
}

#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub organisation: Organisation,
    /// Always ends with `/`.
    pub base_url: String,
    /// Path part of the base URL (e.g. `/` or `/ai/`), which every internal link starts with.
    pub root_path: String,
    pub language: String,
    pub title: String,
    pub introduction: Option<String>,
    pub service_areas: Vec<ServiceArea>,
    pub default_contact: Contact,
    pub report_a_problem: ReportProblem,
    pub review_interval_months: u32,
    pub open_data_licence: Licence,
    pub footer_links: Vec<Link>,
    /// Figures for the "how we are doing" page, oldest quarter first.
    pub how_we_are_doing: Vec<Quarter>,
    /// Standards the register is also published in, under `/exports/`.
    pub publish_exports: Vec<crate::export::Format>,
    /// The accessibility statement, when `portal.yaml` has one.
    pub accessibility: Option<Accessibility>,
}

/// One quarter's figures for the "how we are doing" page.
#[derive(Debug, Clone, Serialize)]
pub struct Quarter {
    pub year: i16,
    /// 1 to 4.
    pub quarter: u8,
    pub concerns_raised: u64,
    pub concerns_resolved: u64,
    pub challenges_received: u64,
    pub challenges_upheld: u64,
}

/// A checked accessibility statement.
#[derive(Debug, Clone, Serialize)]
pub struct Accessibility {
    pub status: ConformanceStatus,
    pub country: Country,
    pub known_issues: Vec<KnownIssue>,
    pub prepared: Date,
    pub last_reviewed: Option<Date>,
    pub last_tested: Date,
    pub tested_by: String,
    pub how_tested: Option<String>,
    pub improvements: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KnownIssue {
    pub problem: String,
    pub criteria: Vec<String>,
    pub fix_by: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub name: String,
    pub kind: OrganisationType,
    pub website: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceArea {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub phone_hours: Option<String>,
    pub web_form: Option<String>,
    pub post: Option<String>,
    pub in_person: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportProblem {
    pub email: Option<String>,
    pub form_url: Option<String>,
    pub response_time: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Licence {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Where an entry came from, for later messages (Markdown links, templates).
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub path: String,
    /// Line of the file the Markdown body starts on.
    pub body_line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct System {
    pub id: String,
    pub source: Source,
    pub name: String,
    pub summary: String,
    pub service_area: String,
    pub status: SystemStatus,
    pub decision: String,
    pub final_decision_by: String,
    pub automation: AutomationLevel,
    pub affects_residents_directly: bool,
    pub who_is_affected: String,
    pub human_oversight: Oversight,
    pub data: Vec<DataSource>,
    pub owner: Owner,
    pub supplier: Option<Supplier>,
    pub model_type: ModelType,
    pub benefits: String,
    pub alternatives_considered: Option<String>,
    pub impact_assessments: Vec<ImpactAssessment>,
    pub bias_checks: Vec<BiasCheck>,
    pub risks: Vec<Risk>,
    pub monitoring: Vec<Monitoring>,
    pub known_limitations: Vec<String>,
    pub challenge_routes: Vec<String>,
    pub no_challenge_route_reason: Option<String>,
    pub contact: Option<Contact>,
    pub started: Option<Date>,
    pub last_reviewed: Date,
    pub review_by: Date,
    pub review_overdue: bool,
    /// Newest first.
    pub changes: Vec<Change>,
    /// Old ids whose addresses redirect to this entry.
    pub aliases: Vec<String>,
    pub lang: Option<String>,
    pub body: String,
    /// The law or legal power the use rests on.
    pub lawful_basis: Option<String>,
    /// Its place under the EU AI Act, when given.
    pub ai_act: Option<AiAct>,
    /// Where the record was imported from, when it was.
    pub imported: Option<Imported>,
}

/// A system's place under the EU AI Act.
#[derive(Debug, Clone, Serialize)]
pub struct AiAct {
    pub risk_class: AiActRiskClass,
    pub annex_iii_point: Option<String>,
    pub provider_database_url: Option<String>,
    pub fria_summary: Option<String>,
    pub dpia_summary: Option<String>,
}

/// Where an imported record came from, and what the source did not give.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub from: ImportSource,
    pub source_url: String,
    pub imported_on: Date,
    pub organisation: Option<String>,
    pub standard_version: Option<String>,
    /// Source fields glassbox has no place for, by the standard's column name.
    pub other_fields: std::collections::BTreeMap<String, String>,
    /// Names of the fields whose values are placeholders.
    pub gaps: Vec<String>,
}

/// The fields an import may leave as gaps: required fields a source record
/// may not give. Their values in the file are placeholders.
pub const GAP_FIELDS: &[&str] = &[
    "summary",
    "decision",
    "final_decision_by",
    "automation",
    "affects_residents_directly",
    "who_is_affected",
    "human_oversight",
    "data",
    "owner",
    "model_type",
    "benefits",
    "review_by",
];

/// What the site shows instead of a gap's placeholder.
pub const GAP_TEXT: &str = "Not given in the source record.";

impl System {
    /// Whether `field` is a gap an import left (its value is a placeholder).
    pub fn is_gap(&self, field: &str) -> bool {
        self.imported
            .as_ref()
            .is_some_and(|i| i.gaps.iter().any(|g| g == field))
    }

    pub fn uses_personal_data(&self) -> bool {
        self.data.iter().any(|d| d.personal_data)
    }
    pub fn uses_special_category_data(&self) -> bool {
        self.data.iter().any(|d| d.special_category_data)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactAssessment {
    pub kind: AssessmentKind,
    pub title: String,
    pub date: Date,
    pub summary: String,
    pub link: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublishedError {
    pub id: String,
    pub source: Source,
    pub system: String,
    pub title: String,
    pub summary: String,
    pub found: Date,
    pub found_by: FoundBy,
    pub status: ErrorStatus,
    pub fixed: Option<Date>,
    pub people_affected: Option<u64>,
    pub what_we_did: String,
    pub what_you_can_do: Vec<String>,
    /// Old ids whose addresses redirect to this entry.
    pub aliases: Vec<String>,
    pub lang: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChallengeRoute {
    pub id: String,
    pub source: Source,
    pub title: String,
    pub kind: ChallengeKind,
    pub summary: String,
    pub applies_to: AppliesTo,
    pub who_can_start: String,
    pub resident_can_start: bool,
    pub steps: Vec<String>,
    pub contact: Contact,
    pub time_limit: Option<String>,
    pub response_time: String,
    pub escalate_to: Option<Escalation>,
    pub free_help: Vec<Help>,
    pub formats: Vec<Format>,
    /// Old ids whose addresses redirect to this entry.
    pub aliases: Vec<String>,
    pub lang: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Escalation {
    pub name: String,
    pub url: String,
    pub when: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Help {
    pub name: String,
    pub description: String,
    pub url: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub id: String,
    pub source: Source,
    pub title: String,
    pub description: Option<String>,
    pub footer_order: Option<i64>,
    pub updated: Option<Date>,
    /// Old ids whose addresses redirect to this entry.
    pub aliases: Vec<String>,
    pub lang: Option<String>,
    pub body: String,
}

/// Parses and checks everything in `sources`. Returns the model when there
/// are no errors, and every diagnostic (warnings too) either way.
pub fn build_portal(sources: &Sources, today: Date) -> (Option<Portal>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(sources.problems.iter().cloned());

    let settings = sources.portal.as_ref().and_then(|file| {
        let mut d = Diagnostics::new();
        let settings = parse_settings(file, &mut d);
        diagnostics.extend(d);
        settings
    });

    // Entries are independent until references are resolved: parse them in parallel.
    let systems = parse_all(sources, EntryKind::System, parse_system);
    let errors = parse_all(sources, EntryKind::PublishedError, parse_error);
    let challenges = parse_all(sources, EntryKind::ChallengeRoute, parse_challenge);
    let pages = parse_all(sources, EntryKind::Page, parse_page);
    let systems = collect(systems, &mut diagnostics);
    let errors = collect(errors, &mut diagnostics);
    let challenges = collect(challenges, &mut diagnostics);
    let pages = collect(pages, &mut diagnostics);

    let Some(settings) = settings else {
        diagnostics.sort();
        return (None, diagnostics);
    };

    let mut checker = Checker {
        area_ids: settings
            .service_areas
            .iter()
            .map(|a| a.id.clone())
            .collect(),
        settings: &settings,
        today,
        diagnostics: &mut diagnostics,
        // Every entry file counts as existing, even one that failed to parse,
        // so one broken file does not cause a cascade of false errors.
        system_ids: ids_of(sources, EntryKind::System),
        challenge_ids: ids_of(sources, EntryKind::ChallengeRoute),
        resident_routes: {
            let parsed: BTreeSet<String> = challenges.iter().map(|c| c.model.id.clone()).collect();
            ids_of(sources, EntryKind::ChallengeRoute)
                .into_iter()
                .filter(|id| {
                    !parsed.contains(id)
                        || challenges
                            .iter()
                            .any(|c| &c.model.id == id && c.model.resident_can_start)
                })
                .collect()
        },
    };
    for system in &systems {
        checker.check_system(system);
    }
    for error in &errors {
        checker.check_error(error);
    }
    for page in &pages {
        checker.check_page(page);
    }
    crate::aliases::check(
        &[
            alias_group(crate::aliases::Kind::System, &systems),
            alias_group(crate::aliases::Kind::Error, &errors),
            alias_group(crate::aliases::Kind::Challenge, &challenges),
            alias_group(crate::aliases::Kind::Page, &pages),
        ],
        &mut diagnostics,
    );

    let mut systems: Vec<System> = systems.into_iter().map(|p| p.model).collect();
    for system in &mut systems {
        system.review_overdue = system.review_by < today && !system.is_gap("review_by");
    }
    diagnostics.sort();
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    let portal = Portal {
        settings,
        systems,
        errors: errors.into_iter().map(|p| p.model).collect(),
        challenges: challenges.into_iter().map(|p| p.model).collect(),
        pages: pages.into_iter().map(|p| p.model).collect(),
        today,
    };
    (Some(portal), diagnostics)
}

/// The ids and aliases of one kind of entry, for [`crate::aliases::check`].
fn alias_group<'a, T, R>(
    kind: crate::aliases::Kind,
    parsed: &'a [Parsed<'_, T, R>],
) -> crate::aliases::Group<'a> {
    crate::aliases::Group {
        kind,
        entries: parsed
            .iter()
            .map(|p| crate::aliases::Entry {
                id: &p.file.id,
                path: &p.file.path,
                text: &p.file.text,
                yaml_line: p.yaml_line,
                aliases: &p.aliases,
            })
            .collect(),
    }
}

fn ids_of(sources: &Sources, kind: EntryKind) -> BTreeSet<String> {
    sources.entries(kind).iter().map(|f| f.id.clone()).collect()
}

/// An entry parsed on its own, with what the cross-checks need to point at
/// the right line.
struct Parsed<'s, T, R> {
    model: T,
    /// The spanned parts kept for the checks that need other entries.
    refs: R,
    file: &'s SourceFile,
    yaml_line: usize,
    /// The entry's `aliases`, with positions for the alias checks.
    aliases: Vec<Spanned<String>>,
}

type ParseResult<'s, T, R> = (Option<Parsed<'s, T, R>>, Vec<Diagnostic>);
/// Parses one entry file of a kind.
type ParseEntry<T, R> =
    for<'s> fn(&'s SourceFile, &mut Vec<Diagnostic>) -> Option<Parsed<'s, T, R>>;

fn parse_all<'s, T: Send, R: Send>(
    sources: &'s Sources,
    kind: EntryKind,
    parse: ParseEntry<T, R>,
) -> Vec<ParseResult<'s, T, R>> {
    sources
        .entries(kind)
        .par_iter()
        .map(|file| {
            let mut d = Vec::new();
            if let Some(problem) = check_id(file, kind) {
                d.push(problem);
            }
            let parsed = parse(file, &mut d);
            (parsed, d)
        })
        .collect()
}

fn collect<'s, T, R>(
    results: Vec<ParseResult<'s, T, R>>,
    diagnostics: &mut Diagnostics,
) -> Vec<Parsed<'s, T, R>> {
    let mut out = Vec::new();
    for (parsed, d) in results {
        diagnostics.extend(d);
        out.extend(parsed);
    }
    out
}

/// Names Windows keeps for devices: a folder named so cannot be copied to a
/// Windows server, so a site with one could not be published from there.
const WINDOWS_DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Ids become URL segments: lowercase letters, digits and single hyphens,
/// and not a name Windows reserves for a device.
pub fn is_safe_id(id: &str) -> bool {
    !WINDOWS_DEVICE_NAMES.contains(&id)
        && !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

fn check_id(file: &SourceFile, kind: EntryKind) -> Option<Diagnostic> {
    if is_safe_id(&file.id) {
        return None;
    }
    if WINDOWS_DEVICE_NAMES.contains(&file.id.as_str()) {
        return Some(
            Diagnostic::error(
                "unsafe-id",
                format!(
                    "`{}` cannot be used as an id: Windows keeps this name for a device, so the site could not be copied there",
                    file.id
                ),
            )
            .in_file(&file.path)
            .with_help(format!(
                "rename the file to a longer name, e.g. `{}-{}.md`",
                file.id,
                kind.noun().replace(' ', "-")
            )),
        );
    }
    let suggestion = slug::slugify(&file.id);
    let help = if suggestion.is_empty() {
        "rename the file using lowercase letters, digits and hyphens, e.g. `parking-cameras.md`"
            .to_string()
    } else {
        format!(
            "rename the file to `{suggestion}.md`; the file name is the {}'s web address",
            kind.noun()
        )
    };
    Some(
        Diagnostic::error(
            "unsafe-id",
            format!(
                "`{}` cannot be used as an id: ids may only use lowercase letters, digits and hyphens",
                file.id
            ),
        )
        .in_file(&file.path)
        .with_help(help),
    )
}

/// Splits and parses one entry's front matter into `T`.
fn parse_front_matter<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<(T, usize, String, usize)> {
    let split = match front_matter::split(&file.path, &file.text) {
        Ok(split) => split,
        Err(e) => {
            d.push(e);
            return None;
        }
    };
    match yaml::parse::<T>(split.yaml, &file.path, &file.text, split.yaml_line) {
        Ok(raw) => Some((
            raw,
            split.yaml_line,
            split.body.to_string(),
            split.body_line,
        )),
        Err(e) => {
            d.extend(e);
            None
        }
    }
}

/// Small helpers to check values that carry a position.
struct At<'a> {
    file: &'a SourceFile,
    yaml_line: usize,
}

impl At<'_> {
    fn pos<T>(&self, value: &Spanned<T>) -> Position {
        yaml::position(value, self.yaml_line)
    }

    fn error<T>(
        &self,
        value: &Spanned<T>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(code, message).at(&self.file.path, &self.file.text, self.pos(value))
    }

    fn warning<T>(
        &self,
        value: &Spanned<T>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::warning(code, message).at(&self.file.path, &self.file.text, self.pos(value))
    }

    /// A web address: must be absolute http(s).
    fn url(&self, value: &Spanned<String>, d: &mut Vec<Diagnostic>) -> String {
        let url = value.value.trim();
        if !is_web_url(url) {
            d.push(
                self.error(
                    value,
                    "invalid-url",
                    format!("`{url}` is not a web address"),
                )
                .with_help("write the full address, starting with https://"),
            );
        }
        url.to_string()
    }

    fn email(&self, value: &Spanned<String>, d: &mut Vec<Diagnostic>) -> String {
        let email = value.value.trim().trim_start_matches("mailto:");
        if !is_email(email) {
            d.push(
                self.error(
                    value,
                    "invalid-email",
                    format!("`{email}` is not an email address"),
                )
                .with_help("write an address like `ai-team@example.gov.uk`"),
            );
        }
        email.to_string()
    }

    fn summary(&self, value: &Spanned<String>, d: &mut Vec<Diagnostic>) -> String {
        let text = value.value.trim().to_string();
        let chars = text.chars().count();
        if chars > MAX_SUMMARY_CHARS {
            d.push(
                self.error(
                    value,
                    "summary-too-long",
                    format!("the summary is {chars} characters long; the limit is {MAX_SUMMARY_CHARS}"),
                )
                .with_help("keep the summary to two or three short sentences; put detail in the text below the front matter"),
            );
        } else if text.is_empty() {
            d.push(
                self.error(value, "missing-value", "the summary is empty")
                    .with_help("write one or two plain sentences"),
            );
        }
        text
    }

    fn lang(&self, value: &Option<Spanned<String>>, d: &mut Vec<Diagnostic>) -> Option<String> {
        let value = value.as_ref()?;
        let tag = value.value.trim();
        if !is_language_tag(tag) {
            d.push(
                self.error(
                    value,
                    "invalid-language",
                    format!("`{tag}` is not a language code"),
                )
                .with_help("use a code such as `en-GB`, `cy` (Welsh) or `pl` (Polish)"),
            );
        }
        Some(tag.to_string())
    }

    fn contact(&self, raw: Spanned<RawContact>, d: &mut Vec<Diagnostic>, context: &str) -> Contact {
        let at = self.pos(&raw);
        let RawContact {
            email,
            phone,
            phone_hours,
            web_form,
            post,
            in_person,
        } = raw.value;
        let contact = Contact {
            email: email.as_ref().map(|e| self.email(e, d)),
            phone: phone.map(|p| p.trim().to_string()),
            phone_hours: phone_hours.map(String::from),
            web_form: web_form.as_ref().map(|u| self.url(u, d)),
            post: post.map(|p| p.trim_end().to_string()),
            in_person: in_person.map(String::from),
        };
        let reachable = contact.email.is_some()
            || contact.phone.is_some()
            || contact.web_form.is_some()
            || contact
                .post
                .as_deref()
                .is_some_and(|p| !p.trim().is_empty())
            || contact.in_person.is_some();
        if !reachable {
            d.push(
                Diagnostic::error(
                    "empty-contact",
                    format!("{context} gives no way to get in touch"),
                )
                .at(&self.file.path, &self.file.text, at)
                .with_help("give at least one of: email, phone, web_form, post, in_person"),
            );
        }
        contact
    }
}

pub fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(host) if host.split('/').next().is_some_and(|h| h.contains('.') || h.starts_with("localhost")))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
}

fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || "<>\"(),;:".contains(c))
}

/// A BCP 47 tag in the common shape: a 2–3 letter language, then optional
/// subtags of 1–8 letters or digits.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(language) = parts.next() else {
        return false;
    };
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn parse_settings(file: &SourceFile, d: &mut Diagnostics) -> Option<Settings> {
    let raw: RawPortal = match yaml::parse(&file.text, &file.path, &file.text, 1) {
        Ok(raw) => raw,
        Err(e) => {
            d.extend(e);
            return None;
        }
    };
    let at = At { file, yaml_line: 1 };
    let mut problems = Vec::new();
    let RawPortal {
        organisation,
        base_url,
        language,
        title,
        introduction,
        service_areas,
        default_contact,
        report_a_problem,
        review_interval_months,
        open_data_licence,
        footer_links,
        plain_language: _, // read by `glassbox check` (lint.rs)
        how_we_are_doing,
        publish_exports,
        accessibility,
    } = raw;
    let RawOrganisation {
        name: org_name,
        kind,
        website,
    } = organisation;
    let organisation = Organisation {
        website: at.url(&website, &mut problems),
        name: org_name.trim().to_string(),
        kind,
    };
    let mut base = at.url(&base_url, &mut problems);
    if base.contains(['?', '#']) {
        problems.push(
            at.error(
                &base_url,
                "invalid-url",
                "`base_url` may not have a `?` or `#` part",
            )
            .with_help(
                "give the address the site is published at, e.g. https://www.example.gov.uk/ai/",
            ),
        );
        base.truncate(base.find(['?', '#']).unwrap_or(base.len()));
    }
    if !base.ends_with('/') {
        base.push('/');
    }
    let root_path = base
        .splitn(4, '/')
        .nth(3)
        .map(|p| format!("/{p}"))
        .unwrap_or_else(|| "/".to_string());
    let language = match &language {
        Some(_) => at.lang(&language, &mut problems).unwrap_or_default(),
        None => "en-GB".to_string(),
    };
    let mut seen = BTreeSet::new();
    let mut areas = Vec::new();
    let areas_at = at.pos(&service_areas);
    for area in service_areas.value {
        let RawServiceArea {
            id,
            name,
            description,
        } = area;
        if !is_safe_id(&id.value) {
            problems.push(
                at.error(
                    &id,
                    "unsafe-id",
                    format!("`{}` cannot be used as a service area id", id.value),
                )
                .with_help(format!(
                    "use lowercase letters, digits and hyphens, e.g. `{}`",
                    slug::slugify(&id.value)
                )),
            );
        } else if !seen.insert(id.value.clone()) {
            problems.push(
                at.error(
                    &id,
                    "duplicate-id",
                    format!("the service area `{}` is listed twice", id.value),
                )
                .with_help("give each service area its own id"),
            );
        }
        areas.push(ServiceArea {
            id: id.value,
            name: name.into(),
            description: description.map(String::from),
        });
    }
    if areas.is_empty() {
        problems.push(
            Diagnostic::error("missing-value", "`service_areas` lists no service area")
                .at(&file.path, &file.text, areas_at)
                .with_help("list at least one, e.g. `- id: housing` with `name: Housing`"),
        );
    }
    let default_contact = at.contact(default_contact, &mut problems, "`default_contact`");
    let report_at = at.pos(&report_a_problem);
    let RawReportProblem {
        email,
        form_url,
        response_time,
    } = report_a_problem.value;
    let report_a_problem = ReportProblem {
        email: email.as_ref().map(|e| at.email(e, &mut problems)),
        form_url: form_url.as_ref().map(|u| at.url(u, &mut problems)),
        response_time: response_time.map(String::from),
    };
    if report_a_problem.email.is_none() && report_a_problem.form_url.is_none() {
        problems.push(
            Diagnostic::error(
                "empty-contact",
                "`report_a_problem` gives neither `email` nor `form_url`",
            )
            .at(&file.path, &file.text, report_at)
            .with_help(
                "residents need a way to report a mistake in a record: add `email:` or `form_url:`",
            ),
        );
    }
    let review_interval_months = match &review_interval_months {
        Some(months) if months.value == 0 || months.value > 60 => {
            problems.push(
                at.error(
                    months,
                    "invalid-value",
                    "the review interval must be between 1 and 60 months",
                )
                .with_help("12 months is usual"),
            );
            DEFAULT_REVIEW_MONTHS
        }
        Some(months) => months.value,
        None => DEFAULT_REVIEW_MONTHS,
    };
    let open_data_licence = match open_data_licence {
        Some(RawLicence { name, url }) => Licence {
            name: name.into(),
            url: at.url(&url, &mut problems),
        },
        None => Licence {
            name: "Open Government Licence v3.0".into(),
            url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
                .into(),
        },
    };
    let footer_links = footer_links
        .into_iter()
        .map(|RawLink { title, url }| Link {
            title: title.into(),
            url: at.url(&url, &mut problems),
        })
        .collect();
    let title = title
        .map(String::from)
        .unwrap_or_else(|| format!("{} AI transparency portal", organisation.name));
    let how_we_are_doing = quarters(&at, how_we_are_doing, &mut problems);
    let accessibility = accessibility.map(|a| accessibility_statement(&at, a, &mut problems));
    d.extend(problems);
    Some(Settings {
        organisation,
        base_url: base,
        root_path,
        language,
        title,
        introduction: introduction.map(String::from),
        service_areas: areas,
        default_contact,
        report_a_problem,
        review_interval_months,
        open_data_licence,
        footer_links,
        how_we_are_doing,
        publish_exports,
        accessibility,
    })
}

/// Checks the quarters of `how_we_are_doing` (`YYYY-Qn`, each once) and
/// sorts them oldest first.
fn quarters(at: &At, raw: Vec<RawQuarter>, d: &mut Vec<Diagnostic>) -> Vec<Quarter> {
    let mut out: Vec<Quarter> = Vec::new();
    for RawQuarter {
        quarter,
        concerns_raised,
        concerns_resolved,
        challenges_received,
        challenges_upheld,
    } in raw
    {
        let parsed = quarter.value.trim().split_once("-Q").and_then(|(y, q)| {
            let four_digits = y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
            let year = y.parse::<i16>().ok().filter(|_| four_digits)?;
            let q = q.parse::<u8>().ok().filter(|q| (1..=4).contains(q))?;
            Some((year, q))
        });
        let Some((year, q)) = parsed else {
            d.push(
                at.error(
                    &quarter,
                    "invalid-value",
                    format!("`{}` is not a quarter", quarter.value),
                )
                .with_help(
                    "write the quarter as `YYYY-Qn`, e.g. `2026-Q1` for January to March 2026",
                ),
            );
            continue;
        };
        if out.iter().any(|o| o.year == year && o.quarter == q) {
            d.push(
                at.error(
                    &quarter,
                    "duplicate-id",
                    format!("the quarter `{}` is listed twice", quarter.value),
                )
                .with_help("give each quarter's figures once"),
            );
            continue;
        }
        out.push(Quarter {
            year,
            quarter: q,
            concerns_raised,
            concerns_resolved,
            challenges_received,
            challenges_upheld,
        });
    }
    out.sort_by_key(|q| (q.year, q.quarter));
    out
}

/// Checks `portal.yaml`'s `accessibility` section.
fn accessibility_statement(
    at: &At,
    raw: Spanned<RawAccessibility>,
    problems: &mut Vec<Diagnostic>,
) -> Accessibility {
    let section = at.pos(&raw);
    let RawAccessibility {
        status,
        country,
        known_issues,
        prepared,
        last_reviewed,
        last_tested,
        tested_by,
        how_tested,
        improvements,
    } = raw.value;
    let issues_at = known_issues.as_ref().map_or(section, |k| at.pos(k));
    let known_issues: Vec<KnownIssue> = known_issues
        .map(|k| k.value)
        .unwrap_or_default()
        .into_iter()
        .map(|i| KnownIssue {
            problem: i.problem.into(),
            criteria: i.criteria.into_iter().map(String::from).collect(),
            fix_by: i.fix_by,
        })
        .collect();
    match status {
        ConformanceStatus::FullyCompliant if !known_issues.is_empty() => problems.push(
            Diagnostic::error(
                "status-mismatch",
                "the statement says `fully-compliant` but lists known issues",
            )
            .at(&at.file.path, &at.file.text, issues_at)
            .with_help("use `status: partially-compliant`, or remove the issues that are fixed"),
        ),
        ConformanceStatus::PartiallyCompliant | ConformanceStatus::NotCompliant
            if known_issues.is_empty() =>
        {
            problems.push(
                Diagnostic::error(
                    "missing-value",
                    "a portal that is not fully compliant must list its `known_issues`",
                )
                .at(&at.file.path, &at.file.text, section)
                .with_help(
                    "add `known_issues:` with a `- problem:` for each part that is not accessible, \
                     or use `status: fully-compliant` if there are none",
                ),
            )
        }
        _ => {}
    }
    if let Some(reviewed) = &last_reviewed
        && reviewed.value < prepared.value
    {
        problems.push(
            at.error(
                reviewed,
                "invalid-date",
                "`last_reviewed` is before the statement was `prepared`",
            )
            .with_help("give the date of the last review, on or after `prepared`"),
        );
    }
    Accessibility {
        status,
        country,
        known_issues,
        prepared: prepared.value,
        last_reviewed: last_reviewed.map(|d| d.value),
        last_tested: last_tested.value,
        tested_by: tested_by.into(),
        how_tested: how_tested.map(String::from),
        improvements: improvements.map(String::from),
    }
}

/// What the cross-checks of a system need.
struct SystemRefs {
    service_area: Spanned<String>,
    challenge_routes: Vec<Spanned<String>>,
    automation: Spanned<AutomationLevel>,
    last_reviewed: Spanned<Date>,
    review_by: Spanned<Date>,
    started: Option<Spanned<Date>>,
    no_challenge_route_reason: Option<Spanned<String>>,
}

fn parse_system<'s>(
    file: &'s SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<Parsed<'s, System, SystemRefs>> {
    let (raw, yaml_line, body, body_line) = parse_front_matter::<RawSystem>(file, d)?;
    let at = At { file, yaml_line };
    let RawSystem {
        name,
        summary,
        service_area,
        status,
        decision,
        final_decision_by,
        automation,
        affects_residents_directly,
        who_is_affected,
        human_oversight,
        data,
        owner,
        supplier,
        model_type,
        benefits,
        alternatives_considered,
        impact_assessments,
        bias_checks,
        risks,
        monitoring,
        known_limitations,
        challenge_routes,
        no_challenge_route_reason,
        contact,
        started,
        last_reviewed,
        review_by,
        mut changes,
        aliases,
        lang,
        lawful_basis,
        ai_act,
        imported,
    } = raw;
    let ai_act = ai_act.map(
        |RawAiAct {
             risk_class,
             annex_iii_point,
             provider_database_url,
             fria_summary,
             dpia_summary,
         }| AiAct {
            risk_class,
            annex_iii_point: annex_iii_point.map(String::from),
            provider_database_url: provider_database_url.as_ref().map(|u| at.url(u, d)),
            fria_summary: fria_summary.map(String::from),
            dpia_summary: dpia_summary.map(String::from),
        },
    );
    let imported = imported.map(
        |RawImported {
             from,
             source_url,
             imported_on,
             organisation,
             standard_version,
             other_fields,
             gaps,
         }| {
            let mut names = Vec::new();
            for gap in &gaps {
                if !GAP_FIELDS.contains(&gap.value.as_str()) {
                    let near = nearest(&gap.value, GAP_FIELDS.iter().copied(), 1);
                    d.push(
                        at.error(gap, "invalid-value", format!("`{}` cannot be a gap", gap.value))
                            .with_help(match near.first() {
                                Some(n) => format!("did you mean `{n}`? Gaps can be: {}", GAP_FIELDS.join(", ")),
                                None => format!("gaps can be: {}", GAP_FIELDS.join(", ")),
                            }),
                    );
                } else if !names.contains(&gap.value) {
                    names.push(gap.value.clone());
                }
            }
            if let Some(first) = gaps.first()
                && !names.is_empty()
            {
                d.push(
                    at.warning(
                        first,
                        "import-gap",
                        format!(
                            "the imported record did not give {}; the page shows \"{GAP_TEXT}\" for {}",
                            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                            if names.len() == 1 { "it" } else { "them" },
                        ),
                    )
                    .with_help("fill in each field, then remove it from `imported.gaps`"),
                );
            }
            Imported {
                from,
                source_url: at.url(&source_url, d),
                imported_on,
                organisation: organisation.map(String::from),
                standard_version: standard_version.map(String::from),
                other_fields: other_fields
                    .into_iter()
                    .map(|(k, v)| (k, String::from(v)))
                    .collect(),
                gaps: names,
            }
        },
    );
    let impact_assessments = impact_assessments
        .into_iter()
        .map(
            |RawImpactAssessment {
                 kind,
                 title,
                 date,
                 summary,
                 link,
             }| ImpactAssessment {
                kind,
                title: title.into(),
                date,
                summary: summary.into(),
                link: link.as_ref().map(|l| at.url(l, d)),
            },
        )
        .collect();
    if data.value.is_empty() {
        d.push(
            Diagnostic::error("missing-value", "`data` lists no data source")
                .at(&file.path, &file.text, at.pos(&data))
                .with_help("list each source of data the system uses, with `name`, `description` and `personal_data`"),
        );
    }
    for m in &monitoring {
        if let Some(results) = &m.results
            && results.rows.value.is_empty()
        {
            d.push(
                Diagnostic::error(
                    "missing-value",
                    format!(
                        "the monitoring results \"{}\" have no rows",
                        results.caption
                    ),
                )
                .at(&file.path, &file.text, at.pos(&results.rows))
                .with_help("add `rows:` with a `group` and a `value` for each resident group"),
            );
        }
    }
    changes.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.summary.cmp(&b.summary)));
    let system = System {
        id: file.id.clone(),
        source: Source {
            path: file.path.clone(),
            body_line,
        },
        name: name.trim().to_string(),
        summary: at.summary(&summary, d),
        service_area: service_area.value.clone(),
        status,
        decision: decision.into(),
        final_decision_by: final_decision_by.into(),
        automation: automation.value,
        affects_residents_directly,
        who_is_affected: who_is_affected.into(),
        human_oversight,
        data: data.value,
        owner,
        supplier,
        model_type,
        benefits: benefits.into(),
        alternatives_considered: alternatives_considered.map(String::from),
        impact_assessments,
        bias_checks,
        risks,
        monitoring,
        known_limitations: known_limitations.into_iter().map(String::from).collect(),
        challenge_routes: challenge_routes.iter().map(|c| c.value.clone()).collect(),
        no_challenge_route_reason: no_challenge_route_reason.as_ref().map(|r| r.value.clone()),
        contact: contact.map(|c| at.contact(c, d, "`contact`")),
        started: started.as_ref().map(|s| s.value),
        last_reviewed: last_reviewed.value,
        review_by: review_by.value,
        review_overdue: false,
        changes,
        aliases: aliases.iter().map(|a| a.value.clone()).collect(),
        lang: at.lang(&lang, d),
        body,
        lawful_basis: lawful_basis.map(String::from),
        ai_act,
        imported,
    };
    Some(Parsed {
        model: system,
        refs: SystemRefs {
            service_area,
            challenge_routes,
            automation,
            last_reviewed,
            review_by,
            started,
            no_challenge_route_reason,
        },
        file,
        yaml_line,
        aliases,
    })
}

struct ErrorRefs {
    system: Spanned<String>,
    what_you_can_do: Vec<Spanned<String>>,
    found: Spanned<Date>,
    fixed: Option<Spanned<Date>>,
    status: Spanned<ErrorStatus>,
}

fn parse_error<'s>(
    file: &'s SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<Parsed<'s, PublishedError, ErrorRefs>> {
    let (raw, yaml_line, body, body_line) = parse_front_matter::<RawPublishedError>(file, d)?;
    let at = At { file, yaml_line };
    let RawPublishedError {
        system,
        title,
        summary,
        found,
        found_by,
        status,
        fixed,
        people_affected,
        what_we_did,
        what_you_can_do,
        aliases,
        lang,
    } = raw;
    let model = PublishedError {
        id: file.id.clone(),
        source: Source {
            path: file.path.clone(),
            body_line,
        },
        system: system.value.clone(),
        title: title.trim().to_string(),
        summary: at.summary(&summary, d),
        found: found.value,
        found_by,
        status: status.value,
        fixed: fixed.as_ref().map(|f| f.value),
        people_affected,
        what_we_did: what_we_did.into(),
        what_you_can_do: what_you_can_do.iter().map(|c| c.value.clone()).collect(),
        aliases: aliases.iter().map(|a| a.value.clone()).collect(),
        lang: at.lang(&lang, d),
        body,
    };
    Some(Parsed {
        model,
        refs: ErrorRefs {
            system,
            what_you_can_do,
            found,
            fixed,
            status,
        },
        file,
        yaml_line,
        aliases,
    })
}

fn parse_challenge<'s>(
    file: &'s SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<Parsed<'s, ChallengeRoute, ()>> {
    let (raw, yaml_line, body, body_line) = parse_front_matter::<RawChallengeRoute>(file, d)?;
    let at = At { file, yaml_line };
    let RawChallengeRoute {
        title,
        kind,
        summary,
        applies_to,
        who_can_start,
        resident_can_start,
        steps,
        contact,
        time_limit,
        response_time,
        escalate_to,
        free_help,
        formats,
        aliases,
        lang,
    } = raw;
    if steps.value.is_empty() {
        d.push(
            Diagnostic::error("missing-value", "`steps` lists no step")
                .at(&file.path, &file.text, at.pos(&steps))
                .with_help("write what a resident does, one step per `- ` line, in order"),
        );
    }
    let model = ChallengeRoute {
        id: file.id.clone(),
        source: Source {
            path: file.path.clone(),
            body_line,
        },
        title: title.trim().to_string(),
        kind,
        summary: at.summary(&summary, d),
        applies_to,
        who_can_start: who_can_start.into(),
        resident_can_start,
        steps: steps.value.into_iter().map(String::from).collect(),
        contact: at.contact(contact, d, "`contact`"),
        time_limit: time_limit.map(String::from),
        response_time: response_time.into(),
        escalate_to: escalate_to.map(|RawEscalation { name, url, when }| Escalation {
            name: name.into(),
            url: at.url(&url, d),
            when: when.map(String::from),
        }),
        free_help: free_help
            .into_iter()
            .map(
                |RawHelp {
                     name,
                     description,
                     url,
                     phone,
                 }| Help {
                    name: name.into(),
                    description: description.into(),
                    url: url.as_ref().map(|u| at.url(u, d)),
                    phone: phone.map(String::from),
                },
            )
            .collect(),
        formats,
        aliases: aliases.iter().map(|a| a.value.clone()).collect(),
        lang: at.lang(&lang, d),
        body,
    };
    Some(Parsed {
        model,
        refs: (),
        file,
        yaml_line,
        aliases,
    })
}

fn parse_page<'s>(file: &'s SourceFile, d: &mut Vec<Diagnostic>) -> Option<Parsed<'s, Page, ()>> {
    let (raw, yaml_line, body, body_line) = parse_front_matter::<RawPage>(file, d)?;
    let at = At { file, yaml_line };
    let RawPage {
        title,
        description,
        footer_order,
        updated,
        aliases,
        lang,
    } = raw;
    let model = Page {
        id: file.id.clone(),
        source: Source {
            path: file.path.clone(),
            body_line,
        },
        title: title.trim().to_string(),
        description: description.map(String::from),
        footer_order,
        updated,
        aliases: aliases.iter().map(|a| a.value.clone()).collect(),
        lang: at.lang(&lang, d),
        body,
    };
    Some(Parsed {
        model,
        refs: (),
        file,
        yaml_line,
        aliases,
    })
}

/// The checks that look across entries.
struct Checker<'a> {
    settings: &'a Settings,
    today: Date,
    diagnostics: &'a mut Diagnostics,
    system_ids: BTreeSet<String>,
    challenge_ids: BTreeSet<String>,
    resident_routes: BTreeSet<String>,
    area_ids: BTreeSet<String>,
}

impl Checker<'_> {
    /// Checks that `value` is one of the `known` ids of `what`.
    fn reference(
        diagnostics: &mut Diagnostics,
        at: &At,
        value: &Spanned<String>,
        known: &BTreeSet<String>,
        what: &str,
        folder: &str,
    ) {
        if known.contains(&value.value) {
            return;
        }
        let near = nearest(&value.value, known.iter().map(String::as_str), 3);
        let help = if near.is_empty() {
            format!(
                "no {what} has an id like this; the id is the file name in content/{folder}/ \
                 without `.md`: check it, or add `content/{folder}/{}.md`",
                value.value
            )
        } else {
            format!(
                "did you mean {}? Or add `content/{folder}/{}.md`",
                near.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                value.value
            )
        };
        diagnostics.push(
            at.error(
                value,
                "unknown-reference",
                format!("there is no {what} with the id `{}`", value.value),
            )
            .with_help(help),
        );
    }

    fn check_system(&mut self, parsed: &Parsed<'_, System, SystemRefs>) {
        let at = At {
            file: parsed.file,
            yaml_line: parsed.yaml_line,
        };
        let refs = &parsed.refs;
        let system = &parsed.model;
        let areas = &self.area_ids;
        if !areas.contains(&refs.service_area.value) {
            let near = nearest(
                &refs.service_area.value,
                areas.iter().map(String::as_str),
                3,
            );
            self.diagnostics.push(
                at.error(
                    &refs.service_area,
                    "unknown-reference",
                    format!("there is no service area `{}`", refs.service_area.value),
                )
                .with_help(format!(
                    "use one of the service areas in content/portal.yaml{}",
                    if near.is_empty() {
                        format!(
                            ": {}",
                            areas
                                .iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    } else {
                        format!(
                            ", e.g. {}",
                            near.iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                )),
            );
        }
        let mut seen = BTreeSet::new();
        for route in &refs.challenge_routes {
            Self::reference(
                self.diagnostics,
                &at,
                route,
                &self.challenge_ids,
                "challenge route",
                "challenges",
            );
            if !seen.insert(&route.value) {
                self.diagnostics.push(
                    at.warning(
                        route,
                        "duplicate-reference",
                        format!("`{}` is listed twice", route.value),
                    )
                    .with_help("remove one of the two"),
                );
            }
        }
        let shapes_decisions = !matches!(refs.automation.value, AutomationLevel::InformsStaff);
        let has_resident_route = refs
            .challenge_routes
            .iter()
            .any(|r| self.resident_routes.contains(&r.value));
        if system.affects_residents_directly
            && shapes_decisions
            && !has_resident_route
            && system.no_challenge_route_reason.is_none()
            && !matches!(system.status, SystemStatus::Planned | SystemStatus::Retired)
        {
            self.diagnostics.push(
                at.error(
                    &refs.automation,
                    "no-challenge-route",
                    "this system affects residents directly and plays a part in decisions, but names no challenge route a resident can start",
                )
                .with_help(
                    "list at least one route under `challenge_routes:` whose `resident_can_start` is true \
                     (see content/challenges/), or explain why none applies in `no_challenge_route_reason:`",
                ),
            );
        }
        if let Some(reason) = &refs.no_challenge_route_reason
            && has_resident_route
        {
            self.diagnostics.push(
                at.warning(
                    reason,
                    "unneeded-reason",
                    "`no_challenge_route_reason` is given although challenge routes are listed",
                )
                .with_help(
                    "remove `no_challenge_route_reason`, or the routes if they do not apply",
                ),
            );
        }
        if refs.review_by.value <= refs.last_reviewed.value {
            self.diagnostics.push(
                at.error(
                    &refs.review_by,
                    "invalid-date",
                    "`review_by` must be after `last_reviewed`",
                )
                .with_help("set the date by which the record will next be reviewed"),
            );
        } else {
            let months = self.settings.review_interval_months;
            let limit = refs
                .last_reviewed
                .value
                .checked_add((months as i64).months())
                .ok();
            if limit.is_some_and(|limit| refs.review_by.value > limit) {
                self.diagnostics.push(
                    at.warning(
                        &refs.review_by,
                        "review-interval",
                        format!("`review_by` is more than {months} months after `last_reviewed`"),
                    )
                    .with_help(format!(
                        "portal.yaml allows at most {months} months between reviews; bring the date forward"
                    )),
                );
            }
        }
        if refs.last_reviewed.value > self.today {
            self.diagnostics.push(
                at.warning(
                    &refs.last_reviewed,
                    "future-date",
                    "`last_reviewed` is in the future",
                )
                .with_help("give the date the record was actually last reviewed"),
            );
        }
        if refs.review_by.value < self.today && !system.is_gap("review_by") {
            self.diagnostics.push(
                at.warning(
                    &refs.review_by,
                    "review-overdue",
                    format!("the review of `{}` was due on {}", system.id, refs.review_by.value),
                )
                .with_help(
                    "review the record, then update `last_reviewed` and `review_by`; until then its page shows an overdue notice",
                ),
            );
        }
        if let Some(started) = &refs.started
            && system.status == SystemStatus::Planned
            && started.value < self.today
        {
            self.diagnostics.push(
                at.warning(
                    started,
                    "status-mismatch",
                    "the system is `planned` but has a start date in the past",
                )
                .with_help("change `status` to `pilot` or `in-use`, or correct `started`"),
            );
        }
    }

    fn check_error(&mut self, parsed: &Parsed<'_, PublishedError, ErrorRefs>) {
        let at = At {
            file: parsed.file,
            yaml_line: parsed.yaml_line,
        };
        let refs = &parsed.refs;
        Self::reference(
            self.diagnostics,
            &at,
            &refs.system,
            &self.system_ids,
            "system",
            "systems",
        );
        for route in &refs.what_you_can_do {
            Self::reference(
                self.diagnostics,
                &at,
                route,
                &self.challenge_ids,
                "challenge route",
                "challenges",
            );
        }
        match (&refs.fixed, parsed.model.status) {
            (Some(fixed), _) if fixed.value < refs.found.value => {
                self.diagnostics.push(
                    at.error(fixed, "invalid-date", "`fixed` is before `found`")
                        .with_help(
                            "check both dates; an error cannot be fixed before it was found",
                        ),
                );
            }
            (None, ErrorStatus::Fixed | ErrorStatus::Closed) => {
                self.diagnostics.push(
                    at.warning(
                        &refs.status,
                        "missing-value",
                        "the error is marked fixed or closed but has no `fixed` date",
                    )
                    .with_help("add `fixed: YYYY-MM-DD`"),
                );
            }
            _ => {}
        }
        if refs.found.value > self.today {
            self.diagnostics.push(
                at.warning(&refs.found, "future-date", "`found` is in the future")
                    .with_help("give the date the error was found"),
            );
        }
    }

    fn check_page(&mut self, parsed: &Parsed<'_, Page, ()>) {
        if parsed.model.id == "accessibility" && self.settings.accessibility.is_some() {
            self.diagnostics.push(
                Diagnostic::error(
                    "reserved-id",
                    "the accessibility statement at /accessibility/ is made from the \
                     `accessibility` section of portal.yaml, so this page cannot use that address",
                )
                .in_file(&parsed.file.path)
                .with_help(
                    "move what this page says into portal.yaml's `accessibility` section and delete the file, \
                     or remove that section to keep writing the statement by hand",
                ),
            );
        }
        if RESERVED_PAGE_IDS.contains(&parsed.model.id.as_str()) {
            self.diagnostics.push(
                Diagnostic::error(
                    "reserved-id",
                    format!(
                        "the page id `{}` is used by the site itself",
                        parsed.model.id
                    ),
                )
                .in_file(&parsed.file.path)
                .with_help("rename the file, e.g. to `about-our-systems.md`"),
            );
        }
    }
}
