//! Theme export downloads: `themes` and `coded-answers` as CSV (UTF-8, optional byte-order
//! mark, formula-safe cells; coded answers streamed page by page) or XLSX, with the headers a
//! download needs. Used by the steward pages and the API alike.

use std::sync::Arc;
use std::time::Duration;

use actix_web::HttpResponse;
use actix_web::http::header;
use actix_web::web::Bytes;
use futures_util::Stream;
use sea_orm::{
    AccessMode, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, IsolationLevel,
    TransactionOptions, TransactionTrait,
};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::disclosure::MinGroup;
use crate::error::AppError;
use crate::export::{BOM, record};
use crate::projects::ProjectId;
use crate::themes::export::model::{
    CODED_HEADER, Cell, coded_row, filename, theme_row, themes_header,
};
use crate::themes::export::xlsx;
use crate::themes::stats::disclosed::export_key;
use crate::themes::stats::model::Catalogue;
use crate::themes::stats::store::{catalogue, coded_page, tally};

/// Theme exports an instance runs at once. Each reads in its own transaction and so holds one
/// pooled connection until its download ends; the limit leaves the rest of the pool to
/// submissions and pages.
pub const EXPORTS_AT_ONCE: usize = 2;

/// How long a download waits for a running one to finish before it is told to try again.
pub const EXPORT_WAIT: Duration = Duration::from_secs(30);

/// Which export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// One row per theme.
    Themes,
    /// One row per coded answer.
    CodedAnswers,
}

/// Which file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CSV, UTF-8.
    Csv,
    /// Excel workbook.
    Xlsx,
}

impl Export {
    fn name(self) -> &'static str {
        match self {
            Export::Themes => "themes",
            Export::CodedAnswers => "coded-answers",
        }
    }
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

fn csv_err(err: ::csv::Error) -> DbErr {
    DbErr::Custom(format!("writing CSV failed: {err}"))
}

fn csv_line(out: &mut Vec<u8>, cells: &[Cell]) -> Result<(), ::csv::Error> {
    let cells: Vec<String> = cells.iter().map(Cell::text).collect();
    record(out, &cells)
}

fn start(bom: bool) -> Vec<u8> {
    if bom { BOM.to_vec() } else { Vec::new() }
}

/// The `themes.csv` body (one row per theme: small, so built whole).
pub async fn themes_csv(
    db: &DatabaseTransaction,
    cat: &Catalogue,
    min: MinGroup,
    bom: bool,
) -> Result<Vec<u8>, AppError> {
    let tally = tally(db, cat, None).await?;
    let mut out = start(bom);
    let header: Vec<Cell> = themes_header().into_iter().map(Cell::Text).collect();
    csv_line(&mut out, &header).map_err(csv_err)?;
    for t in &cat.themes {
        let row = theme_row(t, tally.themes.get(&t.id), cat.text_answers, min);
        csv_line(&mut out, &row).map_err(csv_err)?;
    }
    Ok(out)
}

enum Next {
    Header,
    After(i64),
    Done,
}

/// An export's transaction with its place among the exports running at once: both end when
/// the download does (or the person goes away).
pub struct Reader {
    txn: DatabaseTransaction,
    _permit: OwnedSemaphorePermit,
}

/// Waits up to `wait` for a place among the running exports.
pub async fn place(
    exports: &Arc<Semaphore>,
    wait: Duration,
) -> Result<OwnedSemaphorePermit, AppError> {
    match tokio::time::timeout(wait, Arc::clone(exports).acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(closed)) => Err(AppError::Unexpected(anyhow::Error::new(closed))),
        Err(_) => Err(AppError::TooManyRequests { retry_after: 60 }),
    }
}

