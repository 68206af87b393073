//! The `governance` section of `portal.yaml` into [`Governance`].

use super::validate::*;
use super::*;

pub(super) fn governance(at: &At, raw: RawGovernance, d: &mut Vec<Diagnostic>) -> Governance {
    let RawGovernance {
        senior_responsible_officer: officer,
        ethics_group: group,
        ai_policy: policy,
        raising_concerns: concerns,
    } = raw;
    Governance {
        officer_role: officer.role.into(),
        officer_name: at.optional_name(
            officer.name.as_ref(),
            "the senior responsible officer's name",
            d,
        ),
        officer_responsibilities: officer.responsibilities.map(String::from),
        group_name: at.name(&group.name, "the ethics group's name", d),
        group_members: group.members.into_iter().map(String::from).collect(),
        group_meets: group.meets.into(),
        group_role: group.role.map(String::from),
        minutes_url: group.minutes_url.as_ref().map(|u| at.url(u, d)),
        policy_url: at.url(&policy.url, d),
        policy_date: policy.date,
        automated_decisions_allowed: policy.automated_decisions_allowed.into(),
        person_must_decide: policy.person_must_decide.into(),
        concerns_how: concerns.how.into(),
        concerns_protection: concerns.protection.into(),
    }
}
