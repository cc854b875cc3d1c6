//! Pure CSV pieces: the byte-order mark, cells that spreadsheets will not run, and one record.

use std::borrow::Cow;

/// The UTF-8 byte-order mark Excel needs to read UTF-8 correctly.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Cells a spreadsheet could read as a formula get a leading `'`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Appends one CSV record (neutralised and quoted as needed) to `out`.
pub fn record(out: &mut Vec<u8>, cells: &[String]) -> Result<(), ::csv::Error> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_neutralised() {
        for cell in ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "\nx"] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        assert_eq!(neutralise("fine"), "fine");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn records_are_quoted_when_they_need_to_be() {
        let mut out = Vec::new();
        record(
            &mut out,
            &["a,b".into(), "say \"hi\"".into(), "x\ny".into()],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\r\n"
        );
    }
}
