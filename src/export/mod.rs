//! Generic CSV exports: safe cells (formula neutralisation), an optional byte-order mark for
//! Excel, one record at a time, and the HTTP download response. What goes in the rows belongs to
//! the capability that owns the data (`results` for responses, `themes` for themes).

pub mod csv;
mod download;

pub use self::csv::{BOM, neutralise, record};
pub use download::{attachment, download};
