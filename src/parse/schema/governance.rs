//! The `governance` section of `portal.yaml`: who oversees the use of AI,
//! the ethics group, the AI policy and how staff raise concerns.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Deserialize;

use super::*;

/// How the organisation governs its use of AI, published at `/governance/`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGovernance {
    /// The senior officer who oversees AI strategy and governance.
    pub senior_responsible_officer: RawOfficer,
    /// The cross-service group that looks at the ethics of each system.
    pub ethics_group: RawEthicsGroup,
    /// The organisation's AI policy.
    pub ai_policy: RawAiPolicy,
    /// How staff raise a concern about a system, and how they are protected.
    pub raising_concerns: RawRaisingConcerns,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOfficer {
    /// The job title, e.g. "Director of Corporate Resources".
    pub role: Text,
    /// The person's name, if published.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub name: Option<Spanned<Text>>,
    /// What they are responsible for, in plain words.
    #[serde(default)]
    pub responsibilities: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEthicsGroup {
    /// The group's name, e.g. "AI Ethics Group".
    #[schemars(with = "Text")]
    pub name: Spanned<Text>,
    /// The roles or services represented (IT, legal, equalities, frontline
    /// staff, residents ...), one item each.
    pub members: Vec<Text>,
    /// How often it meets, e.g. "Every two months".
    pub meets: Text,
    /// What it does, in plain words.
    #[serde(default)]
    pub role: Option<Text>,
    /// Where its minutes are published.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub minutes_url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAiPolicy {
    /// Address of the policy.
    #[schemars(with = "String")]
    pub url: Spanned<String>,
    /// When the policy was adopted or last updated.
    #[schemars(with = "IsoDate")]
    pub date: Date,
    /// In plain words: when a computer may make a decision on its own.
    pub automated_decisions_allowed: Text,
    /// In plain words: when a person must make the decision.
    pub person_must_decide: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRaisingConcerns {
    /// How a member of staff raises a concern about a system.
    pub how: Text,
    /// How they are protected when they do.
    pub protection: Text,
}
