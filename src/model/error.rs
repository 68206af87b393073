//! One published error (`content/errors/<id>.md`) into a [`PublishedError`].

use super::validate::*;
use super::*;

pub(super) struct ErrorRefs {
    pub(super) system: Spanned<String>,
    pub(super) what_you_can_do: Vec<Spanned<String>>,
    pub(super) found: Spanned<Date>,
    pub(super) fixed: Option<Spanned<Date>>,
    pub(super) status: Spanned<ErrorStatus>,
}

pub(super) fn parse_error<'s>(
    file: &'s SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<Parsed<'s, PublishedError, ErrorRefs>> {
    let (raw, yaml_line, body, body_line) = parse_front_matter::<RawPublishedError>(file, d)?;
    let at = At { file, yaml_line };
    let RawPublishedError {
        system,
        title,
        summary,
        found,
        found_by,
        status,
        fixed,
        people_affected,
        what_we_did,
        what_you_can_do,
        aliases,
        lang,
    } = raw;
    let model = PublishedError {
        id: file.id.clone(),
        source: Source {
            path: file.path.clone(),
            body_line,
        },
        system: system.value.clone(),
        title: at.name(&title, "the error's title", d),
        summary: at.summary(&summary, d),
        found: found.value,
        found_by,
        status: status.value,
        fixed: fixed.as_ref().map(|f| f.value),
        people_affected,
        what_we_did: what_we_did.into(),
        what_you_can_do: what_you_can_do.iter().map(|c| c.value.clone()).collect(),
        aliases: aliases.iter().map(|a| a.value.clone()).collect(),
        lang: at.lang(&lang, d),
        body,
    };
    Some(Parsed {
        model,
        refs: ErrorRefs {
            system,
            what_you_can_do,
            found,
            fixed,
            status,
        },
        file,
        yaml_line,
        aliases,
    })
}
