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
use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPortal {
    /// The public body that publishes the portal.
    pub organisation: RawOrganisation,
    /// Full URL where the site is published, e.g. `https://ai.example.gov.uk/`.
    #[schemars(with = "String")]
    pub base_url: Spanned<String>,
    /// Language of the portal as a BCP 47 tag; `en-GB` when left out.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub language: Option<Spanned<String>>,
    /// Title shown in the header and in page titles; defaults to
    /// "<organisation> AI transparency portal".
    #[serde(default)]
    pub title: Option<Text>,
    /// One or two sentences on the home page saying what the portal is for.
    #[serde(default)]
    pub introduction: Option<Text>,
    /// The service areas systems are grouped by, in the order they are shown.
    #[schemars(with = "Vec<RawServiceArea>")]
    pub service_areas: Spanned<Vec<RawServiceArea>>,
    /// Where residents can ask about the portal or any system without its own contact.
    #[schemars(with = "RawContact")]
    pub default_contact: Spanned<RawContact>,
    /// Where to report a mistake in a record.
    #[schemars(with = "RawReportProblem")]
    pub report_a_problem: Spanned<RawReportProblem>,
    /// Longest allowed time between two reviews of a system, in months.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub review_interval_months: Option<Spanned<u32>>,
    /// Licence of the open data (the register downloads).
    #[serde(default)]
    pub open_data_licence: Option<RawLicence>,
    /// Extra links in the footer (the portal's pages are listed automatically).
    #[serde(default)]
    pub footer_links: Vec<RawLink>,
    /// Settings for the plain-language advice of `glassbox check`.
    #[serde(default)]
    pub plain_language: Option<RawPlainLanguage>,
    /// Figures for the "how we are doing" page, one item per quarter.
    #[serde(default)]
    pub how_we_are_doing: Vec<RawQuarter>,
    /// Standards to publish the register in, under `/exports/`: `atrs`,
    /// `nl`, `eurocities`, `ai-act` (as `glassbox export` writes them).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub publish_exports: Vec<Standard>,
    /// The accessibility statement, published at `/accessibility/`.
    #[serde(default)]
    #[schemars(with = "Option<RawAccessibility>")]
    pub accessibility: Option<Spanned<RawAccessibility>>,
    /// Version history pages (`/systems/<id>/history/`), read from the git
    /// repository the portal folder is kept in.
    #[serde(default)]
    pub history: Option<RawHistorySettings>,
}

/// Settings of the version history pages.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHistorySettings {
    /// `false`: no history pages. `true`: read the git repository the portal
    /// folder is in, even when the portal is a sub-folder of it. Left out:
    /// history pages only when the portal folder is the root of a git
    /// repository.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Publish only the versions committed on or after this date (YYYY-MM-DD),
    /// e.g. the day the portal went live, so drafts from before stay private.
    #[serde(default)]
    #[schemars(with = "Option<IsoDate>")]
    pub since: Option<Date>,
}

/// What the accessibility statement says: UK public bodies must publish one
/// (the Public Sector Bodies Accessibility Regulations 2018).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAccessibility {
    /// How far the portal meets WCAG 2.2 AA.
    pub status: ConformanceStatus,
    /// Where the body is: it decides who enforces the regulations
    /// (EHRC in England, Scotland and Wales; ECNI in Northern Ireland).
    pub country: Country,
    /// Parts that are not accessible yet, and when they will be fixed.
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawKnownIssue>>")]
    pub known_issues: Option<Spanned<Vec<RawKnownIssue>>>,
    /// Date the statement was first prepared.
    #[schemars(with = "IsoDate")]
    pub prepared: Spanned<Date>,
    /// Date the statement was last reviewed.
    #[serde(default)]
    #[schemars(with = "Option<IsoDate>")]
    pub last_reviewed: Option<Spanned<Date>>,
    /// Date the portal was last tested for accessibility.
    #[schemars(with = "IsoDate")]
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawKnownIssue {
    /// What does not work, and for whom, in plain words.
    pub problem: Text,
    /// The WCAG 2.2 success criteria it fails, e.g. "1.4.3 Contrast (Minimum)".
    #[serde(default)]
    pub criteria: Vec<Text>,
    /// When it will be fixed.
    #[serde(default)]
    #[schemars(with = "Option<IsoDate>")]
    pub fix_by: Option<Date>,
}

/// Conformance with WCAG 2.2 AA, in the regulations' three wordings.
#[derive(Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ConformanceStatus {
    FullyCompliant,
    PartiallyCompliant,
    NotCompliant,
}

/// The nation of the UK the public body is in.
#[derive(Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Country {
    England,
    Scotland,
    Wales,
    NorthernIreland,
}

