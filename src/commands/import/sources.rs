//! Reading the files other registers publish into rows keyed by the
//! standard's column names (as in `mappings/`), plus what only that source
//! gives (organisation, source address, dates, a category).

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::model::Field;
use crate::render::exports::{Mapping, Standard, Value};

/// One record of a source file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    /// Values by the standard's column name.
    pub columns: BTreeMap<String, Value>,
    /// Values by glassbox field that the source gives outside the
    /// standard's columns (e.g. the GOV.UK finder's dates).
    pub fields: BTreeMap<Field, Value>,
    /// The service area to file it under, by name.
    pub area: Option<String>,
}

/// Reads `text` (the contents of `file_name`) as records of `format`.
pub(crate) fn read(
    format: Standard,
    file_name: &str,
    text: &str,
    mapping: &Mapping,
) -> Result<Vec<Row>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let is_json = file_name.to_ascii_lowercase().ends_with(".json")
        || text.trim_start().starts_with(['{', '[']);
    if !is_json {
        if format == Standard::Atrs
            && let Some(rows) = govuk_csv(text)?
        {
            return Ok(rows);
        }
        return read_csv(text, mapping);
    }
    let doc: Json = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    match (format, &doc) {
        (Standard::Atrs, Json::Object(o)) if o.contains_key("results") => govuk_search(&doc),
        (Standard::Nl, Json::Object(o)) if o.contains_key("algoritmes") => nl_listing(&doc),
        (_, Json::Object(o)) if o.contains_key("records") => glassbox_export(&doc),
        (Standard::Atrs, _) => Err("expected the GOV.UK search API shape (an object with `results`) or a glassbox ATRS export (with `records`)".into()),
        (Standard::Nl, _) => Err("expected the register's listing (an object with `algoritmes`) or a glassbox NL export (with `records`)".into()),
        _ => Err("expected a glassbox export (an object with `records`)".into()),
    }
}

fn read_csv(text: &str, mapping: &Mapping) -> Result<Vec<Row>, String> {
    let (header, rows) = crate::parse::csv::read(text)?;
    let known: Vec<&str> = mapping.columns.iter().map(|c| c.column.as_str()).collect();
    if !header
        .iter()
        .any(|h| known.contains(&h.trim_end_matches('*')))
    {
        return Err(format!(
            "none of the CSV's columns is a {} column; expected columns such as {}",
            mapping.standard,
            known[..known.len().min(5)].join(", ")
        ));
    }
    Ok(rows
        .into_iter()
        .map(|cells| {
            let mut row = Row::default();
            for (h, cell) in header.iter().zip(cells) {
                let column = h.trim_end_matches('*').to_string();
                let list = mapping.columns.iter().any(|c| c.column == column && c.list);
                if let Some(v) = cell_value(&cell, list) {
                    row.columns.insert(column, v);
                }
            }
            if let Some(Value::One(category)) = row.columns.get("category") {
                row.area = category.split(", ").next().map(str::to_string);
            }
            row
        })
        .collect())
}

/// A CSV cell: list columns hold a JSON array (of strings, or of objects).
fn cell_value(cell: &str, list: bool) -> Option<Value> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    if list && let Some(value) = Value::from_json_list(cell) {
        return Some(value);
    }
    Some(if list {
        Value::Many(vec![cell.to_string()])
    } else {
        Value::One(cell.to_string())
    })
}

fn json_value(v: &Json) -> Option<Value> {
    match v {
        Json::String(s) if !s.trim().is_empty() => Some(Value::One(s.clone())),
        Json::Array(items) if items.iter().all(Json::is_string) && !items.is_empty() => {
            Some(Value::Many(
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect(),
            ))
        }
        Json::Array(items) if !items.is_empty() => Some(Value::Json(v.clone())),
        Json::Number(n) => Some(Value::One(n.to_string())),
        Json::Bool(b) => Some(Value::One(b.to_string())),
        _ => None,
    }
}

