//! The front matter of a system entry (`content/systems/<id>.md`) and the
//! parts it is made of.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// Front matter of `content/systems/<id>.md`. The Markdown body explains how
/// the system works in more depth.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSystem {
    #[schemars(with = "Text")]
    pub name: Spanned<Text>,
    /// Plain-language summary, at most 350 characters.
    #[schemars(with = "String")]
    pub summary: Spanned<String>,
    /// Id of a service area from `portal.yaml`.
    // Which entries the value names; `glassbox cms` offers them as a choice.
    #[schemars(extend("x-glassbox-refers-to" = "service_areas"))]
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
    /// How residents meet the system: `behind-the-scenes` (the default),
    /// `produces-what-you-receive` or `talks-to-you`. Required when a system
    /// that only informs staff affects residents directly.
    #[serde(default)]
    #[schemars(with = "Option<ResidentContact>")]
    pub resident_contact: Option<Spanned<ResidentContact>>,
    /// Who is affected and how.
    pub who_is_affected: Text,
    /// What happens to a resident the system picks out, writes to or talks
    /// to, in plain words: what they receive, what they must do and by
    /// when. Shown near the top of the page; a blank line starts a new
    /// paragraph.
    #[serde(default)]
    pub what_happens_to_you: Option<Text>,
    pub human_oversight: Oversight,
    /// Each source of data the system uses.
    #[schemars(with = "Vec<DataSource>")]
    pub data: Spanned<Vec<DataSource>>,
    pub owner: Owner,
    #[serde(default)]
    pub supplier: Option<Supplier>,
    /// The ethics terms of the supplier's contract.
    #[serde(default)]
    pub contract: Option<Contract>,
    /// Training for the staff who work with the system, one item per group
    /// of staff.
    #[serde(default)]
    pub training: Vec<Training>,
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
    // Which entries the value names; `glassbox cms` offers them as a choice.
    #[schemars(extend("x-glassbox-refers-to" = "challenges"))]
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
pub(crate) struct RawAiAct {
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
pub(crate) struct RawImported {
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
    #[schemars(with = "Option<Text>")]
    pub organisation: Option<Spanned<Text>>,
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

/// How residents meet a system.
#[derive(
    Debug,
    Default,
    Deserialize,
    JsonSchema,
    Serialize,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum ResidentContact {
    /// Residents never see it: only staff see what it produces.
    #[default]
    BehindTheScenes,
    /// It makes or changes something residents receive, such as a letter,
    /// a message or a notice.
    ProducesWhatYouReceive,
    /// Residents use it or talk to it directly, such as a chat helper.
    TalksToYou,
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

/// What the contract with the supplier says on ethics, in plain words. A
/// term the contract does not cover is left out; the page says so.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Whether and how the council, or an auditor it chooses, can inspect
    /// the system, its data and its results.
    #[serde(default)]
    pub audit_rights: Option<Text>,
    /// What the supplier must do to test the system for unfair treatment of
    /// groups of residents, and how often.
    #[serde(default)]
    pub bias_testing: Option<Text>,
    /// What the supplier may and may not do with residents' data (for
    /// example, not use it to train other products).
    #[serde(default)]
    pub data_use: Option<Text>,
    /// How the council can end the contract, for example if the system
    /// proves unfair, and what happens to the data then.
    #[serde(default)]
    pub ending: Option<Text>,
}

/// Training given to one group of staff who work with the system.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Which staff (roles, not names), e.g. "Benefits assessment officers".
    pub staff: Text,
    /// What the training covers.
    pub what: Text,
    /// How often it is given, e.g. "Before first use, then every year".
    pub how_often: Text,
    /// When it was last given.
    #[serde(default)]
    #[schemars(with = "Option<IsoDate>")]
    pub last_given: Option<Date>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImpactAssessment {
    pub kind: AssessmentKind,
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    #[schemars(with = "IsoDate")]
    pub date: Date,
    pub summary: Text,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub link: Option<Spanned<String>>,
    /// Why the assessment is not published, when there is no `link`.
    #[serde(default)]
    pub not_published_reason: Option<Text>,
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
