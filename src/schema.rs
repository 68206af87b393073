//! The content model as it is written on disk: the raw serde types for
//! `content/portal.yaml` and the front matter of every entry kind.
//!
//! Every struct rejects unknown fields, so a typo is an error with a line and a
//! "did you mean" hint instead of a silently ignored value. Values that are
//! checked after parsing (ids that refer to other entries, dates compared with
//! each other, lengths) are wrapped in [`Spanned`] so that the check can point
//! at the exact line and column. The validated model in [`crate::model`] is built
//! from these types by exhaustive destructuring, so no field can be forgotten.
//!
//! Field names follow the research mapping to ATRS, the Dutch
//! Publicatiestandaard and Eurocities (see the README's field reference), so an
//! export to those standards is a mapping and not a rewrite.

use std::fmt;
use std::ops::Deref;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};
pub use serde_saphyr::Spanned;

/// Text an author writes in a field: never blank, without surrounding
/// spaces or newlines. A field left empty (`name: ""`, `phone: " "`) is an
/// error at its line rather than an empty heading or link on the page.
/// Templates see it as a plain string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(transparent)]
pub struct Text(String);

/// The message [`Text`] fails with; `yaml.rs` turns it into `missing-value`.
pub const EMPTY_TEXT: &str = "empty text";

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(serde::de::Error::custom(EMPTY_TEXT));
        }
        Ok(Text(if trimmed.len() == text.len() {
            text
        } else {
            trimmed.to_string()
        }))
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.0
    }
}

/// `content/portal.yaml`: the organisation and the settings of the whole portal.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPortal {
    /// The public body that publishes the portal.
    pub organisation: RawOrganisation,
    /// Full URL where the site is published, e.g. `https://ai.example.gov.uk/`.
    pub base_url: Spanned<String>,
    /// Language of the portal as a BCP 47 tag; `en-GB` when left out.
    #[serde(default)]
    pub language: Option<Spanned<String>>,
    /// Title shown in the header and in page titles; defaults to
    /// "<organisation> AI transparency portal".
    #[serde(default)]
    pub title: Option<Text>,
    /// One or two sentences on the home page saying what the portal is for.
    #[serde(default)]
    pub introduction: Option<Text>,
    /// The service areas systems are grouped by, in the order they are shown.
    pub service_areas: Spanned<Vec<RawServiceArea>>,
    /// Where residents can ask about the portal or any system without its own contact.
    pub default_contact: Spanned<RawContact>,
    /// Where to report a mistake in a record.
    pub report_a_problem: Spanned<RawReportProblem>,
    /// Longest allowed time between two reviews of a system, in months.
    #[serde(default)]
    pub review_interval_months: Option<Spanned<u32>>,
    /// Licence of the open data (the register downloads).
    #[serde(default)]
    pub open_data_licence: Option<RawLicence>,
    /// Extra links in the footer (the portal's pages are listed automatically).
    #[serde(default)]
    pub footer_links: Vec<RawLink>,
    /// The accessibility statement, published at `/accessibility/`.
    #[serde(default)]
    pub accessibility: Option<Spanned<RawAccessibility>>,
}

/// What the accessibility statement says: UK public bodies must publish one
/// (the Public Sector Bodies Accessibility Regulations 2018).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAccessibility {
    /// How far the portal meets WCAG 2.2 AA.
    pub status: ConformanceStatus,
    /// Where the body is: it decides who enforces the regulations
    /// (EHRC in England, Scotland and Wales; ECNI in Northern Ireland).
    pub country: Country,
    /// Parts that are not accessible yet, and when they will be fixed.
    #[serde(default)]
    pub known_issues: Option<Spanned<Vec<RawKnownIssue>>>,
    /// Date the statement was first prepared.
    pub prepared: Spanned<Date>,
    /// Date the statement was last reviewed.
    #[serde(default)]
    pub last_reviewed: Option<Spanned<Date>>,
    /// Date the portal was last tested for accessibility.
    pub last_tested: Spanned<Date>,
    /// Who tested it, e.g. "the council's Digital Team".
    pub tested_by: Text,
    /// How it was tested: which pages, tools and manual checks.
    #[serde(default)]
    pub how_tested: Option<Text>,
    /// What the body is doing to improve accessibility.
    #[serde(default)]
    pub improvements: Option<Text>,
}

/// One part of the portal that does not meet WCAG 2.2 AA yet.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKnownIssue {
    /// What does not work, and for whom, in plain words.
    pub problem: Text,
    /// The WCAG 2.2 success criteria it fails, e.g. "1.4.3 Contrast (Minimum)".
    #[serde(default)]
    pub criteria: Vec<Text>,
    /// When it will be fixed.
    #[serde(default)]
    pub fix_by: Option<Date>,
}

/// Conformance with WCAG 2.2 AA, in the regulations' three wordings.
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ConformanceStatus {
    FullyCompliant,
    PartiallyCompliant,
    NotCompliant,
}

