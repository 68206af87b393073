//! `portal.yaml` into [`Settings`]: the organisation, its service areas,
//! contacts, licence, accessibility statement and how-we-are-doing figures.

use super::ids::*;
use super::validate::*;
use super::*;

pub(super) fn parse_settings(file: &SourceFile, d: &mut Diagnostics) -> Option<Settings> {
    let raw: RawPortal = match yaml::parse(&file.text, &file.path, &file.text, 1) {
        Ok(raw) => raw,
        Err(e) => {
            d.extend(e);
            return None;
        }
    };
    let at = At { file, yaml_line: 1 };
    let mut problems = Vec::new();
    let RawPortal {
        organisation,
        base_url,
        language,
        title,
        introduction,
        service_areas,
        default_contact,
        report_a_problem,
        review_interval_months,
        open_data_licence,
        footer_links,
        plain_language,
        how_we_are_doing,
        publish_exports,
        accessibility,
        history,
        governance,
    } = raw;
    let RawOrganisation {
        name: org_name,
        kind,
        website,
    } = organisation;
    let organisation = Organisation {
        website: at.url(&website, &mut problems),
        name: at.name(&org_name, "the organisation's name", &mut problems),
        kind,
    };
    let mut base = at.url(&base_url, &mut problems);
    if base.contains(['?', '#']) {
        problems.push(
            at.error(
                &base_url,
                "invalid-url",
                "`base_url` may not have a `?` or `#` part",
            )
            .with_help(
                "give the address the site is published at, e.g. https://www.example.gov.uk/ai/",
            ),
        );
        base.truncate(base.find(['?', '#']).unwrap_or(base.len()));
    }
    if !base.ends_with('/') {
        base.push('/');
    }
    let mut root_path = base
        .splitn(4, '/')
        .nth(3)
        .map(|p| format!("/{p}"))
        .unwrap_or_else(|| "/".to_string());
    // Every internal link, alias and hosting rule starts with this path, so
    // it must mean one thing to browsers, web servers and the hosting files:
    // no empty, `.` or `..` segment (`https://host//evil.example/` would send
    // links off-site) and nothing that needs encoding.
    if let Some(problem) = path_problem(&root_path) {
        problems.push(
            at.error(&base_url, "invalid-url", format!("`base_url`'s path {problem}"))
                .with_help(
                    "give the address the site is published at, with a path of plain folder names                      (letters, digits, `-`, `_`, `.`), e.g. https://www.example.gov.uk/ai/",
                ),
        );
        root_path = "/".to_string();
    }
    let language = match &language {
        Some(_) => at.lang(&language, &mut problems).unwrap_or_default(),
        None => "en-GB".to_string(),
    };
    let mut seen = BTreeSet::new();
    let mut areas = Vec::new();
    let areas_at = at.pos(&service_areas);
    for area in service_areas.value {
        let RawServiceArea {
            id,
            name,
            description,
        } = area;
        if !is_safe_id(&id.value) {
            problems.push(
                at.error(
                    &id,
                    "unsafe-id",
                    format!("`{}` cannot be used as a service area id", id.value),
                )
                .with_help(format!(
                    "use lowercase letters, digits and hyphens, e.g. `{}`",
                    slug::slugify(&id.value)
                )),
            );
        } else if !seen.insert(id.value.clone()) {
            problems.push(
                at.error(
                    &id,
                    "duplicate-id",
                    format!("the service area `{}` is listed twice", id.value),
                )
                .with_help("give each service area its own id"),
            );
        }
        areas.push(ServiceArea {
            id: id.value,
            name: at.name(&name, "the service area's name", &mut problems),
            description: description.map(String::from),
        });
    }
    if areas.is_empty() {
        problems.push(
            Diagnostic::error("missing-value", "`service_areas` lists no service area")
                .at(&file.path, &file.text, areas_at)
                .with_help("list at least one, e.g. `- id: housing` with `name: Housing`"),
        );
    }
    let default_contact = at.contact(default_contact, &mut problems, "`default_contact`");
    let report_at = at.pos(&report_a_problem);
    let RawReportProblem {
        email,
        form_url,
        response_time,
    } = report_a_problem.value;
    let report_a_problem = ReportProblem {
        email: email.as_ref().map(|e| at.email(e, &mut problems)),
        form_url: form_url.as_ref().map(|u| at.url(u, &mut problems)),
        response_time: response_time.map(String::from),
    };
    if report_a_problem.email.is_none() && report_a_problem.form_url.is_none() {
        problems.push(
            Diagnostic::error(
                "empty-contact",
                "`report_a_problem` gives neither `email` nor `form_url`",
            )
            .at(&file.path, &file.text, report_at)
            .with_help(
                "residents need a way to report a mistake in a record: add `email:` or `form_url:`",
            ),
        );
    }
    let review_interval_months = match &review_interval_months {
        Some(months) if months.value == 0 || months.value > 60 => {
            problems.push(
                at.error(
                    months,
                    "invalid-value",
                    "the review interval must be between 1 and 60 months",
                )
                .with_help("12 months is usual"),
            );
            DEFAULT_REVIEW_MONTHS
        }
        Some(months) => months.value,
        None => DEFAULT_REVIEW_MONTHS,
    };
    let open_data_licence = match open_data_licence {
        Some(RawLicence { name, url }) => Licence {
            name: at.name(&name, "the licence's name", &mut problems),
            url: at.url(&url, &mut problems),
        },
        None => Licence {
            name: "Open Government Licence v3.0".into(),
            url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
                .into(),
        },
    };
    let footer_links = footer_links
        .into_iter()
        .map(|RawLink { title, url }| Link {
            title: at.name(&title, "the footer link's title", &mut problems),
            url: at.url(&url, &mut problems),
        })
        .collect();
    let title = at
        .optional_name(title.as_ref(), "the portal's title", &mut problems)
        // The name isolated, so that a control left open in it cannot
        // turn the words after it backwards.
        .unwrap_or_else(|| {
            format!(
                "{} AI transparency portal",
                bidi::isolate(&organisation.name)
            )
        });
    let how_we_are_doing = quarters(&at, how_we_are_doing, &mut problems);
    let accessibility = accessibility.map(|a| accessibility_statement(&at, a, &mut problems));
    let governance = governance.map(|g| super::governance::governance(&at, g, &mut problems));
    let history = match history {
        Some(RawHistorySettings {
            enabled,
            since,
            leave_out,
            required,
        }) => HistorySettings {
            enabled,
            since,
            leave_out: leave_out_rules(&at, leave_out, &mut problems),
            required: required.unwrap_or(true),
        },
        None => HistorySettings {
            required: true,
            ..HistorySettings::default()
        },
    };
    d.extend(problems);
    Some(Settings {
        organisation,
        base_url: base,
        root_path,
        language,
        title,
        introduction: introduction.map(String::from),
        service_areas: areas,
        default_contact,
        report_a_problem,
        review_interval_months,
        open_data_licence,
        footer_links,
        how_we_are_doing,
        publish_exports,
        accessibility,
        history,
        governance,
        plain_language: PlainLanguage::from_settings(plain_language.as_ref()),
    })
}

