//! The front matter of published errors, challenge routes and pages.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// Front matter of `content/errors/<id>.md`. The Markdown body says what happened.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPublishedError {
    /// Id of the system the error concerns.
    // Which entries the value names; `glassbox cms` offers them as a choice.
    #[schemars(extend("x-glassbox-refers-to" = "systems"))]
    #[schemars(with = "String")]
    pub system: Spanned<String>,
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
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
    // Which entries the value names; `glassbox cms` offers them as a choice.
    #[schemars(extend("x-glassbox-refers-to" = "challenges"))]
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
pub(crate) struct RawChallengeRoute {
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
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
pub(crate) struct RawEscalation {
    #[schemars(with = "Text")]
    pub name: Spanned<Text>,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
    #[serde(default)]
    pub when: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHelp {
    #[schemars(with = "Text")]
    pub name: Spanned<Text>,
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
pub(crate) struct RawPage {
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    /// One sentence for search engines and link previews.
    #[serde(default)]
    pub description: Option<Text>,
    /// Puts the page in the footer, at this position (lower first). The
    /// footer has room for 8 pages; the others are on the list of all pages
    /// (`/pages/`).
    #[serde(default)]
    #[schemars(with = "Option<i64>")]
    pub footer_order: Option<Spanned<i64>>,
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
