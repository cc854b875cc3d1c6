//! Vote and comment queries: casting a ballot (votes upserted per item and device, comments held
//! and scanned, a flag and the lead's alert in the same transaction), what this device chose,
//! the counts by item, group and choice, and moderating comments.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use entity::{round, round_comment, round_vote};
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use url::Url;

use crate::participation::ballot::Ballot;
use crate::participation::model::{
    Choice, CommentId, CommentStatus, ItemId, Round, RoundId, RoundStatus, Who,
};
use crate::participation::tally::Counts;
use crate::safeguarding::{RoundComment, Scanner, flag_round_comment};

static SCANNER: LazyLock<Scanner> = LazyLock::new(Scanner::default);

/// What became of a ballot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cast {
    /// Stored; `flagged` when a comment matched the safeguarding scanner.
    Stored { flagged: bool },
    /// The round is not open (perhaps it closed while this was on its way): nothing stored.
    NotOpen,
}

/// Stores a ballot for one device key: each vote replaces the device's earlier vote on that
/// item; each comment replaces its earlier comment there and is held (and scanned) again.
pub async fn cast(
    db: &DatabaseConnection,
    round: &Round,
    device: &str,
    ballot: &Ballot,
    alerts: Option<&Url>,
) -> Result<Cast, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let open = round::Entity::find_by_id(round.id.0)
        .one(&txn)
        .await?
        .is_some_and(|r| r.status == RoundStatus::Open.as_str());
    if !open {
        return Ok(Cast::NotOpen);
    }
    let now = Utc::now();
    let mut flagged = false;
    for v in &ballot.votes {
        round_vote::Entity::insert(round_vote::ActiveModel {
            round_id: Set(round.id.0),
            item_id: Set(v.item.0),
            device: Set(device.to_owned()),
            choice: Set(v.choice.as_str().into()),
            who: Set(ballot.who.as_str().into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([round_vote::Column::ItemId, round_vote::Column::Device])
                .update_columns([
                    round_vote::Column::Choice,
                    round_vote::Column::Who,
                    round_vote::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        if let Some(text) = &v.comment {
            let id = comment(&txn, round.id, v.item, device, text, ballot.who, now).await?;
            let c = RoundComment {
                id,
                text,
                project: round.project,
                round_title: &round.title,
            };
            flagged |= flag_round_comment(&txn, &SCANNER, c, now, alerts).await?;
        }
    }
    txn.commit().await?;
    Ok(Cast::Stored { flagged })
}

async fn comment<C: ConnectionTrait>(
    db: &C,
    round: RoundId,
    item: ItemId,
    device: &str,
    text: &str,
    who: Who,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let earlier = round_comment::Entity::find()
        .filter(round_comment::Column::ItemId.eq(item.0))
        .filter(round_comment::Column::Device.eq(device))
        .one(db)
        .await?;
    let mut row = round_comment::ActiveModel {
        round_id: Set(round.0),
        item_id: Set(item.0),
        device: Set(device.to_owned()),
        text: Set(text.to_owned()),
        who: Set(who.as_str().into()),
        status: Set(CommentStatus::Held.as_str().into()),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    Ok(match earlier {
        Some(e) => {
            row.id = Set(e.id);
            row.update(db).await?.id
        }
        None => row.insert(db).await?.id,
    })
}

/// What this device chose in the round, by item, and what it wrote.
pub async fn mine<C: ConnectionTrait>(
    db: &C,
    round: RoundId,
    device: &str,
) -> Result<(Vec<(ItemId, Choice)>, Vec<(ItemId, String)>), DbErr> {
    let votes = round_vote::Entity::find()
        .filter(round_vote::Column::RoundId.eq(round.0))
        .filter(round_vote::Column::Device.eq(device))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|v| Some((ItemId(v.item_id), Choice::parse(&v.choice)?)))
        .collect();
    let comments = round_comment::Entity::find()
        .filter(round_comment::Column::RoundId.eq(round.0))
        .filter(round_comment::Column::Device.eq(device))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (ItemId(c.item_id), c.text))
        .collect();
    Ok((votes, comments))
}

/// Votes by item, group and choice.
pub async fn counts<C: ConnectionTrait>(db: &C, round: RoundId) -> Result<Counts, DbErr> {
    let rows: Vec<(i64, String, String, i64)> = round_vote::Entity::find()
        .select_only()
        .column(round_vote::Column::ItemId)
        .column(round_vote::Column::Who)
        .column(round_vote::Column::Choice)
        .column_as(
            Expr::from(Func::count(Expr::col(round_vote::Column::Id))),
            "n",
        )
        .filter(round_vote::Column::RoundId.eq(round.0))
        .group_by(round_vote::Column::ItemId)
        .group_by(round_vote::Column::Who)
        .group_by(round_vote::Column::Choice)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(item, who, choice, n)| {
            Some((
                ItemId(item),
                Who::parse(&who)?,
                Choice::parse(&choice)?,
                u64::try_from(n).ok()?,
            ))
        })
        .collect())
}

/// A comment as a steward moderates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub id: CommentId,
    pub item: ItemId,
    pub text: String,
    pub status: CommentStatus,
    pub created_at: DateTime<Utc>,
}

/// The round's comments, oldest first; only approved ones when `approved_only`.
pub async fn comments<C: ConnectionTrait>(
    db: &C,
    round: RoundId,
    approved_only: bool,
) -> Result<Vec<Comment>, DbErr> {
    let mut q = round_comment::Entity::find().filter(round_comment::Column::RoundId.eq(round.0));
    if approved_only {
        q = q.filter(round_comment::Column::Status.eq(CommentStatus::Approved.as_str()));
    }
    Ok(q.order_by_asc(round_comment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| Comment {
            id: CommentId(c.id),
            item: ItemId(c.item_id),
            text: c.text,
            status: CommentStatus::parse(&c.status).unwrap_or(CommentStatus::Held),
            created_at: c.created_at,
        })
        .collect())
}

/// Approves or hides one of the round's comments; false when it is not in the round.
pub async fn moderate<C: ConnectionTrait>(
    db: &C,
    round: RoundId,
    comment: CommentId,
    status: CommentStatus,
    by: i64,
) -> Result<bool, DbErr> {
    let done = round_comment::Entity::update_many()
        .col_expr(round_comment::Column::Status, Expr::value(status.as_str()))
        .col_expr(round_comment::Column::ReviewedBy, Expr::value(Some(by)))
        .col_expr(
            round_comment::Column::ReviewedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(round_comment::Column::Id.eq(comment.0))
        .filter(round_comment::Column::RoundId.eq(round.0))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// What may be shown of the round's votes: every item's counts and shares with small groups
/// hidden, its approved comments, ranked by the share who agree.
pub async fn results<C: ConnectionTrait>(
    db: &C,
    round: RoundId,
    min: crate::disclosure::MinGroup,
) -> Result<Vec<crate::participation::tally::ItemResult>, DbErr> {
    let items = crate::participation::store::items(db, round).await?;
    let counts = counts(db, round).await?;
    let approved: Vec<(ItemId, String)> = comments(db, round, true)
        .await?
        .into_iter()
        .map(|c| (c.item, c.text))
        .collect();
    Ok(crate::participation::tally::results(
        &items, &counts, &approved, min,
    ))
}
