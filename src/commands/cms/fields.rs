//! From the JSON Schema of a raw type to the form fields of the CMS: the
//! widget for each value, the order serde declares, hints and relations.

use serde_json::{Map, Value, json};

/// One kind of entry: a folder of Markdown files with YAML front matter.
pub(super) struct FolderKind {
    pub(super) name: &'static str,
    pub(super) label: &'static str,
    pub(super) singular: &'static str,
    pub(super) folder: &'static str,
    pub(super) schema: &'static str,
    /// The field the CMS lists entries by and makes the file name from.
    pub(super) identifier: &'static str,
    /// What the Markdown body below the front matter is for.
    pub(super) body_hint: &'static str,
}

pub(super) const FOLDERS: &[FolderKind] = &[
    FolderKind {
        name: "systems",
        label: "AI systems",
        singular: "AI system",
        folder: "content/systems",
        schema: "system.schema.json",
        identifier: "name",
        body_hint: "How the system works, in more depth. Markdown: ## for headings, - for lists.",
    },
    FolderKind {
        name: "errors",
        label: "Published errors",
        singular: "published error",
        folder: "content/errors",
        schema: "error.schema.json",
        identifier: "title",
        body_hint: "What happened, in plain words. Markdown: ## for headings, - for lists.",
    },
    FolderKind {
        name: "challenges",
        label: "Challenge routes",
        singular: "challenge route",
        folder: "content/challenges",
        schema: "challenge.schema.json",
        identifier: "title",
        body_hint: "Anything the fields above do not cover (optional). Markdown.",
    },
    FolderKind {
        name: "pages",
        label: "Pages",
        singular: "page",
        folder: "content/pages",
        schema: "page.schema.json",
        identifier: "title",
        body_hint: "The text of the page. Markdown: ## for headings, - for lists.",
    },
];

/// Fields whose text runs to sentences: a multi-line box instead of a
/// one-line input. Only the widget differs; the value is the same string.
const LONG_TEXT: &[&str] = &[
    "summary",
    "description",
    "introduction",
    "decision",
    "final_decision_by",
    "who_is_affected",
    "how",
    "benefits",
    "alternatives_considered",
    "result",
    "risk",
    "mitigation",
    "what_we_did",
    "who_can_start",
    "post",
    "in_person",
    "how_tested",
    "improvements",
    "problem",
    "no_challenge_route_reason",
    "fria_summary",
    "dpia_summary",
    "steps",
    "known_limitations",
    "role",
];

/// The fields of every raw struct in the order they are declared, which is
/// the order `new` writes them and the order the forms keep. JSON Schema
/// objects lose that order (serde_json sorts keys), so it is read from the
/// serde derive itself: [`declared_fields`] asks each type to deserialize
/// from a probe that only notes the field list it is offered.
pub(super) fn field_orders() -> Vec<&'static [&'static str]> {
    use crate::parse::schema::*;
    vec![
        declared_fields::<RawPortal>(),
        declared_fields::<RawAccessibility>(),
        declared_fields::<RawKnownIssue>(),
        declared_fields::<RawQuarter>(),
        declared_fields::<RawPlainLanguage>(),
        declared_fields::<RawJargon>(),
        declared_fields::<RawOrganisation>(),
        declared_fields::<RawServiceArea>(),
        declared_fields::<RawContact>(),
        declared_fields::<RawReportProblem>(),
        declared_fields::<RawLicence>(),
        declared_fields::<RawLink>(),
        declared_fields::<RawSystem>(),
        declared_fields::<RawAiAct>(),
        declared_fields::<RawImported>(),
        declared_fields::<Oversight>(),
        declared_fields::<DataSource>(),
        declared_fields::<Owner>(),
        declared_fields::<Supplier>(),
        declared_fields::<Contract>(),
        declared_fields::<Training>(),
        declared_fields::<RawGovernance>(),
        declared_fields::<RawHistorySettings>(),
        declared_fields::<RawLeaveOut>(),
        declared_fields::<RawOfficer>(),
        declared_fields::<RawEthicsGroup>(),
        declared_fields::<RawAiPolicy>(),
        declared_fields::<RawRaisingConcerns>(),
        declared_fields::<RawImpactAssessment>(),
        declared_fields::<BiasCheck>(),
        declared_fields::<Risk>(),
        declared_fields::<Monitoring>(),
        declared_fields::<Results>(),
        declared_fields::<ResultRow>(),
        declared_fields::<Change>(),
        declared_fields::<RawPublishedError>(),
        declared_fields::<RawChallengeRoute>(),
        declared_fields::<RawEscalation>(),
        declared_fields::<RawHelp>(),
        declared_fields::<RawPage>(),
    ]
}

