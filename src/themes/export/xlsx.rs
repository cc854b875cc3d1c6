//! The theme exports as Excel workbooks (rust_xlsxwriter, constant-memory worksheets): a bold,
//! frozen header row, sensible column widths, text always written as text (never a formula)
//! and counts as numbers.

use std::io::{Seek, SeekFrom};
use std::pin::Pin;

use actix_web::web::Bytes;
use anyhow::Context;
use futures_util::Stream;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::DatabaseTransaction;
use tokio::io::AsyncReadExt;

use crate::disclosure::MinGroup;
use crate::error::AppError;
use crate::themes::export::model::{CODED_HEADER, Cell, coded_row, theme_row, themes_header};
use crate::themes::stats::disclosed::export_key;
use crate::themes::stats::model::Catalogue;
use crate::themes::stats::model::Tally;
use crate::themes::stats::store::coded_page;

/// A workbook's bytes, chunk by chunk.
pub type Body = Pin<Box<dyn Stream<Item = Result<Bytes, std::io::Error>>>>;

/// Bytes read from the saved workbook per chunk.
const CHUNK: usize = 64 * 1024;

/// Excel's limit on characters in a cell.
const CELL_CHARS: usize = 32_000;
/// Rows below the header that fit on one sheet (Excel's last row is 1,048,575; the header is
/// row 0). Longer exports go on to further sheets.
const SHEET_ROWS: u32 = 1_048_575;

fn xlsx_err(err: XlsxError) -> AppError {
    AppError::Unexpected(anyhow::Error::new(err).context("writing the workbook failed"))
}

/// Adds a constant-memory sheet holding the header row.
fn add_sheet(
    wb: &mut Workbook,
    name: &str,
    header: &[String],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(name)?;
    for (col, width) in (0u16..).zip(widths) {
        ws.set_column_width(col, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (col, h) in (0u16..).zip(header) {
        ws.write_string_with_format(0, col, h, &bold)?;
    }
    Ok(())
}

/// A workbook with one sheet holding the header row.
fn book(sheet: &str, header: &[String], widths: &[f64]) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    add_sheet(&mut wb, sheet, header, widths)?;
    Ok(wb)
}

/// Rows written across as many sheets as they need ("Coded answers", "Coded answers 2", …),
/// each with the header, so no row is lost to Excel's row limit.
struct Sheets<'a> {
    name: &'a str,
    header: &'a [String],
    widths: &'a [f64],
    rows_per_sheet: u32,
    /// Index of the sheet being filled and the next row on it.
    sheet: usize,
    row: u32,
}

impl<'a> Sheets<'a> {
    /// Starts a workbook whose first sheet is `name`.
    fn start(
        name: &'a str,
        header: &'a [String],
        widths: &'a [f64],
        rows_per_sheet: u32,
    ) -> Result<(Workbook, Self), XlsxError> {
        let wb = book(name, header, widths)?;
        let sheets = Sheets {
            name,
            header,
            widths,
            rows_per_sheet: rows_per_sheet.max(1),
            sheet: 0,
            row: 1,
        };
        Ok((wb, sheets))
    }

    /// Writes the next row, on a new sheet when this one is full.
    fn write(&mut self, wb: &mut Workbook, cells: &[Cell]) -> Result<(), XlsxError> {
        if self.row > self.rows_per_sheet {
            self.sheet += 1;
            let name = format!("{} {}", self.name, self.sheet + 1);
            add_sheet(wb, &name, self.header, self.widths)?;
            self.row = 1;
        }
        write_row(wb, self.sheet, self.row, cells)?;
        self.row += 1;
        Ok(())
    }
}

fn write_row(wb: &mut Workbook, sheet: usize, row: u32, cells: &[Cell]) -> Result<(), XlsxError> {
    let ws = wb.worksheet_from_index(sheet)?;
    for (col, cell) in (0u16..).zip(cells) {
        match cell {
            Cell::Text(t) if t.is_empty() => {}
            Cell::Text(t) if t.chars().count() > CELL_CHARS => {
                let cut: String = t.chars().take(CELL_CHARS).collect();
                ws.write_string(row, col, cut)?;
            }
            Cell::Text(t) => {
                ws.write_string(row, col, t)?;
            }
            Cell::Number(n) => {
                ws.write_number(row, col, *n)?;
            }
        }
    }
    Ok(())
}

