//! RENDER: turns the validated [`Portal`] into the files of the site, in
//! memory. Markdown is rendered once per entry, summaries are built once, and
//! each page is rendered in parallel against a small view of what it shows.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::model::*;
use crate::theme::Theme;
use crate::view::*;

/// The finished site: output path (relative, `/`-separated) → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Ids the built-in page templates give their own sections; headings in
/// Markdown are numbered around them so no id is used twice on a page.
const TEMPLATE_IDS: &[&str] = &[
    "main-content",
    "contents",
    "summary",
    "at-a-glance",
    "how-it-affects-you",
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

/// How many systems in use the home page lists before "see all".
const HOME_SYSTEMS: usize = 20;

/// Renders every page. Returns the files and the warnings, or every error.
pub fn render_site(
    portal: &Portal,
    theme: &mut Theme,
) -> Result<(Files, Diagnostics), Diagnostics> {
    let settings = &portal.settings;
    let root = settings.root_path.as_str();
    let mut diagnostics = Diagnostics::new();

    // Markdown bodies, in parallel.
    let md = |body: &str, source: &Source, parent_level: u8| {
        markdown::render(
            body,
            &markdown::Context {
                file: &source.path,
                first_line: source.body_line,
                parent_level,
                reserved_ids: TEMPLATE_IDS,
                reserved_prefixes: TEMPLATE_ID_PREFIXES,
                root_path: root,
            },
        )
    };
    let system_bodies: Vec<_> = portal
        .systems
        .par_iter()
        .map(|s| md(&s.body, &s.source, 2))
        .collect();
    let error_bodies: Vec<_> = portal
        .errors
        .par_iter()
        .map(|e| md(&e.body, &e.source, 2))
        .collect();
    let route_bodies: Vec<_> = portal
        .challenges
        .par_iter()
        .map(|c| md(&c.body, &c.source, 2))
        .collect();
    let page_bodies: Vec<_> = portal
        .pages
        .par_iter()
        .map(|p| md(&p.body, &p.source, 1))
        .collect();
    for rendered in system_bodies
        .iter()
        .chain(&error_bodies)
        .chain(&route_bodies)
        .chain(&page_bodies)
    {
        diagnostics.extend(rendered.diagnostics.iter().cloned());
    }

    let views = Views::new(portal);
    let site = site_view(portal);
    theme.set_global("site", &site);
    let theme = &*theme;

    let mut jobs: Vec<Job> = vec![
        Job::Home,
        Job::Systems,
        Job::Errors,
        Job::Challenges,
        Job::NotFound,
    ];
    jobs.extend((0..portal.systems.len()).map(Job::System));
    jobs.extend((0..portal.errors.len()).map(Job::Error));
    jobs.extend((0..portal.challenges.len()).map(Job::Challenge));
    jobs.extend((0..portal.pages.len()).map(Job::Page));
    if portal.settings.accessibility.is_some() {
        jobs.push(Job::Accessibility);
    }

    let bodies = Bodies {
        systems: &system_bodies,
        errors: &error_bodies,
        routes: &route_bodies,
        pages: &page_bodies,
    };
    let rendered: Vec<(String, Result<String, Diagnostic>)> = jobs
        .par_iter()
        .map(|job| render_job(*job, portal, &views, &bodies, theme))
        .collect();

    let mut files = Files::new();
    let mut failed = Diagnostics::new();
    for (path, result) in rendered {
        match result {
            Ok(html) => {
                files.insert(path, html.into_bytes());
            }
            Err(d) => failed.push(d),
        }
    }
    if !failed.is_empty() {
        failed.sort();
        return Err(failed);
    }
    for (name, bytes) in &theme.assets {
        files.insert(format!("assets/{name}"), bytes.clone());
    }
    // Facets, feeds, open data, notices and the other pages for residents
    // and reusers (see `residents.rs`).
    let extra = crate::residents::render(portal, &views, theme)?;
    files.extend(extra.files);
    files.insert("sitemap.xml".into(), sitemap(portal, &files).into_bytes());
    // Redirects from old addresses are not pages of their own: they stay
    // out of the sitemap.
    files.extend(extra.redirects);
    files.insert(
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            settings.base_url
        )
        .into_bytes(),
    );
    diagnostics.sort();
    Ok((files, diagnostics))
}

