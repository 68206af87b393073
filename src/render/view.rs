//! The view model: what templates receive. It is the theme's public API and
//! is documented in `themes/default/README.md`; change it with care.
//!
//! Everything here is ready to print: labels instead of enum values, dates
//! formatted for people (with ISO dates beside them for `<time>`), URLs
//! including the site's root path, Markdown already rendered to safe HTML.
//! Each page gets only what it shows (a system page gets summaries of its
//! errors and routes, never the whole site).

use jiff::civil::Date;
use serde::Serialize;

use crate::model::*;

/// A status or kind shown as a tag: the text carries the meaning, the colour
/// (`class`) only repeats it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Tag {
    pub label: &'static str,
    pub class: &'static str,
}

/// A date for people (`26 November 2026`) and for machines (`2026-11-26`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateView {
    pub text: String,
    pub iso: String,
}

pub(crate) fn date(d: Date) -> DateView {
    DateView {
        text: d.strftime("%-d %B %Y").to_string(),
        iso: d.to_string(),
    }
}

/// Data every page can read as `site`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub organisation: Organisation,
    pub language: String,
    pub base_url: String,
    /// Root path every internal URL starts with (`/` or e.g. `/ai/`).
    pub root: String,
    pub introduction: Option<String>,
    /// Main navigation, in order.
    pub nav: Vec<NavItem>,
    /// The portal's pages (about, accessibility, ...) for the footer.
    pub footer_pages: Vec<NavItem>,
    pub footer_links: Vec<Link>,
    /// Root-relative address of the governance page, when there is one.
    pub governance_url: Option<String>,
    pub licence: Licence,
    /// Address of the theme's stylesheet (fingerprinted: `style.<hash>.css`).
    pub stylesheet: String,
    /// Address of every theme asset by its name in `assets/`, for templates
    /// that load another one: `site.assets["print.css"]`.
    pub assets: std::collections::BTreeMap<String, String>,
    /// Set on a draft build (`glassbox build --draft`): every page says it
    /// is not for publishing.
    pub draft: Option<DraftView>,
}

/// A draft build, as `site.draft`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DraftView {
    /// How many `TODO` placeholders are left (pieces of text still to be written).
    pub left: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct NavItem {
    pub title: String,
    pub url: String,
    /// Section key, compared with `page.section` to mark the current item.
    pub section: String,
}

/// Data about the page being made, as `page`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageMeta {
    /// Text for `<title>` (the site title is added by the template).
    pub title: String,
    /// Root-relative URL of this page.
    pub url: String,
    /// Absolute URL, for the canonical link.
    pub canonical: String,
    pub description: Option<String>,
    /// Language of the main content when it differs from the site's.
    pub lang: Option<String>,
    /// Which main navigation item is current.
    pub section: String,
    /// Link to report a problem with this page's record, if the page has one.
    pub report_problem: Option<ReportLink>,
    /// The Atom feed of what this page shows, if it has one (besides the
    /// site's feed, which every page names).
    pub feed: Option<FeedLink>,
    /// The record's version history page, when it has one.
    pub history: Option<String>,
}

/// An Atom feed, for `<link rel="alternate">` and visible links.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedLink {
    pub url: String,
    pub title: String,
}

