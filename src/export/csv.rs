//! Pure CSV pieces: the header, one row per response, and cells that spreadsheets will not run.

use std::borrow::Cow;

use crate::results::model::ResponseRow;
use crate::surveys::Question;

/// The UTF-8 byte-order mark Excel needs to read UTF-8 correctly.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Cells a spreadsheet could read as a formula get a leading `'`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Column names: the response's own columns, then one per question key (archived included).
pub fn header(questions: &[Question]) -> Vec<String> {
    let mut cells: Vec<String> = ["response_id", "submitted_at", "mode", "channel", "context"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    cells.extend(questions.iter().map(|q| q.def.key.as_str().to_owned()));
    cells
}

/// The cells of one response, in header order; choices joined with "; ", faces as words.
pub fn row(response: &ResponseRow, questions: &[Question]) -> Vec<String> {
    let mut cells = vec![
        response.id.to_string(),
        response.submitted_at.to_rfc3339(),
        response.mode.clone(),
        response.channel.clone(),
        response.context.clone().unwrap_or_default(),
    ];
    cells.extend(questions.iter().map(|q| {
        response
            .answers
            .get(&q.id)
            .map(|a| a.display(q.def.kind))
            .unwrap_or_default()
    }));
    cells
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
