//! The field mappings between glassbox and each standard, read from the data
//! files in `mappings/` (embedded in the binary), and the vocabulary of
//! glassbox fields those files refer to.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use crate::model::{AssessmentKind, Field, GAP_TEXT, Portal, System};
use crate::parse::schema::Standard;
use crate::render::escape::isolate;

impl Standard {
    /// The file name stem of the exports, and the mapping file's name.
    pub fn name(self) -> &'static str {
        match self {
            Standard::Atrs => "atrs",
            Standard::Nl => "nl",
            Standard::Eurocities => "eurocities",
            Standard::AiAct => "ai-act",
        }
    }

    /// The mapping file's text, as shipped in `mappings/`.
    pub fn mapping_source(self) -> &'static str {
        match self {
            Standard::Atrs => include_str!("../../../mappings/atrs.yaml"),
            Standard::Nl => include_str!("../../../mappings/nl.yaml"),
            Standard::Eurocities => include_str!("../../../mappings/eurocities.yaml"),
            Standard::AiAct => include_str!("../../../mappings/ai-act.yaml"),
        }
    }

    /// The parsed mapping. The shipped files are checked by tests, so a
    /// parse failure here is a bug in glassbox, reported as such.
    pub fn mapping(self) -> Mapping {
        let path = format!("mappings/{}.yaml", self.name());
        match Mapping::parse(self.mapping_source(), &path) {
            Ok(m) => m,
            Err(d) => panic!(
                "the built-in mapping {path} is broken: {}",
                d.first().map(|d| d.render()).unwrap_or_default()
            ),
        }
    }
}

impl Mapping {
    /// Reads a mapping file's text (`path` names it in errors). Every
    /// `field` must be a glassbox field a mapping may name.
    pub fn parse(source: &str, path: &str) -> Result<Mapping, Vec<crate::diagnostic::Diagnostic>> {
        crate::parse::yaml::parse::<Mapping>(source, path, source, 1)
    }
}

/// A column's `field`: a name from the field table that mappings may use.
fn mapped_field<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Field>, D::Error> {
    let Some(name) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    match Field::from_name(&name).filter(|f| f.is_mapped()) {
        Some(field) => Ok(Some(field)),
        None => {
            let names = Field::ALL
                .iter()
                .filter(|f| f.is_mapped())
                .map(|f| f.name());
            let hint = match crate::diagnostic::nearest(&name, names, 1).first() {
                Some(near) => format!("; did you mean `{near}`?"),
                None => String::new(),
            };
            Err(serde::de::Error::custom(format!(
                "`{name}` is not a glassbox field a mapping can use{hint}"
            )))
        }
    }
}

/// One mapping file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The standard's name.
    pub standard: String,
    /// The version of the standard mapped.
    pub version: String,
    /// The standard's fields, in its documented order.
    pub columns: Vec<Column>,
}

/// One field of a standard.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The standard's name for the field.
    pub column: String,
    /// The glassbox field it maps to; none when glassbox keeps no such information.
    #[serde(default, deserialize_with = "mapped_field")]
    pub field: Option<Field>,
    /// The fixed value, when `field` is `const`.
    #[serde(default, rename = "const")]
    pub constant: Option<String>,
    /// Whether the standard requires it.
    #[serde(default)]
    pub required: bool,
    /// The standard's section it sits in.
    #[serde(default)]
    pub section: Option<String>,
    /// The standard's number for it.
    #[serde(default)]
    pub number: Option<String>,
    /// Repeatable: a list.
    #[serde(default)]
    pub list: bool,
    /// glassbox value -> the standard's value.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// More of the standard's values read on import (lower case) -> glassbox value.
    #[serde(default)]
    pub import_values: BTreeMap<String, String>,
}

impl Column {
    /// The glassbox value a value of the standard stands for, if the
    /// mapping knows it. Matching ignores case, surrounding spaces and
    /// repeated spaces.
    pub fn import_value(&self, value: &str) -> Option<String> {
        let key = normalise(value);
        if let Some(v) = self.import_values.iter().find(|(k, _)| normalise(k) == key) {
            return Some(v.1.clone());
        }
        self.values
            .iter()
            .find(|(_, v)| normalise(v) == key)
            .map(|(k, _)| k.clone())
    }
}

/// Lower case, trimmed, inner runs of spaces made one.
pub fn normalise(value: &str) -> String {
    value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A value of a field: one text, a list of texts, or a list of JSON objects
/// (the Dutch `*_grouping` columns).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    One(String),
    Many(Vec<String>),
    Json(serde_json::Value),
}

