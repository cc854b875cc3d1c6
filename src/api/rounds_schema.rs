//! JSON shapes for "Have your say" rounds in the API: a round and its items, a public round, a
//! vote, and results (hidden figures are `null`).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::participation::model::{Item, Round};
use crate::participation::tally::{ItemResult, Row};

/// One item of a round.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundItemOut {
    pub id: i64,
    pub title: String,
    /// The plain words.
    pub text: String,
    /// The easy-read words (empty when none were written).
    pub easy_read: String,
    /// Redacted quotes.
    pub quotes: Vec<String>,
    /// `theme`, `experiment` or `free`.
    pub source: String,
    pub source_id: Option<i64>,
}

impl From<&Item> for RoundItemOut {
    fn from(i: &Item) -> RoundItemOut {
        RoundItemOut {
            id: i.id.0,
            title: i.fields.title.clone(),
            text: i.fields.body.clone(),
            easy_read: i.fields.easy_read.clone(),
            quotes: i.fields.quotes.clone(),
            source: i.source.as_str().into(),
            source_id: i.source_id,
        }
    }
}

/// A round.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundOut {
    pub id: i64,
    pub title: String,
    pub intro: String,
    /// `children`, `families`, `practitioners` or `anyone` (a mix: voters may say who they are).
    pub audience: String,
    /// `draft`, `open` or `closed`.
    pub status: String,
    /// The public page's path, `/p/{slug}`.
    pub path: String,
    pub show_results: bool,
    pub items: Vec<RoundItemOut>,
}

impl RoundOut {
    /// A round with its items.
    pub fn new(r: &Round, items: &[Item]) -> RoundOut {
        RoundOut {
            id: r.id.0,
            title: r.title.clone(),
            intro: r.intro.clone(),
            audience: r.audience.as_str().into(),
            status: r.status.as_str().into(),
            path: r.path(),
            show_results: r.show_results,
            items: items.iter().map(RoundItemOut::from).collect(),
        }
    }
}

/// A vote on one item, sent by an app or kiosk. Sending again with the same `client_id`
/// changes that client's vote on the item; it never adds another.
#[derive(Debug, Deserialize, ToSchema)]
pub struct VoteBody {
    /// A random (version 4) UUID the client keeps for this round, like a browser's cookie.
    pub client_id: String,
    /// `agree`, `not_sure` or `disagree`.
    pub choice: String,
    /// "Tell us more" (optional): held until a steward approves it.
    #[serde(default)]
    pub comment: Option<String>,
    /// On a mixed round: `children`, `families`, `practitioners` or `unsaid`.
    #[serde(default)]
    pub who: Option<String>,
}

/// What was stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct VoteOut {
    pub item: i64,
    pub choice: String,
    pub who: String,
    /// A comment was stored and waits for a steward.
    pub comment_held: bool,
}

/// One row of counts; hidden (small) figures are `null`.
#[derive(Debug, Serialize, ToSchema)]
pub struct RowOut {
    pub agree: Option<u64>,
    pub not_sure: Option<u64>,
    pub disagree: Option<u64>,
    pub total: Option<u64>,
    /// Per cent who agree.
    pub agree_share: Option<f64>,
}

impl From<&Row> for RowOut {
    fn from(r: &Row) -> RowOut {
        let at = |i: usize| r.counts.get(i).and_then(|c| c.value());
        RowOut {
            agree: at(0),
            not_sure: at(1),
            disagree: at(2),
            total: r.total.value(),
            agree_share: r.agree_share(),
        }
    }
}

/// One group's figures on an item.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupOut {
    /// `children`, `families`, `practitioners` or `unsaid`.
    pub who: String,
    pub figures: RowOut,
}

/// One item's results.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemResultOut {
    pub item: i64,
    pub title: String,
    pub overall: RowOut,
    pub by_who: Vec<GroupOut>,
    /// Approved comments only.
    pub comments: Vec<String>,
}

impl From<&ItemResult> for ItemResultOut {
    fn from(r: &ItemResult) -> ItemResultOut {
        ItemResultOut {
            item: r.item.0,
            title: r.title.clone(),
            overall: RowOut::from(&r.overall),
            by_who: r
                .by_who
                .iter()
                .map(|(w, row)| GroupOut {
                    who: w.as_str().into(),
                    figures: RowOut::from(row),
                })
                .collect(),
            comments: r.comments.clone(),
        }
    }
}

/// A round's results, best agreed first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultsOut {
    pub round: i64,
    /// Counts from 1 to this minus one are hidden (`null`).
    pub min_group: u64,
    pub items: Vec<ItemResultOut>,
}
