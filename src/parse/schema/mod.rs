//! The content model as it is written on disk: the raw serde types for
//! `content/portal.yaml` and the front matter of every entry kind.
//!
//! Every struct rejects unknown fields, so a typo is an error with a line and a
//! "did you mean" hint instead of a silently ignored value. Values that are
//! checked after parsing (ids that refer to other entries, dates compared with
//! each other, lengths) are wrapped in [`Spanned`] so that the check can point
//! at the exact line and column. The validated model in [`crate::model`] is built
//! from these types by exhaustive destructuring, so no field can be forgotten.
//!
//! Field names follow the research mapping to ATRS, the Dutch
//! Publicatiestandaard and Eurocities (see the README's field reference), so an
//! export to those standards is a mapping and not a rewrite.

use std::fmt;
use std::ops::Deref;

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};
pub(crate) use serde_saphyr::Spanned;

/// Text an author writes in a field: never blank, without surrounding
/// spaces or newlines. A field left empty (`name: ""`, `phone: " "`) is an
/// error at its line rather than an empty heading or link on the page.
/// Templates see it as a plain string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(transparent)]
pub struct Text(String);

/// The message [`Text`] fails with; `yaml.rs` turns it into `missing-value`.
pub(crate) const EMPTY_TEXT: &str = "empty text";

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(serde::de::Error::custom(EMPTY_TEXT));
        }
        Ok(Text(if trimmed.len() == text.len() {
            text
        } else {
            trimmed.to_string()
        }))
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.0
    }
}

mod entries;
mod governance;
mod portal;
mod system;

pub use entries::*;
pub(crate) use governance::*;
pub use portal::*;
pub use system::*;

/// A standard glassbox exports to (and some it imports from).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Deserialize,
    serde::Serialize,
    JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Standard {
    /// UK Algorithmic Transparency Recording Standard.
    Atrs,
    /// Dutch Algoritmeregister, Publicatiestandaard 1.0.
    Nl,
    /// Eurocities Algorithmic Transparency Standard v0.3.1.
    Eurocities,
    /// EU AI Act, Annex VIII Section C (high-risk systems only).
    AiAct,
}

/// A date written `YYYY-MM-DD` (the raw types hold a `jiff` date, which
/// schemars does not know).
pub(crate) struct IsoDate;

impl JsonSchema for IsoDate {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD, such as 2026-11-26."
        })
    }
}

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // Not blank: at least one character that is not a space.
        json_schema!({
            "type": "string",
            "pattern": "\\S"
        })
    }
}
