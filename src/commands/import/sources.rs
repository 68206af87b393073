//! Reading the files other registers publish into rows keyed by the
//! standard's column names (as in `mappings/`), plus what only that source
//! gives (organisation, source address, dates, a category).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{BufRead, BufReader, Cursor, Read};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value as Json;

use crate::model::Field;
use crate::render::exports::{Mapping, Standard, Value};

/// One record of a source file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    /// Values by the standard's column name.
    pub columns: BTreeMap<String, Value>,
    /// Values by glassbox field that the source gives outside the
    /// standard's columns (e.g. the GOV.UK finder's dates).
    pub fields: BTreeMap<Field, Value>,
    /// The service area to file it under, by name.
    pub area: Option<String>,
}

/// Why reading stopped.
#[derive(Debug)]
pub(crate) enum ReadError<E> {
    /// The file is not one glassbox can read, with every problem found.
    Format(String),
    /// What was done with a record failed.
    Stopped(E),
}

/// Most records with a problem listed one by one in the message.
const MAX_LISTED: usize = 10;

/// How far a pass over the file goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Only the shape of the file and each record's syntax: no record is
    /// made into a row (the rows given are empty). Quick, and holds nothing.
    Check,
    /// Every record made into a row.
    Read,
}

/// Goes through the whole file as [`read`] will, without making any
/// record into a row, and finds every problem that would stop the import
/// (not JSON, not UTF-8, not a shape glassbox reads, more records than
/// `most`), so that they are reported before anything is written. Returns
/// the number of records.
pub(crate) fn check(
    format: Standard,
    file_name: &str,
    input: impl Read,
    mapping: &Mapping,
    most: usize,
    too_many: &dyn Fn() -> String,
) -> Result<usize, String> {
    let mut count = |n: usize, _: Row| if n > most { Err(too_many()) } else { Ok(()) };
    read_pass(format, file_name, input, mapping, Pass::Check, &mut count).map_err(|e| match e {
        ReadError::Format(message) | ReadError::Stopped(message) => message,
    })
}

/// Reads records of `format` from `input` (the file `file_name`) one at a
/// time, and gives each, numbered from 1, to `each` as soon as it is read:
/// however large the file, only one record is held. Returns how many were
/// read. A file that turns out not to be readable further on stops the
/// reading; the records given before it are then to be thrown away.
pub(crate) fn read<E>(
    format: Standard,
    file_name: &str,
    input: impl Read,
    mapping: &Mapping,
    each: &mut dyn FnMut(usize, Row) -> Result<(), E>,
) -> Result<usize, ReadError<E>> {
    read_pass(format, file_name, input, mapping, Pass::Read, each)
}

fn read_pass<E>(
    format: Standard,
    file_name: &str,
    input: impl Read,
    mapping: &Mapping,
    pass: Pass,
    each: &mut dyn FnMut(usize, Row) -> Result<(), E>,
) -> Result<usize, ReadError<E>> {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let (start, first) = opening(&mut input).map_err(|e| ReadError::Format(read_error(&e)))?;
    let input = Cursor::new(start).chain(input);
    let is_json =
        file_name.to_ascii_lowercase().ends_with(".json") || matches!(first, Some(b'{' | b'['));
    if is_json {
        read_json(format, input, pass, each)
    } else {
        read_csv(format, input, mapping, pass, each)
    }
}

/// The start of the file up to its first byte that is not white space,
/// without a byte-order mark, and that byte.
fn opening(input: &mut impl BufRead) -> std::io::Result<(Vec<u8>, Option<u8>)> {
    let mut start = Vec::new();
    let mut bom_checked = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        start.extend_from_slice(buf);
        input.consume(n);
        if !bom_checked && start.len() >= 3 {
            bom_checked = true;
            if start.starts_with(b"\xef\xbb\xbf") {
                start.drain(..3);
            }
        }
        let first = start.iter().find(|b| !b.is_ascii_whitespace()).copied();
        // A BOM can only be told apart once its three bytes are in.
        if first.is_some() && bom_checked {
            return Ok((start, first));
        }
    }
    let first = start.iter().find(|b| !b.is_ascii_whitespace()).copied();
    Ok((start, first))
}

fn read_error(e: &std::io::Error) -> String {
    format!("it could not be read to the end ({e})")
}

