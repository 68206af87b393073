//! The field vocabulary of the content model, written once: every name a
//! mapping file, `glassbox import`, an import's `imported.gaps` or
//! `glassbox check` uses for a field of a system entry is a row of
//! [`TABLE`], and code refers to it by its [`Field`] variant.
//!
//! A name is the field's path in an entry (`human_oversight.who`), or a
//! value glassbox computes for export (`data.summary`, `started.month`),
//! or `const`, which a mapping uses for a fixed value. Rows without a dot
//! that group others (`human_oversight`, `data`) are the entry's keys for
//! those groups: an import lists them as gaps, and `check` names them.

use std::fmt;

/// One field of the content model. The variants follow [`TABLE`]'s order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Const,
    Id,
    Url,
    Name,
    Summary,
    Body,
    ServiceArea,
    Status,
    Decision,
    FinalDecisionBy,
    Automation,
    AffectsResidentsDirectly,
    WhoIsAffected,
    WhatHappensToYou,
    HumanOversight,
    HumanOversightWho,
    HumanOversightCanOverride,
    HumanOversightHow,
    Data,
    DataName,
    DataDescription,
    DataPersonalData,
    DataSummary,
    DataGrouping,
    Owner,
    OwnerTeam,
    OwnerSeniorResponsibleOwner,
    Supplier,
    SupplierName,
    SupplierRole,
    SupplierIdentifier,
    Contract,
    ContractAuditRights,
    ContractBiasTesting,
    ContractDataUse,
    ContractEnding,
    Training,
    TrainingStaff,
    TrainingWhat,
    TrainingHowOften,
    TrainingLastGiven,
    TrainingSummary,
    ModelType,
    Benefits,
    AlternativesConsidered,
    ImpactAssessments,
    ImpactAssessmentsTitle,
    ImpactAssessmentsSummary,
    ImpactAssessmentsDate,
    ImpactAssessmentsLink,
    ImpactAssessmentsGrouping,
    DpiaSummary,
    DpiaLink,
    FriaSummary,
    FriaLink,
    Risks,
    RisksRisk,
    RisksMitigation,
    RisksSummary,
    BiasChecksSummary,
    Monitoring,
    MonitoringSummary,
    KnownLimitations,
    ChallengeRoutes,
    Contact,
    ContactEmail,
    ContactPhone,
    DeployerAddress,
    DeployerContact,
    Started,
    StartedMonth,
    LastReviewed,
    ReviewBy,
    ChangesDate,
    Lang,
    LawfulBasis,
    OrganisationName,
    Imported,
    ImportedSourceUrl,
    ImportedStandardVersion,
    AiAct,
    AiActRiskClass,
    AiActAnnexIiiPoint,
    AiActProviderDatabaseUrl,
    AiActFriaSummary,
    AiActDpiaSummary,
}

/// What the table says about one field.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub field: Field,
    /// The name written in entries, mapping files and `imported.gaps`.
    pub name: &'static str,
    /// A mapping file may name it in a column's `field`.
    pub mapped: bool,
    /// `glassbox import` fills it in from a mapped column; a column mapped
    /// to any other field is kept under `imported.other_fields`.
    pub imported: bool,
    /// The name `imported.gaps` lists when an import leaves the field
    /// without a value: the field itself, or the group it belongs to.
    pub gap: Option<Field>,
    /// Its value is a list (one per data source, risk, ...).
    pub list: bool,
    /// Its value is not text, so an import gap's placeholder (`false`,
    /// `rule-based`, a date) looks like a real one: exports leave it out
    /// while its gap is listed.
    pub placeholder_looks_real: bool,
    /// The values an import accepts (after the mapping's value maps);
    /// empty when any text is.
    pub values: &'static [&'static str],
    /// What `glassbox check` tells an author to add, when not the name.
    pub check_label: Option<&'static str>,
}

/// A field a mapping file may name; the builders below add the rest.
const fn mapped(field: Field, name: &'static str) -> Row {
    Row {
        field,
        name,
        mapped: true,
        imported: false,
        gap: None,
        list: false,
        placeholder_looks_real: false,
        values: &[],
        check_label: None,
    }
}