/// A glassbox export (`glassbox export FORMAT`): `records`, each flat or
/// grouped by section.
fn glassbox_export(doc: &Json) -> Result<Vec<Row>, String> {
    let records = doc["records"].as_array().ok_or("`records` is not a list")?;
    Ok(records
        .iter()
        .map(|r| {
            let mut row = Row::default();
            let mut add = |k: &str, v: &Json| {
                if k != "missing_required"
                    && k != "not_given"
                    && let Some(value) = json_value(v)
                {
                    row.columns.insert(k.to_string(), value);
                }
            };
            if let Some(o) = r.as_object() {
                for (k, v) in o {
                    match v {
                        Json::Object(section) => section.iter().for_each(|(k, v)| add(k, v)),
                        v => add(k, v),
                    }
                }
            }
            if let Some(Value::One(category)) = row.columns.get("category") {
                row.area = category.split(", ").next().map(str::to_string);
            }
            row
        })
        .collect())
}

/// "v3", "3", "3.0", "v3.0", " V3.0 " -> "3.0".
pub(crate) fn atrs_version(raw: &str) -> Option<String> {
    let v = raw.trim().trim_start_matches(['v', 'V']).trim();
    if v.is_empty() || !v.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let mut parts = v.split('.').filter(|p| !p.is_empty());
    let major: u32 = parts.next()?.parse().ok()?;
    let minor: u32 = parts.next().map(|m| m.parse().unwrap_or(0)).unwrap_or(0);
    Some(format!("{major}.{minor}"))
}

/// An organisation slug as words: "london-borough-of-barnet" -> "London Borough of Barnet".
pub(crate) fn humanise_slug(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w, "of" | "and" | "for" | "the" | "in" | "on") {
                w.to_string()
            } else {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The GOV.UK search API's ATRS finder results.
fn govuk_search(doc: &Json) -> Result<Vec<Row>, String> {
    let results = doc["results"].as_array().ok_or("`results` is not a list")?;
    Ok(results
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().map(str::trim).filter(|s| !s.is_empty());
            let mut row = Row::default();
            let mut col = |k: &str, v: Option<String>| {
                if let Some(v) = v {
                    row.columns.insert(k.to_string(), Value::One(v));
                }
            };
            let title = s("title").unwrap_or_default();
            // Titles read "Organisation: Tool". The finder's organisation
            // slug is sometimes another body (a council's record filed under
            // a department), so the title's own prefix wins.
            let (org, name) = match title.split_once(": ") {
                Some((org, name)) if !org.trim().is_empty() && !name.trim().is_empty() => {
                    (Some(org.trim().to_string()), name.trim().to_string())
                }
                _ => (None, title.to_string()),
            };
            let org = org
                .or_else(|| s("algorithmic_transparency_record_organisation").map(humanise_slug));
            let link = s("link").unwrap_or_default();
            col("name", Some(name));
            col("organisation", org);
            col("description", s("description").map(str::to_string));
            col(
                "id",
                link.rsplit('/')
                    .next()
                    .map(str::to_string)
                    .filter(|x| !x.is_empty()),
            );
            // A path on GOV.UK is joined to its host; a whole address is kept
            // as it is (and checked like any other); anything else is no
            // address at all, never glued to the host.
            col(
                "website",
                if link.starts_with('/') && !link.starts_with("//") {
                    Some(format!("https://www.gov.uk{link}"))
                } else if crate::model::is_web_url(link) {
                    Some(link.to_string())
                } else {
                    None
                },
            );
            col(
                "phase",
                s("algorithmic_transparency_record_phase").map(str::to_string),
            );
            let published = s("algorithmic_transparency_record_date_published").map(str::to_string);
            let updated = s("public_timestamp")
                .and_then(|t| t.get(..10))
                .map(str::to_string);
            // The record was last updated at the later of the two.
            let last = match (&published, &updated) {
                (Some(p), Some(u)) => Some(p.clone().max(u.clone())),
                (p, u) => p.clone().or(u.clone()),
            };
            col("date_completion", last);
            if let Some(v) =
                s("algorithmic_transparency_record_atrs_version").and_then(atrs_version)
            {
                row.fields
                    .insert(Field::ImportedStandardVersion, Value::One(v));
            }
            row.area = r["algorithmic_transparency_record_function"]
                .as_array()
                .and_then(|f| f.first())
                .and_then(Json::as_str)
                .map(|f| {
                    let h = humanise_slug(f);
                    let mut c = h.chars();
                    c.next()
                        .map(|f| f.to_string() + &c.as_str().to_lowercase())
                        .unwrap_or_default()
                });
            row
        })
        .collect())
}

