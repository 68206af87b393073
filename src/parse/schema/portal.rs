//! `content/portal.yaml`: the settings of the whole portal.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// `content/portal.yaml`: the organisation and the settings of the whole portal.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPortal {
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
    #[schemars(with = "Option<Text>")]
    pub title: Option<Spanned<Text>>,
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
    /// How the organisation governs its use of AI: published at `/governance/`.
    #[serde(default)]
    pub governance: Option<RawGovernance>,
    /// Version history pages (`/systems/<id>/history/`), read from the git
    /// repository the portal folder is kept in.
    #[serde(default)]
    pub history: Option<RawHistorySettings>,
}

/// Settings of the version history pages.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHistorySettings {
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
    /// Commits never to publish as versions, e.g. one that put personal
    /// data in a summary: each by its id (`commit: a1b2c3d`, the first 7 or
    /// more characters `git log` shows) or by the days they were made
    /// (`from: 2026-02-01` and `to: 2026-02-03`). What they changed shows as
    /// part of the next commit that is published. `docs/editing.md` says how
    /// to remove the text from the repository as well.
    #[serde(default)]
    pub leave_out: Vec<RawLeaveOut>,
    /// `false`: when the version history cannot be read (a copy of the
    /// repository made without its file contents, a damaged repository),
    /// build the site without history pages and warn. Left out or `true`:
    /// the build stops, so published history pages never vanish unnoticed.
    #[serde(default)]
    pub required: Option<bool>,
}

/// Commits to leave out of the version history.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLeaveOut {
    /// A commit's id, or at least its first 7 characters.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub commit: Option<Spanned<String>>,
    /// The first day of the commits to leave out (YYYY-MM-DD).
    #[serde(default)]
    #[schemars(with = "Option<IsoDate>")]
    pub from: Option<Spanned<Date>>,
    /// The last day of the commits to leave out (YYYY-MM-DD), included.
    #[serde(default)]
    #[schemars(with = "Option<IsoDate>")]
    pub to: Option<Spanned<Date>>,
    /// Why, for the people who keep the portal (never published).
    #[serde(default)]
    #[allow(dead_code)] // read by people; glassbox only accepts it
    pub reason: Option<String>,
}

/// What the accessibility statement says: UK public bodies must publish one
/// (the Public Sector Bodies Accessibility Regulations 2018).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAccessibility {
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
pub(crate) struct RawKnownIssue {
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
#[allow(clippy::enum_variant_names, reason = "the regulations' own terms")]
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
pub(crate) struct RawQuarter {
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
pub(crate) struct RawOrganisation {
    #[schemars(with = "Text")]
    pub name: Spanned<Text>,
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
pub(crate) struct RawServiceArea {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "Text")]
    pub name: Spanned<Text>,
    #[serde(default)]
    pub description: Option<Text>,
}

/// Ways to get in touch. At least one of them must be given.
#[derive(Debug, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawContact {
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
pub(crate) struct RawReportProblem {
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
pub(crate) struct RawLicence {
    #[schemars(with = "Text")]
    pub name: Spanned<Text>,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLink {
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
}
