//! `chorus audit verify`: walks the audit log's hash chain and says whether it is whole.

use crate::audit::{Verdict, verify};

/// Checks the chain; an error (exit code 1) names the first break.
pub async fn run(db: &sea_orm::DatabaseConnection) -> anyhow::Result<()> {
    match verify(db).await? {
        Verdict::Whole { count, last_hash } => {
            println!("ok: {count} entries");
            if count > 0 {
                println!("newest hash: {last_hash}");
            }
            Ok(())
        }
        Verdict::Broken(b) => anyhow::bail!("the audit log is broken: {b}"),
    }
}
