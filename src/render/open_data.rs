//! Open data: the whole register as `/register.json`, one system as
//! `/systems/<id>.json`, and spreadsheets `/register.csv` (one row per
//! system) and `/errors.csv` (one row per published error). Every file names
//! the licence from `portal.yaml`; the `/open-data/` page documents every
//! column from the same tables ([`SYSTEM_COLUMNS`], [`ERROR_COLUMNS`]).
//!
//! CSV is written through [`crate::parse::csv`].

use rayon::prelude::*;
use serde_json::{Map, Value, json};

use crate::model::{Portal, PublishedError, System};
use crate::parse::csv;
use crate::render::escape;
use crate::render::view::{Download, ExportColumn, ExportView};

/// Version of the JSON layout. The minor number goes up when fields are
/// added; the major number when a field is renamed or removed.
pub(crate) const SCHEMA_VERSION: &str = "1.0";

/// Between the items of a list in a CSV cell (the JSON files keep arrays).
pub(crate) const LIST_SEPARATOR: &str = "; ";

/// Columns of `register.csv`: (name, what it holds).
pub(crate) const SYSTEM_COLUMNS: &[(&str, &str)] = &[
    ("id", "The system's id; its page is /systems/<id>/."),
    ("url", "Full address of the system's page."),
    ("name", "Name of the system."),
    ("summary", "Plain-language summary, at most 350 characters."),
    (
        "service_area",
        "Id of the service area the system belongs to.",
    ),
    ("service_area_name", "Name of that service area."),
    (
        "status",
        "One of planned, pilot, in-use, paused or retired.",
    ),
    (
        "automation",
        "One of informs-staff, recommends, decides-with-review or decides-automatically; empty when the record does not say.",
    ),
    (
        "model_type",
        "One of rule-based, machine-learning, generative or hybrid; empty when the record does not say.",
    ),
    (
        "affects_residents_directly",
        "True or false; empty when the record does not say.",
    ),
    (
        "resident_contact",
        "How residents meet the system: behind-the-scenes, produces-what-you-receive or talks-to-you; empty when the record does not say.",
    ),
    (
        "uses_personal_data",
        "True if any data source is personal data; empty when the record does not say what data it uses.",
    ),
    (
        "uses_special_category_data",
        "True if any data source is special-category data (UK GDPR Article 9); empty when not known.",
    ),
    ("decision", "The decision the system plays a part in."),
    (
        "final_decision_by",
        "Who makes the final decision (a role).",
    ),
    ("who_is_affected", "Who is affected and how."),
    ("team", "The team that runs the system."),
    (
        "senior_responsible_owner",
        "The senior responsible owner (a role).",
    ),
    (
        "supplier",
        "The company that provides the system; empty if none.",
    ),
    (
        "started",
        "When the system started being used (YYYY-MM-DD); empty if not started.",
    ),
    (
        "last_reviewed",
        "When the record was last reviewed (YYYY-MM-DD).",
    ),
    (
        "review_by",
        "When the record will next be reviewed (YYYY-MM-DD).",
    ),
    (
        "challenge_routes",
        "Ids of the challenge routes that apply, separated by a semicolon and a space.",
    ),
    (
        "published_errors",
        "Ids of the errors published about the system, separated by a semicolon and a space.",
    ),
    ("licence", "The licence the information is published under."),
];

/// Columns of `errors.csv`: (name, what it holds).
pub(crate) const ERROR_COLUMNS: &[(&str, &str)] = &[
    ("id", "The error's id; its page is /errors/<id>/."),
    ("url", "Full address of the error's page."),
    ("title", "Title of the error."),
    ("summary", "Plain-language summary, at most 350 characters."),
    ("system", "Id of the system the error concerns."),
    ("found", "When the error was found (YYYY-MM-DD)."),
    ("found_by", "One of staff, resident, audit or monitoring."),
    (
        "status",
        "One of investigating, fixed, monitoring or closed.",
    ),
    (
        "fixed",
        "When it was fixed (YYYY-MM-DD); empty if not fixed.",
    ),
    (
        "people_affected",
        "How many people were affected; empty if not known.",
    ),
    ("what_we_did", "What was done about it."),
    (
        "what_you_can_do",
        "Ids of the challenge routes an affected resident can use, separated by a semicolon and a space.",
    ),
    ("licence", "The licence the information is published under."),
];