/// One quarter's figures on the "how we are doing" page. Errors published
/// are counted from `content/errors/`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuarter {
    /// The quarter, written `YYYY-Qn`, e.g. `2026-Q1` (January to March).
    #[schemars(with = "String")]
    pub quarter: Spanned<String>,
    /// Concerns about an AI system raised by staff in the quarter.
    pub concerns_raised: u64,
    /// Concerns resolved in the quarter.
    pub concerns_resolved: u64,
    /// Challenges to decisions that involved an AI system, received in the quarter.
    pub challenges_received: u64,
    /// Challenges upheld (decided in the resident's favour) in the quarter.
    pub challenges_upheld: u64,
}

/// How `glassbox check` judges summaries and challenge-route steps. Its
/// advice is a warning, never an error.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPlainLanguage {
    /// Lowest Flesch reading ease a summary or step may have (0 to 100,
    /// higher is easier; 60 reads easily at about age 13). Default 50.
    #[serde(default)]
    pub min_reading_ease: Option<f64>,
    /// Most words one sentence may have. Default 25.
    #[serde(default)]
    pub max_sentence_words: Option<u32>,
    /// Words to avoid, added to the built-in list (or replacing its advice
    /// for the same word).
    #[serde(default)]
    pub jargon: Vec<RawJargon>,
}

/// A word or phrase residents may not know, and what to write instead.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawJargon {
    /// The word or phrase, matched without regard to case.
    pub word: Text,
    /// A plainer word or phrase to use instead.
    #[serde(default)]
    pub instead: Option<Text>,
    /// Where it is explained, e.g. `/glossary/#algorithm`, to link to when
    /// the word is needed.
    #[serde(default)]
    pub glossary: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOrganisation {
    pub name: Text,
    #[serde(rename = "type")]
    pub kind: OrganisationType,
    #[schemars(with = "String")]
    pub website: Spanned<String>,
}

/// Kinds of public body, after the GOV.UK ATRS finder facet.
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawServiceArea {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: Text,
    #[serde(default)]
    pub description: Option<Text>,
}

/// Ways to get in touch. At least one of them must be given.
#[derive(Debug, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    #[serde(default)]
    pub phone: Option<Text>,
    /// Opening hours of the phone line, e.g. "Monday to Friday, 9am to 5pm".
    #[serde(default)]
    pub phone_hours: Option<Text>,
    /// A web form or page.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub web_form: Option<Spanned<String>>,
    /// A postal address, one line per line.
    #[serde(default)]
    pub post: Option<Text>,
    /// Where and when to come in person.
    #[serde(default)]
    pub in_person: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReportProblem {
    /// Email address; the link carries a subject naming the page.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// A web form, used instead of email when given.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub form_url: Option<Spanned<String>>,
    /// How quickly the team answers, e.g. "within 10 working days".
    #[serde(default)]
    pub response_time: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLicence {
    pub name: Text,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub title: Text,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
}

/// Front matter of `content/systems/<id>.md`. The Markdown body explains how
/// the system works in more depth.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSystem {
    pub name: Text,
    /// Plain-language summary, at most 350 characters.
    #[schemars(with = "String")]
    pub summary: Spanned<String>,
    /// Id of a service area from `portal.yaml`.
    #[schemars(with = "String")]
    pub service_area: Spanned<String>,
    pub status: SystemStatus,
    /// The decision the system plays a part in.
    pub decision: Text,
    /// Who makes the final decision (a role, not a name).
    pub final_decision_by: Text,
    #[schemars(with = "AutomationLevel")]
    pub automation: Spanned<AutomationLevel>,
    /// Whether residents are affected directly by what the system does.
    pub affects_residents_directly: bool,
    /// Who is affected and how.
    pub who_is_affected: Text,
    pub human_oversight: Oversight,
    /// Each source of data the system uses.
    #[schemars(with = "Vec<DataSource>")]
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
    #[schemars(with = "Vec<String>")]
    pub challenge_routes: Vec<Spanned<String>>,
    /// Why no challenge route applies, when none is listed.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub no_challenge_route_reason: Option<Spanned<String>>,
    /// Contact for questions about this system; the portal's default when left out.
    #[serde(default)]
    #[schemars(with = "Option<RawContact>")]
    pub contact: Option<Spanned<RawContact>>,
    /// When the system started being used (left out while planned).
    #[serde(default)]
    #[schemars(with = "Option<IsoDate>")]
    pub started: Option<Spanned<Date>>,
    #[schemars(with = "IsoDate")]
    pub last_reviewed: Spanned<Date>,
    #[schemars(with = "IsoDate")]
    pub review_by: Spanned<Date>,
    /// A dated list of changes to the system or this record.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// Language of this entry when it differs from the portal's.
    /// Old ids of this entry whose addresses must keep working after the id
    /// (file name) changed; each old address redirects to the new one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
    /// The law or legal power the use of the system rests on (the Dutch
    /// register's `lawful_basis`, Eurocities `lawful_basis`).
    #[serde(default)]
    pub lawful_basis: Option<Text>,
    /// What the EU AI Act says about the system; needed for the EU database
    /// entry of a high-risk system (`glassbox export ai-act`).
    #[serde(default)]
    pub ai_act: Option<RawAiAct>,
    /// Where the record was imported from (`glassbox import`), and which
    /// fields the source did not give.
    #[serde(default)]
    pub imported: Option<RawImported>,
}

