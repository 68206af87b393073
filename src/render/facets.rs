//! Facets: the systems grouped by service area, status, automation level,
//! use of personal data and whether they affect residents directly, each
//! value with its own page under `/browse/<facet>/<value>/` and a count, so
//! the list can be narrowed down without JavaScript.

use std::collections::HashMap;

use crate::model::{AutomationLevel, Portal, System, SystemStatus};
use crate::render::labels::{automation_label, status_tag};
use crate::render::view::{AreaLink, FacetValueView, FacetView, LetterGroup};

/// One way of grouping systems.
pub(crate) struct Facet {
    /// URL segment, e.g. `service`.
    pub id: &'static str,
    pub title: &'static str,
    /// Every value, in the order shown: (URL segment, label).
    pub values: Vec<(String, String)>,
    /// The value of a system.
    pub value_of: fn(&System) -> String,
}

const STATUSES: &[SystemStatus] = &[
    SystemStatus::InUse,
    SystemStatus::Pilot,
    SystemStatus::Planned,
    SystemStatus::Paused,
    SystemStatus::Retired,
];

const AUTOMATION: &[AutomationLevel] = &[
    AutomationLevel::InformsStaff,
    AutomationLevel::Recommends,
    AutomationLevel::DecidesWithReview,
    AutomationLevel::DecidesAutomatically,
];

/// The value as written in content (`in-use`, `decides-automatically`).
pub(crate) fn kebab<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The value of systems whose record does not say; listed only when some
/// system has it.
pub(crate) const NOT_KNOWN_VALUE: &str = "not-known";

fn yes_no(b: Option<bool>) -> String {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => NOT_KNOWN_VALUE,
    }
    .to_string()
}

fn known_or_not<T: serde::Serialize>(value: Option<T>) -> String {
    value.map_or_else(|| NOT_KNOWN_VALUE.to_string(), kebab)
}

/// Every facet of the portal, in the order shown.
pub(crate) fn facets(portal: &Portal) -> Vec<Facet> {
    vec![
        Facet {
            id: "service",
            title: "Service area",
            values: portal
                .settings
                .service_areas
                .iter()
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect(),
            value_of: |s| s.service_area.clone(),
        },
        Facet {
            id: "status",
            title: "Status",
            values: STATUSES
                .iter()
                .map(|s| (kebab(s), status_tag(*s).label.to_string()))
                .collect(),
            value_of: |s| kebab(s.status),
        },
        Facet {
            id: "automation",
            title: "How much the system decides",
            values: AUTOMATION
                .iter()
                .map(|a| (kebab(a), automation_label(Some(*a)).to_string()))
                .chain([(NOT_KNOWN_VALUE.into(), automation_label(None).into())])
                .collect(),
            value_of: |s| known_or_not(s.automation),
        },
        Facet {
            id: "personal-data",
            title: "Uses personal data",
            values: vec![
                ("yes".into(), "Uses personal data".into()),
                ("no".into(), "Does not use personal data".into()),
                (
                    NOT_KNOWN_VALUE.into(),
                    "Not known whether it uses personal data".into(),
                ),
            ],
            value_of: |s| yes_no(s.uses_personal_data()),
        },
        Facet {
            id: "affects-residents",
            title: "Affects residents directly",
            values: vec![
                ("yes".into(), "Affects residents directly".into()),
                ("no".into(), "Does not affect residents directly".into()),
                (
                    NOT_KNOWN_VALUE.into(),
                    "Not known whether it affects residents directly".into(),
                ),
            ],
            value_of: |s| yes_no(s.affects_residents_directly),
        },
    ]
}

impl Facet {
    /// The systems of each value, in the portal's order (by id): each
    /// system's value worked out once, not once for every value.
    pub(crate) fn grouped<'p>(&self, portal: &'p Portal) -> HashMap<String, Vec<&'p System>> {
        let mut groups: HashMap<String, Vec<&'p System>> = HashMap::new();
        for s in &portal.systems {
            groups.entry((self.value_of)(s)).or_default().push(s);
        }
        groups
    }

    /// Root-relative address of a value's page.
    pub(crate) fn url(&self, root: &str, value: &str) -> String {
        format!("{root}browse/{}/{value}/", self.id)
    }
}

/// Every facet with counts, for `/browse/` and the systems list. Values no
/// system has are listed with a count of 0 (and have no page).
pub(crate) fn facet_views(portal: &Portal) -> Vec<FacetView> {
    let root = &portal.settings.root_path;
    facets(portal)
        .iter()
        .map(|f| (f, f.grouped(portal)))
        .map(|(f, groups)| FacetView {
            id: f.id.to_string(),
            title: f.title.to_string(),
            values: f
                .values
                .iter()
                .map(|(value, label)| FacetValueView {
                    label: label.clone(),
                    url: f.url(root, value),
                    count: groups.get(value).map_or(0, Vec::len),
                })
                .zip(&f.values)
                .filter(|(v, (value, _))| v.count > 0 || value != NOT_KNOWN_VALUE)
                .map(|(v, _)| v)
                .collect(),
        })
        .collect()
}