/// The `coded-answers.csv` body as a stream of chunks, one page of answers each, with a fresh
/// pseudonym key for this export. Every page is read in the export's one transaction.
pub fn coded_csv(
    reader: Reader,
    cat: Catalogue,
    bom: bool,
) -> impl Stream<Item = Result<Bytes, DbErr>> + 'static {
    let key = export_key();
    let cat = Arc::new(cat);
    let reader = Arc::new(reader);
    futures_util::stream::unfold(Next::Header, move |next| {
        let reader = Arc::clone(&reader);
        let cat = Arc::clone(&cat);
        async move {
            match next {
                Next::Done => None,
                Next::Header => {
                    let mut out = start(bom);
                    let header: Vec<Cell> = CODED_HEADER.iter().map(|h| Cell::from(*h)).collect();
                    let result = csv_line(&mut out, &header)
                        .map(|()| Bytes::from(out))
                        .map_err(csv_err);
                    Some((result, Next::After(0)))
                }
                Next::After(after) => {
                    let (page, last) = match coded_page(&reader.txn, &cat, None, after).await {
                        Ok(found) => found,
                        Err(err) => return Some((Err(err), Next::Done)),
                    };
                    let mut out = Vec::new();
                    for row in page.iter().filter_map(|a| coded_row(a, &cat, &key)) {
                        if let Err(err) = csv_line(&mut out, &row) {
                            return Some((Err(csv_err(err)), Next::Done));
                        }
                    }
                    Some((Ok(Bytes::from(out)), last.map_or(Next::Done, Next::After)))
                }
            }
        }
    })
}

fn download(project: ProjectId, export: Export, format: Format) -> actix_web::HttpResponseBuilder {
    let mut res = HttpResponse::Ok();
    res.content_type(format.content_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"",
                filename(project.0, export.name(), format.ext())
            ),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"));
    res
}

/// A read-only transaction for one export, so every page it reads sees the same data: a
/// repeatable-read snapshot on PostgreSQL; on SQLite (WAL) a read transaction is a snapshot
/// already. Reading on one connection also keeps the export's memory to that connection's.
async fn snapshot(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    db.begin_with_options(TransactionOptions {
        isolation_level: postgres.then_some(IsolationLevel::RepeatableRead),
        access_mode: postgres.then_some(AccessMode::ReadOnly),
        sqlite_transaction_mode: None,
    })
    .await
}

/// The download of one export of a project (access already checked), once one of the
/// [`EXPORTS_AT_ONCE`] places is free.
pub async fn respond(
    db: &DatabaseConnection,
    exports: &Arc<Semaphore>,
    project: ProjectId,
    min: MinGroup,
    export: Export,
    format: Format,
    bom: bool,
) -> Result<HttpResponse, AppError> {
    let permit = place(exports, EXPORT_WAIT).await?;
    let txn = snapshot(db).await?;
    let cat = catalogue(&txn, project).await?;
    let mut res = download(project, export, format);
    Ok(match (export, format) {
        (Export::Themes, Format::Csv) => res.body(themes_csv(&txn, &cat, min, bom).await?),
        (Export::CodedAnswers, Format::Csv) => {
            let reader = Reader {
                txn,
                _permit: permit,
            };
            res.streaming(coded_csv(reader, cat, bom))
        }
        (Export::Themes, Format::Xlsx) => {
            let tally = tally(&txn, &cat, None).await?;
            res.streaming(xlsx::themes(&cat, &tally, min).await?)
        }
        (Export::CodedAnswers, Format::Xlsx) => {
            res.streaming(xlsx::coded_answers(&txn, &cat).await?)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_download_beyond_the_running_limit_waits_then_is_told_to_try_again() {
        let exports = Arc::new(Semaphore::new(1));
        let first = place(&exports, Duration::from_millis(10)).await.unwrap();
        let refused = place(&exports, Duration::from_millis(10)).await;
        assert!(matches!(
            refused,
            Err(AppError::TooManyRequests { retry_after: 60 })
        ));
        // A place comes free when a running download ends.
        let waiting = tokio::spawn({
            let exports = Arc::clone(&exports);
            async move { place(&exports, Duration::from_secs(5)).await.is_ok() }
        });
        drop(first);
        assert!(waiting.await.unwrap());
    }
}
