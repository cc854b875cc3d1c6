//! CSV exports of responses: safe cells (formula neutralisation), an optional byte-order mark
//! for Excel, and a body streamed page by page so memory stays flat however big the survey.

pub mod csv;
pub mod stream;

pub use self::csv::{BOM, header, neutralise, record, row};
pub use stream::{csv_response, download, filename, responses_csv};
