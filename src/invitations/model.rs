//! Pure invitation rules: reading a pasted list or CSV of addresses, sorting them into new,
//! not valid and already invited, tokens, and the words of the result.

use std::collections::BTreeSet;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::accounts::EmailAddress;
use crate::surveys::{Availability, Status, Survey};

/// The most addresses one request may carry (a paste, a CSV or an API call).
pub const MAX_ADDRESSES: usize = 1000;

/// Words a CSV header cell may use for the column of addresses.
const HEADER_NAMES: [&str; 6] = [
    "email",
    "e-mail",
    "email address",
    "e-mail address",
    "emails",
    "email addresses",
];

/// An invitation's database id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InvitationId(pub i64);

/// Splits what a steward pasted into candidate addresses: one a line, or separated by commas,
/// semicolons or tabs, CSV quoting allowed. When the first row is a header naming an email
/// column (`email`, `Email address`, …), only that column is read and the header skipped.
pub fn split_addresses(text: &str) -> Vec<String> {
    let normalised = text.replace([';', '\t'], ",");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(normalised.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => rows.push(r.iter().map(str::to_owned).collect()),
            // A broken quote: fall back to the raw line, split plainly.
            Err(_) => break,
        }
    }
    if rows.is_empty() && !text.trim().is_empty() {
        rows = normalised
            .lines()
            .map(|l| l.split(',').map(|c| c.trim().to_owned()).collect())
            .collect();
    }
    let column = rows.first().and_then(|header| {
        header
            .iter()
            .position(|cell| HEADER_NAMES.contains(&cell.to_lowercase().as_str()))
    });
    let cells: Vec<String> = match column {
        Some(i) => rows
            .iter()
            .skip(1)
            .filter_map(|row| row.get(i).cloned())
            .collect(),
        None => rows.into_iter().flatten().collect(),
    };
    cells
        .into_iter()
        .map(|c| {
            c.trim()
                .trim_matches(['"', '\'', '<', '>'])
                .trim()
                .to_owned()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// Why an address was not invited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The address as it was given.
    pub email: String,
    /// Why, in plain words.
    pub reason: &'static str,
}

/// Not a valid address.
pub const NOT_VALID: &str = "not a valid email address";
/// Invited to this survey already (or twice in the list).
pub const ALREADY_INVITED: &str = "already invited";

/// Addresses sorted into those to invite now and those not to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Screened {
    /// New, valid addresses, each once, in the order given.
    pub accepted: Vec<EmailAddress>,
    /// Addresses that are not valid.
    pub invalid: Vec<Rejected>,
    /// Addresses already invited to this survey, or repeated in the list.
    pub duplicates: Vec<Rejected>,
}

impl Screened {
    /// Every address not invited, invalid ones first.
    pub fn rejected(&self) -> Vec<Rejected> {
        self.invalid
            .iter()
            .chain(self.duplicates.iter())
            .cloned()
            .collect()
    }

    /// The result in one sentence: "12 invited, 2 not valid: a, b. 1 already invited."
    pub fn summary(&self) -> String {
        let mut out = format!("{} invited", count(self.accepted.len(), "person", "people"));
        if !self.invalid.is_empty() {
            let names: Vec<&str> = self.invalid.iter().map(|r| r.email.as_str()).collect();
            out.push_str(&format!(
                ", {} not valid: {}",
                self.invalid.len(),
                names.join(", ")
            ));
        }
        out.push('.');
        if !self.duplicates.is_empty() {
            out.push_str(&format!(
                " {} already invited, so not sent again.",
                self.duplicates.len()
            ));
        }
        out
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Sorts candidates: valid and new ones are accepted (each once), the rest named with a reason.
/// `already` holds the survey's invited addresses, lower-cased.
pub fn screen(candidates: &[String], already: &BTreeSet<String>) -> Screened {
    let mut out = Screened::default();
    let mut seen = BTreeSet::new();
    for raw in candidates {
        match EmailAddress::parse(raw) {
            Err(_) => out.invalid.push(Rejected {
                email: raw.clone(),
                reason: NOT_VALID,
            }),
            Ok(address) => {
                if already.contains(address.as_str()) || !seen.insert(address.as_str().to_owned()) {
                    out.duplicates.push(Rejected {
                        email: raw.clone(),
                        reason: ALREADY_INVITED,
                    });
                } else {
                    out.accepted.push(address);
                }
            }
        }
    }
    out
}

/// Whether people can be invited now: the survey is published and has not closed (by hand or
/// by its closing date).
pub fn accepts_invitations(survey: &Survey) -> bool {
    survey.status == Status::Open && survey.availability(chrono::Utc::now()) != Availability::Closed
}

/// What a token in a message opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `/i/{token}`: the invitation link.
    Link,
    /// `/unsubscribe/{token}`.
    Unsubscribe,
}

impl Purpose {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Link => "link",
            Purpose::Unsubscribe => "unsubscribe",
        }
    }
}

/// A fresh random token (256 bits, URL-safe) and the hash that is all Chorus keeps of it.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether text could be a token Chorus made (before any database look-up).
pub fn plausible_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The first sentence of an introduction, for the message (at most 200 characters).
pub fn first_sentence(intro: &str) -> String {
    let intro = intro.trim();
    let end = intro
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '.' | '!' | '?')
                && intro[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(intro.len(), |(i, c)| i + c.len_utf8());
    let sentence = intro[..end].trim();
    if sentence.chars().count() > 200 {
        let cut: String = sentence.chars().take(199).collect();
        format!("{}…", cut.trim_end())
    } else {
        sentence.to_owned()
    }
}

/// Reads the reminder delay typed on the invitations page: whole days from 1 to 60.
pub fn parse_reminder_days(text: &str) -> Result<u32, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter the number of days before a reminder");
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=60).contains(&n) => Ok(n),
        Ok(_) => Err("Reminder days must be between 1 and 60"),
        Err(_) => Err("Reminder days must be a whole number, like 3"),
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
