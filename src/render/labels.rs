//! Words for enum values and numbers, as residents read them on every page.

use crate::model::*;
use crate::render::view::Tag;

pub(crate) fn status_tag(s: SystemStatus) -> Tag {
    match s {
        SystemStatus::Planned => Tag {
            label: "Planned",
            class: "tag--blue",
        },
        SystemStatus::Pilot => Tag {
            label: "Pilot",
            class: "tag--purple",
        },
        SystemStatus::InUse => Tag {
            label: "In use",
            class: "tag--green",
        },
        SystemStatus::Paused => Tag {
            label: "Paused",
            class: "tag--yellow",
        },
        SystemStatus::Retired => Tag {
            label: "Retired",
            class: "tag--grey",
        },
    }
}

pub(crate) fn error_status_tag(s: ErrorStatus) -> Tag {
    match s {
        ErrorStatus::Investigating => Tag {
            label: "Investigating",
            class: "tag--red",
        },
        ErrorStatus::Fixed => Tag {
            label: "Fixed",
            class: "tag--green",
        },
        ErrorStatus::Monitoring => Tag {
            label: "Monitoring",
            class: "tag--yellow",
        },
        ErrorStatus::Closed => Tag {
            label: "Closed",
            class: "tag--grey",
        },
    }
}

/// What the site says where a record does not give a value.
pub(crate) const NOT_KNOWN: &str = "Not known";

pub(crate) fn automation_label(a: Option<AutomationLevel>) -> &'static str {
    let Some(a) = a else {
        return "Not known whether it suggests or makes decisions";
    };
    match a {
        AutomationLevel::InformsStaff => "Gives staff information",
        AutomationLevel::Recommends => "Recommends; a person decides",
        AutomationLevel::DecidesWithReview => "Decides; a person checks each decision",
        AutomationLevel::DecidesAutomatically => "Decides automatically",
    }
}

pub(crate) fn automation_explained(a: Option<AutomationLevel>) -> &'static str {
    let Some(a) = a else {
        return "The record does not say whether the system only gives staff information, suggests what should happen, or makes decisions.";
    };
    match a {
        AutomationLevel::InformsStaff => {
            "The system gives our staff information. It does not suggest or make decisions about you."
        }
        AutomationLevel::Recommends => {
            "The system suggests what should happen. A member of staff makes the decision and can disagree with it."
        }
        AutomationLevel::DecidesWithReview => {
            "The system makes a decision, and a member of staff checks every decision before it affects you."
        }
        AutomationLevel::DecidesAutomatically => {
            "The system makes the decision without a member of staff checking each one. You can ask for a person to look at it again."
        }
    }
}

pub(crate) fn resident_contact_label(c: Option<ResidentContact>) -> &'static str {
    let Some(c) = c else {
        return "Not known";
    };
    match c {
        ResidentContact::BehindTheScenes => "Works behind the scenes",
        ResidentContact::ProducesWhatYouReceive => "Produces what you receive",
        ResidentContact::TalksToYou => "Talks to you",
    }
}

pub(crate) fn resident_contact_explained(c: Option<ResidentContact>) -> &'static str {
    let Some(c) = c else {
        return "The record does not say whether you see or use this system, or receive what it produces.";
    };
    match c {
        ResidentContact::BehindTheScenes => {
            "You do not see or use this system. Only our staff see what it produces."
        }
        ResidentContact::ProducesWhatYouReceive => {
            "Something you get from us, such as a letter or a message, is made or changed by this system."
        }
        ResidentContact::TalksToYou => {
            "You use this system yourself, or it talks to you, for example in an online chat. It is a computer, not a person."
        }
    }
}

pub(crate) fn model_type_label(m: Option<ModelType>) -> &'static str {
    let Some(m) = m else {
        return NOT_KNOWN;
    };
    match m {
        ModelType::RuleBased => "Fixed rules written by people",
        ModelType::MachineLearning => "Machine learning: it learned patterns from past cases",
        ModelType::Generative => "Generative AI: it writes or changes text",
        ModelType::Hybrid => "Fixed rules and machine learning together",
    }
}

