//! The accessibility statement at `/accessibility/`, made from the
//! `accessibility` section of `portal.yaml`. UK public bodies must publish
//! one: how accessible the site is, what is not, how to ask for another
//! format or report a problem, and who enforces the regulations.

use crate::model::{Accessibility, Portal};
use crate::parse::schema::{ConformanceStatus, Country};
use crate::render::view::{Enforcement, KnownIssueView, StatementView, contact, date};

/// The statement's view, or `None` when `portal.yaml` has no `accessibility` section.
pub(crate) fn view(portal: &Portal) -> Option<StatementView> {
    let s = &portal.settings;
    let a: &Accessibility = s.accessibility.as_ref()?;
    let host = s
        .base_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or(&s.base_url)
        .to_string();
    let (status, status_text) = match a.status {
        ConformanceStatus::FullyCompliant => (
            "fully-compliant",
            "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard.",
        ),
        ConformanceStatus::PartiallyCompliant => (
            "partially-compliant",
            "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, because of the problems listed below.",
        ),
        ConformanceStatus::NotCompliant => (
            "not-compliant",
            "This website is not compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. The parts that are not accessible are listed below.",
        ),
    };
    let enforcement = match a.country {
        Country::NorthernIreland => Enforcement {
            regulator: "Equality Commission for Northern Ireland",
            regulator_short: "ECNI",
            advice_service: "the Equality Commission for Northern Ireland (ECNI)",
            advice_url: "https://www.equalityni.org/Home",
        },
        Country::England | Country::Scotland | Country::Wales => Enforcement {
            regulator: "Equality and Human Rights Commission",
            regulator_short: "EHRC",
            advice_service: "the Equality Advisory and Support Service (EASS)",
            advice_url: "https://www.equalityadvisoryservice.com/",
        },
    };
    Some(StatementView {
        host,
        status,
        status_text,
        known_issues: a
            .known_issues
            .iter()
            .map(|i| KnownIssueView {
                problem: i.problem.clone(),
                criteria: i.criteria.clone(),
                fix_by: i.fix_by.map(date),
            })
            .collect(),
        contact: contact(&s.default_contact),
        report_email: s.report_a_problem.email.clone(),
        report_form: s.report_a_problem.form_url.clone(),
        response_time: s.report_a_problem.response_time.clone(),
        enforcement,
        prepared: date(a.prepared),
        last_reviewed: a.last_reviewed.map(date),
        last_tested: date(a.last_tested),
        tested_by: a.tested_by.clone(),
        how_tested: a.how_tested.clone(),
        improvements: a.improvements.clone(),
    })
}