/// One facet value with its page and count, as on `/browse/`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FacetValueView {
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// A facet (service area, status, ...) and its values.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FacetView {
    pub id: String,
    pub title: String,
    pub values: Vec<FacetValueView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReportLink {
    pub url: String,
    /// Extra words for the link text, naming the record.
    pub about: String,
    pub response_time: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ContactView {
    pub email: Option<String>,
    pub phone: Option<String>,
    /// `tel:` link for the phone number.
    pub phone_link: Option<String>,
    pub phone_hours: Option<String>,
    pub web_form: Option<String>,
    /// The postal address, one line per item.
    pub post: Vec<String>,
    pub in_person: Option<String>,
}

pub(crate) fn contact(c: &Contact) -> ContactView {
    ContactView {
        email: c.email.clone(),
        phone: c.phone.clone(),
        phone_link: c.phone.as_ref().map(|p| {
            let digits: String = p
                .chars()
                .filter(|ch| ch.is_ascii_digit() || *ch == '+')
                .collect();
            format!("tel:{digits}")
        }),
        phone_hours: c.phone_hours.clone(),
        web_form: c.web_form.clone(),
        post: c
            .post
            .as_deref()
            .unwrap_or("")
            .lines()
            .map(|l| l.trim().trim_end_matches(',').to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        in_person: c.in_person.clone(),
    }
}

/// A system in a list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SystemSummary {
    pub id: String,
    pub url: String,
    pub name: String,
    /// The name to use wherever names can repeat (link text, lists, search
    /// results, the page title): the plain name when no other system in the
    /// portal has it, else the name with the body that runs it, and when
    /// another system has both, a detail that tells them apart. Unique in
    /// the portal. Made once, by `summaries::display_names`.
    pub display_name: String,
    /// The body that runs the system: the publisher an imported record
    /// names, else the portal's organisation.
    pub body: String,
    /// Whether the portal lists systems of more than one body: cards then
    /// say which body runs each one.
    pub show_body: bool,
    pub summary: String,
    pub status: Tag,
    pub service_area: AreaRef,
    pub automation: &'static str,
    pub review_overdue: bool,
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AreaRef {
    pub id: String,
    pub name: String,
}

/// A published error in a list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ErrorSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    /// The system's display name (unique in the portal, see
    /// `SystemSummary::display_name`).
    pub system_name: String,
    pub system_url: String,
    pub found: DateView,
    pub status: Tag,
    pub people_affected: Option<String>,
    pub lang: Option<String>,
}

/// A challenge route in a list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChallengeSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub kind: &'static str,
    pub applies_to: &'static str,
    pub who_can_start: String,
    pub resident_can_start: bool,
    pub time_limit: Option<String>,
    pub lang: Option<String>,
}

/// A challenge route as a system page offers it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RouteLine {
    pub route: ChallengeSummary,
    /// The time limit in one short line ("2 months", "No time limit").
    pub time_limit_short: Option<String>,
    /// Whether missing the time limit loses the right.
    pub strict: bool,
    #[serde(skip)]
    pub days: Option<u32>,
}

