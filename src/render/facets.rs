//! Facets: the systems grouped by service area, status, automation level,
//! use of personal data and whether they affect residents directly, each
//! value with its own page under `/browse/<facet>/<value>/` and a count, so
//! the list can be narrowed down without JavaScript.

use crate::model::{AutomationLevel, Portal, System, SystemStatus};
use crate::render::labels::{automation_label, status_tag};
use crate::render::view::{FacetValueView, FacetView};

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
    /// The systems with `value`, in the portal's order (by id).
    pub(crate) fn systems<'p>(&self, portal: &'p Portal, value: &str) -> Vec<&'p System> {
        portal
            .systems
            .iter()
            .filter(|s| (self.value_of)(s) == value)
            .collect()
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
        .map(|f| FacetView {
            id: f.id.to_string(),
            title: f.title.to_string(),
            values: f
                .values
                .iter()
                .map(|(value, label)| FacetValueView {
                    label: label.clone(),
                    url: f.url(root, value),
                    count: f.systems(portal, value).len(),
                })
                .zip(&f.values)
                .filter(|(v, (value, _))| v.count > 0 || value != NOT_KNOWN_VALUE)
                .map(|(v, _)| v)
                .collect(),
        })
        .collect()
}