/// What the list of records in a JSON file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// The GOV.UK search API's `results`.
    GovukSearch,
    /// The Dutch register's listing, `algoritmes`.
    NlListing,
    /// A glassbox export's `records`.
    Export,
}

impl Shape {
    fn key(self) -> &'static str {
        match self {
            Shape::GovukSearch => "results",
            Shape::NlListing => "algoritmes",
            Shape::Export => "records",
        }
    }

    fn of(format: Standard, key: &str) -> Option<Shape> {
        match (format, key) {
            (Standard::Atrs, "results") => Some(Shape::GovukSearch),
            (Standard::Nl, "algoritmes") => Some(Shape::NlListing),
            (_, "records") => Some(Shape::Export),
            _ => None,
        }
    }

    fn row(self, record: &Json) -> Row {
        match self {
            Shape::GovukSearch => govuk_record(record),
            Shape::NlListing => nl_record(record),
            Shape::Export => export_record(record),
        }
    }
}

/// Where a JSON file is read up to, for messages.
#[derive(Default)]
struct Progress {
    /// Records given so far.
    records: Cell<usize>,
    /// Inside the list of records.
    in_list: Cell<bool>,
    shape: Cell<Option<Shape>>,
}

/// Reads the top-level object, finds the list of records in it and reads
/// that one record at a time; everything else is skipped unread.
fn read_json<E>(
    format: Standard,
    input: impl Read,
    pass: Pass,
    each: &mut dyn FnMut(usize, Row) -> Result<(), E>,
) -> Result<usize, ReadError<E>> {
    let progress = Progress::default();
    let mut stopped: Option<E> = None;
    let mut de = serde_json::Deserializer::from_reader(input);
    let read = Document {
        format,
        pass,
        progress: &progress,
        each,
        stopped: &mut stopped,
    }
    .deserialize(&mut de)
    .and_then(|found| de.end().map(|()| found));
    if let Some(e) = stopped {
        return Err(ReadError::Stopped(e));
    }
    let found = read.map_err(|e| ReadError::Format(json_error(&e, &progress)))?;
    match (found, progress.shape.get()) {
        (true, Some(_)) => Ok(progress.records.get()),
        _ => Err(ReadError::Format(match format {
            Standard::Atrs => "expected the GOV.UK search API shape (an object with `results`) or a glassbox ATRS export (with `records`)".into(),
            Standard::Nl => "expected the register's listing (an object with `algoritmes`) or a glassbox NL export (with `records`)".into(),
            _ => "expected a glassbox export (an object with `records`)".into(),
        })),
    }
}

/// A JSON error as a message naming the record it is in.
fn json_error(e: &serde_json::Error, progress: &Progress) -> String {
    use serde_json::error::Category;
    let at = format!("line {}, column {}", e.line(), e.column());
    let record = if progress.in_list.get() {
        format!("record {} ({at})", progress.records.get() + 1)
    } else {
        at.clone()
    };
    // serde_json ends its messages with the position; it is given here.
    let text = e.to_string();
    let text = text
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .unwrap_or(&text);
    match e.classify() {
        Category::Io => read_error(&std::io::Error::other(text.to_string())),
        Category::Syntax | Category::Eof => format!(
            "not valid JSON: {record}: {text}; nothing was imported. Fix the file (or export it again) and import it again"
        ),
        Category::Data => format!("{record}: {text}; nothing was imported"),
    }
}

/// The whole file: `true` when it is an object.
struct Document<'a, 'e, E> {
    format: Standard,
    pass: Pass,
    progress: &'a Progress,
    each: &'a mut dyn FnMut(usize, Row) -> Result<(), E>,
    stopped: &'e mut Option<E>,
}

impl<'de, E> DeserializeSeed<'de> for Document<'_, '_, E> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, E> Visitor<'de> for Document<'_, '_, E> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object holding a list of records")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let Some(shape) = Shape::of(self.format, &key) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if let Some(first) = self.progress.shape.get() {
                return Err(de::Error::custom(format!(
                    "the file has both `{}` and `{}`; import a file with one list of records",
                    first.key(),
                    shape.key()
                )));
            }
            self.progress.shape.set(Some(shape));
            map.next_value_seed(Records {
                shape,
                pass: self.pass,
                progress: self.progress,
                each: &mut *self.each,
                stopped: &mut *self.stopped,
            })?;
        }
        Ok(true)
    }

    // Anything else is read to its end, to tell a shape that is not
    // expected from a file that is not JSON.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_str<X: de::Error>(self, _: &str) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_bool<X: de::Error>(self, _: bool) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_i64<X: de::Error>(self, _: i64) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_u64<X: de::Error>(self, _: u64) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_f64<X: de::Error>(self, _: f64) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_unit<X: de::Error>(self) -> Result<bool, X> {
        Ok(false)
    }
}