/// Everything a system page shows, as `system`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SystemView {
    pub id: String,
    pub url: String,
    pub name: String,
    pub summary: String,
    pub status: Tag,
    pub service_area: AreaRef,
    pub decision: String,
    pub final_decision_by: String,
    pub automation: &'static str,
    /// One plain sentence on what the automation level means for a resident.
    pub automation_explained: &'static str,
    /// `None` when the record does not say.
    pub affects_residents_directly: Option<bool>,
    /// Whether it affects residents directly or meets them; `None` when the
    /// record does not say.
    pub affects_residents: Option<bool>,
    /// How residents meet the system, in a few words, such as "Talks to you".
    pub resident_contact: &'static str,
    /// One plain sentence on what that means for a resident.
    pub resident_contact_explained: &'static str,
    pub who_is_affected: String,
    /// What happens to a resident the system picks out, one string a
    /// paragraph; empty when the entry does not say.
    pub what_happens_to_you: Vec<String>,
    pub human_oversight: Oversight,
    pub data: Vec<DataSource>,
    /// `None` when the record does not say what data it uses.
    pub uses_personal_data: Option<bool>,
    pub uses_special_category_data: Option<bool>,
    /// "Yes", "No" or "Not known".
    pub can_override: &'static str,
    pub owner: Owner,
    pub supplier: Option<Supplier>,
    /// The ethics terms of the supplier's contract, when given.
    pub contract: Option<Contract>,
    /// Training for the staff who work with the system.
    pub training: Vec<TrainingView>,
    pub model_type: &'static str,
    pub benefits: String,
    pub alternatives_considered: Option<String>,
    pub impact_assessments: Vec<AssessmentView>,
    pub bias_checks: Vec<BiasCheckView>,
    pub risks: Vec<Risk>,
    pub monitoring: Vec<MonitoringView>,
    pub known_limitations: Vec<String>,
    pub errors: Vec<ErrorSummary>,
    /// The routes the page offers, hardest deadline first: the entry's own,
    /// or the portal's general routes when it names none (`general_routes`).
    pub challenge_routes: Vec<RouteLine>,
    /// True when `challenge_routes` are the portal's general routes.
    pub general_routes: bool,
    /// How many general routes there are in all, when the page lists only
    /// the first few (0 when it lists them all).
    pub general_total: usize,
    /// Whether the page opens with the challenge box: unless the record
    /// says the system does not affect residents.
    pub challenge_box: bool,
    /// The route the box offers (the hardest deadline); not repeated in
    /// `challenge_routes`.
    pub box_route: Option<RouteLine>,
    /// True when the record does not say whether it affects residents.
    pub residents_not_known: bool,
    pub no_challenge_route_reason: Option<String>,
    pub contact: ContactView,
    pub started: Option<DateView>,
    pub last_reviewed: DateView,
    /// `None` when the record does not say.
    pub review_by: Option<DateView>,
    pub review_overdue: bool,
    pub changes: Vec<ChangeView>,
    pub lang: Option<String>,
    /// The Markdown body, as safe HTML.
    pub body_html: String,
    /// Root-relative address of the printable notice.
    pub notice_url: String,
    /// Root-relative address of this system's Atom feed.
    pub feed_url: String,
    /// Root-relative address of this system's open data (JSON).
    pub json_url: String,
    /// Where the record was imported from, when it was.
    pub imported: Option<ImportedView>,
    /// Fields the imported record did not give; the page shows
    /// `gap_text` for them instead of their placeholder values.
    pub gaps: Vec<String>,
    pub gap_text: &'static str,
    /// What the record does not say, in plain words, in the page's order.
    pub not_said: Vec<&'static str>,
    /// How many of the main details the record gives, and of how many.
    pub details_given: usize,
    pub details_total: usize,
    /// The law or legal power the use rests on.
    pub lawful_basis: Option<String>,
    /// As in `SystemSummary`: the unique name for titles and links, and
    /// the body that runs the system.
    pub display_name: String,
    pub body: String,
}

/// Where an imported system record came from.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ImportedView {
    /// The register, e.g. "the Dutch Algoritmeregister".
    pub register: &'static str,
    pub source_url: String,
    pub imported_on: DateView,
    pub organisation: Option<String>,
}

