//! Chorus database migrations, run at start-up and by `chorus migrate`, on SQLite and PostgreSQL alike.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_accounts;
mod m20261128_000002_surveys;
mod m20261128_000003_drafts;
mod m20261128_000004_outbox;
mod m20261128_000007_invitations;
mod m20261128_000008_themes;
mod m20261128_000009_safeguarding;
pub mod m20261204_000010_help_contacts;
mod m20261204_000011_safeguarding_leads;
mod m20261205_000012_experiments;
mod m20261205_000013_answer_tally;
mod m20261205_000014_written_tally;
mod m20261206_000015_coding_facts;
pub mod m20261206_000016_plain_privacy_words;
mod m20261206_000017_coding_merged_from;
mod m20261207_000001_rounds;
mod m20261207_000002_round_comment_flags;
mod m20261207_000010_audit_log;
mod m20261207_000020_decision_framework;
mod m20261207_000021_decision_opinions;
mod m20261207_000022_project_parents;
mod m20261207_000030_project_updates;

/// The ordered list of every migration Chorus has.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_accounts::Migration),
            Box::new(m20261128_000002_surveys::Migration),
            Box::new(m20261128_000003_drafts::Migration),
            Box::new(m20261128_000004_outbox::Migration),
            Box::new(m20261128_000007_invitations::Migration),
            Box::new(m20261128_000008_themes::Migration),
            Box::new(m20261128_000009_safeguarding::Migration),
            Box::new(m20261204_000010_help_contacts::Migration),
            Box::new(m20261204_000011_safeguarding_leads::Migration),
            Box::new(m20261205_000012_experiments::Migration),
            Box::new(m20261205_000013_answer_tally::Migration),
            Box::new(m20261205_000014_written_tally::Migration),
            Box::new(m20261206_000015_coding_facts::Migration),
            Box::new(m20261206_000016_plain_privacy_words::Migration),
            Box::new(m20261206_000017_coding_merged_from::Migration),
            Box::new(m20261207_000001_rounds::Migration),
            Box::new(m20261207_000002_round_comment_flags::Migration),
            Box::new(m20261207_000010_audit_log::Migration),
            Box::new(m20261207_000020_decision_framework::Migration),
            Box::new(m20261207_000021_decision_opinions::Migration),
            Box::new(m20261207_000022_project_parents::Migration),
            Box::new(m20261207_000030_project_updates::Migration),
        ]
    }
}