/// The list of records: each read into a small JSON value, made a row and
/// given on before the next is read.
struct Records<'a, 'e, E> {
    shape: Shape,
    pass: Pass,
    progress: &'a Progress,
    each: &'a mut dyn FnMut(usize, Row) -> Result<(), E>,
    stopped: &'e mut Option<E>,
}

impl<'de, E> DeserializeSeed<'de> for Records<'_, '_, E> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, E> Visitor<'de> for Records<'_, '_, E> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` to be a list of records", self.shape.key())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.progress.in_list.set(true);
        loop {
            let row = match self.pass {
                Pass::Check => seq.next_element::<IgnoredAny>()?.map(|_| Row::default()),
                Pass::Read => seq
                    .next_element::<Json>()?
                    .map(|record| self.shape.row(&record)),
            };
            let Some(row) = row else { break };
            let n = self.progress.records.get() + 1;
            self.progress.records.set(n);
            if let Err(e) = (self.each)(n, row) {
                *self.stopped = Some(e);
                return Err(de::Error::custom("stopped"));
            }
        }
        self.progress.in_list.set(false);
        Ok(())
    }
}

/// Reads CSV one row at a time. Rows that are not UTF-8 text are listed
/// together at the end (reading goes on past them, so one import shows
/// every one).
fn read_csv<E>(
    format: Standard,
    input: impl Read,
    mapping: &Mapping,
    pass: Pass,
    each: &mut dyn FnMut(usize, Row) -> Result<(), E>,
) -> Result<usize, ReadError<E>> {
    let mut reader = crate::parse::csv::Reader::new(input).map_err(ReadError::Format)?;
    let header = reader.header().to_vec();
    let govuk = if format == Standard::Atrs {
        GovukColumns::find(&header)
    } else {
        None
    };
    if govuk.is_none() {
        let known: Vec<&str> = mapping.columns.iter().map(|c| c.column.as_str()).collect();
        if !header
            .iter()
            .any(|h| known.contains(&h.trim_end_matches('*')))
        {
            return Err(ReadError::Format(format!(
                "none of the CSV's columns is a {} column; expected columns such as {}",
                mapping.standard,
                known[..known.len().min(5)].join(", ")
            )));
        }
    }
    let mut bad: Vec<String> = Vec::new();
    let mut bad_count = 0;
    let mut n = 0;
    while let Some((line, cells)) = reader.next_row().map_err(ReadError::Format)? {
        n += 1;
        if let Err(column) = &cells {
            bad_count += 1;
            if bad.len() < MAX_LISTED {
                bad.push(format!(
                    "record {n} (line {line}, column {column}) is not UTF-8 text"
                ));
            }
            continue;
        }
        if bad_count > 0 {
            continue;
        }
        let Ok(row) = &cells else { continue };
        let row = match (pass, &govuk) {
            (Pass::Check, _) => Row::default(),
            (Pass::Read, Some(columns)) => columns.row(row),
            (Pass::Read, None) => csv_row(&header, row, mapping),
        };
        each(n, row).map_err(ReadError::Stopped)?;
    }
    if bad_count > 0 {
        let more = if bad_count > bad.len() {
            format!("; and {} more", bad_count - bad.len())
        } else {
            String::new()
        };
        return Err(ReadError::Format(format!(
            "{}{more}; nothing was imported. Save the file as UTF-8 text and import it again",
            bad.join("; ")
        )));
    }
    Ok(n)
}

/// One row of a CSV with the standard's columns.
fn csv_row(header: &[String], cells: &[String], mapping: &Mapping) -> Row {
    let mut row = Row::default();
    for (h, cell) in header.iter().zip(cells) {
        let column = h.trim_end_matches('*').to_string();
        let list = mapping.columns.iter().any(|c| c.column == column && c.list);
        if let Some(v) = cell_value(cell, list) {
            row.columns.insert(column, v);
        }
    }
    if let Some(Value::One(category)) = row.columns.get("category") {
        row.area = category.split(", ").next().map(str::to_string);
    }
    row
}