/// Training given to one group of staff.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TrainingView {
    pub staff: String,
    pub what: String,
    pub how_often: String,
    pub last_given: Option<DateView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct AssessmentView {
    pub kind: &'static str,
    pub title: String,
    pub date: DateView,
    pub summary: String,
    pub link: Option<String>,
    /// Why it is not published, when there is no link.
    pub not_published_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BiasCheckView {
    pub stage: &'static str,
    pub date: DateView,
    pub method: String,
    pub groups_checked: Vec<String>,
    pub result: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MonitoringView {
    pub what: String,
    pub how_often: String,
    pub by: String,
    pub results: Option<ResultsView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResultsView {
    pub caption: String,
    pub measure: String,
    pub period: Option<String>,
    pub has_cases: bool,
    pub rows: Vec<ResultRowView>,
    /// A bar chart of the rows as HTML (src/charts.rs) with its text as text,
    /// made at build time; the template shows it with `| safe`.
    pub chart_svg: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResultRowView {
    pub group: String,
    /// The value with its unit, e.g. `12.5%`.
    pub value: String,
    pub cases: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangeView {
    pub date: DateView,
    pub summary: String,
}

/// Everything a published error's page shows, as `error`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ErrorView {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub system: SystemSummary,
    pub found: DateView,
    pub found_by: &'static str,
    pub status: Tag,
    pub fixed: Option<DateView>,
    pub people_affected: Option<String>,
    pub what_we_did: String,
    pub what_you_can_do: Vec<ChallengeSummary>,
    pub lang: Option<String>,
    pub body_html: String,
}

/// Everything a challenge route's page shows, as `route`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChallengeView {
    pub id: String,
    pub url: String,
    /// The permanent absolute URL, for sharing.
    pub permanent_url: String,
    pub title: String,
    pub summary: String,
    pub kind: &'static str,
    pub applies_to: &'static str,
    pub who_can_start: String,
    pub resident_can_start: bool,
    pub steps: Vec<String>,
    pub contact: ContactView,
    pub time_limit: Option<String>,
    pub response_time: String,
    pub escalate_to: Option<Escalation>,
    pub free_help: Vec<Help>,
    pub formats: Vec<&'static str>,
    /// Systems that list this route: all of them, or the first page of
    /// them when there are more (`systems_url`).
    pub systems: Vec<SystemSummary>,
    /// How many systems list this route.
    pub system_count: usize,
    /// The paginated list of every system that lists this route, when
    /// there are more than one page of them.
    pub systems_url: Option<String>,
    pub lang: Option<String>,
    pub body_html: String,
}

/// A page from `content/pages/`, as `content_page`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    pub id: String,
    pub url: String,
    pub title: String,
    pub description: Option<String>,
    pub updated: Option<DateView>,
    pub lang: Option<String>,
    pub body_html: String,
}

/// A page from `content/pages/` on the list of all pages.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    /// The page's `description`, when it has one.
    pub description: Option<String>,
    pub lang: Option<String>,
}

/// A group of systems under a service area heading.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AreaGroup {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub systems: Vec<SystemSummary>,
}

/// What the redirect template receives.
#[derive(Debug, Serialize)]
pub(crate) struct RedirectView {
    /// Title of the entry the old address leads to.
    pub title: String,
    /// Root-relative address of the entry.
    pub url: String,
    /// Absolute address of the entry, for the canonical link.
    pub canonical: String,
    /// The old, root-relative address.
    pub old_url: String,
    /// Language of the page (the entry's, or the portal's).
    pub lang: String,
}

/// What `governance.html` receives as `governance`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GovernanceView {
    pub officer_role: String,
    pub officer_name: Option<String>,
    pub officer_responsibilities: Option<String>,
    pub group_name: String,
    pub group_members: Vec<String>,
    pub group_meets: String,
    pub group_role: Option<String>,
    pub minutes_url: Option<String>,
    pub policy_url: String,
    pub policy_date: DateView,
    pub automated_decisions_allowed: String,
    pub person_must_decide: String,
    pub concerns_how: String,
    pub concerns_protection: String,
}

/// What `accessibility.html` receives as `statement`.
#[derive(Debug, Serialize)]
pub(crate) struct StatementView {
    /// The site's host name, e.g. `ai.eastmere.example`.
    pub host: String,
    /// `fully-compliant`, `partially-compliant` or `not-compliant`.
    pub status: &'static str,
    /// The compliance sentence, as the regulations' model statement words it.
    pub status_text: &'static str,
    pub known_issues: Vec<KnownIssueView>,
    /// Where to ask for another format: the portal's `default_contact`.
    pub contact: ContactView,
    /// Email or web form for reporting an accessibility problem.
    pub report_email: Option<String>,
    pub report_form: Option<String>,
    pub response_time: Option<String>,
    pub enforcement: Enforcement,
    pub prepared: DateView,
    pub last_reviewed: Option<DateView>,
    pub last_tested: DateView,
    pub tested_by: String,
    pub how_tested: Option<String>,
    pub improvements: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct KnownIssueView {
    pub problem: String,
    pub criteria: Vec<String>,
    pub fix_by: Option<DateView>,
}

/// Who enforces the regulations where the body is, and where a resident
/// who is not happy with the answer can turn.
#[derive(Debug, Serialize)]
pub(crate) struct Enforcement {
    pub regulator: &'static str,
    pub regulator_short: &'static str,
    pub advice_service: &'static str,
    pub advice_url: &'static str,
}

// ---- Version history (see `render/history.rs`). ----

/// The history page of one record, as `history`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HistoryView {
    /// "system", "published error" or "challenge route".
    pub noun: &'static str,
    /// The record's current title.
    pub title: String,
    pub current_url: String,
    /// The list the record belongs to, for the breadcrumbs.
    pub list_title: &'static str,
    pub list_url: String,
    /// From when versions are known, as a sentence.
    pub known_from: String,
    /// Newest first.
    pub versions: Vec<VersionView>,
}

