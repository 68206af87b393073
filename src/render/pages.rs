//! The pages of the entries themselves: home, the systems, errors and
//! challenge-route lists, one page per system, error, route and free page,
//! the accessibility statement and the 404 page.

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::load::EntryKind;
use crate::model::*;
use crate::render::escape::isolate;
use crate::render::labels::*;
use crate::render::markdown;
use crate::render::out::Out;
use crate::render::paginate::{self, list_meta, page_count, slice};
use crate::render::summaries::*;
use crate::render::theme::Theme;
use crate::render::view::*;

/// Ids the built-in page templates give their own sections; headings in
/// Markdown are numbered around them so no id is used twice on a page.
const TEMPLATE_IDS: &[&str] = &[
    "main-content",
    "contents",
    "summary",
    "at-a-glance",
    "how-it-affects-you",
    "what-happens-to-you",
    "not-said",
    "challenge-box",
    "challenge-box-title",
    "record",
    "how-it-works",
    "data",
    "human-oversight",
    "fairness",
    "monitoring",
    "published-errors",
    "challenge",
    "contact",
    "review",
    "changes",
    "what-happened",
    "what-we-did",
    "what-you-can-do",
    "steps",
    "get-help",
    "link-to-this",
    "notes-heading",
    "systems",
    "errors",
    "report-a-problem",
    "escalate",
    "formats",
    "overdue-title",
    "data-caption",
    "risks-caption",
    "errors-caption",
    "ai-notice",
    "notice-code-heading",
    "browse-by",
];

/// Prefixes of ids the templates number themselves (`area-housing`, `results-2`).
const TEMPLATE_ID_PREFIXES: &[&str] = &["area-", "results-", "note-", "chart-", "filter"];

/// How many systems in use the home page lists (the most recently
/// reviewed) before "see all": the home page stays about three phone
/// screens long however many systems the portal has.
const HOME_SYSTEMS: usize = 5;
/// How many challenge routes the home page lists before "all the ways".
const HOME_ROUTES: usize = 3;
/// How many published errors the home page lists before "see all".
const HOME_ERRORS: usize = 2;
/// How many service areas the home page's task box lists before "All N
/// areas", so that "Challenge it" stays on a phone's first screen.
pub(crate) const HOME_AREAS: usize = 12;

/// Renders one entry's Markdown body, as its page is made: no body is
/// held longer than its page (all of them at once were about 8 KB a
/// system, 0.8 GB at 100,000). `parent_level` is the level of the heading
/// the body sits under; `section_heading` the heading the template gives it.
fn render_body(
    portal: &Portal,
    body: &str,
    source: &Source,
    parent_level: u8,
    section_heading: Option<&str>,
) -> markdown::Rendered {
    markdown::render(
        body,
        &markdown::Context {
            file: &source.path,
            first_line: source.body_line,
            parent_level,
            reserved_ids: TEMPLATE_IDS,
            reserved_prefixes: TEMPLATE_ID_PREFIXES,
            root_path: portal.settings.root_path.as_str(),
            section_heading,
        },
    )
}