/// The nation of the UK the public body is in.
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Country {
    England,
    Scotland,
    Wales,
    NorthernIreland,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrganisation {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: OrganisationType,
    pub website: Spanned<String>,
}

/// Kinds of public body, after the GOV.UK ATRS finder facet.
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum OrganisationType {
    LocalAuthority,
    CentralGovernment,
    ArmsLengthBody,
    DevolvedAdministration,
    Nhs,
    Police,
    Fire,
    Education,
    PublicCorporation,
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawServiceArea {
    pub id: Spanned<String>,
    pub name: Text,
    #[serde(default)]
    pub description: Option<Text>,
}

/// Ways to get in touch. At least one of them must be given.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    #[serde(default)]
    pub email: Option<Spanned<String>>,
    #[serde(default)]
    pub phone: Option<Text>,
    /// Opening hours of the phone line, e.g. "Monday to Friday, 9am to 5pm".
    #[serde(default)]
    pub phone_hours: Option<Text>,
    /// A web form or page.
    #[serde(default)]
    pub web_form: Option<Spanned<String>>,
    /// A postal address, one line per line.
    #[serde(default)]
    pub post: Option<Text>,
    /// Where and when to come in person.
    #[serde(default)]
    pub in_person: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReportProblem {
    /// Email address; the link carries a subject naming the page.
    #[serde(default)]
    pub email: Option<Spanned<String>>,
    /// A web form, used instead of email when given.
    #[serde(default)]
    pub form_url: Option<Spanned<String>>,
    /// How quickly the team answers, e.g. "within 10 working days".
    #[serde(default)]
    pub response_time: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLicence {
    pub name: Text,
    pub url: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub title: Text,
    pub url: Spanned<String>,
}

/// Front matter of `content/systems/<id>.md`. The Markdown body explains how
/// the system works in more depth.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSystem {
    pub name: Text,
    /// Plain-language summary, at most 350 characters.
    pub summary: Spanned<String>,
    /// Id of a service area from `portal.yaml`.
    pub service_area: Spanned<String>,
    pub status: SystemStatus,
    /// The decision the system plays a part in.
    pub decision: Text,
    /// Who makes the final decision (a role, not a name).
    pub final_decision_by: Text,
    pub automation: Spanned<AutomationLevel>,
    /// Whether residents are affected directly by what the system does.
    pub affects_residents_directly: bool,
    /// Who is affected and how.
    pub who_is_affected: Text,
    pub human_oversight: Oversight,
    /// Each source of data the system uses.
    pub data: Spanned<Vec<DataSource>>,
    pub owner: Owner,
    #[serde(default)]
    pub supplier: Option<Supplier>,
    pub model_type: ModelType,
    /// Why the system is used; what it is for.
    pub benefits: Text,
    /// What else was considered, including not using a tool.
    #[serde(default)]
    pub alternatives_considered: Option<Text>,
    #[serde(default)]
    pub impact_assessments: Vec<RawImpactAssessment>,
    #[serde(default)]
    pub bias_checks: Vec<BiasCheck>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub monitoring: Vec<Monitoring>,
    #[serde(default)]
    pub known_limitations: Vec<Text>,
    /// Ids of the challenge routes that apply.
    #[serde(default)]
    pub challenge_routes: Vec<Spanned<String>>,
    /// Why no challenge route applies, when none is listed.
    #[serde(default)]
    pub no_challenge_route_reason: Option<Spanned<String>>,
    /// Contact for questions about this system; the portal's default when left out.
    #[serde(default)]
    pub contact: Option<Spanned<RawContact>>,
    /// When the system started being used (left out while planned).
    #[serde(default)]
    pub started: Option<Spanned<Date>>,
    pub last_reviewed: Spanned<Date>,
    pub review_by: Spanned<Date>,
    /// A dated list of changes to the system or this record.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// Language of this entry when it differs from the portal's.
    #[serde(default)]
    pub lang: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum SystemStatus {
    Planned,
    Pilot,
    #[serde(alias = "in use")]
    InUse,
    Paused,
    Retired,
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum AutomationLevel {
    /// Gives staff information; people decide.
    #[serde(alias = "informs staff")]
    InformsStaff,
    /// Suggests an outcome; a person decides.
    Recommends,
    /// Decides, and a person reviews every decision before it takes effect.
    #[serde(alias = "decides with human review")]
    DecidesWithReview,
    /// Decides with no person involved in each decision.
    #[serde(alias = "decides automatically")]
    DecidesAutomatically,
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ModelType {
    RuleBased,
    MachineLearning,
    Generative,
    Hybrid,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Oversight {
    /// Who oversees the system's output (a role).
    pub who: Text,
    /// Whether they can override or ignore the output.
    pub can_override: bool,
    /// How oversight works in practice.
    pub how: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    pub name: Text,
    pub description: Text,
    pub personal_data: bool,
    /// Special-category data under UK GDPR Article 9 (health, ethnicity, ...).
    #[serde(default)]
    pub special_category_data: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub team: Text,
    /// The senior responsible owner, as a role.
    pub senior_responsible_owner: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    pub name: Text,
    /// What the supplier does, e.g. "built and hosts the model".
    #[serde(default)]
    pub role: Option<Text>,
    /// Companies House number or other public identifier.
    #[serde(default)]
    pub identifier: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImpactAssessment {
    pub kind: AssessmentKind,
    pub title: Text,
    pub date: Date,
    pub summary: Text,
    #[serde(default)]
    pub link: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentKind {
    /// Data protection impact assessment.
    Dpia,
    /// Equality impact assessment.
    Eqia,
    /// Fundamental rights impact assessment (EU AI Act, Article 27).
    Fria,
    Other,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BiasCheck {
    /// When in the life of the system the check was made.
    pub stage: CheckStage,
    pub date: Date,
    pub method: Text,
    /// The resident groups compared.
    pub groups_checked: Vec<Text>,
    pub result: Text,
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStage {
    BeforeUse,
    Pilot,
    InUse,
    AfterChange,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub risk: Text,
    pub mitigation: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    /// What is measured.
    pub what: Text,
    pub how_often: Text,
    pub by: Text,
    /// Results by resident group, shown as a table.
    #[serde(default)]
    pub results: Option<Results>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// The table caption, saying what and when.
    pub caption: Text,
    /// Name of the measure, the heading of the value column.
    pub measure: Text,
    /// Unit written after each value, e.g. `%`.
    #[serde(default)]
    pub unit: Option<Text>,
    #[serde(default)]
    pub period: Option<Text>,
    pub rows: Spanned<Vec<ResultRow>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResultRow {
    pub group: Text,
    pub value: f64,
    /// How many cases the value is based on.
    #[serde(default)]
    pub cases: Option<u64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: Date,
    pub summary: Text,
}

/// Front matter of `content/errors/<id>.md`. The Markdown body says what happened.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPublishedError {
    /// Id of the system the error concerns.
    pub system: Spanned<String>,
    pub title: Text,
    /// Plain-language summary for lists, at most 350 characters.
    pub summary: Spanned<String>,
    pub found: Spanned<Date>,
    pub found_by: FoundBy,
    pub status: Spanned<ErrorStatus>,
    #[serde(default)]
    pub fixed: Option<Spanned<Date>>,
    /// How many people were affected; left out while not yet known.
    #[serde(default)]
    pub people_affected: Option<u64>,
    /// What was done about it.
    pub what_we_did: Text,
    /// Ids of the challenge routes an affected resident can use.
    #[serde(default)]
    pub what_you_can_do: Vec<Spanned<String>>,
    #[serde(default)]
    pub lang: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum FoundBy {
    Staff,
    Resident,
    Audit,
    Monitoring,
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorStatus {
    Investigating,
    Fixed,
    Monitoring,
    Closed,
}

/// Front matter of `content/challenges/<id>.md`. The Markdown body may add
/// anything the structured fields do not cover.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChallengeRoute {
    pub title: Text,
    pub kind: ChallengeKind,
    /// One or two plain sentences on what the route is for.
    pub summary: Spanned<String>,
    pub applies_to: AppliesTo,
    /// Who can start it, e.g. "anyone the decision is about, or someone acting for them".
    pub who_can_start: Text,
    /// Whether a resident can start it themselves (not only staff or a court).
    #[serde(default = "yes")]
    pub resident_can_start: bool,
    /// What to do, one step per item, in order.
    pub steps: Spanned<Vec<Text>>,
    pub contact: Spanned<RawContact>,
    /// By when it must be started, e.g. "within 28 days of the decision letter".
    #[serde(default)]
    pub time_limit: Option<Text>,
    /// How quickly the council answers.
    pub response_time: Text,
    /// The independent body to go to if the resident is still unhappy.
    #[serde(default)]
    pub escalate_to: Option<RawEscalation>,
    /// Where to get free, independent help.
    #[serde(default)]
    pub free_help: Vec<RawHelp>,
    /// Formats the information and the process are available in.
    #[serde(default)]
    pub formats: Vec<Format>,
    #[serde(default)]
    pub lang: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ChallengeKind {
    /// Ask for an explanation of a decision.
    Explanation,
    HumanReview,
    Appeal,
    Complaint,
    Ombudsman,
    Regulator,
    /// Data-protection rights (access, correction, objection).
    DataRights,
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum AppliesTo {
    /// What the tool produced (a score, a flag, a draft).
    ToolOutput,
    /// The decision a person or the system made.
    Decision,
    /// The whole service.
    Service,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEscalation {
    pub name: Text,
    pub url: Spanned<String>,
    #[serde(default)]
    pub when: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHelp {
    pub name: Text,
    pub description: Text,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub phone: Option<Text>,
}

#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    EasyRead,
    LargePrint,
    Braille,
    Audio,
    Bsl,
    OtherLanguages,
}

/// Front matter of `content/pages/<id>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: Text,
    /// One sentence for search engines and link previews.
    #[serde(default)]
    pub description: Option<Text>,
    /// Position in the footer list of pages (lower first); pages without one
    /// come after, by title.
    #[serde(default)]
    pub footer_order: Option<i64>,
    /// Date the page was last updated.
    #[serde(default)]
    pub updated: Option<Date>,
    #[serde(default)]
    pub lang: Option<Spanned<String>>,
}
