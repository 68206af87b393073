//! Entry ids: they become URL segments, so they are checked before anything else.

use super::*;

/// Names Windows keeps for devices: a folder named so cannot be copied to a
/// Windows server, so a site with one could not be published from there.
pub(super) const WINDOWS_DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Ids become URL segments: lowercase letters, digits and single hyphens,
/// and not a name Windows reserves for a device.
pub fn is_safe_id(id: &str) -> bool {
    !WINDOWS_DEVICE_NAMES.contains(&id)
        && !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

pub(super) fn check_id(file: &SourceFile, kind: EntryKind) -> Option<Diagnostic> {
    if is_safe_id(&file.id) {
        return None;
    }
    if WINDOWS_DEVICE_NAMES.contains(&file.id.as_str()) {
        return Some(
            Diagnostic::error(
                "unsafe-id",
                format!(
                    "`{}` cannot be used as an id: Windows keeps this name for a device, so the site could not be copied there",
                    file.id
                ),
            )
            .in_file(&file.path)
            .with_help(format!(
                "rename the file to a longer name, e.g. `{}-{}.md`",
                file.id,
                kind.noun().replace(' ', "-")
            )),
        );
    }
    let suggestion = slug::slugify(&file.id);
    let help = if suggestion.is_empty() {
        "rename the file using lowercase letters, digits and hyphens, e.g. `parking-cameras.md`"
            .to_string()
    } else {
        format!(
            "rename the file to `{suggestion}.md`; the file name is the {}'s web address",
            kind.noun()
        )
    };
    Some(
        Diagnostic::error(
            "unsafe-id",
            format!(
                "`{}` cannot be used as an id: ids may only use lowercase letters, digits and hyphens",
                file.id
            ),
        )
        .in_file(&file.path)
        .with_help(help),
    )
}
