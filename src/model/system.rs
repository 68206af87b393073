//! One system entry (`content/systems/<id>.md`) into a [`System`].

use super::validate::*;
use super::*;

/// What the cross-checks of a system need.
pub(super) struct SystemRefs {
    pub(super) service_area: Spanned<String>,
    pub(super) challenge_routes: Vec<Spanned<String>>,
    pub(super) automation: Spanned<AutomationLevel>,
    pub(super) last_reviewed: Spanned<Date>,
    pub(super) review_by: Spanned<Date>,
    pub(super) started: Option<Spanned<Date>>,
    pub(super) no_challenge_route_reason: Option<Spanned<String>>,
}

pub(super) fn parse_system<'s>(
    file: &'s SourceFile,
    d: &mut Vec<Diagnostic>,
) -> Option<Parsed<'s, System, SystemRefs>> {
    let (raw, yaml_line, body, body_line) = parse_front_matter::<RawSystem>(file, d)?;
    let at = At { file, yaml_line };
    let RawSystem {
        name,
        summary,
        service_area,
        status,
        decision,
        final_decision_by,
        automation,
        affects_residents_directly,
        resident_contact,
        who_is_affected,
        what_happens_to_you,
        human_oversight,
        data,
        owner,
        supplier,
        contract,
        training,
        model_type,
        benefits,
        alternatives_considered,
        impact_assessments,
        bias_checks,
        risks,
        monitoring,
        known_limitations,
        challenge_routes,
        no_challenge_route_reason,
        contact,
        started,
        last_reviewed,
        review_by,
        mut changes,
        aliases,
        lang,
        lawful_basis,
        ai_act,
        imported,
    } = raw;
    let ai_act = ai_act.map(
        |RawAiAct {
             risk_class,
             annex_iii_point,
             provider_database_url,
             fria_summary,
             dpia_summary,
         }| AiAct {
            risk_class,
            annex_iii_point: annex_iii_point.map(String::from),
            provider_database_url: provider_database_url.as_ref().map(|u| at.url(u, d)),
            fria_summary: fria_summary.map(String::from),
            dpia_summary: dpia_summary.map(String::from),
        },
    );
    let imported = imported.map(
        |RawImported {
             from,
             source_url,
             imported_on,
             organisation,
             standard_version,
             other_fields,
             gaps,
         }| {
            let mut names = Vec::new();
            for gap in &gaps {
                if !Field::from_name(&gap.value).is_some_and(Field::is_gap_name) {
                    let near = nearest(&gap.value, Field::gaps().map(Field::name), 1);
                    let all = Field::gaps().map(Field::name).collect::<Vec<_>>().join(", ");
                    d.push(
                        at.error(gap, "invalid-value", format!("`{}` cannot be a gap", gap.value))
                            .with_help(match near.first() {
                                Some(n) => format!("did you mean `{n}`? Gaps can be: {all}"),
                                None => format!("gaps can be: {all}"),
                            }),
                    );
                } else if !names.contains(&gap.value) {
                    names.push(gap.value.clone());
                }
            }
            if let Some(first) = gaps.first()
                && !names.is_empty()
            {
                d.push(
                    at.warning(
                        first,
                        "import-gap",
                        format!(
                            "the imported record did not give {}; the page shows \"{GAP_TEXT}\" for {}",
                            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                            if names.len() == 1 { "it" } else { "them" },
                        ),
                    )
                    .with_help("fill in each field, then remove it from `imported.gaps`")
                    .with_tally(
                        "imported records leave fields empty (listed under `imported.gaps`); how many leave each one:",
                        "field",
                        names.clone(),
                    ),
                );
            }
            Imported {
                from,
                source_url: at.url(&source_url, d),
                imported_on,
                organisation: at.optional_name(
                    organisation.as_ref(),
                    "the name of the organisation the record was imported from",
                    d,
                ),
                standard_version: standard_version.map(String::from),
                other_fields: other_fields
                    .into_iter()
                    .map(|(k, v)| (k, String::from(v)))
                    .collect(),
                gaps: names,
            }
        },
    );
    let impact_assessments = impact_assessments
        .into_iter()
        .map(
            |RawImpactAssessment {
                 kind,
                 title,
                 date,
                 summary,
                 link,
                 not_published_reason,
             }| ImpactAssessment {
                kind,
                title: at.name(&title, "the impact assessment's title", d),
                date,
                summary: summary.into(),
                link: link.as_ref().map(|l| at.url(l, d)),
                not_published_reason: not_published_reason.map(String::from),
            },
        )
        .collect();
    if data.value.is_empty() {
        d.push(
            Diagnostic::error("missing-value", "`data` lists no data source")
                .at(&file.path, &file.text, at.pos(&data))
                .with_help("list each source of data the system uses, with `name`, `description` and `personal_data`"),
        );
    }
    for m in &monitoring {
        if let Some(results) = &m.results
            && results.rows.value.is_empty()
        {
            d.push(
                Diagnostic::error(
                    "missing-value",
                    format!(
                        "the monitoring results \"{}\" have no rows",
                        results.caption
                    ),
                )
                .at(&file.path, &file.text, at.pos(&results.rows))
                .with_help("add `rows:` with a `group` and a `value` for each resident group"),
            );
        }
    }
    // A gap's value is the importer's placeholder, never a fact.
    let gap = |field: Field| {
        imported
            .as_ref()
            .is_some_and(|i| i.gaps.iter().any(|g| g == field.name()))
    };
    let known_automation = (!gap(Field::Automation)).then_some(automation.value);
    let known_affects =
        (!gap(Field::AffectsResidentsDirectly)).then_some(affects_residents_directly);
    let known_model_type = (!gap(Field::ModelType)).then_some(model_type);
    changes.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.summary.cmp(&b.summary)));
    super::resident_rules::check(
        &at,
        &super::resident_rules::Facts {
            summary: &summary,
            automation: &automation,
            affects_residents_directly,
            resident_contact: resident_contact.as_ref(),
            has_lawful_basis: lawful_basis.is_some(),
            imported: imported.is_some(),
            gaps: imported.as_ref().map_or(&[], |i| i.gaps.as_slice()),
        },
        d,
    );
    let system = System {
        id: file.id.clone(),
        source: Source {
            path: file.path.clone(),
            body_line,
        },
        name: at.name(&name, "the system name", d),
        summary: at.summary(&summary, d),
        service_area: service_area.value.clone(),
        status,
        decision: decision.into(),
        final_decision_by: final_decision_by.into(),
        automation: known_automation,
        affects_residents_directly: known_affects,
        resident_contact: resident_contact.as_ref().map(|r| r.value),
        who_is_affected: who_is_affected.into(),
        what_happens_to_you: what_happens_to_you.map(String::from),
        human_oversight,
        data: data.value,
        owner,
        supplier,
        contract,
        training,
        model_type: known_model_type,
        benefits: benefits.into(),
        alternatives_considered: alternatives_considered.map(String::from),
        impact_assessments,
        bias_checks,
        risks,
        monitoring,
        known_limitations: known_limitations.into_iter().map(String::from).collect(),
        challenge_routes: challenge_routes.iter().map(|c| c.value.clone()).collect(),
        no_challenge_route_reason: no_challenge_route_reason.as_ref().map(|r| r.value.clone()),
        contact: contact.map(|c| at.contact(c, d, "`contact`")),
        started: started.as_ref().map(|s| s.value),
        last_reviewed: last_reviewed.value,
        review_by: review_by.value,
        review_overdue: false,
        changes,
        aliases: aliases.iter().map(|a| a.value.clone()).collect(),
        lang: at.lang(&lang, d),
        body,
        lawful_basis: lawful_basis.map(String::from),
        ai_act,
        imported,
    };
    Some(Parsed {
        model: system,
        refs: SystemRefs {
            service_area,
            challenge_routes,
            automation,
            last_reviewed,
            review_by,
            started,
            no_challenge_route_reason,
        },
        file,
        yaml_line,
        aliases,
    })
}
