//! The pages and files for residents, local groups and reusers, made after
//! the main pages: facet pages (`/browse/`), feeds, open data and its page,
//! the search index, printable notices, the "how we are doing" page and
//! the redirect pages of old addresses (`aliases`).

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::Portal;
use crate::model::aliases::Kind;
use crate::render::charts::{BarGroup, QUARTER_MEASURES, Series, bar_chart, quarter_values};
use crate::render::escape::isolate;
use crate::render::facets::facets;
use crate::render::labels::*;
use crate::render::out::{Counted, Out};
use crate::render::paginate;
use crate::render::summaries::{Views, meta};
use crate::render::theme::Theme;
use crate::render::view::*;

/// Makes every page and file of this module, giving each to `out`.
pub(crate) fn render(portal: &Portal, views: &Views, theme: &Theme, out: &Out) {
    // The pages for residents are many and made in parallel; the files for
    // reusers are few and large, most of them made one after another. Made
    // side by side, the second keeps a core busy while the first shares
    // out the rest.
    rayon::join(
        || for_residents(portal, views, theme, out),
        || for_reusers(portal, views, theme, out),
    );
}

/// Facets, notices and the staff pages.
fn for_residents(portal: &Portal, views: &Views, theme: &Theme, out: &Out) {
    let root = &portal.settings.root_path;

    // Facets.
    let facet_list = &views.facets;
    let mut page = meta(portal, "browse/", "Browse AI systems", "systems");
    page.description = Some("Find AI systems by service area, status, how much they decide, and whether they use personal data or affect residents directly.".into());
    out.page(
        "browse/index.html".into(),
        theme.render(
            "browse.html",
            &BrowseContext {
                page,
                facets: facet_list.clone(),
            },
            "the browse page",
        ),
    );
    // Every page of every facet value, made in parallel.
    let all_facets = facets(portal);
    let mut facet_pages = Vec::new();
    for (facet, view) in all_facets.iter().zip(facet_list) {
        let mut groups = facet.grouped(portal);
        for ((value, _), value_view) in facet.values.iter().zip(&view.values) {
            if value_view.count == 0 {
                continue;
            }
            let all = groups.remove(value).unwrap_or_default();
            let total = paginate::page_count(all.len());
            let all = std::sync::Arc::new(all);
            for number in 1..=total {
                facet_pages.push((facet, view, value, value_view, all.clone(), number, total));
            }
        }
    }
    facet_pages
        .par_iter()
        .for_each(|(facet, view, value, value_view, all, number, total)| {
            let (number, total) = (*number, *total);
            {
                // 100 systems a page (see `paginate`); page 1 is the value's
                // own address.
                let base = format!("browse/{}/{value}/", facet.id);
                let title = format!("{}: {}", facet.title, isolate(&value_view.label));
                let path = paginate::path(&base, number);
                let mut page = paginate::list_meta(portal, &base, &title, "systems", number, total);
                page.description = Some(format!(
                    "{} AI systems: {}.",
                    value_view.count,
                    isolate(&value_view.label)
                ));
                let systems = paginate::slice(all, number)
                    .iter()
                    .map(|s| &views.systems[&s.id])
                    .collect();
                out.page(
                    format!("{path}index.html"),
                    theme.render(
                        "facet.html",
                        &FacetContext {
                            page,
                            facet: view,
                            value: value_view,
                            systems,
                            pagination: paginate::view(root, &base, number, total),
                        },
                        &format!("the facet page /{path}"),
                    ),
                );
            }
        });

    // Printable notices and their HTML snippets for staff, in parallel.
    portal.systems.par_iter().for_each(|s| {
        let path = format!("systems/{}/notice/", s.id);
        let display_name = &views.systems[&s.id].display_name;
        let snippet_path = format!("{path}snippet/");
        let mut page = meta(
            portal,
            &path,
            &format!("Notice: AI is used in this service ({display_name})"),
            "systems",
        );
        page.lang = s.lang.clone();
        page.description = Some(format!(
            "A printable notice saying that {} is used, with where to find out more.",
            isolate(&s.name)
        ));
        let permanent_url = format!("{}systems/{}/", portal.settings.base_url, s.id);
        let system = &views.systems[&s.id];
        let offer = views.offer(s);
        let cx = NoticeContext {
            page,
            system,
            organisation: &system.body,
            challenge_routes: offer.routes.into_iter().map(|l| l.route).collect(),
            general_total: offer.general_total,
            short_url: short_address(&permanent_url),
            qr_svg: crate::render::qr::svg(
                &permanent_url,
                &format!("QR code: scan it with a phone camera to open {permanent_url}"),
            )
            .unwrap_or_default(),
            permanent_url,
            resident_contact: resident_contact_label(s.resident_contact),
            resident_contact_explained: resident_contact_explained(s.resident_contact),
            automation_explained: automation_explained(s.automation),
            contact: contact(
                s.contact
                    .as_ref()
                    .unwrap_or(&portal.settings.default_contact),
            ),
            snippet_url: format!("{root}{snippet_path}"),
        };
        let mut snippet_page = meta(
            portal,
            &snippet_path,
            &format!("For staff: the notice for {display_name} as HTML"),
            "staff",
        );
        snippet_page.lang = s.lang.clone();
        let snippet = SnippetContext {
            page: snippet_page,
            system,
            snippet: crate::render::notice::snippet(portal, s, views),
            notice_url: format!("{root}{path}"),
        };
        out.page(
            format!("{path}index.html"),
            theme.render("notice.html", &cx, &s.source.path),
        );
        out.page(
            format!("{snippet_path}index.html"),
            theme.render("notice-snippet.html", &snippet, &s.source.path),
        );
    });
    // The staff page, 100 systems a page.
    let staff: Vec<StaffNoticeView> = portal
        .systems
        .iter()
        .map(|s| StaffNoticeView {
            name: views.systems[&s.id].display_name.clone(),
            lang: s.lang.clone(),
            notice_url: format!("{root}systems/{}/notice/", s.id),
            snippet_url: format!("{root}systems/{}/notice/snippet/", s.id),
        })
        .collect();
    let total = paginate::page_count(staff.len());
    for number in 1..=total {
        let mut page = paginate::list_meta(
            portal,
            "staff/",
            "For staff: notices that a service uses AI",
            "staff",
            number,
            total,
        );
        page.description = Some("Printable notices and HTML to copy, for every system.".into());
        out.page(
            format!("{}index.html", paginate::path("staff/", number)),
            theme.render(
                "staff.html",
                &StaffContext {
                    page,
                    systems: paginate::slice(&staff, number).to_vec(),
                    system_count: staff.len(),
                    pagination: paginate::view(root, "staff/", number, total),
                },
                "the staff page",
            ),
        );
    }
}

