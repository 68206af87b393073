//! Stage 2, parse: the formats entries are written in. Front matter is split
//! from Markdown ([`front_matter`]), YAML is read into the raw serde types of
//! [`schema`] with every mistake placed at its line ([`yaml`]), and CSV is read
//! and written in one place ([`csv`]). Nothing here knows the rules of the
//! content model; that is [`crate::model`]'s job.

pub(crate) mod csv;
pub mod front_matter;
pub(crate) mod schema;
pub(crate) mod yaml;