/// The serde names of `T`'s fields, in declaration order.
pub(super) fn declared_fields<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    let mut seen = None;
    let _ = T::deserialize(Probe(&mut seen));
    seen.unwrap_or(&[])
}

/// A deserializer that fails at once, after noting the fields of the
/// struct it was asked for.
struct Probe<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> serde::Deserializer<'de> for Probe<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("field-order probe"))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(serde::de::Error::custom("field-order probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The declared order for an object with these property names: the raw
/// struct with exactly these fields.
pub(super) fn declared_order(
    orders: &[&'static [&'static str]],
    names: &[&String],
) -> Option<&'static [&'static str]> {
    orders.iter().copied().find(|fields| {
        fields.len() == names.len() && names.iter().all(|n| fields.contains(&n.as_str()))
    })
}

// ------------------------------------------------------------ schema walk

/// `#/definitions/Name` resolved against the root schema (repeatedly).
pub(super) fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..8 {
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let name = reference.rsplit('/').next().unwrap_or("");
        match root
            .get("definitions")
            .or_else(|| root.get("$defs"))
            .and_then(|d| d.get(name))
        {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// The schema without its `null` alternative: `anyOf: [X, null]` gives X,
/// `type: [T, "null"]` gives T. Keeps the outer description.
pub(super) fn strip_null(root: &Value, schema: &Value) -> Value {
    let schema = resolve(root, schema);
    // `allOf: [X]` is how schemars adds a description to a reference;
    // `anyOf: [X, null]` is an `Option`.
    let alternatives = schema
        .get("anyOf")
        .or_else(|| schema.get("allOf"))
        .and_then(Value::as_array);
    if let Some(any) = alternatives {
        let rest: Vec<&Value> = any
            .iter()
            .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if rest.len() == 1 {
            let mut inner = strip_null(root, rest[0]);
            if let (Some(obj), Some(d)) = (inner.as_object_mut(), schema.get("description")) {
                obj.insert("description".into(), d.clone());
            }
            for key in ["x-glassbox-refers-to"] {
                if let (Some(obj), Some(v)) = (inner.as_object_mut(), schema.get(key)) {
                    obj.insert(key.into(), v.clone());
                }
            }
            return inner;
        }
    }
    let mut schema = schema.clone();
    if let Some(types) = schema.get("type").and_then(Value::as_array) {
        let rest: Vec<Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .cloned()
            .collect();
        if rest.len() == 1 {
            schema["type"] = rest[0].clone();
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let rest: Vec<Value> = values.iter().filter(|v| !v.is_null()).cloned().collect();
        schema["enum"] = Value::Array(rest);
    }
    schema
}

/// The allowed values of an enum schema, with each one's description.
pub(super) fn enum_values(root: &Value, schema: &Value) -> Option<Vec<(String, Option<String>)>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(|v| (v.to_string(), None))
                .collect(),
        );
    }
    let variants = schema.get("oneOf").and_then(Value::as_array)?;
    let mut out = Vec::new();
    for variant in variants {
        let variant = resolve(root, variant);
        let description = variant
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        if let Some(c) = variant.get("const").and_then(Value::as_str) {
            out.push((c.to_string(), description));
        } else if let Some(values) = variant.get("enum").and_then(Value::as_array) {
            for v in values.iter().filter_map(Value::as_str) {
                out.push((v.to_string(), description.clone()));
            }
        } else {
            return None;
        }
    }
    Some(out)
}