/// Open data, the open data and "how we are doing" pages, redirects from
/// old addresses, feeds and the search index.
fn for_reusers(portal: &Portal, views: &Views, theme: &Theme, out: &Out) {
    let root = &portal.settings.root_path;
    // The open data files first: the open data page gives their sizes.
    let each = |path: String, bytes: Vec<u8>| out.file(path, bytes);
    let mut register_size = 0;
    out.file_written("register.json".into(), &mut |w| {
        // Counted for the open data page, which gives its size.
        let mut counted = Counted { inner: w, bytes: 0 };
        let written = crate::render::open_data::write_register_json(portal, &each, &mut counted);
        register_size = counted.bytes as usize;
        written
    });
    let mut sizes = vec![("register.json", register_size)];
    for (path, made) in [
        (
            "register.csv",
            crate::render::open_data::register_csv(portal),
        ),
        ("errors.csv", crate::render::open_data::errors_csv(portal)),
    ] {
        match made {
            Ok(bytes) => {
                sizes.push((path, bytes.len()));
                out.file(path.into(), bytes);
            }
            Err(message) => {
                out.problem(Diagnostic::error(
                    "open-data",
                    format!("could not write the open data: {message}"),
                ));
                return;
            }
        }
    }
    let export_files = crate::render::exports::site_files(portal);
    let (mut downloads, exports) =
        crate::render::open_data::downloads(portal, &sizes, &export_files);
    let quarters = quarter_rows(portal);
    let figures_csv = quarters_csv(&quarters);
    if !quarters.is_empty() {
        downloads.push(Download {
            title: "Our figures per quarter".into(),
            url: format!("{root}how-we-are-doing/figures.csv"),
            format: "CSV spreadsheet",
            size: crate::render::open_data::size_text(figures_csv.len()),
            description: format!(
                "The table of How we are doing: one row per quarter, newest first: {} rows.",
                quarters.len()
            ),
            anchor: "figures-csv".into(),
        });
    }

    // The open data page.
    let mut page = meta(portal, "open-data/", "Open data", "open-data");
    page.description =
        Some("Download the register as JSON or CSV, and what every column means.".into());
    let columns = |cols: &[(&'static str, &'static str)]| {
        cols.iter()
            .map(|(name, meaning)| Column { name, meaning })
            .collect()
    };
    out.page(
        "open-data/index.html".into(),
        theme.render(
            "open-data.html",
            &OpenDataContext {
                page,
                schema_version: crate::render::open_data::SCHEMA_VERSION,
                system_columns: columns(crate::render::open_data::SYSTEM_COLUMNS),
                error_columns: columns(crate::render::open_data::ERROR_COLUMNS),
                figures_columns: if quarters.is_empty() {
                    Vec::new()
                } else {
                    columns(FIGURES_COLUMNS)
                },
                system_count: portal.systems.len(),
                error_count: portal.errors.len(),
                downloads,
                exports,
            },
            "the open data page",
        ),
    );

    // How we are doing.
    let mut page = meta(
        portal,
        "how-we-are-doing/",
        "How we are doing",
        "how-we-are-doing",
    );
    page.description = Some("Concerns raised by staff, challenges received and upheld, and errors published, per quarter.".into());
    let chart_svg = if quarters.is_empty() {
        String::new()
    } else {
        let groups: Vec<BarGroup> = quarters
            .iter()
            .map(|q| BarGroup {
                label: q.label.clone(),
                values: q
                    .values
                    .iter()
                    .map(|v| (*v as f64, thousands(*v)))
                    .collect(),
            })
            .collect();
        bar_chart(
            "chart-quarters",
            "Bar chart: concerns, challenges and errors per quarter",
            "The table above gives the same figures.",
            &QUARTER_MEASURES
                .iter()
                .map(|m| Series {
                    label: m.to_string(),
                })
                .collect::<Vec<_>>(),
            &groups,
        )
    };
    out.page(
        "how-we-are-doing/index.html".into(),
        theme.render(
            "how-we-are-doing.html",
            &HowContext {
                page,
                measures: QUARTER_MEASURES,
                csv_url: format!("{root}how-we-are-doing/figures.csv"),
                has_partial: quarters.iter().any(|q| q.partial),
                quarters,
                chart_svg,
            },
            "the how we are doing page",
        ),
    );

    // Redirects from old addresses.
    let s = &portal.settings;
    // (kind, aliases, id, title, language) of every entry.
    type Target<'a> = (Kind, &'a [String], String, String, Option<String>);
    let mut targets: Vec<Target> = Vec::new();
    for x in &portal.systems {
        targets.push((
            Kind::System,
            &x.aliases,
            x.id.clone(),
            x.name.clone(),
            x.lang.clone(),
        ));
    }
    for x in &portal.errors {
        targets.push((
            Kind::Error,
            &x.aliases,
            x.id.clone(),
            x.title.clone(),
            x.lang.clone(),
        ));
    }
    for x in &portal.challenges {
        targets.push((
            Kind::Challenge,
            &x.aliases,
            x.id.clone(),
            x.title.clone(),
            x.lang.clone(),
        ));
    }
    for x in &portal.pages {
        targets.push((
            Kind::Page,
            &x.aliases,
            x.id.clone(),
            x.title.clone(),
            x.lang.clone(),
        ));
    }
    for (kind, aliases, id, title, lang) in targets {
        let path = format!("{}{id}/", kind.folder());
        for alias in aliases {
            let old = format!("{}{alias}/", kind.folder());
            let mut page = meta(
                portal,
                &path,
                &format!("This page has moved: {}", isolate(&title)),
                "",
            );
            page.lang = lang.clone();
            let cx = RedirectContext {
                redirect: RedirectView {
                    title: title.clone(),
                    url: format!("{root}{path}"),
                    canonical: format!("{}{path}", s.base_url),
                    old_url: format!("{root}{old}"),
                    lang: lang.clone().unwrap_or_else(|| s.language.clone()),
                },
                page,
            };
            out.unlisted_page(
                format!("{old}index.html"),
                theme.render("redirect.html", &cx, &format!("the redirect from /{old}")),
            );
        }
    }

    crate::render::feeds::feeds(portal, out);
    if !portal.settings.how_we_are_doing.is_empty() {
        out.file("how-we-are-doing/figures.csv".into(), figures_csv);
    }
    for (path, bytes) in export_files {
        out.file(path, bytes);
    }
    out.file(
        "search.json".into(),
        crate::render::search_index::index(portal, views).into_bytes(),
    );
}

