//! The CSV format, read for `import` and written for the open data and the
//! exports: the one module that uses the `csv` crate.

/// How a CSV file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Fields quoted only where needed, lines ending in LF: the site's own
    /// open data (`register.csv`, `errors.csv`).
    Plain,
    /// Every field quoted, lines ending in CRLF as RFC 4180 asks: the
    /// exports other registers take in.
    Strict,
}

/// Writes a header and rows as CSV.
pub(crate) fn write(layout: Layout, header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut builder = csv::WriterBuilder::new();
    if layout == Layout::Strict {
        builder
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF);
    }
    let mut w = builder.from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row);
    }
    w.into_inner().unwrap_or_default()
}

/// Reads CSV with a header row into (header, rows). A byte-order mark at the
/// start is dropped; rows may be shorter than the header.
pub(crate) fn read(text: &str) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = r
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in r.records() {
        let record = record.map_err(|e| e.to_string())?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok((header, rows))
}