/// A key that groups other fields in an entry; no mapping names it.
const fn group(field: Field, name: &'static str) -> Row {
    Row {
        mapped: false,
        ..mapped(field, name)
    }
}

impl Row {
    const fn imported(self) -> Row {
        Row {
            imported: true,
            ..self
        }
    }
    /// Listed in `imported.gaps` under its own name when missing.
    const fn gap(self) -> Row {
        Row {
            gap: Some(self.field),
            ..self
        }
    }
    /// Missing, it makes its group `group` a gap.
    const fn gap_of(self, group: Field) -> Row {
        Row {
            gap: Some(group),
            ..self
        }
    }
    const fn list(self) -> Row {
        Row { list: true, ..self }
    }
    const fn not_text(self) -> Row {
        Row {
            placeholder_looks_real: true,
            ..self
        }
    }
    const fn values(self, values: &'static [&'static str]) -> Row {
        Row { values, ..self }
    }
    const fn check_label(self, label: &'static str) -> Row {
        Row {
            check_label: Some(label),
            ..self
        }
    }
    const fn unmapped(self) -> Row {
        Row {
            mapped: false,
            ..self
        }
    }
}

use Field::*;

const YES_NO: &[&str] = &["true", "false"];

/// Every field, once, in the order of [`Field`]'s variants.
pub const TABLE: &[Row] = &[
    mapped(Const, "const"),
    mapped(Id, "id").imported(),
    mapped(Url, "url").imported(),
    mapped(Name, "name").imported(),
    mapped(Summary, "summary").imported().gap(),
    mapped(Body, "body")
        .imported()
        .check_label("the Markdown text"),
    mapped(ServiceArea, "service_area"),
    mapped(Status, "status")
        .imported()
        .values(&["planned", "pilot", "in-use", "paused", "retired"]),
    mapped(Decision, "decision").imported().gap(),
    mapped(FinalDecisionBy, "final_decision_by")
        .imported()
        .gap(),
    mapped(Automation, "automation")
        .imported()
        .gap()
        .not_text()
        .values(&[
            "informs-staff",
            "recommends",
            "decides-with-review",
            "decides-automatically",
        ]),
    mapped(AffectsResidentsDirectly, "affects_residents_directly")
        .imported()
        .gap()
        .not_text()
        .values(YES_NO),
    mapped(WhoIsAffected, "who_is_affected").imported().gap(),
    // No standard has it: registers describe the system, not the resident's next step.
    mapped(WhatHappensToYou, "what_happens_to_you").unmapped(),
    group(HumanOversight, "human_oversight").gap(),
    mapped(HumanOversightWho, "human_oversight.who")
        .imported()
        .gap_of(HumanOversight),
    mapped(HumanOversightCanOverride, "human_oversight.can_override")
        .imported()
        .gap_of(HumanOversight)
        .not_text()
        .values(YES_NO),
    mapped(HumanOversightHow, "human_oversight.how")
        .imported()
        .gap_of(HumanOversight),
    group(Data, "data").gap(),
    mapped(DataName, "data.name").imported().gap_of(Data).list(),
    mapped(DataDescription, "data.description")
        .imported()
        .gap_of(Data)
        .list(),
    mapped(DataPersonalData, "data.personal_data")
        .imported()
        .gap_of(Data)
        .list()
        .not_text(),
    mapped(DataSummary, "data.summary").list(),
    mapped(DataGrouping, "data.grouping").imported().list(),
    group(Owner, "owner").gap(),
    mapped(OwnerTeam, "owner.team").imported().gap_of(Owner),
    mapped(
        OwnerSeniorResponsibleOwner,
        "owner.senior_responsible_owner",
    )
    .imported()
    .gap_of(Owner),
    group(Supplier, "supplier"),
    mapped(SupplierName, "supplier.name").imported(),
    mapped(SupplierRole, "supplier.role").imported(),
    mapped(SupplierIdentifier, "supplier.identifier").imported(),
    group(Contract, "contract"),
    mapped(ContractAuditRights, "contract.audit_rights"),
    mapped(ContractBiasTesting, "contract.bias_testing"),
    mapped(ContractDataUse, "contract.data_use").list(),
    mapped(ContractEnding, "contract.ending"),
    group(Training, "training"),
    mapped(TrainingStaff, "training.staff").list(),
    mapped(TrainingWhat, "training.what").list(),
    mapped(TrainingHowOften, "training.how_often").list(),
    mapped(TrainingLastGiven, "training.last_given").list(),
    // One sentence per group of staff: who, what, how often, when last.
    mapped(TrainingSummary, "training.summary"),
    mapped(ModelType, "model_type")
        .imported()
        .gap()
        .not_text()
        .values(&["rule-based", "machine-learning", "generative", "hybrid"]),
    mapped(Benefits, "benefits").imported().gap(),
    mapped(AlternativesConsidered, "alternatives_considered").imported(),
    group(ImpactAssessments, "impact_assessments"),
    mapped(ImpactAssessmentsTitle, "impact_assessments.title")
        .imported()
        .list(),
    mapped(ImpactAssessmentsSummary, "impact_assessments.summary")
        .imported()
        .list(),
    mapped(ImpactAssessmentsDate, "impact_assessments.date")
        .imported()
        .list(),
    mapped(ImpactAssessmentsLink, "impact_assessments.link")
        .imported()
        .list(),
    mapped(ImpactAssessmentsGrouping, "impact_assessments.grouping").list(),
    mapped(DpiaSummary, "dpia.summary"),
    mapped(DpiaLink, "dpia.link"),
    mapped(FriaSummary, "fria.summary"),
    mapped(FriaLink, "fria.link"),
    group(Risks, "risks"),
    mapped(RisksRisk, "risks.risk").imported().list(),
    mapped(RisksMitigation, "risks.mitigation")
        .imported()
        .list(),
    mapped(RisksSummary, "risks.summary").list(),
    mapped(BiasChecksSummary, "bias_checks.summary").list(),
    group(Monitoring, "monitoring"),
    mapped(MonitoringSummary, "monitoring.summary").list(),
    mapped(KnownLimitations, "known_limitations")
        .imported()
        .list(),
    mapped(ChallengeRoutes, "challenge_routes").list(),
    group(Contact, "contact"),
    mapped(ContactEmail, "contact.email").imported(),
    mapped(ContactPhone, "contact.phone"),
    mapped(DeployerAddress, "deployer.address"),
    mapped(DeployerContact, "deployer.contact"),
    mapped(Started, "started").imported(),
    mapped(StartedMonth, "started.month"),
    mapped(LastReviewed, "last_reviewed").imported(),
    mapped(ReviewBy, "review_by").imported().gap().not_text(),
    mapped(ChangesDate, "changes.date").list(),
    mapped(Lang, "lang").imported(),
    mapped(LawfulBasis, "lawful_basis").imported(),
    mapped(OrganisationName, "organisation.name").imported(),
    group(Imported, "imported"),
    mapped(ImportedSourceUrl, "imported.source_url").imported(),
    // Given by some sources outside the standard's columns.
    mapped(ImportedStandardVersion, "imported.standard_version").unmapped(),
    group(AiAct, "ai_act"),
    mapped(AiActRiskClass, "ai_act.risk_class")
        .imported()
        .values(&["high-risk", "limited-risk", "minimal-risk"]),
    mapped(AiActAnnexIiiPoint, "ai_act.annex_iii_point").imported(),
    mapped(AiActProviderDatabaseUrl, "ai_act.provider_database_url").imported(),
    mapped(AiActFriaSummary, "ai_act.fria_summary").imported(),
    mapped(AiActDpiaSummary, "ai_act.dpia_summary").imported(),
];

