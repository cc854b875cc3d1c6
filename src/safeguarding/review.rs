//! Pure review rules: the three outcomes of a review and what each means for withholding, the
//! review form's parser, the list's status and age filters, and the project's safeguarding
//! settings (backup address, review hours) with their one parser.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use crate::accounts::EmailAddress;
use crate::fields::FieldErrors;
use crate::string_enum;

string_enum! {
    /// What a reviewer found. Only `NoConcern` releases the answer into shared views: after
    /// "action taken" the words are a real disclosure and stay on the flag page only, and an
    /// escalated flag still waits for a decision.
    Outcome {
        /// A real concern; the reviewer acted (their note says what they did).
        ActionTaken = "action_taken",
        /// Nothing to act on; the answer is released into summaries, quotes and boards.
        NoConcern = "no_concern",
        /// The reviewer is not sure: the backup address and the admins are alerted.
        Escalated = "escalated",
    }
}

impl Outcome {
    /// The radio label and the status people read.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::ActionTaken => "Concern — action taken",
            Outcome::NoConcern => "No concern",
            Outcome::Escalated => "Not sure — escalate",
        }
    }

    /// Whether the answer stays withheld from shared views after this outcome.
    pub fn withholds(self) -> bool {
        self != Outcome::NoConcern
    }
}

/// A flag's status: waiting for a review, or the latest outcome.
pub fn status_label(outcome: Option<Outcome>) -> &'static str {
    match outcome {
        None => "To review",
        Some(Outcome::ActionTaken) => "Action taken",
        Some(Outcome::NoConcern) => "No concern",
        Some(Outcome::Escalated) => "Escalated",
    }
}

/// Longest review note kept, in characters.
pub const MAX_NOTE: usize = 2000;

/// The review form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewInput {
    pub outcome: String,
    pub note: String,
}

/// A valid review: an outcome, and a note (required for "action taken").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewReview {
    pub outcome: Outcome,
    pub note: Option<String>,
}

impl NewReview {
    /// Parses the review form, or every problem with it.
    pub fn parse(input: &ReviewInput) -> Result<NewReview, FieldErrors> {
        let mut errors = FieldErrors::new();
        let outcome = Outcome::parse(&input.outcome);
        if outcome.is_none() {
            errors.add("outcome", "Select what you found");
        }
        let note = errors.text("note", "Note", &input.note, MAX_NOTE);
        if note.is_empty() && outcome == Some(Outcome::ActionTaken) {
            errors.require("note", &note, "Enter what action you took");
        }
        match outcome {
            Some(outcome) if errors.is_empty() => Ok(NewReview {
                outcome,
                note: (!note.is_empty()).then_some(note),
            }),
            _ => Err(errors),
        }
    }
}

/// The list's filters as typed in the query string (`?status=…&age=…`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FilterInput {
    pub status: String,
    pub age: String,
}

string_enum! {
    /// Which flags the list shows, by status.
    StatusFilter {
        /// Not reviewed yet.
        ToReview = "to_review",
        /// Reviewed: concern, action taken.
        ActionTaken = "action_taken",
        /// Reviewed: no concern.
        NoConcern = "no_concern",
        /// Escalated.
        Escalated = "escalated",
    }
}

impl StatusFilter {
    /// Whether a flag with this outcome passes.
    pub fn admits(self, outcome: Option<Outcome>) -> bool {
        match self {
            StatusFilter::ToReview => outcome.is_none(),
            StatusFilter::ActionTaken => outcome == Some(Outcome::ActionTaken),
            StatusFilter::NoConcern => outcome == Some(Outcome::NoConcern),
            StatusFilter::Escalated => outcome == Some(Outcome::Escalated),
        }
    }

    /// The option label.
    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::ToReview => "To review",
            StatusFilter::ActionTaken => "Action taken",
            StatusFilter::NoConcern => "No concern",
            StatusFilter::Escalated => "Escalated",
        }
    }
}

