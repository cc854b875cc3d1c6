//! `chorus audit verify`: walks the audit log's hash chain and says whether it is whole.

use clap::Subcommand;

use crate::audit::{Verdict, verify};
use crate::cli::args::DbArgs;

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check the audit log: prints "ok: N entries" and the newest hash, or names the first
    /// entry that was changed, is missing or is out of order, and fails
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

impl AuditCommand {
    /// The database flags the command was given.
    pub fn db(&self) -> &DbArgs {
        match self {
            AuditCommand::Verify { db } => db,
        }
    }
}

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
