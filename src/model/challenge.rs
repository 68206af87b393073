//! One challenge route (`content/challenge/<id>.md`) into a [`ChallengeRoute`].

use super::validate::*;
use super::*;

pub(super) fn parse_challenge<'s>(
    file: &'s SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<Parsed<'s, ChallengeRoute, ()>> {
    let (raw, yaml_line, body, body_line) = parse_front_matter::<RawChallengeRoute>(file, d)?;
    let at = At { file, yaml_line };
    let RawChallengeRoute {
        title,
        kind,
        summary,
        applies_to,
        who_can_start,
        resident_can_start,
        steps,
        contact,
        time_limit,
        response_time,
        escalate_to,
        free_help,
        formats,
        aliases,
        lang,
    } = raw;
    if steps.value.is_empty() {
        d.push(
            Diagnostic::error("missing-value", "`steps` lists no step")
                .at(&file.path, &file.text, at.pos(&steps))
                .with_help("write what a resident does, one step per `- ` line, in order"),
        );
    }
    let model = ChallengeRoute {
        id: file.id.clone(),
        source: Source {
            path: file.path.clone(),
            body_line,
        },
        title: at.name(&title, "the challenge route's title", d),
        kind,
        summary: at.summary(&summary, d),
        applies_to,
        who_can_start: who_can_start.into(),
        resident_can_start,
        steps: steps.value.into_iter().map(String::from).collect(),
        contact: at.contact(contact, d, "`contact`"),
        time_limit: time_limit.map(String::from),
        response_time: response_time.into(),
        escalate_to: escalate_to.map(|RawEscalation { name, url, when }| Escalation {
            name: at.name(&name, "the name in `escalate_to`", d),
            url: at.url(&url, d),
            when: when.map(String::from),
        }),
        free_help: free_help
            .into_iter()
            .map(
                |RawHelp {
                     name,
                     description,
                     url,
                     phone,
                 }| Help {
                    name: at.name(&name, "the name in `free_help`", d),
                    description: description.into(),
                    url: url.as_ref().map(|u| at.url(u, d)),
                    phone: phone.map(String::from),
                },
            )
            .collect(),
        formats,
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
