//! What the results handlers share: the `?bom=` query of every CSV download and the smallest
//! group shown, from the settings.

use serde::Deserialize;

use crate::disclosure::MinGroup;
use crate::state::AppState;

/// `?bom=1` on CSV downloads.
#[derive(Deserialize, Default)]
pub struct CsvQuery {
    bom: Option<String>,
}

impl CsvQuery {
    /// Whether a byte-order mark was asked for.
    pub fn bom(&self) -> bool {
        matches!(self.bom.as_deref(), Some("1" | "true" | "yes"))
    }
}

/// The smallest group shown, from the settings.
pub fn min_group(state: &AppState) -> MinGroup {
    MinGroup(state.settings.min_group)
}
