//! How complete a system's record is against what the UK Algorithmic
//! Transparency Recording Standard (ATRS) asks for in Tier 1 and Tier 2.

use crate::model::{Field, Portal, System};

#[derive(Debug, Clone, PartialEq)]
pub struct Completeness {
    pub system: String,
    pub name: String,
    pub file: String,
    /// Whole percent of the expected items that are given.
    pub percent: u32,
    pub missing: Vec<Expected>,
}

/// One thing the ATRS expects of a record, and where it lives in ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected {
    /// Our field(s).
    pub fields: &'static [Field],
    /// What it is, in plain words.
    pub what: &'static str,
    /// The ATRS tier and section it answers.
    pub atrs: &'static str,
}

impl Expected {
    /// The field(s), as an author writes them (`decision, who_is_affected`).
    pub fn field(&self) -> String {
        self.fields
            .iter()
            .map(|f| f.check_label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Whether a system gives an expected item.
type Given = fn(&System, &Portal) -> bool;

/// The ATRS Tier 1 and Tier 2 items our systems carry, with how to tell
/// whether a system gives each. Items every valid entry must give (name,
/// summary, owner, ...) count too, so the percentage is of the whole list.
/// Supplier details are left out: ATRS asks for them only when there is
/// an outside supplier, which a record cannot be checked for.
const EXPECTED: &[(Expected, Given)] = &[
    (
        Expected {
            fields: &[Field::Name],
            what: "the name",
            atrs: "Tier 1: name",
        },
        |_, _| true,
    ),
    (
        Expected {
            fields: &[Field::Summary],
            what: "a plain summary",
            atrs: "Tier 1: description",
        },
        |_, _| true,
    ),
    (
        Expected {
            fields: &[Field::Contact],
            what: "an email address to ask about it (its own or the portal's)",
            atrs: "Tier 1: contact email",
        },
        |s, p| {
            s.contact
                .as_ref()
                .map_or(p.settings.default_contact.email.is_some(), |c| {
                    c.email.is_some()
                })
        },
    ),
    (
        Expected {
            fields: &[Field::Owner],
            what: "the team and senior responsible owner",
            atrs: "Tier 2, 1: owner and responsibility",
        },
        |_, _| true,
    ),
    (
        Expected {
            fields: &[Field::Decision, Field::WhoIsAffected],
            what: "the decision it plays a part in and who is affected",
            atrs: "Tier 2, 2: scope",
        },
        |_, _| true,
    ),
    (
        Expected {
            fields: &[Field::Benefits],
            what: "why it is used",
            atrs: "Tier 2, 2: benefit",
        },
        |_, _| true,
    ),
    (
        Expected {
            fields: &[Field::AlternativesConsidered],
            what: "what else was considered",
            atrs: "Tier 2, 2: alternatives considered",
        },
        |s, _| s.alternatives_considered.is_some(),
    ),
    (
        Expected {
            fields: &[Field::Body],
            what: "how it works, in more depth",
            atrs: "Tier 2, 2 and 4: detailed description, system architecture",
        },
        |s, _| !s.body.trim().is_empty(),
    ),
    (
        Expected {
            fields: &[Field::ModelType, Field::Status],
            what: "what kind of system it is and where it is in its life",
            atrs: "Tier 2, 4: model, phase",
        },
        |_, _| true,
    ),
    (
        Expected {
            fields: &[Field::HumanOversight, Field::Automation],
            what: "how people oversee what it produces",
            atrs: "Tier 2, 3: human decisions and review",
        },
        |_, _| true,
    ),
    (
        Expected {
            fields: &[Field::ChallengeRoutes],
            what: "how to challenge a decision (or why there is no way)",
            atrs: "Tier 2, 3: appeals and review",
        },
        |s, _| !s.challenge_routes.is_empty() || s.no_challenge_route_reason.is_some(),
    ),
    (
        Expected {
            fields: &[Field::Data],
            what: "the data it uses",
            atrs: "Tier 2, 4: information on data",
        },
        |_, _| true,
    ),
    (
        Expected {
            fields: &[Field::ImpactAssessments],
            what: "impact assessments (data protection, equality)",
            atrs: "Tier 2, 5: impact assessments",
        },
        |s, _| !s.impact_assessments.is_empty(),
    ),
    (
        Expected {
            fields: &[Field::Risks],
            what: "risks and what is done about them",
            atrs: "Tier 2, 5: risks and mitigations",
        },
        |s, _| !s.risks.is_empty(),
    ),
    (
        Expected {
            fields: &[Field::Monitoring],
            what: "how its results are watched over time",
            atrs: "Tier 2, 4: maintenance",
        },
        |s, _| !s.monitoring.is_empty(),
    ),
    (
        Expected {
            fields: &[Field::KnownLimitations],
            what: "what it cannot do well",
            atrs: "Tier 2, 2: scope (what it is not for)",
        },
        |s, _| !s.known_limitations.is_empty(),
    ),
    (
        Expected {
            fields: &[Field::LastReviewed, Field::ReviewBy],
            what: "when it was last reviewed and is next due",
            atrs: "Metadata: date of update",
        },
        |_, _| true,
    ),
];

pub(super) fn completeness(system: &System, portal: &Portal) -> Completeness {
    let missing: Vec<Expected> = EXPECTED
        .iter()
        .filter(|(_, given)| !given(system, portal))
        .map(|(e, _)| *e)
        .collect();
    let total = EXPECTED.len();
    Completeness {
        system: system.id.clone(),
        name: system.name.clone(),
        file: system.source.path.clone(),
        percent: ((total - missing.len()) * 100 / total) as u32,
        missing,
    }
}
