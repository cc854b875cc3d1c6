//! Black-box tests: the real server on port 0, a fresh database each, real HTTP.
// Test-only code throughout (so clippy.toml's unwrap/expect allowance covers the helpers too).
#![cfg(test)]

#[allow(dead_code, reason = "shared helpers; not every branch uses every one")]
mod helpers;
mod journeys;
mod smtp;
mod stalled_bodies;

mod accounts;
mod admin;
mod aggregates;
mod api;
mod api_limits;
mod architecture;
mod builder;
mod child;
mod child_first_screen;
mod child_walks;
mod child_words;
mod cli;
mod client_ids;
mod coding;
mod coding_facts;
mod csv;
mod demo;
mod disclosure;
mod experiment_fixtures;
mod experiment_tallies;
mod experiments;
mod experiments_api;
mod feedback_page;
mod foundation;
mod help;
mod help_api;
mod invitation_followups;
mod invitations;
mod live;
mod mail;
mod notifications;
mod nul_bytes;
mod paging;
mod process;
mod projects;
mod qr;
mod quotes;
mod receipts;
mod results;
mod route_access;
mod runner;
mod runner_fixtures;
mod runner_storage;
mod runner_validation;
mod safeguarding;
mod safeguarding_leads;
mod safeguarding_migration;
mod safeguarding_review;
mod security;
mod sign_in_race;
mod submitter;
mod survey_rules;
mod text_rule;
mod theme_exports;
mod theme_merge;
mod theme_views;
mod themes;
mod trusted_proxies;