/// A system's place under the EU AI Act (Regulation 2024/1689).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAiAct {
    /// The risk class: `high-risk` (Annex III uses such as benefits,
    /// education, employment, essential services), `limited-risk` (only the
    /// Article 50 transparency duties, e.g. chatbots), `minimal-risk`.
    pub risk_class: AiActRiskClass,
    /// The Annex III point the use falls under, e.g. `5(a)`, for high-risk systems.
    #[serde(default)]
    pub annex_iii_point: Option<Text>,
    /// Address of the provider's entry for the AI system in the EU database
    /// (Annex VIII Section C point 3).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub provider_database_url: Option<Spanned<String>>,
    /// Summary of the findings of the fundamental rights impact assessment
    /// (Article 27; Annex VIII Section C point 4). When left out, the summary
    /// of an impact assessment of kind `fria` is used.
    #[serde(default)]
    pub fria_summary: Option<Text>,
    /// Summary of the data protection impact assessment (Annex VIII Section C
    /// point 5). When left out, the summary of an impact assessment of kind
    /// `dpia` is used.
    #[serde(default)]
    pub dpia_summary: Option<Text>,
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum AiActRiskClass {
    /// Annex III high-risk use: needs an EU database entry by the deployer.
    HighRisk,
    /// Only the Article 50 transparency duties apply.
    LimitedRisk,
    /// No specific duties beyond AI literacy.
    MinimalRisk,
}

/// Where an imported record came from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawImported {
    /// The register it came from: `atrs`, `nl` or `eurocities`.
    pub from: ImportSource,
    /// Address of the record in that register; a later import of the same
    /// address updates this entry.
    #[schemars(with = "String")]
    pub source_url: Spanned<String>,
    /// The day it was imported.
    #[schemars(with = "IsoDate")]
    pub imported_on: Date,
    /// The organisation that published the record there.
    #[serde(default)]
    pub organisation: Option<Text>,
    /// The version of the standard the source record followed, normalised
    /// (`3.0` for "v3", "3.0" and "v3.0").
    #[serde(default)]
    pub standard_version: Option<Text>,
    /// Fields of the source record that glassbox has no place for, by the
    /// standard's column name, kept as given so that an export to the same
    /// standard gives them back. Lists are JSON arrays.
    #[serde(default)]
    pub other_fields: std::collections::BTreeMap<String, Text>,
    /// Fields the source did not give. Their values in this file are
    /// placeholders that the site shows as "Not given in the source record";
    /// fill each one in, then remove it from this list.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub gaps: Vec<Spanned<String>>,
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum ImportSource {
    /// The UK Algorithmic Transparency Recording Standard (GOV.UK).
    Atrs,
    /// The Dutch Algoritmeregister.
    Nl,
    /// The Eurocities Algorithmic Transparency Standard.
    Eurocities,
}

