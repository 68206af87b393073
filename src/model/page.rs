//! One free-standing page (`content/pages/<id>.md`) into a [`Page`].

use super::validate::*;
use super::*;

pub(super) fn parse_page<'s>(
    file: &'s SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<Parsed<'s, Page, ()>> {
    let (raw, yaml_line, body, body_line) = parse_front_matter::<RawPage>(file, d)?;
    let at = At { file, yaml_line };
    let RawPage {
        title,
        description,
        footer_order,
        updated,
        aliases,
        lang,
    } = raw;
    let model = Page {
        id: file.id.clone(),
        source: Source {
            path: file.path.clone(),
            body_line,
        },
        title: at.name(&title, "the page title", d),
        description: description.map(String::from),
        footer_order,
        updated,
        aliases: aliases.iter().map(|a| a.value.clone()).collect(),
        lang: at.lang(&lang, d),
        body,
    };
    Some(Parsed {
        model,
        refs: (),
        file,
        yaml_line,
        aliases,
    })
}
