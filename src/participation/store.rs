//! Round and item queries: creating a round (with a random public address), finding it by
//! project, id or address, opening and closing it, and its items.

use chrono::Utc;
use entity::{round, round_item};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::participation::model::{
    Item, ItemId, NewItem, NewRound, Round, RoundId, RoundStatus, Source,
};
use crate::projects::ProjectId;
use crate::surveys::Audience;

fn round_of(m: round::Model) -> Round {
    Round {
        id: RoundId(m.id),
        project: ProjectId(m.project_id),
        title: m.title,
        intro: m.intro,
        audience: Audience::parse(&m.audience).unwrap_or(Audience::Anyone),
        slug: m.slug,
        status: RoundStatus::parse(&m.status).unwrap_or(RoundStatus::Closed),
        show_results: m.show_results,
        created_at: m.created_at,
        opened_at: m.opened_at,
        closed_at: m.closed_at,
    }
}

fn item_of(m: round_item::Model) -> Item {
    Item {
        id: ItemId(m.id),
        round: RoundId(m.round_id),
        position: m.position,
        source: Source::parse(&m.source_kind).unwrap_or(Source::Free),
        source_id: m.source_id,
        fields: NewItem {
            title: m.title,
            body: m.body,
            easy_read: m.easy_read,
            quotes: serde_json::from_str(&m.quotes).unwrap_or_default(),
        },
    }
}

/// A fresh public address: 12 lower-case letters and digits (62 bits; never guessed).
fn new_slug() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// Stores a new draft round.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    new: &NewRound,
    by: Option<i64>,
) -> Result<Round, DbErr> {
    let row = round::ActiveModel {
        project_id: Set(project.0),
        title: Set(new.title.clone()),
        intro: Set(new.intro.clone()),
        audience: Set(new.audience.as_str().into()),
        slug: Set(new_slug()),
        status: Set(RoundStatus::Draft.as_str().into()),
        show_results: Set(new.show_results),
        created_by: Set(by),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(round_of(row))
}

/// The project's rounds, newest first.
pub async fn list<C: ConnectionTrait>(db: &C, project: ProjectId) -> Result<Vec<Round>, DbErr> {
    Ok(round::Entity::find()
        .filter(round::Column::ProjectId.eq(project.0))
        .order_by_desc(round::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(round_of)
        .collect())
}

/// A round by its id, whichever project it is in (callers check access to that project).
pub async fn by_id<C: ConnectionTrait>(db: &C, id: RoundId) -> Result<Option<Round>, DbErr> {
    Ok(round::Entity::find_by_id(id.0).one(db).await?.map(round_of))
}

/// A round in this project.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    project: ProjectId,
    id: RoundId,
) -> Result<Option<Round>, DbErr> {
    Ok(by_id(db, id).await?.filter(|r| r.project == project))
}

/// A round by its public address (check [`is_slug`](crate::participation::model::is_slug)
/// first).
pub async fn by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<Option<Round>, DbErr> {
    Ok(round::Entity::find()
        .filter(round::Column::Slug.eq(slug))
        .one(db)
        .await?
        .map(round_of))
}

/// Opens or closes a round, noting when.
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    round: &Round,
    status: RoundStatus,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let mut row = round::ActiveModel {
        id: Set(round.id.0),
        status: Set(status.as_str().into()),
        ..Default::default()
    };
    match status {
        RoundStatus::Open => row.opened_at = Set(Some(now)),
        RoundStatus::Closed => row.closed_at = Set(Some(now)),
        RoundStatus::Draft => {}
    }
    row.update(db).await?;
    Ok(())
}

/// The round's items in order.
pub async fn items<C: ConnectionTrait>(db: &C, round: RoundId) -> Result<Vec<Item>, DbErr> {
    Ok(round_item::Entity::find()
        .filter(round_item::Column::RoundId.eq(round.0))
        .order_by_asc(round_item::Column::Position)
        .order_by_asc(round_item::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(item_of)
        .collect())
}

/// Adds an item at the end of the round.
pub async fn add_item<C: ConnectionTrait>(
    db: &C,
    round: RoundId,
    source: (Source, Option<i64>),
    new: &NewItem,
) -> Result<ItemId, DbErr> {
    let position = items(db, round).await?.len();
    let row = round_item::ActiveModel {
        round_id: Set(round.0),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        source_kind: Set(source.0.as_str().into()),
        source_id: Set(source.1),
        title: Set(new.title.clone()),
        body: Set(new.body.clone()),
        easy_read: Set(new.easy_read.clone()),
        quotes: Set(serde_json::to_string(&new.quotes).unwrap_or_else(|_| "[]".into())),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(ItemId(row.id))
}

/// Removes an item (and its votes and comments) from a round.
pub async fn remove_item<C: ConnectionTrait>(
    db: &C,
    round: RoundId,
    item: ItemId,
) -> Result<(), DbErr> {
    round_item::Entity::delete_many()
        .filter(round_item::Column::Id.eq(item.0))
        .filter(round_item::Column::RoundId.eq(round.0))
        .exec(db)
        .await?;
    Ok(())
}
