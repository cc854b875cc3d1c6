//! What may be shown of the theme figures, decided here and nowhere else: counts with small
//! groups hidden (primary and secondary suppression), quotes and answer texts with names,
//! emails, phones and postcodes redacted, and responses under an export-local pseudonym.
//! Views and exports only format what these return.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::disclosure::{MinGroup, Shown, redact, suppress};
use crate::themes::stats::model::{CodedAnswer, QUOTES, ThemeStats};

/// Counts in order, with small groups hidden (primary and secondary suppression).
pub fn shown_counts(counts: &[u64], min: MinGroup) -> Vec<Shown<u64>> {
    let s = suppress(counts, min);
    counts
        .iter()
        .enumerate()
        .map(|(i, c)| s.count(i, *c))
        .collect()
}

impl ThemeStats {
    /// Up to `n` different quotes, best first, redacted; none when fewer than `min` answers
    /// have the theme.
    pub fn shown_quotes(&self, n: usize, min: MinGroup) -> Vec<String> {
        if min.too_small(self.count) {
            return Vec::new();
        }
        crate::text::distinct_quotes(self.quotes(QUOTES).map(redact), n)
    }
}

impl CodedAnswer {
    /// The answer's text, redacted.
    pub fn shown_text(&self) -> String {
        redact(&self.text)
    }
}

/// An export-local pseudonym for a response: the first 16 hex digits of HMAC-SHA-256 of its
/// id under a key made for one export, so two exports cannot be linked and the id cannot be
/// read back.
pub fn pseudonym(key: &[u8], response: i64) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(&response.to_be_bytes());
    let bytes = mac.finalize().into_bytes();
    hex::encode(&bytes[..8])
}

/// A fresh random key for one export.
pub fn export_key() -> [u8; 32] {
    rand::random()
}
