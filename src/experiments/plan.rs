//! The pre-registered plan of an experiment: its design (before/after or comparison), its
//! periods and groups, and its measures, each with the direction that counts as better. It is
//! chosen before testing starts and locks then; a later change is a recorded deviation.

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};

use crate::string_enum;

string_enum! {
    /// How the experiment compares.
    Design {
        /// A baseline period before the change and a test period with it.
        BeforeAfter = "before_after",
        /// The same period, a group trying the change and a group that is not.
        Comparison = "comparison",
    }
}

string_enum! {
    /// What splits the two groups of a comparison.
    CompareBy {
        Audience = "audience",
        Channel = "channel",
        Survey = "survey",
    }
}

string_enum! {
    /// Which direction of a measure counts as better.
    Better {
        Higher = "higher",
        Lower = "lower",
    }
}

impl Design {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Design::BeforeAfter => "Before and after",
            Design::Comparison => "Comparison of two groups",
        }
    }
}

impl CompareBy {
    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            CompareBy::Audience => "Who answered (audience)",
            CompareBy::Channel => "How they reached the survey (link, QR code, email, kiosk)",
            CompareBy::Survey => "Which survey (for example, one per site)",
        }
    }
}

/// Days from `start` to `end`, both included, by submission date (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// What a measure reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// Answers to a faces, scale or rating question (compared as numbers), or the share of a
    /// yes/no or single-choice question's answers that are `option`.
    Question {
        question: i64,
        option: Option<String>,
    },
    /// The share of free-text answers coded with a theme.
    ThemeShare { theme: i64 },
}

impl Source {
    /// The value a form sends for this source: `q:12`, `q:12:Yes` or `t:3`.
    pub fn key(&self) -> String {
        match self {
            Source::Question {
                question,
                option: None,
            } => format!("q:{question}"),
            Source::Question {
                question,
                option: Some(o),
            } => format!("q:{question}:{o}"),
            Source::ThemeShare { theme } => format!("t:{theme}"),
        }
    }
}

/// One measure: what it reads, which way is better, and the words it is shown with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub source: Source,
    pub better: Better,
    pub label: String,
}

/// A measure a steward may choose: its source and how it reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligible {
    pub source: Source,
    pub label: String,
}

/// The plan as stored (JSON in `experiment.plan`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub design: Option<Design>,
    pub baseline: Option<Period>,
    pub test: Option<Period>,
    pub compare_by: Option<CompareBy>,
    pub group_a: String,
    pub group_b: String,
    pub measures: Vec<Measure>,
}

impl Plan {
    /// What must still be chosen before testing can start, in plain words; empty when ready.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.measures.is_empty() {
            out.push("Choose at least one measure");
        }
        match self.design {
            None => out.push("Choose the design: before and after, or a comparison"),
            Some(Design::BeforeAfter) if self.baseline.is_none() || self.test.is_none() => {
                out.push("Set the baseline period and the test period")
            }
            Some(Design::Comparison) if self.test.is_none() || self.compare_by.is_none() => {
                out.push("Set the period and the two groups")
            }
            _ => {}
        }
        out
    }

    /// The periods (or groups) a result compares, as (A, B) labels.
    pub fn arms(&self) -> (String, String) {
        match self.design {
            Some(Design::Comparison) => ("Not trying it".into(), "Trying it".into()),
            _ => ("Before".into(), "During the test".into()),
        }
    }

    /// How this plan differs from `before`, in plain words, for the deviation record.
    pub fn differences(&self, before: &Plan) -> Vec<String> {
        let mut out = Vec::new();
        if self.design != before.design {
            out.push("Changed the design".to_owned());
        }
        if self.baseline != before.baseline {
            out.push(format!(
                "Baseline period {} → {}",
                show(before.baseline),
                show(self.baseline)
            ));
        }
        if self.test != before.test {
            out.push(format!(
                "Test period {} → {}",
                show(before.test),
                show(self.test)
            ));
        }
        if (self.compare_by, &self.group_a, &self.group_b)
            != (before.compare_by, &before.group_a, &before.group_b)
        {
            out.push("Changed the groups compared".to_owned());
        }
        for m in &before.measures {
            if !self.measures.iter().any(|n| n.source == m.source) {
                out.push(format!("Removed the measure \u{201c}{}\u{201d}", m.label));
            }
        }
        for m in &self.measures {
            if !before.measures.iter().any(|n| n.source == m.source) {
                out.push(format!("Added the measure \u{201c}{}\u{201d}", m.label));
            }
        }
        out
    }
}

fn show(p: Option<Period>) -> String {
    p.map_or("not set".into(), |p| format!("{} to {}", p.start, p.end))
}