/// An address without its scheme and trailing slash, as people type it:
/// `https://ai.example.org/systems/x/` → `ai.example.org/systems/x`.
fn short_address(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    rest.strip_prefix("www.")
        .unwrap_or(rest)
        .trim_end_matches('/')
        .to_string()
}

/// The quarters of `how_we_are_doing`, with errors published counted from
/// `content/errors/` by the quarter of their `found` date. A quarter with
/// errors but no figures in `portal.yaml` is not shown.
fn quarter_rows(portal: &Portal) -> Vec<QuarterRow> {
    let mut errors: BTreeMap<(i16, u8), u64> = BTreeMap::new();
    for e in &portal.errors {
        let q = (e.found.month() as u8 - 1) / 3 + 1;
        *errors.entry((e.found.year(), q)).or_default() += 1;
    }
    const MONTHS: [&str; 4] = [
        "January to March",
        "April to June",
        "July to September",
        "October to December",
    ];
    let today = (
        portal.today.year(),
        (portal.today.month() as u8 - 1) / 3 + 1,
    );
    let mut quarters: Vec<&crate::model::Quarter> =
        portal.settings.how_we_are_doing.iter().collect();
    // Newest first: the quarter people ask about is the latest one.
    quarters.sort_by_key(|q| std::cmp::Reverse((q.year, q.quarter)));
    quarters
        .into_iter()
        .map(|q| {
            let values =
                quarter_values(q, errors.get(&(q.year, q.quarter)).copied().unwrap_or(0)).to_vec();
            let partial = (q.year, q.quarter) == today;
            let mut cells: Vec<String> = values.iter().map(|v| thousands(*v)).collect();
            // Resolved of raised, upheld of received.
            for (part, whole, verb) in [(1, 0, "raised"), (3, 2, "received")] {
                cells[part] = part_of_whole(values[part], values[whole], verb);
            }
            QuarterRow {
                label: format!(
                    "{} {}{}",
                    MONTHS[(q.quarter - 1) as usize],
                    q.year,
                    if partial { " (so far)" } else { "" }
                ),
                values,
                cells,
                partial,
            }
        })
        .collect()
}

