//! One source record as a draft entry: the values it gives by glassbox
//! field, the gaps it leaves, and the entry file written from it.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;

use super::sources::Row;
use super::text::{safe_id, shorten};
use super::yaml_out::Yaml;
use crate::model::{Field, GAP_TEXT, MAX_SUMMARY_CHARS};
use crate::render::exports::{Column, Mapping, Standard, Value};

/// What one record gives, by glassbox field.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub(super) id: Option<String>,
    pub(super) name: Option<String>,
    pub(super) organisation: Option<String>,
    pub(super) source_url: Option<String>,
    standard_version: Option<String>,
    pub(super) lang: Option<String>,
    pub(super) service_area: String,
    /// Every other field the record gives.
    fields: BTreeMap<Field, Value>,
    /// Columns glassbox has no field for, by column name, as CSV cells.
    other: BTreeMap<String, String>,
}

impl Draft {
    pub(super) fn from_row(
        row: &Row,
        mapping: &Mapping,
        notes: &mut Vec<String>,
        n: usize,
    ) -> Draft {
        let mut fields: BTreeMap<Field, Value> = BTreeMap::new();
        let mut other = BTreeMap::new();
        for c in &mapping.columns {
            let Some(value) = row.columns.get(&c.column) else {
                continue;
            };
            let field = match c.field {
                Some(Field::Const) => continue,
                Some(f) if f.is_imported() && !fields.contains_key(&f) => f,
                // Kept as given, so an export to the same standard gives it back.
                _ => {
                    other.insert(c.column.clone(), value.cell());
                    continue;
                }
            };
            match import_value(c, field, value) {
                Ok(Some(v)) => {
                    fields.insert(field, v);
                }
                Ok(None) => {}
                Err(raw) => notes.push(format!(
                    "record {n}: `{}` = {raw:?} is not a value glassbox can publish there (the build would refuse it); left as a gap",
                    c.column
                )),
            }
        }
        for (k, v) in &row.fields {
            fields.insert(*k, v.clone());
        }
        let take = |fields: &mut BTreeMap<Field, Value>, k: Field| match fields.remove(&k) {
            Some(Value::One(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Some(Value::Many(v)) => v.into_iter().next(),
            _ => None,
        };
        let source_url =
            take(&mut fields, Field::ImportedSourceUrl).or_else(|| take(&mut fields, Field::Url));
        Draft {
            id: take(&mut fields, Field::Id)
                .map(|i| safe_id(&i, ""))
                .filter(|i| !i.is_empty()),
            name: take(&mut fields, Field::Name),
            organisation: take(&mut fields, Field::OrganisationName),
            source_url,
            standard_version: take(&mut fields, Field::ImportedStandardVersion),
            lang: take(&mut fields, Field::Lang),
            service_area: String::new(),
            fields,
            other,
        }
    }

    fn one(&self, k: Field) -> Option<String> {
        match self.fields.get(&k)? {
            Value::One(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty() && s != GAP_TEXT),
            Value::Many(v) => v.first().cloned(),
            Value::Json(_) => None,
        }
    }

    fn list(&self, k: Field) -> Vec<String> {
        match self.fields.get(&k) {
            Some(Value::Many(v)) => v.clone(),
            Some(Value::One(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }

    fn date(&self, k: Field) -> Option<Date> {
        self.one(k)
            .and_then(|d| d.get(..10).and_then(|d| d.parse().ok()))
    }

    fn summary(&self) -> Option<String> {
        self.one(Field::Summary)
            .or_else(|| self.one(Field::Benefits))
            .or_else(|| self.one(Field::Body))
            .map(|s| shorten(&s, MAX_SUMMARY_CHARS))
    }

    /// The gaps this record leaves (in the table's order), and its
    /// last_reviewed date.
    pub(super) fn gaps(&self, today: Date) -> (Vec<Field>, Date) {
        let gaps = Field::gaps().filter(|&gap| !self.gives(gap)).collect();
        let last = self.date(Field::LastReviewed).unwrap_or(today);
        (gaps, last)
    }

    /// Whether the record gives what the gap `gap` stands for: the field,
    /// or every part of its group.
    fn gives(&self, gap: Field) -> bool {
        let given = |f: Field| match f {
            // A summary can be made from the benefits or the description.
            Field::Summary => self.summary().is_some(),
            Field::ReviewBy => self.date(f).is_some(),
            f if f.is_list() => !self.list(f).is_empty(),
            f => self.one(f).is_some(),
        };
        let mut parts = gap.gap_parts().peekable();
        if parts.peek().is_none() {
            given(gap)
        } else {
            parts.all(given)
        }
    }

    /// The entry file, the number of fields filled from the source and the
    /// number of gaps. Keys are written as the field table names them.
    pub(super) fn entry(
        &self,
        format: Standard,
        today: Date,
        interval: u32,
    ) -> (String, usize, usize) {
        use Field as F;
        let (gaps, last_reviewed) = self.gaps(today);
        let filled = self.fields.len()
            + [&self.name, &self.organisation, &self.source_url, &self.lang]
                .iter()
                .filter(|f| f.is_some())
                .count();
        let placeholder = Some("gap: not given in the source record, see imported.gaps");
        let group_gap = |f: Field| gaps.contains(&f).then_some("gap: see imported.gaps");
        let mut y = Yaml::new();
        // A text field at its own depth, or the gap text.
        let text_or_gap = |y: &mut Yaml, f: Field| {
            y.text(
                f.depth(),
                f.key(),
                &self.one(f).unwrap_or_else(|| GAP_TEXT.into()),
            );
        };
        // A value that is not text, or a placeholder marked as a gap.
        let plain_or = |y: &mut Yaml, f: Field, fallback: &str| match self.one(f) {
            Some(v) => y.plain(f.depth(), f.key(), &v, None),
            None => y.plain(f.depth(), f.key(), fallback, placeholder),
        };
        y.text(0, F::Name.key(), self.name.as_deref().unwrap_or(GAP_TEXT));
        y.text(
            0,
            F::Summary.key(),
            &self.summary().unwrap_or_else(|| GAP_TEXT.into()),
        );
        y.text(0, F::ServiceArea.key(), &self.service_area);
        y.plain(
            0,
            F::Status.key(),
            &self.one(F::Status).unwrap_or_else(|| "in-use".into()),
            None,
        );
        text_or_gap(&mut y, F::Decision);
        text_or_gap(&mut y, F::FinalDecisionBy);
        plain_or(&mut y, F::Automation, "informs-staff");
        plain_or(&mut y, F::AffectsResidentsDirectly, "false");
        text_or_gap(&mut y, F::WhoIsAffected);
        y.open(0, F::HumanOversight.key(), group_gap(F::HumanOversight));
        text_or_gap(&mut y, F::HumanOversightWho);
        y.plain(
            1,
            F::HumanOversightCanOverride.key(),
            &self
                .one(F::HumanOversightCanOverride)
                .unwrap_or_else(|| "false".into()),
            None,
        );
        text_or_gap(&mut y, F::HumanOversightHow);
        let names = self.list(F::DataName);
        let descriptions = self.list(F::DataDescription);
        let personal = self.list(F::DataPersonalData);
        let grouped: Vec<String> = match self.fields.get(&F::DataGrouping) {
            Some(Value::Json(serde_json::Value::Array(items))) => items
                .iter()
                .filter_map(|i| i["title"].as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        let names = if names.is_empty() { grouped } else { names };
        y.open(0, F::Data.key(), group_gap(F::Data));
        let count = names.len().max(descriptions.len()).max(1);
        for i in 0..count {
            y.item_text(
                1,
                F::DataName.key(),
                names.get(i).map(String::as_str).unwrap_or(GAP_TEXT),
            );
            y.text(
                2,
                F::DataDescription.key(),
                descriptions.get(i).map(String::as_str).unwrap_or(GAP_TEXT),
            );
            y.plain(
                2,
                F::DataPersonalData.key(),
                personal.get(i).map(String::as_str).unwrap_or("false"),
                None,
            );
        }
        y.open(0, F::Owner.key(), None);
        text_or_gap(&mut y, F::OwnerTeam);
        text_or_gap(&mut y, F::OwnerSeniorResponsibleOwner);
        if let Some(supplier) = self.one(F::SupplierName) {
            y.open(0, F::Supplier.key(), None);
            y.text(1, F::SupplierName.key(), &supplier);
            for f in [F::SupplierRole, F::SupplierIdentifier] {
                if let Some(v) = self.one(f) {
                    y.text(1, f.key(), &v);
                }
            }
        }
        plain_or(&mut y, F::ModelType, "rule-based");
        text_or_gap(&mut y, F::Benefits);
        if let Some(a) = self.one(F::AlternativesConsidered) {
            y.text(0, F::AlternativesConsidered.key(), &a);
        }
        let titles = self.list(F::ImpactAssessmentsTitle);
        let summaries = self.list(F::ImpactAssessmentsSummary);
        let dates = self.list(F::ImpactAssessmentsDate);
        let links = self.list(F::ImpactAssessmentsLink);
        // An assessment needs a title, a date and a summary: the standard's
        // list columns only make one when all three are there.
        let assessments: Vec<usize> = (0..titles.len())
            .filter(|&i| {
                summaries.get(i).is_some_and(|s| !s.is_empty())
                    && dates.get(i).and_then(|d| d.parse::<Date>().ok()).is_some()
            })
            .collect();
        if !assessments.is_empty() {
            y.open(0, F::ImpactAssessments.key(), None);
            for i in assessments {
                let t = &titles[i];
                let lower = t.to_lowercase();
                let kind = if lower.contains("data protection") || lower.contains("dpia") {
                    "dpia"
                } else if lower.contains("equality") || lower.contains("eqia") {
                    "eqia"
                } else if lower.contains("fundamental rights") || lower.contains("fria") {
                    "fria"
                } else {
                    "other"
                };
                y.plain(1, "- kind", kind, None);
                y.text(2, F::ImpactAssessmentsTitle.key(), t);
                y.plain(2, F::ImpactAssessmentsDate.key(), &dates[i], None);
                y.text(2, F::ImpactAssessmentsSummary.key(), &summaries[i]);
                if let Some(l) = links.get(i).filter(|l| !l.is_empty()) {
                    y.text(2, F::ImpactAssessmentsLink.key(), l);
                }
            }
        }
        let risks = self.list(F::RisksRisk);
        let mitigations = self.list(F::RisksMitigation);
        if !risks.is_empty() {
            y.open(0, F::Risks.key(), None);
            for (i, r) in risks.iter().enumerate() {
                y.item_text(1, F::RisksRisk.key(), r);
                y.text(
                    2,
                    F::RisksMitigation.key(),
                    mitigations.get(i).map(String::as_str).unwrap_or(GAP_TEXT),
                );
            }
        }
        let limits = self.list(F::KnownLimitations);
        if !limits.is_empty() {
            y.open(0, F::KnownLimitations.key(), None);
            for l in &limits {
                y.item(1, l);
            }
        }
        if let Some(email) = self.one(F::ContactEmail) {
            y.open(0, F::Contact.key(), None);
            y.text(1, F::ContactEmail.key(), &email);
        }
        if let Some(d) = self.date(F::Started) {
            y.plain(0, F::Started.key(), &d.to_string(), None);
        }
        y.plain(0, F::LastReviewed.key(), &last_reviewed.to_string(), None);
        match self.date(F::ReviewBy).filter(|d| *d > last_reviewed) {
            Some(d) => y.plain(0, F::ReviewBy.key(), &d.to_string(), None),
            None => {
                let d = last_reviewed
                    .checked_add((interval.clamp(1, 60) as i64).months())
                    .unwrap_or(last_reviewed);
                y.plain(0, F::ReviewBy.key(), &d.to_string(), placeholder);
            }
        }
        if let Some(lang) = &self.lang {
            y.text(0, F::Lang.key(), lang);
        }
        if let Some(l) = self.one(F::LawfulBasis) {
            y.text(0, F::LawfulBasis.key(), &l);
        }
        if let Some(risk) = self.one(F::AiActRiskClass) {
            y.open(0, F::AiAct.key(), None);
            y.plain(1, F::AiActRiskClass.key(), &risk, None);
            for f in [
                F::AiActAnnexIiiPoint,
                F::AiActProviderDatabaseUrl,
                F::AiActFriaSummary,
                F::AiActDpiaSummary,
            ] {
                if let Some(v) = self.one(f) {
                    y.text(1, f.key(), &v);
                }
            }
        }
        y.open(0, F::Imported.key(), None);
        y.plain(1, "from", format.name(), None);
        y.text(
            1,
            F::ImportedSourceUrl.key(),
            self.source_url.as_deref().unwrap_or_default(),
        );
        y.plain(1, "imported_on", &today.to_string(), None);
        if let Some(o) = &self.organisation {
            y.text(1, "organisation", o);
        }
        if let Some(v) = &self.standard_version {
            y.text(1, F::ImportedStandardVersion.key(), v);
        }
        if !self.other.is_empty() {
            y.open(1, "other_fields", None);
            for (k, v) in &self.other {
                y.text(2, k, v);
            }
        }
        if !gaps.is_empty() {
            y.comment(
                1,
                "Fill in each of these fields, then take it off this list.",
            );
            y.open(1, "gaps", None);
            for g in &gaps {
                y.item(2, g.name());
            }
        }
        let mut out = String::from("---\n");
        out.push_str(&y.finish());
        out.push_str("---\n");
        if let Some(body) = self.one(F::Body) {
            out.push('\n');
            out.push_str(&body.replace("\r\n", "\n"));
            out.push('\n');
        }
        let gap_count = gaps.len();
        (out, filled, gap_count)
    }
}

/// A source value as the glassbox value of `field`: value maps applied,
/// the values the field table allows checked. `Err` holds a value that
/// cannot be read.
fn import_value(c: &Column, field: Field, value: &Value) -> Result<Option<Value>, String> {
    let value = without_control_characters(value);
    let Value::One(raw) = &value else {
        // In a list, an item the build would refuse is left empty.
        return Ok(Some(match value {
            Value::Many(items) => Value::Many(
                items
                    .into_iter()
                    .map(|item| {
                        if acceptable(field, item.trim()) {
                            item
                        } else {
                            String::new()
                        }
                    })
                    .collect(),
            ),
            other => other,
        }));
    };
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if !acceptable(field, raw) {
        return Err(raw.to_string());
    }
    if field == Field::Lang {
        return Ok(Some(Value::One(
            c.import_value(raw).unwrap_or_else(|| raw.to_string()),
        )));
    }
    let allowed = field.values();
    if allowed.is_empty() {
        return Ok(Some(Value::One(raw.to_string())));
    }
    let mapped = c.import_value(raw).or_else(|| {
        let n = crate::render::exports::mapping::normalise(raw).replace([' ', '_'], "-");
        allowed.contains(&n.as_str()).then_some(n)
    });
    match mapped {
        Some(v) if allowed.contains(&v.as_str()) => Ok(Some(Value::One(v))),
        // A risk class the standard does not have is left out, not a gap.
        _ if field == Field::AiActRiskClass => Ok(None),
        _ => Err(raw.to_string()),
    }
}

/// Whether the build would take `raw` as the value of `field`: web
/// addresses must be whole http(s) addresses without passwords, e-mail
/// addresses nothing but an address, languages real language tags. Other
/// text is checked with the build's model once the entry is made (see
/// `run::Maker::make`).
fn acceptable(field: Field, raw: &str) -> bool {
    use Field as F;
    match field {
        F::Url
        | F::ImportedSourceUrl
        | F::ImpactAssessmentsLink
        | F::DpiaLink
        | F::FriaLink
        | F::AiActProviderDatabaseUrl => raw.is_empty() || crate::model::is_web_url(raw),
        F::ContactEmail => crate::model::is_email(raw.trim_start_matches("mailto:")),
        F::Lang => crate::model::is_language_tag(raw),
        _ => true,
    }
}

/// Text from another register without the control characters the build
/// refuses (all but tab and line ends).
fn without_control_characters(value: &Value) -> Value {
    let clean = |s: &String| -> String {
        s.chars()
            .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect()
    };
    match value {
        Value::One(s) => Value::One(clean(s)),
        Value::Many(items) => Value::Many(items.iter().map(clean).collect()),
        other => other.clone(),
    }
}
