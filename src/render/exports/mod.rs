//! `glassbox export`: the portal's systems as records of another standard
//! (ATRS, the Dutch register, Eurocities, the EU AI Act database), as CSV
//! and JSON, shaped by the mapping files in `mappings/`.

pub mod mapping;

use std::collections::BTreeMap;

use serde_json::Value as Json;

pub use crate::parse::schema::Standard;
pub use mapping::{Column, Mapping, Value};

use crate::model::{AiActRiskClass, Portal, System};
use crate::render::escape;

/// One system as a record of a standard.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub name: String,
    /// One value per column of the mapping, `None` when glassbox has none.
    pub values: Vec<Option<Value>>,
    /// Required columns left empty.
    pub missing_required: Vec<String>,
    /// All columns left empty (glassbox has no source, or the entry does not say).
    pub empty: Vec<String>,
}

/// The systems a format covers: all of them, or for `ai-act` the high-risk ones.
pub fn systems(portal: &Portal, format: Standard) -> Vec<&System> {
    portal
        .systems
        .iter()
        .filter(|s| {
            format != Standard::AiAct
                || s.ai_act
                    .as_ref()
                    .is_some_and(|a| a.risk_class == AiActRiskClass::HighRisk)
        })
        .collect()
}

/// Every system of `format` as a record.
pub fn records(portal: &Portal, format: Standard, mapping: &Mapping) -> Vec<Record> {
    systems(portal, format)
        .into_iter()
        .map(|s| {
            let values: Vec<Option<Value>> = mapping
                .columns
                .iter()
                .map(|c| {
                    c.field
                        .and_then(|f| mapping::get(portal, s, f, c))
                        .or_else(|| kept(s, format, c))
                })
                .collect();
            let empty = |required_only: bool| {
                mapping
                    .columns
                    .iter()
                    .zip(&values)
                    .filter(|(c, v)| v.is_none() && (c.required || !required_only))
                    .map(|(c, _)| c.column.clone())
                    .collect()
            };
            Record {
                id: s.id.clone(),
                name: s.name.clone(),
                missing_required: empty(true),
                empty: empty(false),
                values,
            }
        })
        .collect()
}

/// A field an import from the same standard kept as it was given.
fn kept(s: &System, format: Standard, c: &Column) -> Option<Value> {
    let imported = s.imported.as_ref()?;
    if imported.from.name() != format.name() {
        return None;
    }
    let raw = imported.other_fields.get(&c.column)?;
    if c.list
        && let Some(value) = Value::from_json_list(raw)
    {
        return Some(value);
    }
    Some(Value::One(raw.clone()))
}

/// The CSV of the records: the mapping's columns in order, one row each.
pub fn to_csv(mapping: &Mapping, records: &[Record]) -> Vec<u8> {
    let header: Vec<&str> = mapping.columns.iter().map(|c| c.column.as_str()).collect();
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            r.values
                .iter()
                .map(|v| v.as_ref().map(Value::cell).unwrap_or_default())
                .collect()
        })
        .collect();
    crate::parse::csv::write(crate::parse::csv::Layout::Strict, &header, &rows)
}

/// A JSON object whose keys keep the given order (the standard's order),
/// pretty-printed at `depth`.
struct Ordered(Vec<(String, Ordered)>, Option<Json>);

impl Ordered {
    fn leaf(v: Json) -> Ordered {
        Ordered(Vec::new(), Some(v))
    }

    fn write(&self, out: &mut String, depth: usize) {
        if let Some(v) = &self.1 {
            let text = serde_json::to_string_pretty(v).unwrap_or_default();
            // Indent nested lines of an array to the current depth.
            out.push_str(&text.replace('\n', &format!("\n{}", "  ".repeat(depth))));
            return;
        }
        if self.0.is_empty() {
            out.push_str("{}");
            return;
        }
        out.push_str("{\n");
        for (i, (k, v)) in self.0.iter().enumerate() {
            out.push_str(&"  ".repeat(depth + 1));
            out.push_str(&Json::String(k.clone()).to_string());
            out.push_str(": ");
            v.write(out, depth + 1);
            out.push_str(if i + 1 < self.0.len() { ",\n" } else { "\n" });
        }
        out.push_str(&"  ".repeat(depth));
        out.push('}');
    }
}