/// A CSV cell: list columns hold a JSON array (of strings, or of objects).
fn cell_value(cell: &str, list: bool) -> Option<Value> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    if list && let Some(value) = Value::from_json_list(cell) {
        return Some(value);
    }
    Some(if list {
        Value::Many(vec![cell.to_string()])
    } else {
        Value::One(cell.to_string())
    })
}

fn json_value(v: &Json) -> Option<Value> {
    match v {
        Json::String(s) if !s.trim().is_empty() => Some(Value::One(s.clone())),
        Json::Array(items) if items.iter().all(Json::is_string) && !items.is_empty() => {
            Some(Value::Many(
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect(),
            ))
        }
        Json::Array(items) if !items.is_empty() => Some(Value::Json(v.clone())),
        Json::Number(n) => Some(Value::One(n.to_string())),
        Json::Bool(b) => Some(Value::One(b.to_string())),
        _ => None,
    }
}

/// A record of a glassbox export (`glassbox export FORMAT`): flat or
/// grouped by section.
fn export_record(r: &Json) -> Row {
    let mut row = Row::default();
    let mut add = |k: &str, v: &Json| {
        if k != "missing_required"
            && k != "not_given"
            && let Some(value) = json_value(v)
        {
            row.columns.insert(k.to_string(), value);
        }
    };
    if let Some(o) = r.as_object() {
        for (k, v) in o {
            match v {
                Json::Object(section) => section.iter().for_each(|(k, v)| add(k, v)),
                v => add(k, v),
            }
        }
    }
    if let Some(Value::One(category)) = row.columns.get("category") {
        row.area = category.split(", ").next().map(str::to_string);
    }
    row
}

/// "v3", "3", "3.0", "v3.0", " V3.0 " -> "3.0".
pub(crate) fn atrs_version(raw: &str) -> Option<String> {
    let v = raw.trim().trim_start_matches(['v', 'V']).trim();
    if v.is_empty() || !v.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let mut parts = v.split('.').filter(|p| !p.is_empty());
    let major: u32 = parts.next()?.parse().ok()?;
    let minor: u32 = parts.next().map(|m| m.parse().unwrap_or(0)).unwrap_or(0);
    Some(format!("{major}.{minor}"))
}

/// An organisation slug as words: "london-borough-of-barnet" -> "London Borough of Barnet".
pub(crate) fn humanise_slug(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w, "of" | "and" | "for" | "the" | "in" | "on") {
                w.to_string()
            } else {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One of the GOV.UK search API's ATRS finder results.
fn govuk_record(r: &Json) -> Row {
    let s = |k: &str| r[k].as_str().map(str::trim).filter(|s| !s.is_empty());
    let mut row = Row::default();
    let mut col = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            row.columns.insert(k.to_string(), Value::One(v));
        }
    };
    let title = s("title").unwrap_or_default();
    // Titles read "Organisation: Tool". The finder's organisation
    // slug is sometimes another body (a council's record filed under
    // a department), so the title's own prefix wins.
    let (org, name) = match title.split_once(": ") {
        Some((org, name)) if !org.trim().is_empty() && !name.trim().is_empty() => {
            (Some(org.trim().to_string()), name.trim().to_string())
        }
        _ => (None, title.to_string()),
    };
    let org = org.or_else(|| s("algorithmic_transparency_record_organisation").map(humanise_slug));
    let link = s("link").unwrap_or_default();
    col("name", Some(name));
    col("organisation", org);
    col("description", s("description").map(str::to_string));
    col(
        "id",
        link.rsplit('/')
            .next()
            .map(str::to_string)
            .filter(|x| !x.is_empty()),
    );
    // A path on GOV.UK is joined to its host; a whole address is kept
    // as it is (and checked like any other); anything else is no
    // address at all, never glued to the host.
    col(
        "website",
        if link.starts_with('/') && !link.starts_with("//") {
            Some(format!("https://www.gov.uk{link}"))
        } else if crate::model::is_web_url(link) {
            Some(link.to_string())
        } else {
            None
        },
    );
    col(
        "phase",
        s("algorithmic_transparency_record_phase").map(str::to_string),
    );
    let published = s("algorithmic_transparency_record_date_published").map(str::to_string);
    let updated = s("public_timestamp")
        .and_then(|t| t.get(..10))
        .map(str::to_string);
    // The record was last updated at the later of the two.
    let last = match (&published, &updated) {
        (Some(p), Some(u)) => Some(p.clone().max(u.clone())),
        (p, u) => p.clone().or(u.clone()),
    };
    col("date_completion", last);
    if let Some(v) = s("algorithmic_transparency_record_atrs_version").and_then(atrs_version) {
        row.fields
            .insert(Field::ImportedStandardVersion, Value::One(v));
    }
    row.area = r["algorithmic_transparency_record_function"]
        .as_array()
        .and_then(|f| f.first())
        .and_then(Json::as_str)
        .map(|f| {
            let h = humanise_slug(f);
            let mut c = h.chars();
            c.next()
                .map(|f| f.to_string() + &c.as_str().to_lowercase())
                .unwrap_or_default()
        });
    row
}