/// One version in the list, or the version shown on its own page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VersionView {
    pub url: String,
    /// Id of the version's section on the history page.
    pub anchor: String,
    pub date: DateView,
    /// The change note: the commit message's first line, then the rest.
    pub note: String,
    pub note_more: Option<String>,
    /// The short commit id, for people who check the repository.
    pub commit: String,
    /// The newest version (the one the current page shows, once published).
    pub latest: bool,
    /// No older version is known.
    pub first: bool,
    /// The version could not be read (its file was not valid then).
    pub unreadable: bool,
    pub changes: Vec<FieldChangeView>,
}

/// One change, in words; a text change also carries its words.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FieldChangeView {
    pub text: String,
    pub words: Vec<WordView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct WordView {
    /// `same`, `added` or `removed`.
    pub kind: &'static str,
    pub text: String,
}

/// One field of an old version, as shown on its page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FieldView {
    pub label: &'static str,
    pub value: String,
    /// For lists: one item each.
    pub items: Vec<String>,
}

/// An old version's page, as `version`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OldVersionView {
    pub noun: &'static str,
    /// The record's title in that version.
    pub title: String,
    /// The record's current title, for the breadcrumbs.
    pub current_title: String,
    pub current_url: String,
    pub list_title: &'static str,
    pub list_url: String,
    pub history_url: String,
    pub version: VersionView,
    pub summary: Option<String>,
    pub fields: Vec<FieldView>,
    pub body_html: String,
}

// ---- Page contexts: what each template receives at its top level. ----

#[derive(Serialize)]
pub(crate) struct HomeContext<'a> {
    pub page: PageMeta,
    /// The most recently reviewed systems in use (at most a few).
    pub systems_in_use: Vec<&'a SystemSummary>,
    /// How many systems are in use (or piloted) in all.
    pub in_use_count: usize,
    pub system_count: usize,
    pub latest_errors: Vec<&'a ErrorSummary>,
    pub error_count: usize,
    pub challenge_routes: Vec<&'a ChallengeSummary>,
    /// Service areas that have systems, for "find the service your letter
    /// is from": at most a dozen, those with the most systems.
    pub service_areas: Vec<AreaLink>,
    /// How many service areas have systems (more than are listed when
    /// `areas_url` is set).
    pub area_count: usize,
    /// The A–Z list of every area, when the home page lists only some.
    pub areas_url: Option<String>,
    pub challenge_route_count: usize,
}

/// A service area with systems, linking to its page `/browse/service/<id>/`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AreaLink {
    pub name: String,
    pub url: String,
    /// How many systems it has.
    pub count: usize,
}

#[derive(Serialize)]
pub(crate) struct SystemsContext {
    pub page: PageMeta,
    pub groups: Vec<AreaGroup>,
    pub system_count: usize,
    /// Facets with counts, linking to `/browse/<facet>/<value>/`.
    pub facets: Vec<FacetView>,
    /// Address of the search index the filter script reads.
    pub search_index: String,
    /// Address of the filter script.
    pub script: String,
    /// The portal's contact, offered when the filter finds nothing.
    pub contact: ContactView,
    /// Where this page is in the list (100 systems a page).
    pub pagination: Option<PaginationView>,
    /// How many service areas have systems, and their A–Z list.
    pub area_count: usize,
    pub areas_url: String,
}

#[derive(Serialize)]
pub(crate) struct ErrorsContext<'a> {
    pub page: PageMeta,
    pub errors: &'a [ErrorSummary],
    pub pagination: Option<PaginationView>,
}