#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    Systems,
    Errors,
    Challenges,
    NotFound,
    System(usize),
    Error(usize),
    Challenge(usize),
    Page(usize),
    Accessibility,
}

struct Bodies<'a> {
    systems: &'a [markdown::Rendered],
    errors: &'a [markdown::Rendered],
    routes: &'a [markdown::Rendered],
    pages: &'a [markdown::Rendered],
}

/// Summaries of every entry, built once and shared by all pages.
pub(crate) struct Views {
    pub(crate) systems: BTreeMap<String, SystemSummary>,
    /// Newest first.
    pub(crate) errors: Vec<ErrorSummary>,
    errors_by_system: BTreeMap<String, Vec<ErrorSummary>>,
    pub(crate) routes: BTreeMap<String, ChallengeSummary>,
    systems_by_route: BTreeMap<String, Vec<SystemSummary>>,
}

impl Views {
    fn new(portal: &Portal) -> Views {
        let root = &portal.settings.root_path;
        let area_names: BTreeMap<&str, &str> = portal
            .settings
            .service_areas
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect();
        let systems: BTreeMap<String, SystemSummary> = portal
            .systems
            .iter()
            .map(|s| {
                let summary = SystemSummary {
                    id: s.id.clone(),
                    url: format!("{root}systems/{}/", s.id),
                    name: s.name.clone(),
                    summary: s.summary.clone(),
                    status: status_tag(s.status),
                    service_area: AreaRef {
                        id: s.service_area.clone(),
                        name: area_names
                            .get(s.service_area.as_str())
                            .unwrap_or(&"")
                            .to_string(),
                    },
                    automation: automation_label(s.automation),
                    review_overdue: s.review_overdue,
                    lang: s.lang.clone(),
                };
                (s.id.clone(), summary)
            })
            .collect();
        let mut errors: Vec<(&PublishedError, ErrorSummary)> = portal
            .errors
            .iter()
            .map(|e| {
                let system = &systems[&e.system];
                let summary = ErrorSummary {
                    id: e.id.clone(),
                    url: format!("{root}errors/{}/", e.id),
                    title: e.title.clone(),
                    summary: e.summary.clone(),
                    system_name: system.name.clone(),
                    system_url: system.url.clone(),
                    found: date(e.found),
                    status: error_status_tag(e.status),
                    people_affected: e.people_affected.map(thousands),
                    lang: e.lang.clone(),
                };
                (e, summary)
            })
            .collect();
        errors.sort_by(|(a, _), (b, _)| b.found.cmp(&a.found).then_with(|| a.id.cmp(&b.id)));
        let mut errors_by_system: BTreeMap<String, Vec<ErrorSummary>> = BTreeMap::new();
        for (e, summary) in &errors {
            errors_by_system
                .entry(e.system.clone())
                .or_default()
                .push(summary.clone());
        }
        let routes = portal
            .challenges
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    ChallengeSummary {
                        id: c.id.clone(),
                        url: format!("{root}challenge/{}/", c.id),
                        title: c.title.clone(),
                        summary: c.summary.clone(),
                        kind: challenge_kind_label(c.kind),
                        applies_to: applies_to_label(c.applies_to),
                        who_can_start: c.who_can_start.clone(),
                        resident_can_start: c.resident_can_start,
                        time_limit: c.time_limit.clone(),
                        lang: c.lang.clone(),
                    },
                )
            })
            .collect();
        let mut systems_by_route: BTreeMap<String, Vec<SystemSummary>> = BTreeMap::new();
        for s in &portal.systems {
            for route in &s.challenge_routes {
                systems_by_route
                    .entry(route.clone())
                    .or_default()
                    .push(systems[&s.id].clone());
            }
        }
        Views {
            systems,
            errors: errors.into_iter().map(|(_, s)| s).collect(),
            errors_by_system,
            routes,
            systems_by_route,
        }
    }

    fn routes_for(&self, ids: &[String]) -> Vec<ChallengeSummary> {
        ids.iter()
            .filter_map(|id| self.routes.get(id).cloned())
            .collect()
    }
}