/// The columns of a CSV of GOV.UK finder records (as the ATRS audit data
/// set publishes them: `title`, `description`, `source_url`,
/// `organisation`, `function` with `|` between values, `phase`,
/// `date_published`, `atrs_version_raw`, `public_updated_at`), whose rows
/// are read like the search API's results.
struct GovukColumns {
    title: usize,
    url: usize,
    description: Option<usize>,
    organisation: Option<usize>,
    function: Option<usize>,
    phase: Option<usize>,
    date_published: Option<usize>,
    version: Option<usize>,
    updated: Option<usize>,
}

impl GovukColumns {
    /// `None` when the CSV has other columns.
    fn find(header: &[String]) -> Option<GovukColumns> {
        let at = |name: &str| header.iter().position(|h| h == name);
        Some(GovukColumns {
            title: at("title")?,
            url: at("source_url")?,
            description: at("description"),
            organisation: at("organisation"),
            function: at("function"),
            phase: at("phase"),
            date_published: at("date_published"),
            version: at("atrs_version_raw").or(at("atrs_version")),
            updated: at("public_updated_at"),
        })
    }

    fn row(&self, r: &[String]) -> Row {
        let get = |i: Option<usize>| i.and_then(|i| r.get(i)).cloned().unwrap_or_default();
        let list = |i: Option<usize>| -> Vec<String> {
            get(i)
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        govuk_record(&serde_json::json!({
            "title": get(Some(self.title)),
            "description": get(self.description),
            "link": get(Some(self.url)),
            "algorithmic_transparency_record_organisation": get(self.organisation),
            "algorithmic_transparency_record_function": list(self.function),
            "algorithmic_transparency_record_phase": get(self.phase),
            "algorithmic_transparency_record_date_published": get(self.date_published),
            "algorithmic_transparency_record_atrs_version": get(self.version),
            "public_timestamp": get(self.updated),
        }))
    }
}

/// One record of the Dutch register's listing (`algoritmes`).
fn nl_record(r: &Json) -> Row {
    let s = |k: &str| {
        r[k].as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut row = Row::default();
    let mut col = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            row.columns.insert(k.to_string(), Value::One(v));
        }
    };
    col("name", s("title"));
    col("organization", s("organisatie"));
    col("goal", s("doel"));
    col("lawful_basis", s("juridische_basis"));
    col("status", s("status"));
    col("url", s("url"));
    // The listing is the Dutch-language register.
    col("lang", Some("nld".into()));
    let last = [s("geregistreerd"), s("toegevoegd")]
        .into_iter()
        .flatten()
        .max();
    if let Some(last) = last {
        row.fields.insert(Field::LastReviewed, Value::One(last));
    }
    row.area = s("organisatie");
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atrs_versions_are_normalised() {
        for (raw, want) in [
            ("v3", Some("3.0")),
            ("3.0", Some("3.0")),
            ("v3.0", Some("3.0")),
            (" V4.0 ", Some("4.0")),
            ("v2.1", Some("2.1")),
            ("1.1", Some("1.1")),
            ("", None),
            ("three", None),
        ] {
            assert_eq!(atrs_version(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn slugs_read_as_names() {
        assert_eq!(
            humanise_slug("london-borough-of-barnet"),
            "London Borough of Barnet"
        );
        assert_eq!(
            humanise_slug("department-for-science-innovation-and-technology"),
            "Department for Science Innovation and Technology"
        );
    }
}