impl Field {
    /// Every field, in the table's order.
    pub const ALL: [Field; TABLE.len()] = {
        let mut all = [Const; TABLE.len()];
        let mut i = 0;
        while i < TABLE.len() {
            all[i] = TABLE[i].field;
            i += 1;
        }
        all
    };

    /// The field's row of [`TABLE`].
    pub fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// The field called `name`, if the table has one.
    pub fn from_name(name: &str) -> Option<Field> {
        TABLE.iter().find(|r| r.name == name).map(|r| r.field)
    }

    /// The name written in entries, mapping files and `imported.gaps`.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The key the field is written under in its group (`who` for
    /// `human_oversight.who`).
    pub fn key(self) -> &'static str {
        let name = self.name();
        name.rsplit_once('.').map_or(name, |(_, key)| key)
    }

    /// How deep the key sits in an entry: 0 at the top, 1 in a group.
    pub fn depth(self) -> usize {
        self.name().matches('.').count()
    }

    pub fn is_mapped(self) -> bool {
        self.row().mapped
    }

    pub fn is_imported(self) -> bool {
        self.row().imported
    }

    pub fn is_list(self) -> bool {
        self.row().list
    }

    /// See [`Row::placeholder_looks_real`].
    pub fn placeholder_looks_real(self) -> bool {
        self.row().placeholder_looks_real
    }

    /// The gap an import lists when this field is missing.
    pub fn gap(self) -> Option<Field> {
        self.row().gap
    }

    /// See [`Row::values`].
    pub fn values(self) -> &'static [&'static str] {
        self.row().values
    }

    /// What `glassbox check` tells an author to add for this field.
    pub fn check_label(self) -> &'static str {
        self.row().check_label.unwrap_or(self.name())
    }

    /// The names an import may list in `imported.gaps`, in table order.
    pub fn gaps() -> impl Iterator<Item = Field> {
        TABLE
            .iter()
            .filter(|r| r.gap == Some(r.field))
            .map(|r| r.field)
    }

    /// Whether `imported.gaps` may list this field.
    pub fn is_gap_name(self) -> bool {
        self.gap() == Some(self)
    }

    /// The fields that make this gap when missing: the group's parts, or
    /// none when the gap is a field of its own.
    pub fn gap_parts(self) -> impl Iterator<Item = Field> {
        TABLE
            .iter()
            .filter(move |r| r.gap == Some(self) && r.field != self)
            .map(|r| r.field)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_variant_once_in_order() {
        for (i, row) in TABLE.iter().enumerate() {
            assert_eq!(row.field as usize, i, "{} is out of order", row.name);
            assert_eq!(Field::from_name(row.name), Some(row.field));
        }
        let mut names: Vec<&str> = TABLE.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), TABLE.len(), "a name is in the table twice");
        assert_eq!(Field::ALL.len(), TABLE.len());
        assert_eq!(Field::from_name("human_oversight.whom"), None);
    }

    #[test]
    fn gaps_are_top_level_fields_and_their_groups_parts() {
        let gaps: Vec<&str> = Field::gaps().map(Field::name).collect();
        assert_eq!(
            gaps,
            [
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
                "review_by"
            ]
        );
        let parts: Vec<Field> = Field::HumanOversight.gap_parts().collect();
        assert_eq!(
            parts,
            [
                Field::HumanOversightWho,
                Field::HumanOversightCanOverride,
                Field::HumanOversightHow
            ]
        );
        assert_eq!(Field::Decision.gap_parts().count(), 0);
        for f in Field::ALL {
            if let Some(gap) = f.gap() {
                assert!(gap.is_gap_name(), "{f} counts towards {gap}");
                assert_eq!(gap.depth(), 0, "{gap}");
            }
        }
    }

    #[test]
    fn keys_are_the_last_part_of_the_name() {
        assert_eq!(Field::HumanOversightWho.key(), "who");
        assert_eq!(Field::HumanOversightWho.depth(), 1);
        assert_eq!(Field::Benefits.key(), "benefits");
        assert_eq!(Field::Body.check_label(), "the Markdown text");
        assert_eq!(Field::Owner.check_label(), "owner");
    }
}