/// A CSV of GOV.UK finder records (as the ATRS audit data set publishes
/// them: `title`, `description`, `source_url`, `organisation`, `function`
/// with `|` between values, `phase`, `date_published`, `atrs_version_raw`,
/// `public_updated_at`), read like the search API's results. `None` when
/// the CSV has other columns.
fn govuk_csv(text: &str) -> Result<Option<Vec<Row>>, String> {
    let (header, rows) = crate::parse::csv::read(text)?;
    let at = |name: &str| header.iter().position(|h| h == name);
    let (Some(title), Some(url)) = (at("title"), at("source_url")) else {
        return Ok(None);
    };
    let results: Vec<Json> = rows
        .iter()
        .map(|r| {
            let get = |i: Option<usize>| i.and_then(|i| r.get(i)).cloned().unwrap_or_default();
            let list = |i: Option<usize>| -> Vec<String> {
                get(i)
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let version = at("atrs_version_raw").or(at("atrs_version"));
            serde_json::json!({
                "title": get(Some(title)),
                "description": get(at("description")),
                "link": get(Some(url)),
                "algorithmic_transparency_record_organisation": get(at("organisation")),
                "algorithmic_transparency_record_function": list(at("function")),
                "algorithmic_transparency_record_phase": get(at("phase")),
                "algorithmic_transparency_record_date_published": get(at("date_published")),
                "algorithmic_transparency_record_atrs_version": get(version),
                "public_timestamp": get(at("public_updated_at")),
            })
        })
        .collect();
    govuk_search(&serde_json::json!({ "results": results })).map(Some)
}

/// The Dutch register's listing (`algoritmes`).
fn nl_listing(doc: &Json) -> Result<Vec<Row>, String> {
    let records = doc["algoritmes"]
        .as_array()
        .ok_or("`algoritmes` is not a list")?;
    Ok(records
        .iter()
        .map(|r| {
            let s = |k: &str| {
                r[k].as_str()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let mut row = Row::default();
            let mut col = |k: &str, v: Option<String>| {
                if let Some(v) = v {
                    row.columns.insert(k.to_string(), Value::One(v));
                }
            };
            col("name", s("title"));
            col("organization", s("organisatie"));
            col("goal", s("doel"));
            col("lawful_basis", s("juridische_basis"));
            col("status", s("status"));
            col("url", s("url"));
            // The listing is the Dutch-language register.
            col("lang", Some("nld".into()));
            let last = [s("geregistreerd"), s("toegevoegd")]
                .into_iter()
                .flatten()
                .max();
            if let Some(last) = last {
                row.fields.insert(Field::LastReviewed, Value::One(last));
            }
            row.area = s("organisatie");
            row
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atrs_versions_are_normalised() {
        for (raw, want) in [
            ("v3", Some("3.0")),
            ("3.0", Some("3.0")),
            ("v3.0", Some("3.0")),
            (" V4.0 ", Some("4.0")),
            ("v2.1", Some("2.1")),
            ("1.1", Some("1.1")),
            ("", None),
            ("three", None),
        ] {
            assert_eq!(atrs_version(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn slugs_read_as_names() {
        assert_eq!(
            humanise_slug("london-borough-of-barnet"),
            "London Borough of Barnet"
        );
        assert_eq!(
            humanise_slug("department-for-science-innovation-and-technology"),
            "Department for Science Innovation and Technology"
        );
    }
}
