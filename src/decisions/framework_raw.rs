//! The framework part of a decision as typed into a form (`rating_{criterion}`, `room_{role}`,
//! the review date's parts) or sent to the API as JSON, before [`Framework::parse`] reads it.
//!
//! [`Framework::parse`]: crate::decisions::framework::Framework::parse

use serde::{Deserialize, Serialize};

/// One criterion's rating as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RawAssessment {
    /// The criterion's id.
    pub criterion: i64,
    /// `yes`, `partly`, `no` or `unknown`.
    pub rating: String,
    pub note: String,
}

/// The framework part of a decision as typed into a form or sent to the API.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RawFramework {
    /// The options considered, one per line in the form.
    pub options: Vec<String>,
    pub assessments: Vec<RawAssessment>,
    /// Counts by role: `children`, `family`, `practitioners`, `managers`, `others` (numbers,
    /// or numbers as text).
    #[schema(value_type = std::collections::BTreeMap<String, u16>)]
    pub room: std::collections::BTreeMap<String, serde_json::Value>,
    /// When to look at the decision again: ISO date (`2027-03-01`) or blank.
    pub review_on: String,
}

impl RawFramework {
    /// Reads the framework fields out of a form's pairs: `options` (one per line),
    /// `rating_{criterion}`, `note_{criterion}`, `room_{role}` and `review_on_{day,month,year}`.
    pub fn from_pairs(pairs: &[(String, String)]) -> RawFramework {
        let mut raw = RawFramework::default();
        let mut date = [String::new(), String::new(), String::new()];
        for (k, v) in pairs {
            if k == "options" {
                raw.options = v.lines().map(str::to_owned).collect();
            } else if let Some(id) = k.strip_prefix("rating_").and_then(|i| i.parse().ok()) {
                raw.entry(id).rating = v.clone();
            } else if let Some(id) = k.strip_prefix("note_").and_then(|i| i.parse().ok()) {
                raw.entry(id).note = v.clone();
            } else if let Some(role) = k.strip_prefix("room_") {
                raw.room
                    .insert(role.to_owned(), serde_json::Value::String(v.clone()));
            } else if let Some(part) = k.strip_prefix("review_on_") {
                let slot = match part {
                    "year" => 0,
                    "month" => 1,
                    _ => 2,
                };
                date[slot] = v.trim().to_owned();
            }
        }
        if date.iter().any(|d| !d.is_empty()) {
            raw.review_on = date.join("-");
        }
        raw
    }

    fn entry(&mut self, criterion: i64) -> &mut RawAssessment {
        if let Some(i) = self
            .assessments
            .iter()
            .position(|a| a.criterion == criterion)
        {
            return &mut self.assessments[i];
        }
        self.assessments.push(RawAssessment {
            criterion,
            ..RawAssessment::default()
        });
        let last = self.assessments.len() - 1;
        &mut self.assessments[last]
    }

    /// What was typed for one criterion, for putting back into the form.
    pub fn typed(&self, criterion: i64) -> Option<&RawAssessment> {
        self.assessments.iter().find(|a| a.criterion == criterion)
    }
}