impl ImportSource {
    /// The name used on the command line and in `imported.from`.
    pub fn name(self) -> &'static str {
        match self {
            ImportSource::Atrs => "atrs",
            ImportSource::Nl => "nl",
            ImportSource::Eurocities => "eurocities",
        }
    }
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum SystemStatus {
    Planned,
    Pilot,
    #[serde(alias = "in use")]
    InUse,
    Paused,
    Retired,
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
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

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum ModelType {
    RuleBased,
    MachineLearning,
    Generative,
    Hybrid,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Oversight {
    /// Who oversees the system's output (a role).
    pub who: Text,
    /// Whether they can override or ignore the output.
    pub can_override: bool,
    /// How oversight works in practice.
    pub how: Text,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    pub name: Text,
    pub description: Text,
    pub personal_data: bool,
    /// Special-category data under UK GDPR Article 9 (health, ethnicity, ...).
    #[serde(default)]
    pub special_category_data: bool,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub team: Text,
    /// The senior responsible owner, as a role.
    pub senior_responsible_owner: Text,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawImpactAssessment {
    pub kind: AssessmentKind,
    pub title: Text,
    #[schemars(with = "IsoDate")]
    pub date: Date,
    pub summary: Text,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub link: Option<Spanned<String>>,
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
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

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BiasCheck {
    /// When in the life of the system the check was made.
    pub stage: CheckStage,
    #[schemars(with = "IsoDate")]
    pub date: Date,
    pub method: Text,
    /// The resident groups compared.
    pub groups_checked: Vec<Text>,
    pub result: Text,
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum CheckStage {
    BeforeUse,
    Pilot,
    InUse,
    AfterChange,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub risk: Text,
    pub mitigation: Text,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
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

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
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
    #[schemars(with = "Vec<ResultRow>")]
    pub rows: Spanned<Vec<ResultRow>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResultRow {
    pub group: Text,
    pub value: f64,
    /// How many cases the value is based on.
    #[serde(default)]
    pub cases: Option<u64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    #[schemars(with = "IsoDate")]
    pub date: Date,
    pub summary: Text,
}

/// Front matter of `content/errors/<id>.md`. The Markdown body says what happened.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPublishedError {
    /// Id of the system the error concerns.
    #[schemars(with = "String")]
    pub system: Spanned<String>,
    pub title: Text,
    /// Plain-language summary for lists, at most 350 characters.
    #[schemars(with = "String")]
    pub summary: Spanned<String>,
    #[schemars(with = "IsoDate")]
    pub found: Spanned<Date>,
    pub found_by: FoundBy,
    #[schemars(with = "ErrorStatus")]
    pub status: Spanned<ErrorStatus>,
    #[serde(default)]
    #[schemars(with = "Option<IsoDate>")]
    pub fixed: Option<Spanned<Date>>,
    /// How many people were affected; left out while not yet known.
    #[serde(default)]
    pub people_affected: Option<u64>,
    /// What was done about it.
    pub what_we_did: Text,
    /// Ids of the challenge routes an affected resident can use.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub what_you_can_do: Vec<Spanned<String>>,
    /// Old ids of this entry whose addresses must keep working after the id
    /// (file name) changed; each old address redirects to the new one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum FoundBy {
    Staff,
    Resident,
    Audit,
    Monitoring,
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorStatus {
    Investigating,
    Fixed,
    Monitoring,
    Closed,
}

/// Front matter of `content/challenges/<id>.md`. The Markdown body may add
/// anything the structured fields do not cover.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChallengeRoute {
    pub title: Text,
    pub kind: ChallengeKind,
    /// One or two plain sentences on what the route is for.
    #[schemars(with = "String")]
    pub summary: Spanned<String>,
    pub applies_to: AppliesTo,
    /// Who can start it, e.g. "anyone the decision is about, or someone acting for them".
    pub who_can_start: Text,
    /// Whether a resident can start it themselves (not only staff or a court).
    #[serde(default = "yes")]
    pub resident_can_start: bool,
    /// What to do, one step per item, in order.
    #[schemars(with = "Vec<Text>")]
    pub steps: Spanned<Vec<Text>>,
    #[schemars(with = "RawContact")]
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
    /// Old ids of this entry whose addresses must keep working after the id
    /// (file name) changed; each old address redirects to the new one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
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

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum AppliesTo {
    /// What the tool produced (a score, a flag, a draft).
    ToolOutput,
    /// The decision a person or the system made.
    Decision,
    /// The whole service.
    Service,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEscalation {
    pub name: Text,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
    #[serde(default)]
    pub when: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHelp {
    pub name: Text,
    pub description: Text,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    #[serde(default)]
    pub phone: Option<Text>,
}

#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
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
#[derive(Debug, Deserialize, JsonSchema)]
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
    #[schemars(with = "Option<IsoDate>")]
    pub updated: Option<Date>,
    /// Old ids of this entry whose addresses must keep working after the id
    /// (file name) changed; each old address redirects to the new one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
}

/// A standard glassbox exports to (and some it imports from).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Deserialize,
    serde::Serialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Standard {
    /// UK Algorithmic Transparency Recording Standard.
    Atrs,
    /// Dutch Algoritmeregister, Publicatiestandaard 1.0.
    Nl,
    /// Eurocities Algorithmic Transparency Standard v0.3.1.
    Eurocities,
    /// EU AI Act, Annex VIII Section C (high-risk systems only).
    AiAct,
}

/// A date written `YYYY-MM-DD` (the raw types hold a `jiff` date, which
/// schemars does not know).
pub struct IsoDate;

impl JsonSchema for IsoDate {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD, such as 2026-11-26."
        })
    }
}

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // Not blank: at least one character that is not a space.
        json_schema!({
            "type": "string",
            "pattern": "\\S"
        })
    }
}
