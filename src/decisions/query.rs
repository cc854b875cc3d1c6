//! What the decision log may be filtered by, parsed once from the page's or the API's query.

use chrono::NaiveDate;

use crate::decisions::model::{DecisionKind, SubjectKind};
use crate::links::{Kind, Thing};

/// The log's filters as typed in the address.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LogQuery {
    /// `transition`, `deviation` or `choice`.
    pub kind: String,
    /// `experiment`, `theme` or `project`.
    pub about: String,
    /// Decisions about, or citing, this theme (its id).
    pub theme: String,
    /// Decisions about, or citing, this experiment (its id).
    pub experiment: String,
    /// `yes`: only decisions whose review date has come.
    pub review: String,
}

/// The log's filters, parsed: anything unknown is ignored rather than refused, so an old
/// bookmark still opens the log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogFilter {
    pub kind: Option<DecisionKind>,
    pub about: Option<SubjectKind>,
    pub evidence: Option<Thing>,
    pub review_due: Option<NaiveDate>,
    pub limit: u64,
}

impl LogFilter {
    /// The most entries one page or download holds.
    pub const MAX: u64 = 5000;

    /// Parses the query; `today` decides what "review due" means.
    pub fn parse(q: &LogQuery, today: NaiveDate) -> LogFilter {
        let id = |t: &str| t.trim().parse::<i64>().ok();
        let evidence = id(&q.theme)
            .map(|id| Thing {
                kind: Kind::Theme,
                id,
            })
            .or(id(&q.experiment).map(|id| Thing {
                kind: Kind::Experiment,
                id,
            }));
        LogFilter {
            kind: DecisionKind::parse(&q.kind),
            about: SubjectKind::parse(&q.about),
            evidence,
            review_due: (q.review == "yes").then_some(today),
            limit: Self::MAX,
        }
    }

    /// No filter at all.
    pub fn all() -> LogFilter {
        LogFilter {
            kind: None,
            about: None,
            evidence: None,
            review_due: None,
            limit: Self::MAX,
        }
    }

    /// Whether any filter is set.
    pub fn is_filtered(&self) -> bool {
        self.kind.is_some()
            || self.about.is_some()
            || self.evidence.is_some()
            || self.review_due.is_some()
    }
}
