//! The audit entry and its hash chain, pure: the canonical bytes each entry's hash is made from
//! (`SHA-256(prev_hash || canonical fields)`), and the check that walks a chain and names the
//! first entry that was changed, is missing or is out of order.

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry: nothing came before it.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What one entry says: who did what to which object, when, and with what result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    /// The entry's number: 1 for the first, then one more each time (no gaps).
    pub id: i64,
    /// When it happened, to the microsecond (what both databases keep).
    pub at: DateTime<Utc>,
    /// The steward who acted.
    pub steward: Option<i64>,
    /// The HTTP method (`POST`, `PUT`, `PATCH`, `DELETE`, or `GET` for a download).
    pub method: String,
    /// The route pattern, like `/surveys/{id}/publish`.
    pub route: String,
    /// The object: the route's id parameters, like `id=4 question=9`.
    pub object: String,
    /// The project the object belongs to, when there is one.
    pub project: Option<i64>,
    /// The answer's status code.
    pub status: i32,
}

/// A stored entry: its fields and its place in the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What it says.
    pub fields: Fields,
    /// The hash of the entry before (or [`GENESIS`]).
    pub prev_hash: String,
    /// `SHA-256(prev_hash || canonical(fields))`, as lower-case hex.
    pub hash: String,
}

/// A moment as the log keeps it: whole microseconds, so what is hashed is what is read back.
pub fn log_time(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// The bytes hashed for an entry: each field as its length (8 bytes, big-endian) and its UTF-8
/// text, in a fixed order, so no two different entries can give the same bytes.
pub fn canonical(f: &Fields) -> Vec<u8> {
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let parts = [
        f.id.to_string(),
        log_time(f.at).to_rfc3339_opts(SecondsFormat::Micros, true),
        opt(f.steward),
        f.method.clone(),
        f.route.clone(),
        f.object.clone(),
        opt(f.project),
        f.status.to_string(),
    ];
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(&(part.len() as u64).to_be_bytes());
        out.extend_from_slice(part.as_bytes());
    }
    out
}

/// The hash of an entry that follows `prev_hash`.
pub fn chain_hash(prev_hash: &str, f: &Fields) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(canonical(f));
    hex::encode(h.finalize())
}

/// Where a chain breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// An entry's contents no longer match its hash: it was changed.
    Changed(i64),
    /// Entries are missing: `found` came where `expected` should have.
    Missing {
        /// The number that should have come next.
        expected: i64,
        /// The number that came.
        found: i64,
    },
    /// An entry does not point at the hash of the one before it (reordered or replaced).
    Unlinked(i64),
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Changed(id) => write!(
                f,
                "entry {id} was changed: its contents do not match its hash"
            ),
            Break::Missing { expected, found } => write!(
                f,
                "entry {expected} is missing: the entry after {} is {found}",
                expected - 1
            ),
            Break::Unlinked(id) => write!(
                f,
                "entry {id} does not follow the entry before it: the chain was reordered or rewritten"
            ),
        }
    }
}

/// Walks a chain from its start, entry by entry in id order, remembering only the last one.
#[derive(Clone, Debug)]
pub struct ChainCheck {
    next_id: i64,
    last_hash: String,
}

impl Default for ChainCheck {
    fn default() -> Self {
        ChainCheck {
            next_id: 1,
            last_hash: GENESIS.to_owned(),
        }
    }
}

impl ChainCheck {
    /// Checks the next entry: numbered one more than the last, pointing at its hash, and
    /// hashing to what it says.
    pub fn push(&mut self, e: &Entry) -> Result<(), Break> {
        if e.fields.id != self.next_id {
            return Err(Break::Missing {
                expected: self.next_id,
                found: e.fields.id,
            });
        }
        if chain_hash(&e.prev_hash, &e.fields) != e.hash {
            return Err(Break::Changed(e.fields.id));
        }
        if e.prev_hash != self.last_hash {
            return Err(Break::Unlinked(e.fields.id));
        }
        self.next_id += 1;
        self.last_hash = e.hash.clone();
        Ok(())
    }

    /// How many entries were checked.
    pub fn count(&self) -> i64 {
        self.next_id - 1
    }

    /// The hash of the newest entry checked (worth writing down elsewhere: a chain cut short at
    /// its end still checks, but no longer ends with this hash).
    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Entry> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|id| {
                let fields = Fields {
                    id,
                    at: log_time(Utc::now()),
                    steward: Some(1),
                    method: "POST".into(),
                    route: "/surveys/{id}/publish".into(),
                    object: format!("id={id}"),
                    project: Some(2),
                    status: 303,
                };
                let hash = chain_hash(&prev, &fields);
                let e = Entry {
                    fields,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    fn check(entries: &[Entry]) -> Result<i64, Break> {
        let mut c = ChainCheck::default();
        for e in entries {
            c.push(e)?;
        }
        Ok(c.count())
    }

    #[test]
    fn an_untouched_chain_checks() {
        assert_eq!(check(&chain(5)), Ok(5));
        assert_eq!(check(&[]), Ok(0));
    }

    #[test]
    fn a_changed_field_names_its_entry() {
        let mut c = chain(5);
        c[2].fields.object = "id=99".into();
        assert_eq!(check(&c), Err(Break::Changed(3)));
    }

    #[test]
    fn a_missing_entry_is_a_gap() {
        let mut c = chain(5);
        c.remove(2);
        assert_eq!(
            check(&c),
            Err(Break::Missing {
                expected: 3,
                found: 4
            })
        );
    }

    #[test]
    fn a_rewritten_entry_with_a_fresh_hash_breaks_the_link_after_it() {
        let mut c = chain(5);
        c[1].fields.status = 200;
        c[1].hash = chain_hash(&c[1].prev_hash, &c[1].fields);
        assert_eq!(check(&c), Err(Break::Unlinked(3)));
    }

    #[test]
    fn field_boundaries_cannot_be_moved() {
        let mut a = chain(1).remove(0).fields;
        let mut b = a.clone();
        a.method = "POST/x".into();
        a.route = "y".into();
        b.method = "POST".into();
        b.route = "/xy".into();
        assert_ne!(canonical(&a), canonical(&b));
    }
}