impl Value {
    /// A list cell written as a JSON array: strings become a list, anything
    /// else stays JSON. `None` when the text is not a JSON array.
    pub fn from_json_list(text: &str) -> Option<Value> {
        if !text.starts_with('[') {
            return None;
        }
        match serde_json::from_str::<serde_json::Value>(text).ok()? {
            serde_json::Value::Array(items) if items.iter().all(serde_json::Value::is_string) => {
                Some(Value::Many(
                    items
                        .iter()
                        .filter_map(|i| i.as_str().map(str::to_string))
                        .collect(),
                ))
            }
            json @ serde_json::Value::Array(_) => Some(Value::Json(json)),
            _ => None,
        }
    }

    /// The value as one CSV cell: lists as a JSON array.
    pub fn cell(&self) -> String {
        match self {
            Value::One(s) => s.clone(),
            Value::Many(items) => serde_json::to_string(items).unwrap_or_default(),
            Value::Json(v) => v.to_string(),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        match self {
            Value::One(s) => serde_json::Value::String(s.clone()),
            Value::Many(items) => serde_json::Value::from(items.clone()),
            Value::Json(v) => v.clone(),
        }
    }
}

fn text(s: &str) -> Option<Value> {
    let s = s.trim();
    (!s.is_empty() && s != GAP_TEXT).then(|| Value::One(s.to_string()))
}

fn opt(s: Option<&str>) -> Option<Value> {
    s.and_then(text)
}

fn many(items: Vec<String>) -> Option<Value> {
    let items: Vec<String> = items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s != GAP_TEXT)
        .collect();
    (!items.is_empty()).then_some(Value::Many(items))
}