/// File size in words: bytes below 1 KB, then KB and MB with one decimal
/// below 10.
pub(crate) fn size_text(bytes: usize) -> String {
    let kb = bytes as f64 / 1024.0;
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if kb < 10.0 {
        format!("{kb:.1} KB")
    } else if kb < 1024.0 {
        format!("{} KB", kb.round() as u64)
    } else {
        format!("{:.1} MB", kb / 1024.0)
    }
}

fn format_of(path: &str) -> &'static str {
    if path.ends_with(".csv") {
        "CSV spreadsheet"
    } else if path.ends_with(".xml") {
        "Atom feed"
    } else {
        "JSON"
    }
}

/// The downloads the open data page lists, from the files themselves (so a
/// size is never out of date): the register's own files, then each
/// standard's export with its columns.
pub(crate) fn downloads(
    portal: &Portal,
    sizes: &[(&str, usize)],
    exports: &std::collections::BTreeMap<String, Vec<u8>>,
) -> (Vec<Download>, Vec<ExportView>) {
    let root = &portal.settings.root_path;
    let own = [
        (
            "register.json",
            "The whole register",
            "Every system, published error and challenge route, with every field.".to_string(),
        ),
        (
            "register.csv",
            "Systems",
            format!("One row per system: {} rows.", portal.systems.len()),
        ),
        (
            "errors.csv",
            "Published errors",
            format!("One row per published error: {} rows.", portal.errors.len()),
        ),
    ];
    let list = own
        .iter()
        .filter_map(|(path, title, description)| {
            let (_, size) = sizes.iter().find(|(p, _)| p == path)?;
            Some(Download {
                title: title.to_string(),
                url: format!("{root}{path}"),
                format: format_of(path),
                size: size_text(*size),
                description: description.clone(),
                anchor: match *path {
                    "register.json" => "register-json",
                    "register.csv" => "register-csv",
                    _ => "errors-csv",
                }
                .to_string(),
            })
        })
        .collect();
    let mut views = Vec::new();
    for &standard in &portal.settings.publish_exports {
        let mapping = standard.mapping();
        let files = exports
            .iter()
            .filter(|(p, _)| {
                p.strip_prefix("exports/")
                    .and_then(|n| n.rsplit_once('.'))
                    .is_some_and(|(stem, _)| stem == standard.name())
            })
            .map(|(path, bytes)| Download {
                title: format!("{} ({})", mapping.standard, format_of(path)),
                url: format!("{root}{path}"),
                format: format_of(path),
                size: size_text(bytes.len()),
                description: format!(
                    "One record per system, in the layout of {}.",
                    mapping.standard
                ),
                anchor: format!("export-{}", standard.name()),
            })
            .collect();
        let columns = mapping
            .columns
            .iter()
            .map(|c| ExportColumn {
                name: c.column.clone(),
                source: match (&c.field, &c.constant) {
                    (_, Some(value)) => format!("Always \u{201c}{value}\u{201d}."),
                    (Some(field), None) => format!("The system's {}.", field_words(*field)),
                    (None, None) => "We do not keep this information, so it is empty.".to_string(),
                },
                required: c.required,
                list: c.list,
            })
            .collect();
        views.push(ExportView {
            id: standard.name(),
            standard: mapping.standard.clone(),
            files,
            columns,
        });
    }
    (list, views)
}

/// A field's name as words: `human_oversight.who` → "human oversight: who".
fn field_words(field: crate::model::Field) -> String {
    field.name().replace('.', ": ").replace('_', " ")
}

fn licence_text(portal: &Portal) -> String {
    let l = &portal.settings.open_data_licence;
    format!("{} ({})", escape::isolate(&l.name), l.url)
}

/// Marks where a value made apart goes in a header serialized around it.
const SLOT: &str = "\u{0}glassbox-slot\u{0}";

