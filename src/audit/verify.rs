//! Checking the whole chain, a batch at a time (for `chorus audit verify`).

use sea_orm::{ConnectionTrait, DbErr};

use crate::audit::model::{Break, ChainCheck};
use crate::audit::store::after;

/// Entries read at once.
const BATCH: u64 = 1000;

/// What a check found: every entry fine (how many, and the newest hash), or the first break.
#[derive(Debug)]
pub enum Verdict {
    /// The chain is whole.
    Whole {
        /// Entries checked.
        count: i64,
        /// The newest entry's hash.
        last_hash: String,
    },
    /// Where it first breaks.
    Broken(Break),
}

/// Walks the whole log in id order.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<Verdict, DbErr> {
    let mut check = ChainCheck::default();
    let mut last_id = 0;
    loop {
        let batch = after(db, last_id, BATCH).await?;
        let Some(last) = batch.last() else {
            break;
        };
        last_id = last.fields.id;
        for e in &batch {
            if let Err(b) = check.push(e) {
                return Ok(Verdict::Broken(b));
            }
        }
    }
    Ok(Verdict::Whole {
        count: check.count(),
        last_hash: check.last_hash().to_owned(),
    })
}