/// One page of the list of all pages (`pages.html`).
#[derive(Serialize)]
pub(crate) struct PageListContext<'a> {
    pub page: PageMeta,
    /// The pages on this page of the list, by title.
    pub pages: &'a [PageSummary],
    /// How many pages the whole list has.
    pub page_count: usize,
    pub pagination: Option<PaginationView>,
}

#[derive(Serialize)]
pub(crate) struct RoutesContext<'a> {
    pub page: PageMeta,
    pub routes: Vec<&'a ChallengeSummary>,
    pub pagination: Option<PaginationView>,
}

#[derive(Serialize)]
pub(crate) struct OneContext<'a, T: Serialize> {
    pub page: PageMeta,
    #[serde(flatten)]
    pub item: Named<'a, T>,
}

/// Puts a view under the name the template expects (`system`, `error`, ...).
pub(crate) struct Named<'a, T>(pub &'static str, pub &'a T);

impl<T: Serialize> Serialize for Named<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

#[derive(Serialize)]
pub(crate) struct BrowseContext {
    pub page: PageMeta,
    pub facets: Vec<FacetView>,
}

/// One page of the systems a challenge route covers (`route-systems.html`).
#[derive(Serialize)]
pub(crate) struct RouteSystemsContext<'a> {
    pub page: PageMeta,
    pub route: &'a ChallengeSummary,
    pub system_count: usize,
    pub systems: Vec<&'a SystemSummary>,
    pub pagination: Option<PaginationView>,
}

#[derive(Serialize)]
pub(crate) struct FacetContext<'a> {
    pub page: PageMeta,
    pub facet: &'a FacetView,
    pub value: &'a FacetValueView,
    pub systems: Vec<&'a SystemSummary>,
    pub pagination: Option<PaginationView>,
}

#[derive(Serialize)]
pub(crate) struct NoticeContext<'a> {
    pub page: PageMeta,
    pub system: &'a SystemSummary,
    pub organisation: &'a str,
    pub challenge_routes: Vec<ChallengeSummary>,
    /// How many general routes there are in all, when the notice lists
    /// only the first few (0 when it lists them all).
    pub general_total: usize,
    pub permanent_url: String,
    /// The system's address without `https://`, short enough to type from paper.
    pub short_url: String,
    /// The system's address as a QR code (inline SVG with its own text
    /// alternative), or empty when it cannot be encoded.
    pub qr_svg: String,
    /// How residents meet the system, and what that means.
    pub resident_contact: &'static str,
    pub resident_contact_explained: &'static str,
    pub automation_explained: &'static str,
    /// The system's contact (the portal's default when it gives none).
    pub contact: ContactView,
    /// Root-relative address of the staff page with the HTML snippet.
    pub snippet_url: String,
}

/// The staff page with a system's notice as HTML to copy, as `/systems/<id>/notice/snippet/`.
#[derive(Serialize)]
pub(crate) struct SnippetContext<'a> {
    pub page: PageMeta,
    pub system: &'a SystemSummary,
    /// The HTML snippet, as text (the template escapes it for display).
    pub snippet: String,
    pub notice_url: String,
}

/// A system on the staff page.
#[derive(Clone, Serialize)]
pub(crate) struct StaffNoticeView {
    pub name: String,
    pub lang: Option<String>,
    pub notice_url: String,
    pub snippet_url: String,
}

/// The staff page, `/staff/`: every system's notice and snippet.
#[derive(Serialize)]
pub(crate) struct StaffContext {
    pub page: PageMeta,
    pub systems: Vec<StaffNoticeView>,
    pub system_count: usize,
    pub pagination: Option<PaginationView>,
}

#[derive(Serialize)]
pub(crate) struct Column {
    pub name: &'static str,
    pub meaning: &'static str,
}

