//! Chorus: the listening and learning engine for children's and family services.
//!
//! Layering rule: each capability folder (`accounts`, `surveys`, …) has a pure `model`
//! (no actix, no sea-orm), a `store` (sea-orm), thin `routes` and maud `views`. Arrows point
//! down — routes use model, store and views; store uses model and entities; views use model and
//! the shared `web` components — and a capability reaches another only through its `mod.rs`.

pub mod accounts;
pub mod api;
pub mod audit;
pub mod cli;
pub mod config;
pub mod db;
pub mod decisions;
pub mod demo;
pub mod disclosure;
pub mod error;
pub mod experiments;
pub mod export;
pub mod fields;
pub mod help;
pub mod invitations;
pub mod links;
pub mod live;
pub mod mail;
pub mod notifications;
pub mod pages;
pub mod paging;
pub mod participation;
pub mod projects;
pub mod qr;
pub mod responses;
pub mod results;
pub mod rollup;
pub mod routes;
pub mod safeguarding;
pub mod startup;
pub mod state;
pub mod stewardship;
pub mod surveys;
pub mod text;
pub mod themes;
pub mod updates;
pub mod web;