string_enum! {
    /// Which flags the list shows, by when they were flagged.
    AgeFilter {
        /// Flagged in the last 24 hours.
        Day = "last_24h",
        /// Flagged in the last 7 days.
        Week = "last_7d",
        /// Flagged more than 24 hours ago.
        OlderDay = "older_24h",
        /// Flagged more than 7 days ago.
        OlderWeek = "older_7d",
    }
}

impl AgeFilter {
    /// Whether a flag made at `at` passes, at `now`.
    pub fn admits(self, at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        let age = now - at;
        match self {
            AgeFilter::Day => age <= Duration::hours(24),
            AgeFilter::Week => age <= Duration::days(7),
            AgeFilter::OlderDay => age > Duration::hours(24),
            AgeFilter::OlderWeek => age > Duration::days(7),
        }
    }

    /// The option label.
    pub fn label(self) -> &'static str {
        match self {
            AgeFilter::Day => "Last 24 hours",
            AgeFilter::Week => "Last 7 days",
            AgeFilter::OlderDay => "Older than 24 hours",
            AgeFilter::OlderWeek => "Older than 7 days",
        }
    }
}

/// The list's filters; an unknown value means "any" (a filter is not a form to get wrong).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub status: Option<StatusFilter>,
    pub age: Option<AgeFilter>,
}

impl Filters {
    /// Parses the query string's filters.
    pub fn parse(input: &FilterInput) -> Filters {
        Filters {
            status: StatusFilter::parse(&input.status),
            age: AgeFilter::parse(&input.age),
        }
    }

    /// Whether a flag passes both filters.
    pub fn admits(&self, outcome: Option<Outcome>, at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.status.is_none_or(|s| s.admits(outcome)) && self.age.is_none_or(|a| a.admits(at, now))
    }
}

/// Hours a flag may wait when the project has not set its own.
pub const DEFAULT_REVIEW_HOURS: u32 = 24;
/// Longest review time allowed, in hours (two weeks).
pub const MAX_REVIEW_HOURS: u32 = 336;

/// A project's safeguarding settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeguardingSettings {
    /// Who else gets every alert and the overdue reminders.
    pub backup: Option<EmailAddress>,
    /// Hours a flag may wait for a review before the reminder.
    pub review_hours: u32,
}

impl Default for SafeguardingSettings {
    fn default() -> Self {
        SafeguardingSettings {
            backup: None,
            review_hours: DEFAULT_REVIEW_HOURS,
        }
    }
}

/// The settings form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    pub backup_email: String,
    pub review_hours: String,
}

impl SafeguardingSettings {
    /// Parses the settings form, or every problem with it.
    pub fn parse(input: &SettingsInput) -> Result<SafeguardingSettings, FieldErrors> {
        let mut errors = FieldErrors::new();
        let backup = if input.backup_email.trim().is_empty() {
            None
        } else {
            errors.take("backup_email", EmailAddress::parse(&input.backup_email))
        };
        let hours = input.review_hours.trim();
        let review_hours = if hours.is_empty() {
            errors.add(
                "review_hours",
                "Enter how many hours a flag may wait for a review",
            );
            None
        } else {
            match hours.parse::<u32>() {
                Ok(h) if (1..=MAX_REVIEW_HOURS).contains(&h) => Some(h),
                Ok(_) => {
                    errors.add(
                        "review_hours",
                        "Review time must be between 1 and 336 hours",
                    );
                    None
                }
                Err(_) => {
                    errors.add(
                        "review_hours",
                        "Review time must be a whole number of hours, like 24",
                    );
                    None
                }
            }
        };
        match review_hours {
            Some(review_hours) if errors.is_empty() => Ok(SafeguardingSettings {
                backup,
                review_hours,
            }),
            _ => Err(errors),
        }
    }

    /// The form's values for these settings.
    pub fn input(&self) -> SettingsInput {
        SettingsInput {
            backup_email: self
                .backup
                .as_ref()
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default(),
            review_hours: self.review_hours.to_string(),
        }
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