fn site_view(portal: &Portal) -> SiteView {
    let s = &portal.settings;
    let root = &s.root_path;
    let nav = [
        ("Home", "", "home"),
        ("AI systems", "systems/", "systems"),
        ("Published errors", "errors/", "errors"),
        ("Challenge a decision", "challenge/", "challenge"),
    ]
    .iter()
    .map(|(title, path, section)| NavItem {
        title: title.to_string(),
        url: format!("{root}{path}"),
        section: section.to_string(),
    })
    .collect();
    let mut pages: Vec<&Page> = portal.pages.iter().collect();
    pages.sort_by(|a, b| {
        (a.footer_order.is_none(), a.footer_order, &a.title).cmp(&(
            b.footer_order.is_none(),
            b.footer_order,
            &b.title,
        ))
    });
    SiteView {
        title: s.title.clone(),
        organisation: s.organisation.clone(),
        language: s.language.clone(),
        base_url: s.base_url.clone(),
        root: root.clone(),
        introduction: s.introduction.clone(),
        nav,
        footer_pages: pages
            .iter()
            .map(|p| NavItem {
                title: p.title.clone(),
                url: format!("{root}{}/", p.id),
                section: p.id.clone(),
            })
            .chain(s.accessibility.is_some().then(|| NavItem {
                title: "Accessibility statement".into(),
                url: format!("{root}accessibility/"),
                section: "accessibility".into(),
            }))
            .collect(),
        footer_links: s.footer_links.clone(),
        licence: s.open_data_licence.clone(),
        stylesheet: format!("{root}assets/style.css"),
    }
}

pub(crate) fn meta(portal: &Portal, path: &str, title: &str, section: &str) -> PageMeta {
    let s = &portal.settings;
    PageMeta {
        title: title.to_string(),
        url: format!("{}{path}", s.root_path),
        canonical: format!("{}{path}", s.base_url),
        description: None,
        lang: None,
        section: section.to_string(),
        report_problem: None,
        feed: None,
    }
}

/// Page data for a record (a system, an error, a challenge route): its
/// summary as the description, its language, and the report-a-problem link.
fn record_meta(
    portal: &Portal,
    path: &str,
    title: &str,
    section: &str,
    summary: &str,
    lang: &Option<String>,
) -> PageMeta {
    let mut page = meta(portal, path, title, section);
    page.description = Some(summary.to_string());
    page.lang = lang.clone();
    page.report_problem = report_link(portal, title, &page.canonical);
    page
}

/// The "report a problem with this information" link for a record.
fn report_link(portal: &Portal, what: &str, canonical: &str) -> Option<ReportLink> {
    let r = &portal.settings.report_a_problem;
    let url = match (&r.form_url, &r.email) {
        (Some(form), _) => form.clone(),
        (None, Some(email)) => format!(
            "mailto:{email}?subject={}",
            percent_encode(&format!("Problem with the record: {what} ({canonical})"))
        ),
        (None, None) => return None,
    };
    Some(ReportLink {
        url,
        about: what.to_string(),
        response_time: r.response_time.clone(),
    })
}

/// Percent-encodes everything but unreserved characters (RFC 3986), for a
/// `mailto:` subject.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[derive(Serialize)]
struct HomeContext<'a> {
    page: PageMeta,
    systems_in_use: Vec<&'a SystemSummary>,
    system_count: usize,
    latest_errors: Vec<&'a ErrorSummary>,
    error_count: usize,
    challenge_routes: Vec<&'a ChallengeSummary>,
}