/// Where the A–Z list of every service area lives: the service facet's
/// own folder, above the area pages.
pub(crate) const AREAS_PATH: &str = "browse/service/";

/// Every service area that has systems, in the portal's order, each
/// linking to its page under `/browse/service/`.
pub(crate) fn area_links(portal: &Portal) -> Vec<AreaLink> {
    let root = &portal.settings.root_path;
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for s in &portal.systems {
        *counts.entry(s.service_area.as_str()).or_default() += 1;
    }
    portal
        .settings
        .service_areas
        .iter()
        .filter_map(|a| {
            counts.get(a.id.as_str()).map(|&count| AreaLink {
                name: a.name.clone(),
                url: format!("{root}{AREAS_PATH}{}/", a.id),
                count,
            })
        })
        .collect()
}

/// How many characters of area names the home page's task box lists at
/// most: about five lines on a phone, so that "Challenge it" stays on the
/// first screen however long the names are.
pub(crate) const TOP_AREA_CHARS: usize = 220;

/// At most `n` areas with the most systems (ties go to the one first in
/// the portal), kept in the portal's order: a portal with `n` areas or
/// fewer, whose names fit in [`TOP_AREA_CHARS`], lists them all as it
/// orders them; a large one lists the services most letters are likely to
/// come from, stopping before the names grow past [`TOP_AREA_CHARS`].
pub(crate) fn top_areas(areas: Vec<AreaLink>, n: usize) -> Vec<AreaLink> {
    let mut ranked: Vec<(usize, &AreaLink)> = areas.iter().enumerate().collect();
    ranked.sort_by(|(i, a), (j, b)| b.count.cmp(&a.count).then(i.cmp(j)));
    let mut chars = 0;
    let mut keep: Vec<usize> = ranked
        .iter()
        .take(n)
        .take_while(|(_, a)| {
            chars += a.name.chars().count() + 2;
            chars <= TOP_AREA_CHARS
        })
        .map(|(i, _)| *i)
        .collect();
    keep.sort_unstable();
    keep.into_iter().map(|i| areas[i].clone()).collect()
}

/// The first letter a name is filed under: its first letter without
/// accents, upper case (`É` under `E`), or `#` for a digit or a sign.
fn filing_letter(name: &str) -> char {
    let first = name.trim().chars().next().unwrap_or('#');
    let plain = match first.to_lowercase().next().unwrap_or(first) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        c => c,
    };
    if plain.is_ascii_alphabetic() {
        plain.to_ascii_uppercase()
    } else {
        '#'
    }
}

/// The areas grouped by first letter, A to Z, then the names that do not
/// start with a letter; by name (ignoring case) within a letter.
pub(crate) fn by_letter(mut areas: Vec<AreaLink>) -> Vec<LetterGroup> {
    areas.sort_by(|a, b| {
        let key = |x: &AreaLink| (filing_letter(&x.name) == '#', filing_letter(&x.name));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.url.cmp(&b.url))
    });
    let mut groups: Vec<LetterGroup> = Vec::new();
    for a in areas {
        let letter = filing_letter(&a.name);
        if groups.last().is_none_or(|g| !g.letter.starts_with(letter)) {
            groups.push(LetterGroup {
                letter: letter.to_string(),
                id: if letter == '#' {
                    "letter-other".into()
                } else {
                    format!("letter-{}", letter.to_ascii_lowercase())
                },
                areas: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.areas.push(a);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(name: &str, count: usize) -> AreaLink {
        AreaLink {
            name: name.into(),
            url: format!("/browse/service/{}/", name.to_lowercase()),
            count,
        }
    }

    #[test]
    fn top_areas_keep_the_biggest_in_the_portal_order() {
        let areas = vec![link("A", 1), link("B", 5), link("C", 2), link("D", 5)];
        let names: Vec<String> = top_areas(areas, 2).into_iter().map(|a| a.name).collect();
        assert_eq!(names, ["B", "D"]);
        // Long names: fewer areas, so the task box stays short.
        let long = "x".repeat(90);
        let areas = vec![
            link(&long, 3),
            link("Short", 1),
            link(&long, 2),
            link(&long, 1),
        ];
        assert_eq!(top_areas(areas, 12).len(), 3);
    }

    #[test]
    fn letters_fold_accents_and_put_other_signs_last() {
        let groups = by_letter(vec![
            link("zorg", 1),
            link("Élections", 1),
            link("2 bins", 1),
            link("empty", 1),
        ]);
        let shown: Vec<(String, usize)> = groups
            .iter()
            .map(|g| (g.letter.clone(), g.areas.len()))
            .collect();
        assert_eq!(
            shown,
            [
                ("E".to_string(), 2),
                ("Z".to_string(), 1),
                ("#".to_string(), 1)
            ]
        );
        assert_eq!(groups[0].areas[1].name, "Élections");
    }
}
