//! What many pages share, built once per build: the summaries of every entry
//! ([`Views`]), the site-wide view, and the page data (`meta`) each page
//! starts from.

use std::collections::BTreeMap;

use crate::model::*;
use crate::render::escape::isolate;
use crate::render::labels::*;
use crate::render::theme::Theme;
use crate::render::view::*;

/// Summaries of every entry, built once and shared by all pages.
pub(crate) struct Views {
    pub(crate) systems: BTreeMap<String, SystemSummary>,
    /// Newest first.
    pub(crate) errors: Vec<ErrorSummary>,
    pub(crate) errors_by_system: BTreeMap<String, Vec<ErrorSummary>>,
    pub(crate) routes: BTreeMap<String, ChallengeSummary>,
    /// The ids of the systems that name each route, in the portal's order.
    pub(crate) systems_by_route: BTreeMap<String, Vec<String>>,
    /// Every route a resident can start, hardest deadline first: what a
    /// system that names no route of its own offers (`routes::offer`).
    pub(crate) general_routes: Vec<RouteLine>,
    /// Every system's id in the order of the systems list: by service area
    /// in the portal's order, then in the portal's order within an area.
    pub(crate) systems_by_area: Vec<String>,
    /// Every facet with its counts (`/browse/` and every page of the
    /// systems list show them).
    pub(crate) facets: Vec<FacetView>,
    /// Every page for the list of all pages, by title; empty when the
    /// footer lists them all and there is no such list.
    pub(crate) page_list: Vec<PageSummary>,
    /// Every service area that has systems, with how many
    /// ([`crate::render::facets::area_links`]): counted once, not on each
    /// page of the systems list (at 100,000 systems that was 1,000 pages
    /// each counting every system).
    pub(crate) areas: Vec<AreaLink>,
}