#[derive(Serialize)]
struct SystemsContext {
    page: PageMeta,
    groups: Vec<AreaGroup>,
    system_count: usize,
    /// Facets with counts, linking to `/browse/<facet>/<value>/`.
    facets: Vec<FacetView>,
    /// Address of the search index the filter script reads.
    search_index: String,
    /// Address of the filter script.
    script: String,
}

#[derive(Serialize)]
struct ErrorsContext<'a> {
    page: PageMeta,
    errors: &'a [ErrorSummary],
}

#[derive(Serialize)]
struct RoutesContext<'a> {
    page: PageMeta,
    routes: Vec<&'a ChallengeSummary>,
}

#[derive(Serialize)]
struct OneContext<'a, T: Serialize> {
    page: PageMeta,
    #[serde(flatten)]
    item: Named<'a, T>,
}

/// Puts a view under the name the template expects (`system`, `error`, ...).
struct Named<'a, T>(&'static str, &'a T);

impl<T: Serialize> Serialize for Named<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

fn render_job(
    job: Job,
    portal: &Portal,
    views: &Views,
    bodies: &Bodies,
    theme: &Theme,
) -> (String, Result<String, Diagnostic>) {
    let root = &portal.settings.root_path;
    match job {
        Job::Home => {
            let mut page = meta(portal, "", &portal.settings.title, "home");
            page.description = portal.settings.introduction.clone();
            let systems_in_use: Vec<&SystemSummary> = portal
                .systems
                .iter()
                .filter(|s| matches!(s.status, SystemStatus::InUse | SystemStatus::Pilot))
                .map(|s| &views.systems[&s.id])
                .take(HOME_SYSTEMS)
                .collect();
            let cx = HomeContext {
                page,
                systems_in_use,
                system_count: portal.systems.len(),
                latest_errors: views.errors.iter().take(5).collect(),
                error_count: views.errors.len(),
                challenge_routes: views.routes.values().collect(),
            };
            (
                "index.html".into(),
                theme.render("home.html", &cx, "the home page"),
            )
        }
        Job::Systems => {
            let groups = portal
                .settings
                .service_areas
                .iter()
                .map(|a| AreaGroup {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    description: a.description.clone(),
                    systems: portal
                        .systems
                        .iter()
                        .filter(|s| s.service_area == a.id)
                        .map(|s| views.systems[&s.id].clone())
                        .collect(),
                })
                .filter(|g| !g.systems.is_empty())
                .collect();
            let mut page = meta(portal, "systems/", "AI systems we use", "systems");
            page.description = Some(format!(
                "Every AI system {} uses, by service area.",
                portal.settings.organisation.name
            ));
            page.feed = Some(crate::feeds::site_feed_link(portal));
            let cx = SystemsContext {
                page,
                groups,
                system_count: portal.systems.len(),
                facets: crate::facets::facet_views(portal),
                search_index: format!("{root}search.json"),
                script: format!("{root}assets/filter.js"),
            };
            (
                "systems/index.html".into(),
                theme.render("systems.html", &cx, "the list of systems"),
            )
        }
        Job::Errors => {
            let mut page = meta(portal, "errors/", "Published errors", "errors");
            page.description =
                Some("Mistakes our AI systems made, and what we did about them.".into());
            page.feed = Some(crate::feeds::errors_feed_link(portal));
            let cx = ErrorsContext {
                page,
                errors: &views.errors,
            };
            (
                "errors/index.html".into(),
                theme.render("errors.html", &cx, "the errors log"),
            )
        }
        Job::Challenges => {
            let mut page = meta(
                portal,
                "challenge/",
                "How to challenge a decision",
                "challenge",
            );
            page.description =
                Some("Ways to question or challenge a decision that involved an AI system.".into());
            let cx = RoutesContext {
                page,
                routes: views.routes.values().collect(),
            };
            (
                "challenge/index.html".into(),
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
            let mut page = record_meta(portal, &path, &s.name, "systems", &s.summary, &s.lang);
            page.feed = Some(crate::feeds::system_feed_link(portal, s));
            let view = system_view(portal, s, views, &bodies.systems[i].html);
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
            let page = record_meta(portal, &path, &e.title, "errors", &e.summary, &e.lang);
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
                body_html: bodies.errors[i].html.clone(),
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
            let page = record_meta(portal, &path, &c.title, "challenge", &c.summary, &c.lang);
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
                systems: views
                    .systems_by_route
                    .get(&c.id)
                    .cloned()
                    .unwrap_or_default(),
                lang: c.lang.clone(),
                body_html: bodies.routes[i].html.clone(),
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
        Job::Accessibility => {
            let mut page = meta(
                portal,
                "accessibility/",
                "Accessibility statement",
                "accessibility",
            );
            page.description = Some(format!(
                "How accessible the {} is, how to report a problem and what to do if you are not happy with our answer.",
                portal.settings.title
            ));
            let view = crate::statement::view(portal);
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
        Job::Page(i) => {
            let p = &portal.pages[i];
            let path = format!("{}/", p.id);
            let mut page = meta(portal, &path, &p.title, &p.id);
            page.description = p.description.clone();
            page.lang = p.lang.clone();
            let view = PageView {
                id: p.id.clone(),
                url: format!("{root}{path}"),
                title: p.title.clone(),
                description: p.description.clone(),
                updated: p.updated.map(date),
                lang: p.lang.clone(),
                body_html: bodies.pages[i].html.clone(),
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
        who_is_affected: s.who_is_affected.clone(),
        human_oversight: s.human_oversight.clone(),
        data: s.data.clone(),
        uses_personal_data: s.uses_personal_data(),
        uses_special_category_data: s.uses_special_category_data(),
        owner: s.owner.clone(),
        supplier: s.supplier.clone(),
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
                    chart_svg: crate::charts::results_chart(n + 1, r),
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
        challenge_routes: views.routes_for(&s.challenge_routes),
        no_challenge_route_reason: s.no_challenge_route_reason.clone(),
        contact: contact(
            s.contact
                .as_ref()
                .unwrap_or(&portal.settings.default_contact),
        ),
        started: s.started.map(date),
        last_reviewed: date(s.last_reviewed),
        review_by: date(s.review_by),
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
        notice_snippet: crate::notice::snippet(portal, s, views),
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
        lawful_basis: s.lawful_basis.clone(),
    };
    // A gap's value is a placeholder: show that the source did not give it.
    if s.is_gap("automation") {
        view.automation = GAP_TEXT;
        view.automation_explained = GAP_TEXT;
    }
    if s.is_gap("model_type") {
        view.model_type = GAP_TEXT;
    }
    view
}

/// `sitemap.xml`: every HTML page but the 404 page, in path order.
fn sitemap(portal: &Portal, files: &Files) -> String {
    let base = &portal.settings.base_url;
    let lastmod: BTreeMap<String, String> = portal
        .systems
        .iter()
        .map(|s| {
            (
                format!("systems/{}/index.html", s.id),
                s.last_reviewed.to_string(),
            )
        })
        .collect();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in files
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
    {
        let url = format!("{base}{}", path.trim_end_matches("index.html"));
        xml.push_str("  <url><loc>");
        xml.push_str(&markdown::escape(&url));
        xml.push_str("</loc>");
        if let Some(date) = lastmod.get(path) {
            xml.push_str("<lastmod>");
            xml.push_str(date);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_is_percent_encoded() {
        assert_eq!(percent_encode("A b&c/é"), "A%20b%26c%2F%C3%A9");
    }
}