/// `register.json`, written into `w` a chunk of systems at a time, and
/// each system's own file (`systems/<id>.json`), given to `each` as it is
/// made, in parallel. Each system is made into JSON once, for both files.
pub(crate) fn write_register_json(
    portal: &Portal,
    each: &(dyn Fn(String, Vec<u8>) + Sync),
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let header = |key: &str, schema: &str| {
        let mut map = Map::new();
        map.insert("schema_version".into(), SCHEMA_VERSION.into());
        map.insert(
            "schema".into(),
            format!("{}open-data/#{schema}", portal.settings.base_url).into(),
        );
        map.insert("licence".into(), licence(portal));
        map.insert("publisher".into(), publisher(portal));
        map.insert(key.into(), SLOT.into());
        map
    };
    let mut register = header("systems", "register-json");
    register.insert(
        "errors".into(),
        portal
            .errors
            .iter()
            .map(|e| error_json(portal, e))
            .collect::<Vec<_>>()
            .into(),
    );
    register.insert(
        "challenge_routes".into(),
        portal
            .challenges
            .iter()
            .map(|c| {
                entry_json(
                    c,
                    &format!("{}challenge/{}/", portal.settings.base_url, c.id),
                )
            })
            .collect::<Vec<_>>()
            .into(),
    );
    let (before, after) = split_at_slot(&pretty(&Value::Object(register)));
    w.write_all(before.as_bytes())?;
    // The systems in chunks: those of a chunk are made in parallel, then
    // written in order, so that only a chunk's texts are held at once.
    w.write_all(b"[")?;
    for (n, chunk) in portal.systems.chunks(256).enumerate() {
        let made: Vec<String> = chunk
            .par_iter()
            .map(|s| {
                let system = pretty_text(&system_json(portal, s));
                let mut one = header("system", "system-json");
                if let Some(versions) = crate::render::history::versions_json(portal, &s.id) {
                    one.insert("versions".into(), versions);
                }
                let (head, tail) = split_at_slot(&pretty(&Value::Object(one)));
                let mut file = head;
                file.push_str(&indent(&system, 2));
                file.push_str(&tail);
                each(format!("systems/{}.json", s.id), file.into_bytes());
                indent(&system, 4)
            })
            .collect();
        for (i, system) in made.iter().enumerate() {
            w.write_all(if n == 0 && i == 0 {
                b"\n    "
            } else {
                b",\n    "
            })?;
            w.write_all(system.as_bytes())?;
        }
    }
    w.write_all(if portal.systems.is_empty() {
        b"]"
    } else {
        b"\n  ]"
    })?;
    w.write_all(after.as_bytes())
}

/// The text before and after the slot's string in `text`.
fn split_at_slot(text: &[u8]) -> (String, String) {
    let text = String::from_utf8_lossy(text);
    let quoted = serde_json::to_string(SLOT).unwrap_or_default();
    match text.split_once(&quoted) {
        Some((before, after)) => (before.to_string(), after.to_string()),
        None => (text.into_owned(), String::new()),
    }
}

/// JSON text made `depth` spaces deeper: every line but the first. JSON
/// strings cannot hold a line break, so only the layout's lines move.
fn indent(text: &str, depth: usize) -> String {
    let pad = format!("\n{}", " ".repeat(depth));
    text.replace('\n', &pad)
}

/// `value` as pretty JSON, safe to embed, without the final line break.
fn pretty_text(value: &Value) -> String {
    escape::json(serde_json::to_string_pretty(value).unwrap_or_default())
}

fn pretty(value: &Value) -> Vec<u8> {
    let mut text = escape::json(serde_json::to_string_pretty(value).unwrap_or_default());
    text.push('\n');
    text.into_bytes()
}

fn licence(portal: &Portal) -> Value {
    let l = &portal.settings.open_data_licence;
    json!({ "name": l.name, "url": l.url })
}

fn publisher(portal: &Portal) -> Value {
    let o = &portal.settings.organisation;
    json!({ "name": o.name, "type": o.kind, "website": o.website })
}

