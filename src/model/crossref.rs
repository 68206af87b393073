//! The checks that look across entries: references between systems, errors,
//! challenge routes and service areas, and review dates.

use super::error::*;
use super::page::PageRefs;
use super::system::*;
use super::validate::*;
use super::*;

/// The checks that look across entries.
pub(super) struct Checker<'a> {
    pub(super) settings: &'a Settings,
    pub(super) today: Date,
    pub(super) diagnostics: &'a mut Diagnostics,
    pub(super) system_ids: &'a BTreeSet<String>,
    pub(super) challenge_ids: &'a BTreeSet<String>,
    pub(super) resident_routes: &'a BTreeSet<String>,
    pub(super) area_ids: &'a BTreeSet<String>,
}

impl Checker<'_> {
    /// Checks that `value` is one of the `known` ids of `what`.
    pub(super) fn reference(
        diagnostics: &mut Diagnostics,
        at: &At,
        value: &Spanned<String>,
        known: &BTreeSet<String>,
        what: &str,
        folder: &str,
    ) {
        if known.contains(&value.value) {
            return;
        }
        let near = nearest(&value.value, known.iter().map(String::as_str), 3);
        let help = if near.is_empty() {
            format!(
                "no {what} has an id like this; the id is the file name in content/{folder}/ \
                 without `.md`: check it, or add `content/{folder}/{}.md`",
                value.value
            )
        } else {
            format!(
                "did you mean {}? Or add `content/{folder}/{}.md`",
                near.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                value.value
            )
        };
        diagnostics.push(
            at.error(
                value,
                "unknown-reference",
                format!("there is no {what} with the id `{}`", value.value),
            )
            .with_help(help),
        );
    }

    pub(super) fn check_system(&mut self, parsed: &Parsed<'_, System, SystemRefs>) {
        let at = At {
            file: parsed.file,
            yaml_line: parsed.yaml_line,
        };
        let refs = &parsed.refs;
        let system = &parsed.model;
        let areas = self.area_ids;
        if !areas.contains(&refs.service_area.value) {
            let near = nearest(
                &refs.service_area.value,
                areas.iter().map(String::as_str),
                3,
            );
            self.diagnostics.push(
                at.error(
                    &refs.service_area,
                    "unknown-reference",
                    format!("there is no service area `{}`", refs.service_area.value),
                )
                .with_help(format!(
                    "use one of the service areas in content/portal.yaml{}",
                    if near.is_empty() {
                        format!(
                            ": {}",
                            areas
                                .iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    } else {
                        format!(
                            ", e.g. {}",
                            near.iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                )),
            );
        }
        let mut seen = BTreeSet::new();
        for route in &refs.challenge_routes {
            Self::reference(
                self.diagnostics,
                &at,
                route,
                self.challenge_ids,
                "challenge route",
                "challenges",
            );
            if !seen.insert(&route.value) {
                self.diagnostics.push(
                    at.warning(
                        route,
                        "duplicate-reference",
                        format!("`{}` is listed twice", route.value),
                    )
                    .with_help("remove one of the two"),
                );
            }
        }
        let shapes_decisions = !matches!(refs.automation.value, AutomationLevel::InformsStaff);
        let has_resident_route = refs
            .challenge_routes
            .iter()
            .any(|r| self.resident_routes.contains(&r.value));
        if system.affects_residents_directly == Some(true)
            && shapes_decisions
            && !has_resident_route
            && system.no_challenge_route_reason.is_none()
            && !matches!(system.status, SystemStatus::Planned | SystemStatus::Retired)
        {
            self.diagnostics.push(
                at.error(
                    &refs.automation,
                    "no-challenge-route",
                    "this system affects residents directly and plays a part in decisions, but names no challenge route a resident can start",
                )
                .with_help(
                    "list at least one route under `challenge_routes:` whose `resident_can_start` is true \
                     (see content/challenges/), or explain why none applies in `no_challenge_route_reason:`",
                ),
            );
        }
        if let Some(problem) = super::resident_rules::check_review_route(
            &at,
            system,
            &refs.automation,
            refs.no_challenge_route_reason.as_ref(),
            has_resident_route,
        ) {
            self.diagnostics.push(problem);
        }
        if let Some(reason) = &refs.no_challenge_route_reason
            && has_resident_route
        {
            self.diagnostics.push(
                at.warning(
                    reason,
                    "unneeded-reason",
                    "`no_challenge_route_reason` is given although challenge routes are listed",
                )
                .with_help(
                    "remove `no_challenge_route_reason`, or the routes if they do not apply",
                ),
            );
        }
        if refs.review_by.value <= refs.last_reviewed.value {
            self.diagnostics.push(
                at.error(
                    &refs.review_by,
                    "invalid-date",
                    "`review_by` must be after `last_reviewed`",
                )
                .with_help("set the date by which the record will next be reviewed"),
            );
        } else {
            let months = self.settings.review_interval_months;
            let limit = refs
                .last_reviewed
                .value
                .checked_add((months as i64).months())
                .ok();
            if limit.is_some_and(|limit| refs.review_by.value > limit) {
                self.diagnostics.push(
                    at.warning(
                        &refs.review_by,
                        "review-interval",
                        format!("`review_by` is more than {months} months after `last_reviewed`"),
                    )
                    .with_help(format!(
                        "portal.yaml allows at most {months} months between reviews; bring the date forward"
                    )),
                );
            }
        }
        if refs.last_reviewed.value > self.today {
            self.diagnostics.push(
                at.warning(
                    &refs.last_reviewed,
                    "future-date",
                    "`last_reviewed` is in the future",
                )
                .with_help("give the date the record was actually last reviewed"),
            );
        }
        if refs.review_by.value < self.today && !system.is_gap(Field::ReviewBy) {
            self.diagnostics.push(
                at.warning(
                    &refs.review_by,
                    "review-overdue",
                    format!("the review of `{}` was due on {}", system.id, refs.review_by.value),
                )
                .with_help(
                    "review the record, then update `last_reviewed` and `review_by`; until then its page shows an overdue notice",
                ),
            );
        }
        if let Some(started) = &refs.started
            && system.status == SystemStatus::Planned
            && started.value < self.today
        {
            self.diagnostics.push(
                at.warning(
                    started,
                    "status-mismatch",
                    "the system is `planned` but has a start date in the past",
                )
                .with_help("change `status` to `pilot` or `in-use`, or correct `started`"),
            );
        }
    }

    pub(super) fn check_error(&mut self, parsed: &Parsed<'_, PublishedError, ErrorRefs>) {
        let at = At {
            file: parsed.file,
            yaml_line: parsed.yaml_line,
        };
        let refs = &parsed.refs;
        Self::reference(
            self.diagnostics,
            &at,
            &refs.system,
            self.system_ids,
            "system",
            "systems",
        );
        for route in &refs.what_you_can_do {
            Self::reference(
                self.diagnostics,
                &at,
                route,
                self.challenge_ids,
                "challenge route",
                "challenges",
            );
        }
        match (&refs.fixed, parsed.model.status) {
            (Some(fixed), _) if fixed.value < refs.found.value => {
                self.diagnostics.push(
                    at.error(fixed, "invalid-date", "`fixed` is before `found`")
                        .with_help(
                            "check both dates; an error cannot be fixed before it was found",
                        ),
                );
            }
            (None, ErrorStatus::Fixed | ErrorStatus::Closed) => {
                self.diagnostics.push(
                    at.warning(
                        &refs.status,
                        "missing-value",
                        "the error is marked fixed or closed but has no `fixed` date",
                    )
                    .with_help("add `fixed: YYYY-MM-DD`"),
                );
            }
            _ => {}
        }
        if refs.found.value > self.today {
            self.diagnostics.push(
                at.warning(&refs.found, "future-date", "`found` is in the future")
                    .with_help("give the date the error was found"),
            );
        }
    }

    pub(super) fn check_page(&mut self, parsed: &Parsed<'_, Page, PageRefs>) {
        if parsed.model.id == "accessibility" && self.settings.accessibility.is_some() {
            self.diagnostics.push(
                Diagnostic::error(
                    "reserved-id",
                    "the accessibility statement at /accessibility/ is made from the \
                     `accessibility` section of portal.yaml, so this page cannot use that address",
                )
                .in_file(&parsed.file.path)
                .with_help(
                    "move what this page says into portal.yaml's `accessibility` section and delete the file, \
                     or remove that section to keep writing the statement by hand",
                ),
            );
        }
        if RESERVED_PAGE_IDS.contains(&parsed.model.id.as_str()) {
            self.diagnostics.push(
                Diagnostic::error(
                    "reserved-id",
                    format!(
                        "the page id `{}` is used by the site itself",
                        parsed.model.id
                    ),
                )
                .in_file(&parsed.file.path)
                .with_help("rename the file, e.g. to `about-our-systems.md`"),
            );
        }
    }
}
