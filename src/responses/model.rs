//! Pure response types: how and where a response came in, and receipt codes.

use rand::Rng;

use crate::string_enum;

string_enum! {
    /// Who filled the survey in.
    Mode {
        /// The respondent themselves.
        SelfCompleted = "self",
        /// Someone helped them.
        Assisted = "assisted",
        /// Typed in from a paper copy.
        Paper = "paper",
    }
}

string_enum! {
    /// How the respondent arrived.
    Channel {
        Link = "link",
        Qr = "qr",
        Email = "email",
        Kiosk = "kiosk",
    }
}

/// Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L).
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A receipt code such as `7KQ-M4P-2XD`: 9 symbols from 31 (about 44 bits), shown in three groups.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Receipt(String);

impl Receipt {
    /// A new random receipt.
    pub fn generate() -> Receipt {
        let mut rng = rand::rng();
        let symbols: String = (0..9)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        Receipt(format!(
            "{}-{}-{}",
            &symbols[0..3],
            &symbols[3..6],
            &symbols[6..9]
        ))
    }

    /// Reads a receipt as a person might type it: any case, with or without dashes or spaces.
    pub fn parse(text: &str) -> Option<Receipt> {
        let symbols: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if symbols.len() != 9 || !symbols.bytes().all(|b| ALPHABET.contains(&b)) {
            return None;
        }
        Some(Receipt(format!(
            "{}-{}-{}",
            &symbols[0..3],
            &symbols[3..6],
            &symbols[6..9]
        )))
    }

    /// The code, with dashes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn receipts_are_three_groups_of_three_and_parse_forgivingly() {
        let r = Receipt::generate();
        assert_eq!(r.as_str().len(), 11);
        let typed = r.as_str().to_lowercase().replace('-', " ");
        assert_eq!(Receipt::parse(&typed).unwrap(), r);
        assert!(Receipt::parse("ABC").is_none());
        assert!(Receipt::parse("000-000-000").is_none());
    }
}