/// Renders the home page, the lists, and the page of every entry, in
/// parallel, giving each to `out` as it is made. Returns the warnings of
/// the entries' Markdown bodies.
pub(crate) fn render_pages(
    portal: &Portal,
    views: &Views,
    theme: &Theme,
    out: &Out,
) -> Vec<Diagnostic> {
    let mut jobs: Vec<Job> = vec![Job::Home, Job::NotFound, Job::Areas];
    jobs.extend((1..=page_count(views.systems_by_area.len())).map(Job::Systems));
    jobs.extend((1..=page_count(views.errors.len())).map(Job::Errors));
    jobs.extend((1..=page_count(views.routes.len())).map(Job::Challenges));
    if !views.page_list.is_empty() {
        jobs.extend((1..=page_count(views.page_list.len())).map(Job::PageList));
    }
    jobs.extend((0..portal.systems.len()).map(Job::System));
    jobs.extend((0..portal.errors.len()).map(Job::Error));
    jobs.extend((0..portal.challenges.len()).map(Job::Challenge));
    for (i, c) in portal.challenges.iter().enumerate() {
        let covered = views.systems_naming(&c.id).len();
        if covered > paginate::PER_PAGE {
            jobs.extend((1..=page_count(covered)).map(|n| Job::RouteSystems(i, n)));
        }
    }
    jobs.extend((0..portal.pages.len()).map(Job::Page));
    if portal.settings.accessibility.is_some() {
        jobs.push(Job::Accessibility);
    }
    if portal.settings.governance.is_some() {
        jobs.push(Job::Governance);
    }
    jobs.par_iter()
        .flat_map_iter(|job| {
            let mut warnings = Vec::new();
            let (path, made) = render_job(*job, portal, views, theme, &mut warnings);
            out.page(path, made);
            warnings
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    /// Page N (from 1) of the list.
    Systems(usize),
    Errors(usize),
    /// The list of all pages.
    PageList(usize),
    /// The A–Z list of service areas.
    Areas,
    /// Page N (from 1) of the list of challenge routes.
    Challenges(usize),
    /// Page N (from 1) of the systems route I covers, when they are more
    /// than its own page lists.
    RouteSystems(usize, usize),
    NotFound,
    System(usize),
    Error(usize),
    Challenge(usize),
    Page(usize),
    Accessibility,
    Governance,
}

/// Makes the page of `job`: its output path, and the page or the error
/// that stopped it. The warnings of an entry's Markdown body go into
/// `warnings`.
fn render_job(
    job: Job,
    portal: &Portal,
    views: &Views,
    theme: &Theme,
    warnings: &mut Vec<Diagnostic>,
) -> (String, Result<String, Diagnostic>) {
    let root = &portal.settings.root_path;
    match job {
        Job::Home => {
            let mut page = meta(portal, "", &portal.settings.title, "home");
            page.description = portal.settings.introduction.clone();
            // The most recently reviewed systems in use; the id keeps the
            // order the same from build to build.
            let mut in_use: Vec<&System> = portal
                .systems
                .iter()
                .filter(|s| matches!(s.status, SystemStatus::InUse | SystemStatus::Pilot))
                .collect();
            in_use.sort_by(|a, b| {
                b.last_reviewed
                    .cmp(&a.last_reviewed)
                    .then_with(|| a.id.cmp(&b.id))
            });
            let systems_in_use: Vec<&SystemSummary> = in_use
                .iter()
                .map(|s| &views.systems[&s.id])
                .take(HOME_SYSTEMS)
                .collect();
            let area_count = views.areas.len();
            let shown = crate::render::facets::top_areas(views.areas.clone(), HOME_AREAS);
            let cx = HomeContext {
                page,
                systems_in_use,
                in_use_count: in_use.len(),
                system_count: portal.systems.len(),
                latest_errors: views.errors.iter().take(HOME_ERRORS).collect(),
                error_count: views.errors.len(),
                challenge_routes: views.routes.values().take(HOME_ROUTES).collect(),
                challenge_route_count: views.routes.len(),
                areas_url: (shown.len() < area_count)
                    .then(|| format!("{root}{}", crate::render::facets::AREAS_PATH)),
                service_areas: shown,
                area_count,
            };
            (
                "index.html".into(),
                theme.render("home.html", &cx, "the home page"),
            )
        }
        Job::Systems(number) => {
            let on_page = slice(&views.systems_by_area, number);
            let mut groups: Vec<AreaGroup> = Vec::new();
            for id in on_page {
                let s = &views.systems[id];
                if groups.last().is_none_or(|g| g.id != s.service_area.id) {
                    let area = portal
                        .settings
                        .service_areas
                        .iter()
                        .find(|a| a.id == s.service_area.id);
                    groups.push(AreaGroup {
                        id: s.service_area.id.clone(),
                        name: s.service_area.name.clone(),
                        description: area.and_then(|a| a.description.clone()),
                        systems: Vec::new(),
                    });
                }
                if let Some(group) = groups.last_mut() {
                    group.systems.push(s.clone());
                }
            }
            let total = page_count(views.systems_by_area.len());
            let mut page = list_meta(
                portal,
                "systems/",
                "AI systems we use",
                "systems",
                number,
                total,
            );
            page.description = Some(format!(
                "Every AI system {} uses, by service area.",
                isolate(&portal.settings.organisation.name)
            ));
            page.feed = Some(crate::render::feeds::site_feed_link(portal));
            let cx = SystemsContext {
                page,
                groups,
                system_count: portal.systems.len(),
                facets: views.facets.clone(),
                search_index: format!("{root}search.json"),
                script: format!("{root}{}", theme.asset_path("filter.js")),
                contact: contact(&portal.settings.default_contact),
                pagination: crate::render::paginate::view(root, "systems/", number, total),
                area_count: views.areas.len(),
                areas_url: format!("{root}{}", crate::render::facets::AREAS_PATH),
            };
            (
                format!("{}index.html", paginate::path("systems/", number)),
                theme.render("systems.html", &cx, "the list of systems"),
            )
        }
        Job::Errors(number) => {
            let total = page_count(views.errors.len());
            let mut page = list_meta(
                portal,
                "errors/",
                "Published errors",
                "errors",
                number,
                total,
            );
            page.description =
                Some("Mistakes our AI systems made, and what we did about them.".into());
            page.feed = Some(crate::render::feeds::errors_feed_link(portal));
            let cx = ErrorsContext {
                page,
                errors: slice(&views.errors, number),
                pagination: crate::render::paginate::view(root, "errors/", number, total),
            };
            (
                format!("{}index.html", paginate::path("errors/", number)),
                theme.render("errors.html", &cx, "the errors log"),
            )
        }
        Job::PageList(number) => {
            let base = crate::render::page_list::PATH;
            let total = page_count(views.page_list.len());
            let mut page = list_meta(
                portal,
                base,
                crate::render::page_list::TITLE,
                crate::render::page_list::SECTION,
                number,
                total,
            );
            page.description =
                Some("Every page of general information on this site, by title.".into());
            let cx = PageListContext {
                page,
                pages: slice(&views.page_list, number),
                page_count: views.page_list.len(),
                pagination: crate::render::paginate::view(root, base, number, total),
            };
            (
                format!("{}index.html", paginate::path(base, number)),
                theme.render("pages.html", &cx, "the list of all pages"),
            )
        }
        Job::Areas => {
            let areas = views.areas.clone();
            let path = crate::render::facets::AREAS_PATH;
            let mut page = meta(portal, path, "Service areas A to Z", "systems");
            page.description = Some(format!(
                "Every service of {} that uses an AI system, from A to Z.",
                isolate(&portal.settings.organisation.name)
            ));
            let cx = AreasContext {
                page,
                area_count: areas.len(),
                letters: crate::render::facets::by_letter(areas),
            };
            (
                format!("{path}index.html"),
                theme.render("areas.html", &cx, "the list of service areas"),
            )
        }
        Job::Challenges(number) => {
            let total = page_count(views.routes.len());
            let mut page = list_meta(
                portal,
                "challenge/",
                "How to challenge a decision",
                "challenge",
                number,
                total,
            );
            page.description =
                Some("Ways to question or challenge a decision that involved an AI system.".into());
            let cx = RoutesContext {
                page,
                routes: views
                    .routes
                    .values()
                    .skip((number - 1) * paginate::PER_PAGE)
                    .take(paginate::PER_PAGE)
                    .collect(),
                pagination: crate::render::paginate::view(root, "challenge/", number, total),
            };
            (
                format!("{}index.html", paginate::path("challenge/", number)),
                theme.render("challenges.html", &cx, "the list of challenge routes"),
            )
        }
        Job::NotFound => {
            let page = meta(portal, "404.html", "Page not found", "");
            (
                "404.html".into(),
                theme.render(
                    "404.html",
                    &OneContext {
                        page,
                        item: Named("missing", &()),
                    },
                    "404.html",
                ),
            )
        }
        Job::System(i) => {
            let s = &portal.systems[i];
            let path = format!("systems/{}/", s.id);
            // The title names the body when the plain name is not unique.
            let title = &views.systems[&s.id].display_name;
            let mut page = record_meta(portal, &path, title, "systems", &s.summary, &s.lang);
            page.feed = Some(crate::render::feeds::system_feed_link(portal, s));
            page.history = crate::render::history::history_url(portal, EntryKind::System, &s.id);
            let body = render_body(portal, &s.body, &s.source, 2, Some("How it works"));
            warnings.extend(body.diagnostics);
            let view = system_view(portal, s, views, &body.html);
            let out = theme.render(
                "system.html",
                &OneContext {
                    page,
                    item: Named("system", &view),
                },
                &s.source.path,
            );
            (format!("{path}index.html"), out)
        }
        Job::Error(i) => {
            let e = &portal.errors[i];
            let path = format!("errors/{}/", e.id);
            let mut page = record_meta(portal, &path, &e.title, "errors", &e.summary, &e.lang);
            page.history =
                crate::render::history::history_url(portal, EntryKind::PublishedError, &e.id);
            let body = render_body(portal, &e.body, &e.source, 2, Some("What happened"));
            warnings.extend(body.diagnostics);
            let view = ErrorView {
                id: e.id.clone(),
                url: format!("{root}{path}"),
                title: e.title.clone(),
                summary: e.summary.clone(),
                system: views.systems[&e.system].clone(),
                found: date(e.found),
                found_by: found_by_label(e.found_by),
                status: error_status_tag(e.status),
                fixed: e.fixed.map(date),
                people_affected: e.people_affected.map(thousands),
                what_we_did: e.what_we_did.clone(),
                what_you_can_do: views.routes_for(&e.what_you_can_do),
                lang: e.lang.clone(),
                body_html: body.html,
            };
            let out = theme.render(
                "error.html",
                &OneContext {
                    page,
                    item: Named("error", &view),
                },
                &e.source.path,
            );
            (format!("{path}index.html"), out)
        }
        Job::Challenge(i) => {
            let c = &portal.challenges[i];
            let path = format!("challenge/{}/", c.id);
            let covered = views.systems_naming(&c.id);
            let mut page = record_meta(portal, &path, &c.title, "challenge", &c.summary, &c.lang);
            page.history =
                crate::render::history::history_url(portal, EntryKind::ChallengeRoute, &c.id);
            let body = render_body(portal, &c.body, &c.source, 2, None);
            warnings.extend(body.diagnostics);
            let view = ChallengeView {
                id: c.id.clone(),
                url: format!("{root}{path}"),
                permanent_url: page.canonical.clone(),
                title: c.title.clone(),
                summary: c.summary.clone(),
                kind: challenge_kind_label(c.kind),
                applies_to: applies_to_label(c.applies_to),
                who_can_start: c.who_can_start.clone(),
                resident_can_start: c.resident_can_start,
                steps: c.steps.clone(),
                contact: contact(&c.contact),
                time_limit: c.time_limit.clone(),
                response_time: c.response_time.clone(),
                escalate_to: c.escalate_to.clone(),
                free_help: c.free_help.clone(),
                formats: c.formats.iter().map(|f| format_label(*f)).collect(),
                systems: covered
                    .iter()
                    .take(paginate::PER_PAGE)
                    .map(|id| views.systems[id].clone())
                    .collect(),
                system_count: covered.len(),
                systems_url: (covered.len() > paginate::PER_PAGE)
                    .then(|| format!("{root}{}", route_systems_base(&c.id))),
                lang: c.lang.clone(),
                body_html: body.html,
            };
            let out = theme.render(
                "challenge.html",
                &OneContext {
                    page,
                    item: Named("route", &view),
                },
                &c.source.path,
            );
            (format!("{path}index.html"), out)
        }
        Job::RouteSystems(i, number) => {
            let c = &portal.challenges[i];
            let covered = views.systems_naming(&c.id);
            let total = page_count(covered.len());
            let base = route_systems_base(&c.id);
            let mut page = list_meta(
                portal,
                &base,
                &format!("AI systems covered by {}", isolate(&c.title)),
                "challenge",
                number,
                total,
            );
            page.description = Some(format!(
                "The {} AI systems whose decisions you can challenge through {}.",
                covered.len(),
                isolate(&c.title)
            ));
            let cx = RouteSystemsContext {
                page,
                route: &views.routes[&c.id],
                system_count: covered.len(),
                systems: slice(covered, number)
                    .iter()
                    .map(|id| &views.systems[id])
                    .collect(),
                pagination: crate::render::paginate::view(root, &base, number, total),
            };
            (
                format!("{}index.html", paginate::path(&base, number)),
                theme.render(
                    "route-systems.html",
                    &cx,
                    &format!("the systems of route {}", c.source.path),
                ),
            )
        }
        Job::Accessibility => {
            let mut page = meta(
                portal,
                "accessibility/",
                "Accessibility statement",
                "accessibility",
            );
            page.description = Some(format!(
                "How accessible the {} is, how to report a problem and what to do if you are not happy with our answer.",
                isolate(&portal.settings.title)
            ));
            let view = crate::render::statement::view(portal);
            (
                "accessibility/index.html".into(),
                theme.render(
                    "accessibility.html",
                    &OneContext {
                        page,
                        item: Named("statement", &view),
                    },
                    "content/portal.yaml",
                ),
            )
        }
        Job::Governance => {
            let mut page = meta(
                portal,
                "governance/",
                "How we govern our use of AI",
                "governance",
            );
            page.description = Some(format!(
                "Who at {} is responsible for AI, how our ethics group works, when a person must make a decision, and how staff can raise concerns.",
                isolate(&portal.settings.organisation.name)
            ));
            let view = crate::render::governance::view(portal);
            (
                "governance/index.html".into(),
                theme.render(
                    "governance.html",
                    &OneContext {
                        page,
                        item: Named("governance", &view),
                    },
                    "content/portal.yaml",
                ),
            )
        }
        Job::Page(i) => {
            let p = &portal.pages[i];
            let path = format!("{}/", p.id);
            let mut page = meta(portal, &path, &p.title, &p.id);
            page.description = p.description.clone();
            page.lang = p.lang.clone();
            let body = render_body(portal, &p.body, &p.source, 1, None);
            warnings.extend(body.diagnostics);
            let view = PageView {
                id: p.id.clone(),
                url: format!("{root}{path}"),
                title: p.title.clone(),
                description: p.description.clone(),
                updated: p.updated.map(date),
                lang: p.lang.clone(),
                body_html: body.html,
            };
            let out = theme.render(
                "page.html",
                &OneContext {
                    page,
                    item: Named("content_page", &view),
                },
                &p.source.path,
            );
            (format!("{path}index.html"), out)
        }
    }
}

fn system_view(portal: &Portal, s: &System, views: &Views, body_html: &str) -> SystemView {
    let summary = &views.systems[&s.id];
    let mut view = SystemView {
        id: s.id.clone(),
        url: summary.url.clone(),
        name: s.name.clone(),
        summary: s.summary.clone(),
        status: status_tag(s.status),
        service_area: summary.service_area.clone(),
        decision: s.decision.clone(),
        final_decision_by: s.final_decision_by.clone(),
        automation: automation_label(s.automation),
        automation_explained: automation_explained(s.automation),
        affects_residents_directly: s.affects_residents_directly,
        affects_residents: s.may_affect_residents(),
        resident_contact: resident_contact_label(s.resident_contact),
        resident_contact_explained: resident_contact_explained(s.resident_contact),
        who_is_affected: s.who_is_affected.clone(),
        what_happens_to_you: s
            .what_happens_to_you
            .as_deref()
            .map(paragraphs)
            .unwrap_or_default(),
        human_oversight: s.human_oversight.clone(),
        data: s.data.clone(),
        uses_personal_data: s.uses_personal_data(),
        uses_special_category_data: s.uses_special_category_data(),
        can_override: yes_no_label(s.can_override()),
        owner: s.owner.clone(),
        supplier: s.supplier.clone(),
        contract: s.contract.clone(),
        training: s
            .training
            .iter()
            .map(|t| TrainingView {
                staff: t.staff.to_string(),
                what: t.what.to_string(),
                how_often: t.how_often.to_string(),
                last_given: t.last_given.map(date),
            })
            .collect(),
        model_type: model_type_label(s.model_type),
        benefits: s.benefits.clone(),
        alternatives_considered: s.alternatives_considered.clone(),
        impact_assessments: s
            .impact_assessments
            .iter()
            .map(|a| AssessmentView {
                kind: assessment_label(a.kind),
                title: a.title.clone(),
                date: date(a.date),
                summary: a.summary.clone(),
                link: a.link.clone(),
                not_published_reason: a.not_published_reason.clone(),
            })
            .collect(),
        bias_checks: s
            .bias_checks
            .iter()
            .map(|b| BiasCheckView {
                stage: stage_label(b.stage),
                date: date(b.date),
                method: b.method.to_string(),
                groups_checked: b.groups_checked.iter().map(|t| t.to_string()).collect(),
                result: b.result.to_string(),
            })
            .collect(),
        risks: s.risks.clone(),
        monitoring: s
            .monitoring
            .iter()
            .enumerate()
            .map(|(n, m)| MonitoringView {
                what: m.what.to_string(),
                how_often: m.how_often.to_string(),
                by: m.by.to_string(),
                results: m.results.as_ref().map(|r| ResultsView {
                    caption: r.caption.to_string(),
                    measure: r.measure.to_string(),
                    period: r.period.as_ref().map(|t| t.to_string()),
                    has_cases: r.rows.value.iter().any(|row| row.cases.is_some()),
                    chart_svg: crate::render::charts::results_chart(n + 1, r),
                    rows: r
                        .rows
                        .value
                        .iter()
                        .map(|row| ResultRowView {
                            group: row.group.to_string(),
                            value: measured(row.value, r.unit.as_deref()),
                            cases: row.cases.map(thousands),
                        })
                        .collect(),
                }),
            })
            .collect(),
        known_limitations: s.known_limitations.clone(),
        errors: views
            .errors_by_system
            .get(&s.id)
            .cloned()
            .unwrap_or_default(),
        challenge_routes: Vec::new(),
        general_routes: false,
        general_total: 0,
        challenge_box: s.may_affect_residents() != Some(false),
        box_route: None,
        residents_not_known: s.may_affect_residents().is_none(),
        no_challenge_route_reason: s.no_challenge_route_reason.clone(),
        contact: contact(
            s.contact
                .as_ref()
                .unwrap_or(&portal.settings.default_contact),
        ),
        started: s.started.map(date),
        last_reviewed: date(s.last_reviewed),
        review_by: (!s.is_gap(Field::ReviewBy)).then(|| date(s.review_by)),
        review_overdue: s.review_overdue,
        changes: s
            .changes
            .iter()
            .map(|c| ChangeView {
                date: date(c.date),
                summary: c.summary.to_string(),
            })
            .collect(),
        lang: s.lang.clone(),
        body_html: body_html.to_string(),
        notice_url: format!("{}systems/{}/notice/", portal.settings.root_path, s.id),
        feed_url: format!("{}systems/{}/feed.xml", portal.settings.root_path, s.id),
        json_url: format!("{}systems/{}.json", portal.settings.root_path, s.id),
        imported: s.imported.as_ref().map(|i| ImportedView {
            register: match i.from {
                ImportSource::Atrs => "the UK Algorithmic Transparency Recording Standard hub",
                ImportSource::Nl => "the Dutch Algoritmeregister",
                ImportSource::Eurocities => "a Eurocities algorithm register",
            },
            source_url: i.source_url.clone(),
            imported_on: date(i.imported_on),
            organisation: i.organisation.clone(),
        }),
        gaps: s
            .imported
            .as_ref()
            .map(|i| i.gaps.clone())
            .unwrap_or_default(),
        gap_text: GAP_TEXT,
        not_said: Field::gaps()
            .filter(|f| s.is_gap(*f))
            .filter_map(not_said_label)
            .collect(),
        details_given: Field::gaps().filter(|f| !s.is_gap(*f)).count(),
        details_total: Field::gaps().count(),
        lawful_basis: s.lawful_basis.clone(),
        display_name: summary.display_name.clone(),
        body: summary.body.clone(),
    };
    // "You can ask for a person to look at it again" is for decisions
    // about residents; a system that makes none says only what it does.
    if s.automation == Some(AutomationLevel::DecidesAutomatically)
        && s.may_affect_residents() == Some(false)
    {
        view.automation_explained = "The system makes its decisions without a member of staff checking each one. They are not decisions about residents.";
    }
    let offer = views.offer(s);
    let mut routes = offer.routes;
    if view.challenge_box && !routes.is_empty() {
        view.box_route = Some(routes.remove(0));
    }
    view.challenge_routes = routes;
    view.general_routes = offer.general;
    view.general_total = offer.general_total;
    view
}

/// Text split at blank lines, each paragraph's lines joined with spaces.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Where the full list of the systems a route covers lives, relative to
/// the site root: under the route's own page.
fn route_systems_base(id: &str) -> String {
    format!("challenge/{id}/systems/")
}
