//! The governance page at `/governance/`, made from the `governance`
//! section of `portal.yaml`.

use crate::model::Portal;
use crate::render::view::{GovernanceView, date};

/// The page's view, or `None` when `portal.yaml` has no `governance` section.
pub(crate) fn view(portal: &Portal) -> Option<GovernanceView> {
    let g = portal.settings.governance.as_ref()?;
    Some(GovernanceView {
        officer_role: g.officer_role.clone(),
        officer_name: g.officer_name.clone(),
        officer_responsibilities: g.officer_responsibilities.clone(),
        group_name: g.group_name.clone(),
        group_members: g.group_members.clone(),
        group_meets: g.group_meets.clone(),
        group_role: g.group_role.clone(),
        minutes_url: g.minutes_url.clone(),
        policy_url: g.policy_url.clone(),
        policy_date: date(g.policy_date),
        automated_decisions_allowed: g.automated_decisions_allowed.clone(),
        person_must_decide: g.person_must_decide.clone(),
        concerns_how: g.concerns_how.clone(),
        concerns_protection: g.concerns_protection.clone(),
    })
}