impl Views {
    pub(crate) fn new(portal: &Portal) -> Views {
        let root = &portal.settings.root_path;
        let area_names: BTreeMap<&str, &str> = portal
            .settings
            .service_areas
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect();
        let mut names = display_names(portal);
        let show_body = {
            let bodies: std::collections::BTreeSet<&str> =
                names.values().map(|n| n.body.as_str()).collect();
            bodies.len() > 1
        };
        let systems: BTreeMap<String, SystemSummary> = portal
            .systems
            .iter()
            .map(|s| {
                let naming = names.remove(&s.id).unwrap_or_default();
                let summary = SystemSummary {
                    id: s.id.clone(),
                    url: format!("{root}systems/{}/", s.id),
                    name: s.name.clone(),
                    display_name: naming.display,
                    body: naming.body,
                    show_body,
                    // Empty when the source gave none: never its placeholder.
                    summary: if s.is_gap(Field::Summary) {
                        String::new()
                    } else {
                        s.summary.clone()
                    },
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
                    system_name: system.display_name.clone(),
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
        let routes: BTreeMap<String, ChallengeSummary> = portal
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
        let mut systems_by_route: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for s in &portal.systems {
            for route in &s.challenge_routes {
                systems_by_route
                    .entry(route.clone())
                    .or_default()
                    .push(s.id.clone());
            }
        }
        let mut systems_by_area: Vec<String> = Vec::with_capacity(portal.systems.len());
        for a in &portal.settings.service_areas {
            systems_by_area.extend(
                portal
                    .systems
                    .iter()
                    .filter(|s| s.service_area == a.id)
                    .map(|s| s.id.clone()),
            );
        }
        let general_routes = crate::render::routes::general(
            portal
                .challenges
                .iter()
                .filter_map(|c| routes.get(&c.id).cloned()),
        );
        Views {
            general_routes,
            systems_by_area,
            systems,
            errors: errors.into_iter().map(|(_, s)| s).collect(),
            errors_by_system,
            routes,
            systems_by_route,
            facets: crate::render::facets::facet_views(portal),
            page_list: crate::render::page_list::summaries(portal),
            areas: crate::render::facets::area_links(portal),
        }
    }

    /// What `system`'s pages offer to challenge it (see [`routes::offer`]).
    ///
    /// [`routes::offer`]: crate::render::routes::offer
    pub(crate) fn offer(&self, system: &System) -> crate::render::routes::Offer {
        crate::render::routes::offer(
            system,
            self.routes_for(&system.challenge_routes),
            &self.general_routes,
        )
    }

    /// The ids of the systems that name route `id`, in the portal's order.
    pub(crate) fn systems_naming(&self, id: &str) -> &[String] {
        self.systems_by_route
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub(crate) fn routes_for(&self, ids: &[String]) -> Vec<ChallengeSummary> {
        ids.iter()
            .filter_map(|id| self.routes.get(id).cloned())
            .collect()
    }
}

/// Who runs a system and the name to show for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Naming {
    /// The publisher an imported record names, else the portal's organisation.
    pub body: String,
    /// Unique in the portal (see `SystemSummary::display_name`).
    pub display: String,
}

/// The body that runs a system: the publisher its imported record names,
/// else the portal's organisation.
pub(crate) fn body_of<'p>(portal: &'p Portal, s: &'p System) -> &'p str {
    s.imported
        .as_ref()
        .and_then(|i| i.organisation.as_deref())
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .unwrap_or(portal.settings.organisation.name.as_str())
}

/// The display name of every system, by id, made in this one place. A name
/// no other system has is shown as it is, so a portal of one body reads as
/// before. A name shared with another system gets its body: "Anonimiseren
/// (Gemeente Dalfsen)". When two systems share the name and the body too,
/// each also gets the date it started, if every one of them has a different
/// one, else its status, if those differ, else its place among them by id:
/// "Anonimiseren (Gemeente Dalfsen, entry 2 of 2)". Names are compared
/// ignoring case and spaces at the ends. Depends only on the portal, so
/// builds stay the same.
pub(crate) fn display_names(portal: &Portal) -> BTreeMap<String, Naming> {
    let key = |t: &str| t.trim().to_lowercase();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_name_body: BTreeMap<(String, String), Vec<&System>> = BTreeMap::new();
    for s in &portal.systems {
        *by_name.entry(key(&s.name)).or_default() += 1;
        by_name_body
            .entry((key(&s.name), key(body_of(portal, s))))
            .or_default()
            .push(s);
    }
    let mut out: BTreeMap<String, Naming> = BTreeMap::new();
    for s in &portal.systems {
        // A name or body with a bidirectional control in it is isolated
        // here already, so that it cannot turn the words added after it
        // backwards, wherever the display name goes.
        let name = isolate(s.name.trim());
        let body = body_of(portal, s);
        let display = if by_name[&key(&s.name)] == 1 {
            name.into_owned()
        } else {
            let shown_body = isolate(body);
            let group = &by_name_body[&(key(&s.name), key(body))];
            if group.len() == 1 {
                format!("{name} ({shown_body})")
            } else {
                let starts: std::collections::BTreeSet<_> =
                    group.iter().filter_map(|g| g.started).collect();
                let statuses: std::collections::BTreeSet<_> =
                    group.iter().map(|g| status_tag(g.status).label).collect();
                let detail = match s.started {
                    Some(started) if starts.len() == group.len() => {
                        format!("started {}", date(started).text)
                    }
                    _ if statuses.len() == group.len() => status_tag(s.status).label.to_lowercase(),
                    _ => {
                        // Ids sort the group: a record added later (`-2`)
                        // comes after the one it repeats.
                        let mut ids: Vec<&str> = group.iter().map(|g| g.id.as_str()).collect();
                        ids.sort_unstable();
                        let n = ids.iter().position(|id| *id == s.id).unwrap_or(0) + 1;
                        format!("entry {n} of {}", group.len())
                    }
                };
                format!("{name} ({shown_body}, {detail})")
            }
        };
        out.insert(
            s.id.clone(),
            Naming {
                body: body.to_string(),
                display,
            },
        );
    }
    // A plain name can still equal another's name with its body
    // ("Translation (Housing)"): the id settles it.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for n in out.values() {
        *seen.entry(n.display.clone()).or_default() += 1;
    }
    for (id, n) in out.iter_mut() {
        if seen[&n.display] > 1 {
            n.display = format!("{} (record {id})", n.display);
        }
    }
    out
}

pub(crate) fn site_view(portal: &Portal, theme: &Theme) -> SiteView {
    let s = &portal.settings;
    let root = &s.root_path;
    let nav = [
        ("Home", "", "home"),
        ("AI systems", "systems/", "systems"),
        ("Published errors", "errors/", "errors"),
        ("Challenge a decision", "challenge/", "challenge"),
        ("How we are doing", "how-we-are-doing/", "how-we-are-doing"),
    ]
    .iter()
    .map(|(title, path, section)| NavItem {
        title: title.to_string(),
        url: format!("{root}{path}"),
        section: section.to_string(),
    })
    .collect();
    // The footer lists only the pages the editors chose, so that it stays
    // the same size however many pages the portal has; the list of all
    // pages links the rest.
    let chosen = footer_pages(&portal.pages);
    let all_pages = crate::render::page_list::needed(portal).then(|| NavItem {
        title: crate::render::page_list::TITLE.into(),
        url: format!("{root}{}", crate::render::page_list::PATH),
        section: crate::render::page_list::SECTION.into(),
    });
    SiteView {
        title: s.title.clone(),
        organisation: s.organisation.clone(),
        language: s.language.clone(),
        base_url: s.base_url.clone(),
        root: root.clone(),
        introduction: s.introduction.clone(),
        nav,
        footer_pages: chosen
            .iter()
            .map(|p| NavItem {
                title: p.title.clone(),
                url: format!("{root}{}/", p.id),
                section: p.id.clone(),
            })
            .chain(all_pages)
            .chain(s.governance.is_some().then(|| NavItem {
                title: "How we govern AI".into(),
                url: format!("{root}governance/"),
                section: "governance".into(),
            }))
            .chain(s.accessibility.is_some().then(|| NavItem {
                title: "Accessibility statement".into(),
                url: format!("{root}accessibility/"),
                section: "accessibility".into(),
            }))
            .collect(),
        governance_url: s.governance.is_some().then(|| format!("{root}governance/")),
        footer_links: s.footer_links.clone(),
        licence: s.open_data_licence.clone(),
        stylesheet: format!("{root}{}", theme.asset_path("style.css")),
        assets: theme
            .assets
            .keys()
            .map(|name| (name.clone(), format!("{root}{}", theme.asset_path(name))))
            .collect(),
        draft: portal.draft.map(|left| DraftView { left }),
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
        history: None,
    }
}

/// Page data for a record (a system, an error, a challenge route): its
/// summary as the description, its language, and the report-a-problem link.
pub(crate) fn record_meta(
    portal: &Portal,
    path: &str,
    title: &str,
    section: &str,
    summary: &str,
    lang: &Option<String>,
) -> PageMeta {
    let mut page = meta(portal, path, title, section);
    // No description rather than a gap's placeholder.
    page.description = (!summary.is_empty() && summary != GAP_TEXT).then(|| summary.to_string());
    page.lang = lang.clone();
    page.report_problem = report_link(portal, title, &page.canonical);
    page
}

/// The "report a problem with this information" link for a record.
pub(crate) fn report_link(portal: &Portal, what: &str, canonical: &str) -> Option<ReportLink> {
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
pub(crate) fn percent_encode(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_is_percent_encoded() {
        assert_eq!(percent_encode("A b&c/é"), "A%20b%26c%2F%C3%A9");
    }
}