/// The JSON of the records, keys in the standard's order. Columns are
/// grouped by the standard's sections when the mapping has them; every
/// record lists the columns left empty, so nothing is invented or hidden.
pub fn to_json(mapping: &Mapping, records: &[Record]) -> Vec<u8> {
    let records: Vec<Ordered> = records
        .iter()
        .map(|r| {
            let mut record: Vec<(String, Ordered)> = Vec::new();
            for (c, v) in mapping.columns.iter().zip(&r.values) {
                let value = Ordered::leaf(v.as_ref().map(Value::json).unwrap_or(Json::Null));
                match &c.section {
                    Some(section) => {
                        if record.last().is_none_or(|(s, _)| s != section) {
                            record.push((section.clone(), Ordered(Vec::new(), None)));
                        }
                        if let Some((_, fields)) = record.last_mut() {
                            fields.0.push((c.column.clone(), value));
                        }
                    }
                    None => record.push((c.column.clone(), value)),
                }
            }
            record.push((
                "missing_required".into(),
                Ordered::leaf(r.missing_required.clone().into()),
            ));
            record.push(("not_given".into(), Ordered::leaf(r.empty.clone().into())));
            Ordered(record, None)
        })
        .collect();
    let mut out = String::new();
    out.push_str("{\n  \"standard\": ");
    out.push_str(&Json::String(mapping.standard.clone()).to_string());
    out.push_str(",\n  \"version\": ");
    out.push_str(&Json::String(mapping.version.clone()).to_string());
    out.push_str(",\n  \"records\": [");
    for (i, r) in records.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        r.write(&mut out, 2);
    }
    out.push_str(if records.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    escape::json(out).into_bytes()
}

/// The files an export writes: `<format>.csv` and `<format>.json`, and for
/// `ai-act` also `ai-act.html`, a page a person can read.
pub fn export(portal: &Portal, format: Standard) -> (BTreeMap<String, Vec<u8>>, Vec<Record>) {
    let mapping = format.mapping();
    let records = records(portal, format, &mapping);
    let mut files = BTreeMap::new();
    files.insert(format!("{}.csv", format.name()), to_csv(&mapping, &records));
    files.insert(
        format!("{}.json", format.name()),
        to_json(&mapping, &records),
    );
    if format == Standard::AiAct {
        files.insert(
            "ai-act.html".into(),
            ai_act_page(portal, &mapping, &records),
        );
    }
    (files, records)
}

/// The files of the exports `portal.yaml` asks to publish
/// (`publish_exports`), under `exports/`: the CSV and JSON. (The AI Act's
/// readable page is not themed, so it is left out of the site.)
pub fn site_files(portal: &Portal) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for &format in &portal.settings.publish_exports {
        for (name, bytes) in export(portal, format).0 {
            if !name.ends_with(".html") {
                out.insert(format!("exports/{name}"), bytes);
            }
        }
    }
    out
}

/// The `--check` report: per system, the required fields of the standard
/// that are missing. Empty when every record is complete.
pub fn check_report(format: Standard, records: &[Record]) -> Vec<String> {
    let mapping = format.mapping();
    records
        .iter()
        .filter(|r| !r.missing_required.is_empty())
        .map(|r| {
            format!(
                "{} ({}): {} required {} field(s) missing: {}",
                r.id,
                r.name,
                r.missing_required.len(),
                mapping.standard,
                r.missing_required.join(", ")
            )
        })
        .collect()
}

/// A plain, self-contained HTML page of the AI Act entries: what a council
/// sends to the EU database, for a person to read and check first.
fn ai_act_page(portal: &Portal, mapping: &Mapping, records: &[Record]) -> Vec<u8> {
    let org = escape::html(&portal.settings.organisation.name);
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>EU AI Act database entries: {org}</title>\n\
         <style>body{{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:0 auto;padding:1rem;color:#0b0c0c}}\
         dt{{font-weight:700;margin-top:.75rem}}dd{{margin:0}}.missing{{color:#6b2300}}</style>\n\
         </head>\n<body>\n<main>\n<h1>EU AI Act database entries: {org}</h1>\n\
         <p>For each high-risk AI system we use, the information a public-authority deployer registers in the EU database \
         (Regulation (EU) 2024/1689, Article 49(3) and Annex VIII Section C).</p>\n"
    );
    if records.is_empty() {
        html.push_str("<p>No system is marked as high-risk (<code>ai_act: risk_class: high-risk</code>).</p>\n");
    }
    for r in records {
        html.push_str(&format!("<h2>{}</h2>\n", escape::html(&r.name)));
        if !r.missing_required.is_empty() {
            html.push_str(&format!(
                "<p class=\"missing\"><strong>Not ready to submit.</strong> Missing: {}.</p>\n",
                escape::html(&r.missing_required.join(", "))
            ));
        }
        let mut section: Option<&str> = None;
        for (c, v) in mapping.columns.iter().zip(&r.values) {
            if c.section.as_deref() != section {
                if section.is_some() {
                    html.push_str("</dl>\n");
                }
                section = c.section.as_deref();
                html.push_str(&format!(
                    "<h3>{}</h3>\n<dl>\n",
                    escape::html(section.unwrap_or("Entry"))
                ));
            }
            let label = c.column.replace('_', " ");
            let label = format!("{}{}", label[..1].to_uppercase(), &label[1..]);
            let value = match v {
                Some(Value::One(text)) if text.starts_with("https://") => {
                    format!("<a href=\"{0}\">{0}</a>", escape::html(text))
                }
                Some(value) => escape::html(&match value {
                    Value::One(t) => t.clone(),
                    other => other.cell(),
                }),
                None => "<span class=\"missing\">Not given yet</span>".to_string(),
            };
            html.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>\n",
                escape::html(&label),
                value
            ));
        }
        if section.is_some() {
            html.push_str("</dl>\n");
        }
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html.into_bytes()
}
