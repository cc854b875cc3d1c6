//! The theme exports as Excel workbooks (rust_xlsxwriter, constant-memory worksheets): a bold,
//! frozen header row, sensible column widths, text always written as text (never a formula)
//! and counts as numbers.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::DatabaseConnection;

use crate::disclosure::MinGroup;
use crate::error::AppError;
use crate::themes::export::{CODED_HEADER, Cell, coded_row, theme_row, themes_header};
use crate::themes::export_store::{Catalogue, coded_page};
use crate::themes::stats::{Tally, export_key};

/// Excel's limit on characters in a cell.
const CELL_CHARS: usize = 32_000;
/// Excel's last row (the header is row 0).
const LAST_ROW: u32 = 1_048_575;

fn xlsx_err(err: XlsxError) -> AppError {
    AppError::Unexpected(anyhow::Error::new(err).context("writing the workbook failed"))
}

/// A workbook with one constant-memory sheet holding the header row.
fn book(sheet: &str, header: &[String], widths: &[f64]) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(sheet)?;
    for (col, width) in (0u16..).zip(widths) {
        ws.set_column_width(col, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (col, h) in (0u16..).zip(header) {
        ws.write_string_with_format(0, col, h, &bold)?;
    }
    Ok(wb)
}

fn write_row(wb: &mut Workbook, row: u32, cells: &[Cell]) -> Result<(), XlsxError> {
    let ws = wb.worksheet_from_index(0)?;
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

async fn finish(wb: Workbook) -> Result<Vec<u8>, AppError> {
    let mut wb = wb;
    tokio::task::spawn_blocking(move || wb.save_to_buffer())
        .await
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("saving the workbook: {e}")))?
        .map_err(xlsx_err)
}

/// `themes.xlsx`: one row per theme.
pub async fn themes(cat: &Catalogue, tally: &Tally, min: MinGroup) -> Result<Vec<u8>, AppError> {
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
        write_row(&mut wb, row, &cells).map_err(xlsx_err)?;
    }
    finish(wb).await
}

/// `coded-answers.xlsx`: one row per coded answer (withheld answers left out), read page by
/// page; rows past Excel's last row are left out.
pub async fn coded_answers(db: &DatabaseConnection, cat: &Catalogue) -> Result<Vec<u8>, AppError> {
    let header: Vec<String> = CODED_HEADER.iter().map(|h| (*h).to_owned()).collect();
    let widths = [18.0, 16.0, 60.0, 30.0, 20.0, 14.0];
    let mut wb = book("Coded answers", &header, &widths).map_err(xlsx_err)?;
    let key = export_key();
    let mut row = 1u32;
    let mut after = Some(0);
    while let Some(from) = after {
        let (page, last) = coded_page(db, cat, None, from).await?;
        for cells in page.iter().filter_map(|a| coded_row(a, cat, &key)) {
            if row > LAST_ROW {
                break;
            }
            write_row(&mut wb, row, &cells).map_err(xlsx_err)?;
            row += 1;
        }
        after = last.filter(|_| row <= LAST_ROW);
    }
    finish(wb).await
}
