//! Chorus's sea-orm entities, one module per table, mirroring the migrations.

pub mod answer;
pub mod api_token;
pub mod coder_model;
pub mod coding;
pub mod draft;
pub mod help_contact;
pub mod invitation;
pub mod invitation_setting;
pub mod invitation_token;
pub mod notification_pref;
pub mod outbox;
pub mod project;
pub mod project_member;
pub mod question;
pub mod response;
pub mod safeguarding_audit;
pub mod safeguarding_flag;
pub mod safeguarding_setting;
pub mod session;
pub mod steward;
pub mod survey;
pub mod theme;
pub mod theme_event;
