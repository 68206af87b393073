//! The validated model of a portal: plain data that knows nothing of
//! templates or HTML. [`build_portal`] parses every source, checks every rule
//! the content must follow and collects a diagnostic for each problem, so an
//! author sees all of them in one run.

pub(crate) mod aliases;
pub mod bidi;
mod build;
mod challenge;
mod crossref;
mod error;
pub mod fields;
mod governance;
pub mod history;
mod ids;
mod page;
mod placeholders;
mod plain_language;
mod resident_rules;
mod settings;
mod system;
mod validate;

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Position, nearest};
use crate::load::{EntryKind, SourceFile, Sources};
use crate::parse::front_matter;
use crate::parse::schema::*;
use crate::parse::yaml;

pub use build::{SystemCheck, build_portal, build_portal_reading};
pub use fields::Field;
pub use ids::is_safe_id;
pub use page::{FOOTER_PAGES, footer_pages, footer_ranking};
pub use placeholders::{
    PLACEHOLDER, PLACEHOLDER_CODE, mark as mark_placeholders, placeholder_diagnostics,
};
pub use plain_language::{Jargon, PlainLanguage};
pub(crate) use validate::is_email;
pub use validate::{is_language_tag, is_web_url};

pub use crate::parse::schema::{AiActRiskClass, ImportSource};
pub use crate::parse::schema::{
    AppliesTo, AssessmentKind, AutomationLevel, BiasCheck, ChallengeKind, Change, CheckStage,
    DataSource, ErrorStatus, Format, FoundBy, ModelType, Monitoring, OrganisationType, Oversight,
    Owner, ResidentContact, ResultRow, Results, Risk, Supplier, SystemStatus,
};
pub use crate::parse::schema::{Contract, Training};

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
    "staff",
    "exports",
    "feed",
    "api",
    "index",
    "404",
    "pages",
    "governance",
    "reviews",
    "engagement",
    // The editing forms (`glassbox cms`, `serve`).
    "admin",
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
    /// Every entry's versions, when history pages are made (see
    /// [`history::build_histories`]).
    #[serde(skip)]
    pub history: Option<history::Histories>,
    /// Set for a draft build (`--draft`): how many pieces of text are still
    /// to be written. Every page then says it is a draft.
    #[serde(skip)]
    pub draft: Option<usize>,
}

impl Portal {
    /// The published errors of each system, by the system's id, in the
    /// order of `errors` (by id); a system with none is not in it.
    pub fn errors_by_system(&self) -> std::collections::HashMap<&str, Vec<&PublishedError>> {
        let mut by_system: std::collections::HashMap<&str, Vec<&PublishedError>> =
            std::collections::HashMap::new();
        for e in &self.errors {
            by_system.entry(e.system.as_str()).or_default().push(e);
        }
        by_system
    }
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
    pub publish_exports: Vec<Standard>,
    /// The accessibility statement, when `portal.yaml` has one.
    pub accessibility: Option<Accessibility>,
    /// Whether and from when version history pages are made.
    pub history: HistorySettings,
    /// How the organisation governs its use of AI, when `portal.yaml` says.
    pub governance: Option<Governance>,
    /// The rules `glassbox check` applies to summaries and steps.
    #[serde(skip)]
    pub plain_language: PlainLanguage,
}

/// `portal.yaml`'s `history`: `enabled` is `None` when left out (history
/// only when the portal folder is a repository's root).
#[derive(Debug, Clone, Serialize, Default)]
pub struct HistorySettings {
    pub enabled: Option<bool>,
    pub since: Option<Date>,
    /// Commits never published as versions.
    #[serde(skip)]
    pub leave_out: Vec<LeaveOut>,
    /// Whether a history that cannot be read stops the build (the default).
    pub required: bool,
}

/// A commit, or the commits of some days, left out of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaveOut {
    /// Every commit whose id starts with these lower-case hex digits.
    Commit(String),
    /// Every commit made from the first day to the second, both included.
    Days(Date, Date),
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

/// How the organisation governs its use of AI.
#[derive(Debug, Clone, Serialize)]
pub struct Governance {
    pub officer_role: String,
    pub officer_name: Option<String>,
    pub officer_responsibilities: Option<String>,
    pub group_name: String,
    pub group_members: Vec<String>,
    pub group_meets: String,
    pub group_role: Option<String>,
    pub minutes_url: Option<String>,
    pub policy_url: String,
    pub policy_date: Date,
    pub automated_decisions_allowed: String,
    pub person_must_decide: String,
    pub concerns_how: String,
    pub concerns_protection: String,
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
    /// How much the system decides; `None` when the record does not say
    /// (an import's gap).
    pub automation: Option<AutomationLevel>,
    /// `None` when the record does not say (an import's gap).
    pub affects_residents_directly: Option<bool>,
    /// How residents meet the system; `None` when the entry does not say.
    pub resident_contact: Option<ResidentContact>,
    pub who_is_affected: String,
    /// What happens to a resident the system picks out, in plain words.
    pub what_happens_to_you: Option<String>,
    pub human_oversight: Oversight,
    pub data: Vec<DataSource>,
    pub owner: Owner,
    pub supplier: Option<Supplier>,
    /// The ethics terms of the supplier's contract.
    pub contract: Option<Contract>,
    /// Training for the staff who work with the system.
    pub training: Vec<Training>,
    /// `None` when the record does not say (an import's gap).
    pub model_type: Option<ModelType>,
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

/// What the site shows instead of a gap's placeholder.
pub const GAP_TEXT: &str = "Not given in the source record.";

impl System {
    /// Whether `field` is a gap an import left (its value is a placeholder).
    pub fn is_gap(&self, field: Field) -> bool {
        self.imported
            .as_ref()
            .is_some_and(|i| i.gaps.iter().any(|g| g == field.name()))
    }

    /// Whether any of its data is personal data; `None` when the record does
    /// not say what data it uses (an import's gap).
    pub fn uses_personal_data(&self) -> Option<bool> {
        (!self.is_gap(Field::Data)).then(|| self.data.iter().any(|d| d.personal_data))
    }
    /// Whether any of its data is special category data; `None` when not known.
    pub fn uses_special_category_data(&self) -> Option<bool> {
        (!self.is_gap(Field::Data)).then(|| self.data.iter().any(|d| d.special_category_data))
    }

    /// Whether a person can overrule it; `None` when not known.
    pub fn can_override(&self) -> Option<bool> {
        (!self.is_gap(Field::HumanOversight)).then_some(self.human_oversight.can_override)
    }

    /// Whether the record says the system affects residents, or may: `None`
    /// when it does not say. A resident-facing contact means it does.
    pub fn may_affect_residents(&self) -> Option<bool> {
        match (self.affects_residents_directly, self.resident_contact) {
            (Some(true), _) => Some(true),
            (_, Some(c)) if c != ResidentContact::BehindTheScenes => Some(true),
            (Some(false), _) => Some(false),
            (None, _) => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ImpactAssessment {
    pub kind: AssessmentKind,
    pub title: String,
    pub date: Date,
    pub summary: String,
    pub link: Option<String>,
    /// Why it is not published, when there is no link.
    pub not_published_reason: Option<String>,
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