/// Checks `history.leave_out`: each item a commit id (7 to 40 hex digits)
/// or a range of days, not both.
fn leave_out_rules(at: &At, raw: Vec<RawLeaveOut>, d: &mut Vec<Diagnostic>) -> Vec<LeaveOut> {
    let mut out = Vec::new();
    for item in raw {
        match (item.commit, item.from, item.to) {
            (Some(commit), None, None) => {
                let id = commit.value.trim().to_ascii_lowercase();
                if (7..=40).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit()) {
                    out.push(LeaveOut::Commit(id));
                } else {
                    d.push(
                        at.error(&commit, "invalid-commit", format!("`{}` is not a commit id", commit.value))
                            .with_help("give the commit's id as `git log --oneline` shows it: 7 or more of the letters a–f and digits at the start of the line"),
                    );
                }
            }
            (None, Some(from), Some(to)) => {
                if from.value > to.value {
                    d.push(
                        at.error(&to, "invalid-date", "`to` is before `from`")
                            .with_help("give the first day as `from` and the last day as `to`"),
                    );
                } else {
                    out.push(LeaveOut::Days(from.value, to.value));
                }
            }
            (Some(commit), _, _) => d.push(
                at.error(
                    &commit,
                    "invalid-leave-out",
                    "give either `commit` or `from` and `to`, not both",
                )
                .with_help(
                    "make two items of `leave_out:`, one with the commit and one with the days",
                ),
            ),
            (None, Some(day), None) | (None, None, Some(day)) => d.push(
                at.error(
                    &day,
                    "invalid-leave-out",
                    "a range of days needs both `from` and `to`",
                )
                .with_help("to leave out one day's commits, give the same day as `from` and `to`"),
            ),
            (None, None, None) => d.push(
                Diagnostic::error(
                    "invalid-leave-out",
                    "an item of `history.leave_out` names no commit",
                )
                .in_file(&at.file.path)
                .with_help("give `commit: <id>`, or `from:` and `to:` days"),
            ),
        }
    }
    out
}