/// Every field of an entry as written in content, plus its address; the
/// Markdown body as `body_markdown`. Where the entry came from is left out.
fn entry_json<T: serde::Serialize>(entry: &T, url: &str) -> Value {
    let mut map = match serde_json::to_value(entry) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    map.remove("source");
    if let Some(body) = map.remove("body") {
        map.insert("body_markdown".into(), body);
    }
    map.insert("url".into(), Value::String(url.to_string()));
    Value::Object(map)
}

fn system_json(portal: &Portal, s: &System) -> Value {
    let mut value = entry_json(s, &format!("{}systems/{}/", portal.settings.base_url, s.id));
    if let Value::Object(map) = &mut value {
        // Depends on the build date, not on the content.
        map.remove("review_overdue");
        map.insert("uses_personal_data".into(), s.uses_personal_data().into());
        map.insert(
            "uses_special_category_data".into(),
            s.uses_special_category_data().into(),
        );
    }
    value
}

fn error_json(portal: &Portal, e: &PublishedError) -> Value {
    entry_json(e, &format!("{}errors/{}/", portal.settings.base_url, e.id))
}

fn write_csv(header: &[(&str, &str)], rows: Vec<Vec<String>>) -> Result<Vec<u8>, String> {
    let names: Vec<&str> = header.iter().map(|(name, _)| *name).collect();
    Ok(csv::write(csv::Layout::Plain, &names, &rows))
}

fn opt<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(T::to_string).unwrap_or_default()
}

pub(crate) fn register_csv(portal: &Portal) -> Result<Vec<u8>, String> {
    let base = &portal.settings.base_url;
    let licence = licence_text(portal);
    let errors_of = portal.errors_by_system();
    let rows = portal
        .systems
        .par_iter()
        .map(|s| {
            let area = portal
                .settings
                .service_areas
                .iter()
                .find(|a| a.id == s.service_area)
                .map(|a| a.name.clone())
                .unwrap_or_default();
            let errors: Vec<&str> = errors_of
                .get(s.id.as_str())
                .into_iter()
                .flatten()
                .map(|e| e.id.as_str())
                .collect();
            vec![
                s.id.clone(),
                format!("{base}systems/{}/", s.id),
                s.name.clone(),
                s.summary.clone(),
                s.service_area.clone(),
                area,
                crate::render::facets::kebab(s.status),
                crate::render::facets::kebab(s.automation),
                crate::render::facets::kebab(s.model_type),
                known(s.affects_residents_directly),
                crate::render::facets::kebab(s.resident_contact),
                known(s.uses_personal_data()),
                known(s.uses_special_category_data()),
                s.decision.clone(),
                s.final_decision_by.clone(),
                s.who_is_affected.clone(),
                s.owner.team.to_string(),
                s.owner.senior_responsible_owner.to_string(),
                s.supplier
                    .as_ref()
                    .map(|x| x.name.to_string())
                    .unwrap_or_default(),
                opt(&s.started),
                s.last_reviewed.to_string(),
                if s.is_gap(crate::model::Field::ReviewBy) {
                    String::new()
                } else {
                    s.review_by.to_string()
                },
                s.challenge_routes.join(LIST_SEPARATOR),
                errors.join(LIST_SEPARATOR),
                licence.clone(),
            ]
        })
        .collect();
    write_csv(SYSTEM_COLUMNS, rows)
}

pub(crate) fn errors_csv(portal: &Portal) -> Result<Vec<u8>, String> {
    let base = &portal.settings.base_url;
    let licence = licence_text(portal);
    let rows = portal
        .errors
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                format!("{base}errors/{}/", e.id),
                e.title.clone(),
                e.summary.clone(),
                e.system.clone(),
                e.found.to_string(),
                crate::render::facets::kebab(e.found_by),
                crate::render::facets::kebab(e.status),
                opt(&e.fixed),
                opt(&e.people_affected),
                e.what_we_did.clone(),
                e.what_you_can_do.join(LIST_SEPARATOR),
                licence.clone(),
            ]
        })
        .collect();
    write_csv(ERROR_COLUMNS, rows)
}

/// A yes/no value as `true`/`false`, or an empty cell when the record does
/// not say.
fn known(b: Option<bool>) -> String {
    b.map(|b| b.to_string()).unwrap_or_default()
}