/// Saves the workbook into a temporary file that is unlinked at once, and returns its bytes as
/// a stream of chunks, so memory stays flat however big the workbook.
async fn finish(wb: Workbook) -> Result<Body, AppError> {
    let file = tokio::task::spawn_blocking(move || -> anyhow::Result<std::fs::File> {
        let mut wb = wb;
        let path = std::env::temp_dir().join(format!("chorus-{}.xlsx", uuid::Uuid::new_v4()));
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .context("creating the workbook's temporary file")?;
        // Unlinked now: the open file stays readable and nothing is left behind on a crash.
        std::fs::remove_file(&path).context("unlinking the workbook's temporary file")?;
        wb.save_to_writer(&mut file)
            .context("writing the workbook failed")?;
        file.seek(SeekFrom::Start(0))?;
        Ok(file)
    })
    .await
    .map_err(|e| AppError::Unexpected(anyhow::anyhow!("saving the workbook: {e}")))??;
    let file = tokio::fs::File::from_std(file);
    Ok(Box::pin(futures_util::stream::unfold(
        Some(file),
        |file| async move {
            let mut file = file?;
            let mut buf = vec![0u8; CHUNK];
            match file.read(&mut buf).await {
                Ok(0) => None,
                Ok(n) => {
                    buf.truncate(n);
                    Some((Ok(Bytes::from(buf)), Some(file)))
                }
                Err(err) => Some((Err(err), None)),
            }
        },
    )))
}

/// `themes.xlsx`: one row per theme.
pub async fn themes(cat: &Catalogue, tally: &Tally, min: MinGroup) -> Result<Body, AppError> {
    let header = themes_header();
    let widths: Vec<f64> = header
        .iter()
        .map(|h| match h.as_str() {
            "theme" => 30.0,
            "description" => 40.0,
            h if h.starts_with("example_") => 50.0,
            h => (h.len() as f64 + 2.0).max(12.0),
        })
        .collect();
    let mut wb = book("Themes", &header, &widths).map_err(xlsx_err)?;
    for (row, t) in (1u32..).zip(&cat.themes) {
        let cells = theme_row(t, tally.themes.get(&t.id), cat.text_answers, min);
        write_row(&mut wb, 0, row, &cells).map_err(xlsx_err)?;
    }
    finish(wb).await
}

/// `coded-answers.xlsx`: one row per coded answer (withheld answers left out), read page by
/// page; past Excel's row limit the rows go on to a further sheet.
pub async fn coded_answers(db: &DatabaseTransaction, cat: &Catalogue) -> Result<Body, AppError> {
    let header: Vec<String> = CODED_HEADER.iter().map(|h| (*h).to_owned()).collect();
    let widths = [
        18.0, 12.0, 24.0, 14.0, 10.0, 16.0, 40.0, 60.0, 30.0, 20.0, 14.0,
    ];
    let (mut wb, mut sheets) =
        Sheets::start("Coded answers", &header, &widths, SHEET_ROWS).map_err(xlsx_err)?;
    let key = export_key();
    let mut after = Some(0);
    while let Some(from) = after {
        let (page, last) = coded_page(db, cat, None, from).await?;
        for cells in page.iter().filter_map(|a| coded_row(a, cat, &key)) {
            sheets.write(&mut wb, &cells).map_err(xlsx_err)?;
        }
        after = last;
    }
    finish(wb).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Reader, Xlsx};

    #[test]
    fn rows_past_a_full_sheet_go_on_to_a_further_sheet_with_the_header() {
        let header = vec!["n".to_owned()];
        let (mut wb, mut sheets) = Sheets::start("Coded answers", &header, &[10.0], 3).unwrap();
        for n in 1..=7 {
            sheets
                .write(&mut wb, &[Cell::Text(format!("row {n}"))])
                .unwrap();
        }
        let bytes = wb.save_to_buffer().unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(
            book.sheet_names(),
            ["Coded answers", "Coded answers 2", "Coded answers 3"]
        );
        let mut seen = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).unwrap();
            let mut rows = range.rows();
            assert_eq!(
                rows.next().unwrap()[0].to_string(),
                "n",
                "{name} has the header"
            );
            seen.extend(rows.map(|r| r[0].to_string()));
        }
        let want: Vec<String> = (1..=7).map(|n| format!("row {n}")).collect();
        assert_eq!(seen, want);
    }
}