/// A count that can include cases from earlier quarters (concerns resolved,
/// challenges upheld) beside the count of the quarter's own cases (raised,
/// received), as the table shows it.
///
/// A resolution or decision is counted in the quarter it happens, whenever
/// the case came in, so the figures do not say how many of *this* quarter's
/// cases were resolved. While the part is at most the whole, the share is
/// still what residents and journalists expect to read ("3 of 4 (75%)"), and
/// the definition by the table says what it compares. Once the part is
/// larger, a share would pass 100% and read as nonsense: the cell gives the
/// count and what the figures do prove, that at least the difference came
/// in during earlier quarters. No share is ever over 100%.
fn part_of_whole(part: u64, whole: u64, verb: &str) -> String {
    if part > whole {
        let earlier = part - whole;
        let when = if earlier == 1 {
            "an earlier quarter"
        } else {
            "earlier quarters"
        };
        if whole == 0 {
            let all = if part == 1 { "" } else { "all " };
            format!("{}, {all}{verb} in {when}", thousands(part))
        } else {
            format!(
                "{}, at least {} of them {verb} in {when}",
                thousands(part),
                thousands(earlier)
            )
        }
    } else if whole > 0 {
        format!(
            "{} of {} ({}%)",
            thousands(part),
            thousands(whole),
            (part * 100 + whole / 2) / whole
        )
    } else {
        thousands(part)
    }
}

/// `how-we-are-doing/figures.csv`: the table of the page, one row per
/// quarter, newest first as on the page. It holds the counts only: a reuser
/// works out any share from them (see [`part_of_whole`]).
fn quarters_csv(quarters: &[QuarterRow]) -> Vec<u8> {
    let header: Vec<&str> = FIGURES_COLUMNS.iter().map(|(name, _)| *name).collect();
    let rows: Vec<Vec<String>> = quarters
        .iter()
        .map(|q| {
            let mut row = vec![q.label.clone(), q.partial.to_string()];
            row.extend(q.values.iter().map(u64::to_string));
            row
        })
        .collect();
    crate::parse::csv::write(crate::parse::csv::Layout::Plain, &header, &rows)
}

/// Columns of `figures.csv` and what each holds, for the file and for the
/// open data page; the measures are in the order of [`QUARTER_MEASURES`].
const FIGURES_COLUMNS: &[(&str, &str)] = &[
    (
        "quarter",
        "The quarter, such as \"April to June 2026\"; \"(so far)\" when it is not over yet.",
    ),
    (
        "partial",
        "True while the quarter is not over: its figures will go up.",
    ),
    (
        "concerns_raised_by_staff",
        "Times a member of staff told us they were worried about how an AI system was working.",
    ),
    (
        "concerns_resolved",
        "Concerns we finished looking into in the quarter, whenever they were raised, so it can be more than the concerns raised in the quarter.",
    ),
    (
        "challenges_received",
        "Times a resident challenged a decision that an AI system was part of.",
    ),
    (
        "challenges_upheld",
        "Challenges decided in the resident's favour in the quarter, whenever they were made, so it can be more than the challenges received in the quarter.",
    ),
    ("errors_published", "Published errors found in the quarter."),
];