pub(crate) fn found_by_label(f: FoundBy) -> &'static str {
    match f {
        FoundBy::Staff => "Our staff",
        FoundBy::Resident => "A resident told us",
        FoundBy::Audit => "An audit",
        FoundBy::Monitoring => "Our regular monitoring",
    }
}

pub(crate) fn challenge_kind_label(k: ChallengeKind) -> &'static str {
    match k {
        ChallengeKind::Explanation => "Ask for an explanation",
        ChallengeKind::HumanReview => "Ask for a person to review a decision",
        ChallengeKind::Appeal => "Appeal",
        ChallengeKind::Complaint => "Complaint",
        ChallengeKind::Ombudsman => "Ombudsman",
        ChallengeKind::Regulator => "Regulator",
        ChallengeKind::DataRights => "Your data protection rights",
    }
}

pub(crate) fn applies_to_label(a: AppliesTo) -> &'static str {
    match a {
        AppliesTo::ToolOutput => "What the computer system produced",
        AppliesTo::Decision => "The decision about you",
        AppliesTo::Service => "The whole service",
    }
}

pub(crate) fn assessment_label(k: AssessmentKind) -> &'static str {
    match k {
        AssessmentKind::Dpia => "Data protection impact assessment",
        AssessmentKind::Eqia => "Equality impact assessment",
        AssessmentKind::Fria => "Fundamental rights impact assessment",
        AssessmentKind::Other => "Other assessment",
    }
}

pub(crate) fn stage_label(s: CheckStage) -> &'static str {
    match s {
        CheckStage::BeforeUse => "Before use",
        CheckStage::Pilot => "During the pilot",
        CheckStage::InUse => "While in use",
        CheckStage::AfterChange => "After a change",
    }
}

pub(crate) fn format_label(f: Format) -> &'static str {
    match f {
        Format::EasyRead => "Easy read",
        Format::LargePrint => "Large print",
        Format::Braille => "Braille",
        Format::Audio => "Audio",
        Format::Bsl => "British Sign Language (BSL)",
        Format::OtherLanguages => "Other languages",
    }
}

/// `1234567` → `1,234,567`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A measured value as written by the council, with its unit.
pub(crate) fn measured(value: f64, unit: Option<&str>) -> String {
    let number = if value.fract() == 0.0 && value.abs() < 1e15 {
        thousands(value.abs() as u64)
    } else {
        format!("{}", value.abs())
    };
    let sign = if value < 0.0 { "−" } else { "" };
    match unit {
        Some("%") => format!("{sign}{number}%"),
        Some(u) if !u.is_empty() => format!("{sign}{number} {u}"),
        _ => format!("{sign}{number}"),
    }
}

/// "Yes", "No" or "Not known".
pub(crate) fn yes_no_label(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "Yes",
        Some(false) => "No",
        None => NOT_KNOWN,
    }
}

/// What a record leaves out when it does not give `field`, in words that
/// follow "This record does not say"; `None` for fields that are not gaps.
pub(crate) fn not_said_label(field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Summary => "what the system does, in plain words",
        Field::Decision => "which decision it is part of",
        Field::FinalDecisionBy => "who makes the final decision",
        Field::Automation => "whether it only informs staff, suggests or decides",
        Field::AffectsResidentsDirectly => "whether it affects residents directly",
        Field::WhoIsAffected => "who is affected",
        Field::HumanOversight => "who checks it and whether they can overrule it",
        Field::Data => "what data it uses, or whether that includes personal data",
        Field::Owner => "which team and senior officer are responsible for it",
        Field::ModelType => "what kind of system it is",
        Field::Benefits => "why it is used",
        Field::ReviewBy => "when it will next be reviewed",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::date;

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(measured(12.5, Some("%")), "12.5%");
        assert_eq!(measured(3.0, Some("days")), "3 days");
    }

    #[test]
    fn dates_read_well() {
        let d = date(jiff::civil::date(2026, 3, 5));
        assert_eq!(d.text, "5 March 2026");
        assert_eq!(d.iso, "2026-03-05");
    }
}