/// `final_decision_by` → "Final decision by".
pub(super) fn label(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One form field per property of an object schema, in the declared order
/// (see [`field_orders`]). `optional_parent` names the object when it may be
/// left out as a whole: Decap would then still demand its required fields,
/// so the form asks for them only through the hint, and the build (whose
/// errors the preview shows) says when one is missing.
pub(super) fn object_fields(
    root: &Value,
    object: &Value,
    optional_parent: Option<&str>,
) -> Vec<Value> {
    let object = resolve(root, object);
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = object.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut names: Vec<&String> = properties.keys().collect();
    if let Some(order) = declared_order(&field_orders(), &names) {
        names.sort_by_key(|n| order.iter().position(|f| f == n));
    }
    names
        .into_iter()
        .map(|name| {
            let needed = required.contains(&name.as_str());
            let mut f = field(
                root,
                name,
                &properties[name],
                needed && optional_parent.is_none(),
            );
            if let (true, Some(parent)) = (needed, optional_parent) {
                let hint = f
                    .get("hint")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                f["hint"] = format!(
                    "Needed when you fill in {}.{}{}",
                    label(parent).to_lowercase(),
                    if hint.is_empty() { "" } else { " " },
                    hint
                )
                .into();
            }
            f
        })
        .collect()
}

/// The form field for one property.
pub(super) fn field(root: &Value, name: &str, schema: &Value, required: bool) -> Value {
    let outer = resolve(root, schema);
    let schema = strip_null(root, schema);
    let mut f = Map::new();
    f.insert("name".into(), name.into());
    f.insert("label".into(), label(name).into());
    f.insert("required".into(), required.into());
    let mut hint = outer
        .get("description")
        .or_else(|| schema.get("description"))
        .and_then(Value::as_str)
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let refers_to = schema
        .get("x-glassbox-refers-to")
        .or_else(|| outer.get("x-glassbox-refers-to"))
        .and_then(Value::as_str);
    let kind = schema.get("type").and_then(Value::as_str).unwrap_or("");
    let multiple = kind == "array";

    if let Some(target) = refers_to {
        relation(&mut f, target, multiple);
    } else if let Some(values) = enum_values(root, &schema) {
        select(&mut f, &values, false, &mut hint);
    } else {
        match kind {
            "boolean" => {
                f.insert("widget".into(), "boolean".into());
                let default = schema
                    .get("default")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                f.insert("default".into(), default.into());
            }
            "integer" | "number" => {
                f.insert("widget".into(), "number".into());
                f.insert(
                    "value_type".into(),
                    if kind == "integer" { "int" } else { "float" }.into(),
                );
                if let Some(min) = schema.get("minimum") {
                    f.insert("min".into(), min.clone());
                }
            }
            "string" => string_widget(&mut f, name, &schema),
            "object" => {
                let fields = object_fields(root, &schema, (!required).then_some(name));
                if fields.is_empty() {
                    // A map of free keys: glassbox import writes it; the
                    // form keeps it as it is.
                    f.insert("widget".into(), "hidden".into());
                } else {
                    f.insert("widget".into(), "object".into());
                    f.insert("collapsed".into(), (!required).into());
                    f.insert("fields".into(), Value::Array(fields));
                }
            }
            "array" => {
                let items = strip_null(root, schema.get("items").unwrap_or(&Value::Null));
                let item_kind = items.get("type").and_then(Value::as_str).unwrap_or("");
                if let Some(values) = enum_values(root, &items) {
                    select(&mut f, &values, true, &mut hint);
                } else if item_kind == "object" {
                    f.insert("widget".into(), "list".into());
                    f.insert("collapsed".into(), true.into());
                    let fields = object_fields(root, &items, None);
                    if let Some(first) = fields.first().and_then(|x| x.get("name")) {
                        f.insert(
                            "summary".into(),
                            format!("{{{{fields.{}}}}}", first.as_str().unwrap_or("")).into(),
                        );
                    }
                    f.insert("fields".into(), Value::Array(fields));
                } else {
                    f.insert("widget".into(), "list".into());
                    let mut item = Map::new();
                    item.insert("name".into(), "item".into());
                    item.insert("label".into(), label(name).into());
                    string_widget(&mut item, name, &items);
                    f.insert("field".into(), Value::Object(item));
                }
            }
            other => {
                // Unknown shapes are a bug in this module; the test that
                // every content field has a form field catches it.
                f.insert("widget".into(), format!("unsupported:{other}").into());
            }
        }
    }
    if !hint.is_empty() {
        f.insert("hint".into(), hint.into());
    }
    Value::Object(f)
}

pub(super) fn string_widget(f: &mut Map<String, Value>, name: &str, schema: &Value) {
    if schema.get("format").and_then(Value::as_str) == Some("date") {
        f.insert("widget".into(), "datetime".into());
        f.insert("format".into(), "YYYY-MM-DD".into());
        f.insert("date_format".into(), "YYYY-MM-DD".into());
        f.insert("time_format".into(), false.into());
        f.insert("picker_utc".into(), true.into());
    } else if LONG_TEXT.contains(&name) {
        f.insert("widget".into(), "text".into());
    } else {
        f.insert("widget".into(), "string".into());
    }
}

pub(super) fn select(
    f: &mut Map<String, Value>,
    values: &[(String, Option<String>)],
    multiple: bool,
    hint: &mut String,
) {
    f.insert("widget".into(), "select".into());
    if multiple {
        f.insert("multiple".into(), true.into());
    }
    let options: Vec<Value> = values
        .iter()
        .map(|(value, _)| json!({ "label": label(&value.replace('-', "_")), "value": value }))
        .collect();
    f.insert("options".into(), Value::Array(options));
    // Each value's meaning, after the field's own description.
    let meanings: Vec<String> = values
        .iter()
        .filter_map(|(value, d)| {
            d.as_ref().map(|d| {
                format!(
                    "{}: {}",
                    label(&value.replace('-', "_")),
                    d.trim_end_matches('.')
                )
            })
        })
        .collect();
    if !meanings.is_empty() {
        if !hint.is_empty() && !hint.ends_with('.') {
            hint.push('.');
        }
        if !hint.is_empty() {
            hint.push(' ');
        }
        hint.push_str(&meanings.join(". "));
        hint.push('.');
    }
}

/// A choice among existing entries: other collections by name, or the
/// service areas listed in the portal settings.
pub(super) fn relation(f: &mut Map<String, Value>, target: &str, multiple: bool) {
    f.insert("widget".into(), "relation".into());
    if target == "service_areas" {
        f.insert("collection".into(), "settings".into());
        f.insert("file".into(), "portal".into());
        f.insert("value_field".into(), "service_areas.*.id".into());
        f.insert("search_fields".into(), json!(["service_areas.*.name"]));
        f.insert("display_fields".into(), json!(["service_areas.*.name"]));
    } else {
        let kind = FOLDERS.iter().find(|k| k.name == target);
        let shown = kind.map_or("title", |k| k.identifier);
        f.insert("collection".into(), target.into());
        f.insert("value_field".into(), "{{slug}}".into());
        f.insert("search_fields".into(), json!([shown]));
        f.insert("display_fields".into(), json!([shown]));
    }
    if multiple {
        f.insert("multiple".into(), true.into());
    }
    f.insert("options_length".into(), 200.into());
}

/// The content fields (as `path.to.field`) of `schema` that have no form
/// field in `fields`, walking nested objects and lists of objects. Empty
/// when the forms can edit everything.
#[cfg(test)]
pub(super) fn missing_fields(root: &Value, schema: &Value, fields: &[Value]) -> Vec<String> {
    let mut missing = Vec::new();
    walk_missing(root, schema, fields, "", &mut missing);
    missing
}

#[cfg(test)]
pub(super) fn walk_missing(
    root: &Value,
    schema: &Value,
    fields: &[Value],
    at: &str,
    out: &mut Vec<String>,
) {
    let schema = strip_null(root, schema);
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, property) in properties {
        let path = if at.is_empty() {
            name.clone()
        } else {
            format!("{at}.{name}")
        };
        let Some(field) = fields
            .iter()
            .find(|f| f.get("name").and_then(Value::as_str) == Some(name.as_str()))
        else {
            out.push(path);
            continue;
        };
        let widget = field.get("widget").and_then(Value::as_str).unwrap_or("");
        if widget.is_empty() || widget.starts_with("unsupported") {
            out.push(format!("{path} (no widget)"));
            continue;
        }
        let property = strip_null(root, property);
        let nested = match property.get("type").and_then(Value::as_str) {
            Some("object") => Some(property.clone()),
            Some("array") => Some(strip_null(
                root,
                property.get("items").unwrap_or(&Value::Null),
            )),
            _ => None,
        };
        if let Some(nested) = nested
            && nested.get("properties").is_some()
        {
            let inner = field
                .get("fields")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            walk_missing(root, &nested, inner, &path, out);
        }
    }
}