/// Checks the quarters of `how_we_are_doing` (`YYYY-Qn`, each once) and
/// sorts them oldest first.
pub(super) fn quarters(at: &At, raw: Vec<RawQuarter>, d: &mut Vec<Diagnostic>) -> Vec<Quarter> {
    let mut out: Vec<Quarter> = Vec::new();
    for RawQuarter {
        quarter,
        concerns_raised,
        concerns_resolved,
        challenges_received,
        challenges_upheld,
    } in raw
    {
        let parsed = quarter.value.trim().split_once("-Q").and_then(|(y, q)| {
            let four_digits = y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
            let year = y.parse::<i16>().ok().filter(|_| four_digits)?;
            let q = q.parse::<u8>().ok().filter(|q| (1..=4).contains(q))?;
            Some((year, q))
        });
        let Some((year, q)) = parsed else {
            d.push(
                at.error(
                    &quarter,
                    "invalid-value",
                    format!("`{}` is not a quarter", quarter.value),
                )
                .with_help(
                    "write the quarter as `YYYY-Qn`, e.g. `2026-Q1` for January to March 2026",
                ),
            );
            continue;
        };
        if out.iter().any(|o| o.year == year && o.quarter == q) {
            d.push(
                at.error(
                    &quarter,
                    "duplicate-id",
                    format!("the quarter `{}` is listed twice", quarter.value),
                )
                .with_help("give each quarter's figures once"),
            );
            continue;
        }
        out.push(Quarter {
            year,
            quarter: q,
            concerns_raised,
            concerns_resolved,
            challenges_received,
            challenges_upheld,
        });
    }
    out.sort_by_key(|q| (q.year, q.quarter));
    out
}

/// Checks `portal.yaml`'s `accessibility` section.
pub(super) fn accessibility_statement(
    at: &At,
    raw: Spanned<RawAccessibility>,
    problems: &mut Vec<Diagnostic>,
) -> Accessibility {
    let section = at.pos(&raw);
    let RawAccessibility {
        status,
        country,
        known_issues,
        prepared,
        last_reviewed,
        last_tested,
        tested_by,
        how_tested,
        improvements,
    } = raw.value;
    let issues_at = known_issues.as_ref().map_or(section, |k| at.pos(k));
    let known_issues: Vec<KnownIssue> = known_issues
        .map(|k| k.value)
        .unwrap_or_default()
        .into_iter()
        .map(|i| KnownIssue {
            problem: i.problem.into(),
            criteria: i.criteria.into_iter().map(String::from).collect(),
            fix_by: i.fix_by,
        })
        .collect();
    match status {
        ConformanceStatus::FullyCompliant if !known_issues.is_empty() => problems.push(
            Diagnostic::error(
                "status-mismatch",
                "the statement says `fully-compliant` but lists known issues",
            )
            .at(&at.file.path, &at.file.text, issues_at)
            .with_help("use `status: partially-compliant`, or remove the issues that are fixed"),
        ),
        ConformanceStatus::PartiallyCompliant | ConformanceStatus::NotCompliant
            if known_issues.is_empty() =>
        {
            problems.push(
                Diagnostic::error(
                    "missing-value",
                    "a portal that is not fully compliant must list its `known_issues`",
                )
                .at(&at.file.path, &at.file.text, section)
                .with_help(
                    "add `known_issues:` with a `- problem:` for each part that is not accessible, \
                     or use `status: fully-compliant` if there are none",
                ),
            )
        }
        _ => {}
    }
    if let Some(reviewed) = &last_reviewed
        && reviewed.value < prepared.value
    {
        problems.push(
            at.error(
                reviewed,
                "invalid-date",
                "`last_reviewed` is before the statement was `prepared`",
            )
            .with_help("give the date of the last review, on or after `prepared`"),
        );
    }
    Accessibility {
        status,
        country,
        known_issues,
        prepared: prepared.value,
        last_reviewed: last_reviewed.map(|d| d.value),
        last_tested: last_tested.value,
        tested_by: tested_by.into(),
        how_tested: how_tested.map(String::from),
        improvements: improvements.map(String::from),
    }
}

/// What is wrong with a base URL's path (which starts and ends with `/`),
/// or `None` when every segment is a plain folder name.
fn path_problem(path: &str) -> Option<String> {
    let inner = &path[1..path.len().saturating_sub(1).max(1)];
    if path == "/" {
        return None;
    }
    for segment in inner.split('/') {
        match segment {
            "" => return Some("has an empty segment (`//`)".into()),
            "." | ".." => return Some(format!("has a `{segment}` segment")),
            _ => {}
        }
        if let Some(c) = segment
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')))
        {
            return Some(format!("has `{c}` in it, which addresses must encode"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::path_problem;

    #[test]
    fn a_base_path_is_plain_folder_names() {
        assert_eq!(path_problem("/"), None);
        assert_eq!(path_problem("/ai/"), None);
        assert_eq!(path_problem("/council/ai-register_2.0/"), None);
        assert!(path_problem("//").unwrap().contains("empty"));
        assert!(path_problem("//evil.example/").unwrap().contains("empty"));
        assert!(path_problem("/ai//x/").unwrap().contains("empty"));
        assert!(path_problem("/../").unwrap().contains("`..`"));
        assert!(path_problem("/./ai/").unwrap().contains("`.`"));
        for bad in ["/a'b/", "/a%2e/", "/a;b/", "/a b/", "/a\"b/"] {
            assert!(path_problem(bad).is_some(), "{bad}");
        }
    }
}