#[derive(Serialize)]
pub(crate) struct OpenDataContext {
    pub page: PageMeta,
    pub schema_version: &'static str,
    pub system_columns: Vec<Column>,
    pub error_columns: Vec<Column>,
    /// Columns of `how-we-are-doing/figures.csv`; empty when the portal
    /// publishes no figures (and so no such file).
    pub figures_columns: Vec<Column>,
    pub system_count: usize,
    pub error_count: usize,
    /// Every file to download, with its format and size.
    pub downloads: Vec<Download>,
    /// The register in other standards' layouts (`/exports/`), with their columns.
    pub exports: Vec<ExportView>,
}

/// A file on the open data page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Download {
    pub title: String,
    pub url: String,
    /// "CSV spreadsheet", "JSON" or "Atom feed".
    pub format: &'static str,
    /// Size in words, such as "12 KB".
    pub size: String,
    pub description: String,
    /// The id of the section of the open data page that explains its fields.
    pub anchor: String,
}

/// One standard's export: its files and what each of its columns holds.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ExportView {
    pub id: &'static str,
    /// The standard's name, such as "UK Algorithmic Transparency Recording Standard".
    pub standard: String,
    pub files: Vec<Download>,
    pub columns: Vec<ExportColumn>,
}

/// A column of an export and where its values come from.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ExportColumn {
    pub name: String,
    /// Where its value comes from, in words.
    pub source: String,
    pub required: bool,
    pub list: bool,
}

#[derive(Serialize)]
pub(crate) struct QuarterRow {
    pub label: String,
    pub values: Vec<u64>,
    /// The figures as the table shows them, with a rate where a measure
    /// counts part of another (such as "3 of 14 (21%)").
    pub cells: Vec<String>,
    /// The quarter is not over yet on the build date: its figures are so far.
    pub partial: bool,
}

#[derive(Serialize)]
pub(crate) struct HowContext {
    pub page: PageMeta,
    pub measures: &'static [&'static str],
    pub quarters: Vec<QuarterRow>,
    pub chart_svg: String,
    /// Root-relative address of the table as CSV.
    pub csv_url: String,
    /// Whether any quarter shown is not over yet.
    pub has_partial: bool,
}

#[derive(Serialize)]
pub(crate) struct RedirectContext {
    pub page: PageMeta,
    pub redirect: RedirectView,
}

#[derive(Serialize)]
pub(crate) struct HistoryContext<'a> {
    pub page: PageMeta,
    /// The versions on this page of the history.
    pub history: &'a HistoryView,
    /// Where this page is in a long history (50 versions a page); null
    /// when every version fits on one page.
    pub pagination: Option<PaginationView>,
}

#[derive(Serialize)]
pub(crate) struct VersionContext<'a> {
    pub page: PageMeta,
    pub version: &'a OldVersionView,
}

/// Page N of a long list split over several pages, for
/// `partials/pagination.html` (as `pagination`; null when the list fits on
/// one page).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PaginationView {
    /// This page, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub total: usize,
    /// Root-relative URL of the page before, or null on the first page.
    pub prev: Option<String>,
    /// Root-relative URL of the page after, or null on the last page.
    pub next: Option<String>,
    /// The pages to link: the first, the last, and two either side of this one.
    pub links: Vec<PageLink>,
}

/// One link of the page navigation, or the gap between two.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink {
    /// The page number, or null for a gap.
    pub number: Option<usize>,
    /// Its URL, or null for a gap.
    pub url: Option<String>,
    /// Whether it is the page being shown.
    pub current: bool,
}

/// The A–Z list of every service area, `/browse/service/`.
#[derive(Serialize)]
pub(crate) struct AreasContext {
    pub page: PageMeta,
    /// How many areas have systems.
    pub area_count: usize,
    /// The areas by first letter, A to Z (other first characters last).
    pub letters: Vec<LetterGroup>,
}

/// The areas whose names start with one letter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LetterGroup {
    /// The letter as shown, e.g. `A` (or `#` for names not starting with a letter).
    pub letter: String,
    /// Fragment id of the group, e.g. `letter-a`.
    pub id: String,
    pub areas: Vec<AreaLink>,
}
