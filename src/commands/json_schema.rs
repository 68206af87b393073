//! JSON Schema for `portal.yaml` and the front matter of each entry kind,
//! derived (with schemars) from the same raw serde types in [`crate::parse::schema`]
//! that the build parses, so the two cannot drift apart. An editor with the
//! YAML language server reads these files to complete field names and flag
//! mistakes while typing; the build stays the judge.
//!
//! schemars is used in this module only (and in the derives on the raw
//! types). The schemas follow JSON Schema draft-07, the draft the YAML
//! language server supports best.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use crate::parse::schema::{RawChallengeRoute, RawPage, RawPortal, RawPublishedError, RawSystem};

/// The folder, relative to the portal folder, where `glassbox init` puts the
/// schema files and where scaffolded entries point to.
pub(crate) const PORTAL_SCHEMA_DIR: &str = "schemas";

/// One schema file: its file name and its JSON text.
#[derive(Debug, Clone)]
pub(crate) struct SchemaFile {
    /// e.g. `system.schema.json`.
    pub file_name: &'static str,
    pub json: serde_json::Value,
}

impl SchemaFile {
    /// The file's text: pretty JSON with a final newline.
    pub(crate) fn text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.json).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The schema of every file a portal author writes, in a stable order.
pub(crate) fn schema_files() -> Vec<SchemaFile> {
    vec![
        file::<RawPortal>(
            "portal.schema.json",
            "content/portal.yaml",
            "glassbox portal.yaml",
        ),
        file::<RawSystem>(
            "system.schema.json",
            "the front matter of content/systems/*.md",
            "glassbox system",
        ),
        file::<RawPublishedError>(
            "error.schema.json",
            "the front matter of content/errors/*.md",
            "glassbox published error",
        ),
        file::<RawChallengeRoute>(
            "challenge.schema.json",
            "the front matter of content/challenges/*.md",
            "glassbox challenge route",
        ),
        file::<RawPage>(
            "page.schema.json",
            "the front matter of content/pages/*.md",
            "glassbox page",
        ),
    ]
}

/// The schema file for the entries in `content/<folder>/` (`systems`,
/// `errors`, `challenges`, `pages`), or for `portal.yaml` with `"portal"`.
pub(crate) fn file_name_for(folder: &str) -> Option<&'static str> {
    Some(match folder {
        "portal" => "portal.schema.json",
        "systems" => "system.schema.json",
        "errors" => "error.schema.json",
        "challenges" => "challenge.schema.json",
        "pages" => "page.schema.json",
        _ => return None,
    })
}

fn file<T: JsonSchema>(
    file_name: &'static str,
    describes: &'static str,
    title: &str,
) -> SchemaFile {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    if !schema
        .as_object()
        .is_some_and(|o| o.contains_key("description"))
    {
        schema.insert(
            "description".into(),
            format!("The schema of {describes}.").into(),
        );
    }
    SchemaFile {
        file_name,
        json: schema.to_value(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_forbids_unknown_fields_and_lists_required_ones() {
        for file in schema_files() {
            let json = &file.json;
            assert_eq!(
                json["$schema"], "http://json-schema.org/draft-07/schema#",
                "{}",
                file.file_name
            );
            assert_eq!(json["additionalProperties"], false, "{}", file.file_name);
            assert!(
                json["required"].as_array().is_some_and(|r| !r.is_empty()),
                "{}",
                file.file_name
            );
        }
    }

    #[test]
    fn system_schema_knows_fields_enums_dates_and_docs() {
        let system = schema_files()
            .into_iter()
            .find(|f| f.file_name == "system.schema.json")
            .unwrap()
            .json;
        let props = &system["properties"];
        assert_eq!(props["last_reviewed"]["format"], "date");
        assert_eq!(props["summary"]["type"], "string");
        assert!(
            props["benefits"]["description"]
                .as_str()
                .unwrap()
                .contains("Why the system is used")
        );
        let required: Vec<&str> = system["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert!(required.contains(&"review_by"));
        assert!(!required.contains(&"supplier"));
        let text = system.to_string();
        assert!(text.contains("\"decides-automatically\""), "{text}");
    }

    #[test]
    fn file_names_match_the_folders() {
        for folder in ["portal", "systems", "errors", "challenges", "pages"] {
            let name = file_name_for(folder).unwrap();
            assert!(schema_files().iter().any(|f| f.file_name == name));
        }
        assert_eq!(file_name_for("assets"), None);
    }
}