/// The training of every group of staff in one text, a sentence or two
/// for each: who, what, how often and when it was last given.
fn training_summary(training: &[crate::model::Training]) -> String {
    training
        .iter()
        .map(|t| {
            let mut line = format!(
                "{}: {} ({})",
                t.staff.trim().trim_end_matches('.'),
                t.what.trim().trim_end_matches('.'),
                t.how_often.trim().trim_end_matches('.'),
            );
            if let Some(d) = t.last_given {
                line.push_str(&format!(", last given {d}"));
            }
            line.push('.');
            line
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Serde's (kebab-case) name of an enum value.
fn enum_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The value of glassbox field `field` for `system`, or `None` when the
/// system has none (or only an import gap's placeholder).
pub fn get(portal: &Portal, s: &System, field: Field, column: &Column) -> Option<Value> {
    // Values that are not text: a gap's placeholder looks like a real value.
    if field.placeholder_looks_real() && field.gap().is_some_and(|gap| s.is_gap(gap)) {
        return None;
    }
    let settings = &portal.settings;
    let contact = s.contact.as_ref().unwrap_or(&settings.default_contact);
    let assessment = |kind: AssessmentKind| s.impact_assessments.iter().find(|a| a.kind == kind);
    let value = match field {
        Field::Const => opt(column.constant.as_deref()),
        Field::Id => text(&s.id),
        Field::Url => text(&format!("{}systems/{}/", settings.base_url, s.id)),
        Field::Name => text(&s.name),
        Field::Summary => text(&s.summary),
        Field::Body => text(&s.body),
        Field::ServiceArea => settings
            .service_areas
            .iter()
            .find(|a| a.id == s.service_area)
            .and_then(|a| text(&a.name)),
        Field::Status => text(&enum_name(&s.status)),
        Field::Decision => text(&s.decision),
        Field::FinalDecisionBy => text(&s.final_decision_by),
        Field::Automation => s.automation.and_then(|a| text(&enum_name(&a))),
        Field::AffectsResidentsDirectly => s
            .affects_residents_directly
            .and_then(|b| text(&b.to_string())),
        Field::WhoIsAffected => text(&s.who_is_affected),
        Field::WhatHappensToYou => opt(s.what_happens_to_you.as_deref()),
        Field::HumanOversightWho => text(&s.human_oversight.who),
        Field::HumanOversightCanOverride => text(&s.human_oversight.can_override.to_string()),
        Field::HumanOversightHow => text(&s.human_oversight.how),
        Field::DataName => many(s.data.iter().map(|d| d.name.to_string()).collect()),
        Field::DataDescription => many(s.data.iter().map(|d| d.description.to_string()).collect()),
        Field::DataPersonalData => {
            many(s.data.iter().map(|d| d.personal_data.to_string()).collect())
        }
        Field::DataSummary => many(
            s.data
                .iter()
                .filter(|d| *d.name != *GAP_TEXT)
                .map(|d| format!("{}: {}", isolate(&d.name), d.description))
                .collect(),
        ),
        Field::DataGrouping => {
            let items: Vec<serde_json::Value> = s
                .data
                .iter()
                .filter(|d| *d.name != *GAP_TEXT)
                .map(|d| serde_json::json!({"title": d.name.to_string(), "link": ""}))
                .collect();
            (!items.is_empty()).then_some(Value::Json(serde_json::Value::Array(items)))
        }
        Field::OwnerTeam => text(&s.owner.team),
        Field::OwnerSeniorResponsibleOwner => text(&s.owner.senior_responsible_owner),
        Field::SupplierName => opt(s.supplier.as_ref().map(|x| x.name.as_str())),
        Field::SupplierRole => opt(s.supplier.as_ref().and_then(|x| x.role.as_deref())),
        Field::SupplierIdentifier => opt(s.supplier.as_ref().and_then(|x| x.identifier.as_deref())),
        Field::ContractAuditRights => {
            opt(s.contract.as_ref().and_then(|c| c.audit_rights.as_deref()))
        }
        Field::ContractBiasTesting => {
            opt(s.contract.as_ref().and_then(|c| c.bias_testing.as_deref()))
        }
        // A list in ATRS (one per supplier); glassbox records one supplier.
        Field::ContractDataUse => many(
            s.contract
                .iter()
                .filter_map(|c| c.data_use.as_deref().map(str::to_string))
                .collect(),
        ),
        Field::ContractEnding => opt(s.contract.as_ref().and_then(|c| c.ending.as_deref())),
        Field::TrainingStaff => many(s.training.iter().map(|t| t.staff.to_string()).collect()),
        Field::TrainingWhat => many(s.training.iter().map(|t| t.what.to_string()).collect()),
        Field::TrainingHowOften => {
            many(s.training.iter().map(|t| t.how_often.to_string()).collect())
        }
        Field::TrainingLastGiven => many(
            s.training
                .iter()
                .filter_map(|t| t.last_given.map(|d| d.to_string()))
                .collect(),
        ),
        Field::TrainingSummary => opt(Some(&training_summary(&s.training))),
        Field::ModelType => text(&enum_name(&s.model_type)),
        Field::Benefits => text(&s.benefits),
        Field::AlternativesConsidered => opt(s.alternatives_considered.as_deref()),
        Field::ImpactAssessmentsTitle => many(
            s.impact_assessments
                .iter()
                .map(|a| a.title.clone())
                .collect(),
        ),
        Field::ImpactAssessmentsSummary => many(
            s.impact_assessments
                .iter()
                .map(|a| a.summary.clone())
                .collect(),
        ),
        Field::ImpactAssessmentsDate => many(
            s.impact_assessments
                .iter()
                .map(|a| a.date.to_string())
                .collect(),
        ),
        Field::ImpactAssessmentsLink => {
            // Kept in step with the titles: an assessment without a link has "".
            let links: Vec<String> = s
                .impact_assessments
                .iter()
                .map(|a| a.link.clone().unwrap_or_default())
                .collect();
            links
                .iter()
                .any(|l| !l.is_empty())
                .then_some(Value::Many(links))
        }
        Field::ImpactAssessmentsGrouping => {
            let items: Vec<serde_json::Value> = s
                .impact_assessments
                .iter()
                .map(|a| {
                    serde_json::json!({"title": a.title, "link": a.link.clone().unwrap_or_default()})
                })
                .collect();
            (!items.is_empty()).then_some(Value::Json(serde_json::Value::Array(items)))
        }
        Field::DpiaSummary => assessment(AssessmentKind::Dpia).and_then(|a| text(&a.summary)),
        Field::DpiaLink => assessment(AssessmentKind::Dpia).and_then(|a| opt(a.link.as_deref())),
        Field::FriaSummary => assessment(AssessmentKind::Fria).and_then(|a| text(&a.summary)),
        Field::FriaLink => assessment(AssessmentKind::Fria).and_then(|a| opt(a.link.as_deref())),
        Field::RisksRisk => many(s.risks.iter().map(|r| r.risk.to_string()).collect()),
        Field::RisksMitigation => many(s.risks.iter().map(|r| r.mitigation.to_string()).collect()),
        Field::RisksSummary => many(
            s.risks
                .iter()
                .map(|r| format!("{} What we do about it: {}", r.risk, r.mitigation))
                .collect(),
        ),
        Field::BiasChecksSummary => many(
            s.bias_checks
                .iter()
                .map(|b| {
                    format!(
                        "{} ({}; groups compared: {}): {}",
                        b.method,
                        b.date,
                        b.groups_checked
                            .iter()
                            .map(|g| g.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        b.result
                    )
                })
                .collect(),
        ),
        Field::MonitoringSummary => many(
            s.monitoring
                .iter()
                .map(|m| format!("{} ({}, by {})", m.what, m.how_often, m.by))
                .collect(),
        ),
        Field::KnownLimitations => many(s.known_limitations.clone()),
        Field::ChallengeRoutes => many(
            s.challenge_routes
                .iter()
                .filter_map(|id| portal.challenges.iter().find(|c| &c.id == id))
                .map(|c| {
                    format!(
                        "{}: {}challenge/{}/",
                        isolate(&c.title),
                        settings.base_url,
                        c.id
                    )
                })
                .collect(),
        ),
        Field::ContactEmail => opt(contact.email.as_deref()),
        Field::ContactPhone => opt(contact.phone.as_deref()),
        Field::DeployerAddress => opt(settings.default_contact.post.as_deref()).map(|v| match v {
            Value::One(p) => Value::One(
                p.lines()
                    .map(|l| l.trim().trim_end_matches(','))
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            other => other,
        }),
        Field::DeployerContact => {
            let c = &settings.default_contact;
            let parts: Vec<String> = [&c.email, &c.phone, &c.web_form]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            text(&parts.join("; "))
        }
        Field::Started => s.started.and_then(|d| text(&d.to_string())),
        Field::StartedMonth => s
            .started
            .and_then(|d| text(&format!("{:04}-{:02}", d.year(), d.month()))),
        Field::LastReviewed => text(&s.last_reviewed.to_string()),
        Field::ReviewBy => text(&s.review_by.to_string()),
        Field::ChangesDate => many(s.changes.iter().map(|c| c.date.to_string()).collect()),
        Field::Lang => text(s.lang.as_deref().unwrap_or(&settings.language)),
        Field::LawfulBasis => opt(s.lawful_basis.as_deref()),
        Field::OrganisationName => text(
            s.imported
                .as_ref()
                .and_then(|i| i.organisation.as_deref())
                .unwrap_or(&settings.organisation.name),
        ),
        Field::ImportedSourceUrl => match &s.imported {
            Some(i) => text(&i.source_url),
            None => text(&format!("{}systems/{}/", settings.base_url, s.id)),
        },
        Field::AiActRiskClass => s
            .ai_act
            .as_ref()
            .and_then(|a| text(&enum_name(&a.risk_class))),
        Field::AiActAnnexIiiPoint => s
            .ai_act
            .as_ref()
            .and_then(|a| opt(a.annex_iii_point.as_deref())),
        Field::AiActProviderDatabaseUrl => s
            .ai_act
            .as_ref()
            .and_then(|a| opt(a.provider_database_url.as_deref())),
        Field::AiActFriaSummary => s
            .ai_act
            .as_ref()
            .and_then(|a| opt(a.fria_summary.as_deref()))
            .or_else(|| assessment(AssessmentKind::Fria).and_then(|a| text(&a.summary))),
        Field::AiActDpiaSummary => s
            .ai_act
            .as_ref()
            .and_then(|a| opt(a.dpia_summary.as_deref()))
            .or_else(|| assessment(AssessmentKind::Dpia).and_then(|a| text(&a.summary))),
        // Groups and fields only an import writes: no mapping names them.
        Field::HumanOversight
        | Field::Data
        | Field::Owner
        | Field::Supplier
        | Field::Contract
        | Field::Training
        | Field::ImpactAssessments
        | Field::Risks
        | Field::Monitoring
        | Field::Contact
        | Field::Imported
        | Field::ImportedStandardVersion
        | Field::AiAct => None,
    }?;
    // Map glassbox values to the standard's, where the mapping says how.
    Some(match value {
        Value::One(v) if !column.values.is_empty() => {
            Value::One(column.values.get(&v).cloned().unwrap_or(v))
        }
        other => other,
    })
}
