//! Advice on how each system is governed: the training of the staff who
//! use it (the guide asks that all staff who work with a system are
//! trained, and that the training is recorded).

use crate::diagnostic::{Diagnostic, Position};
use crate::load::Sources;
use crate::model::{Field, Portal, SystemStatus};

/// A warning for each system in use (not retired) that records no training.
pub(super) fn advice(portal: &Portal, sources: &Sources) -> Vec<Diagnostic> {
    portal
        .systems
        .iter()
        .filter(|s| s.status != SystemStatus::Retired && s.training.is_empty())
        .map(|s| {
            let text = sources
                .systems
                .iter()
                .find(|f| f.path == s.source.path)
                .map_or("", |f| f.text.as_str());
            let line = super::field_line(text, Field::Name.name());
            Diagnostic::warning(
                "no-training",
                format!("{} records no training for the staff who use it", s.name),
            )
            .at(&s.source.path, text, Position::new(line, 1))
            .with_help(format!(
                "add `{}:` with the `staff` trained, `what` it covers, `how_often` and `last_given`",
                Field::Training.name()
            ))
        })
        .collect()
}
