//! Account queries: stewards, invitations, sessions and API tokens.

use chrono::{DateTime, Utc};
use entity::{api_token, session, steward};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::accounts::model::{EmailAddress, PersonName, Role, Steward, StewardId};

fn to_model(row: steward::Model) -> Steward {
    Steward {
        id: StewardId(row.id),
        role: Role::parse(&row.role).unwrap_or(Role::Practitioner),
        active: row.password_hash.is_some(),
        email: row.email,
        name: row.name,
        disabled: row.disabled,
    }
}

/// How many steward accounts exist.
pub async fn count<C: ConnectionTrait>(db: &C) -> Result<u64, sea_orm::DbErr> {
    steward::Entity::find().count(db).await
}

/// Adds a steward; `password_hash` is `None` for an invitation not yet accepted.
/// Returns `Ok(None)` when the email address is already taken.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    email: &EmailAddress,
    name: &PersonName,
    role: Role,
    password_hash: Option<String>,
    invite: Option<(String, DateTime<Utc>)>,
) -> Result<Option<StewardId>, sea_orm::DbErr> {
    if find_by_email(db, email).await?.is_some() {
        return Ok(None);
    }
    let (invite_hash, invite_expires_at) = match invite {
        Some((hash, expires)) => (Some(hash), Some(expires)),
        None => (None, None),
    };
    let row = steward::ActiveModel {
        email: Set(email.as_str().to_owned()),
        name: Set(name.as_str().to_owned()),
        role: Set(role.as_str().to_owned()),
        password_hash: Set(password_hash),
        disabled: Set(false),
        invite_hash: Set(invite_hash),
        invite_expires_at: Set(invite_expires_at),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Some(StewardId(row.id)))
}

/// A steward and their password hash, by email address.
pub async fn find_by_email<C: ConnectionTrait>(
    db: &C,
    email: &EmailAddress,
) -> Result<Option<(Steward, Option<String>)>, sea_orm::DbErr> {
    Ok(steward::Entity::find()
        .filter(steward::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .map(|row| {
            let hash = row.password_hash.clone();
            (to_model(row), hash)
        }))
}

/// A steward by id.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    id: StewardId,
) -> Result<Option<Steward>, sea_orm::DbErr> {
    Ok(steward::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(to_model))
}

/// Every steward, by name.
pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<Steward>, sea_orm::DbErr> {
    Ok(steward::Entity::find()
        .order_by_asc(steward::Column::Name)
        .order_by_asc(steward::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_model)
        .collect())
}

/// How many enabled admins there are.
pub async fn count_active_admins<C: ConnectionTrait>(db: &C) -> Result<u64, sea_orm::DbErr> {
    steward::Entity::find()
        .filter(steward::Column::Role.eq(Role::Admin.as_str()))
        .filter(steward::Column::Disabled.eq(false))
        .count(db)
        .await
}

/// Changes a steward's role.
pub async fn set_role<C: ConnectionTrait>(
    db: &C,
    id: StewardId,
    role: Role,
) -> Result<(), sea_orm::DbErr> {
    steward::Entity::update_many()
        .col_expr(steward::Column::Role, Expr::value(role.as_str()))
        .filter(steward::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Disables or re-enables a steward; disabling also ends their sessions and revokes their tokens.
pub async fn set_disabled<C: ConnectionTrait>(
    db: &C,
    id: StewardId,
    disabled: bool,
) -> Result<(), sea_orm::DbErr> {
    steward::Entity::update_many()
        .col_expr(steward::Column::Disabled, Expr::value(disabled))
        .filter(steward::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    if disabled {
        session::Entity::delete_many()
            .filter(session::Column::StewardId.eq(id.0))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The steward an unexpired invitation belongs to.
pub async fn find_by_invite<C: ConnectionTrait>(
    db: &C,
    invite_hash: &str,
) -> Result<Option<Steward>, sea_orm::DbErr> {
    Ok(steward::Entity::find()
        .filter(steward::Column::InviteHash.eq(invite_hash))
        .filter(steward::Column::InviteExpiresAt.gt(Utc::now()))
        .filter(steward::Column::Disabled.eq(false))
        .one(db)
        .await?
        .map(to_model))
}

/// Replaces a steward's invitation (for a new link).
pub async fn set_invite<C: ConnectionTrait>(
    db: &C,
    id: StewardId,
    invite_hash: &str,
    expires: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    steward::Entity::update_many()
        .col_expr(steward::Column::InviteHash, Expr::value(invite_hash))
        .col_expr(steward::Column::InviteExpiresAt, Expr::value(expires))
        .filter(steward::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets a password and uses up any invitation.
pub async fn set_password<C: ConnectionTrait>(
    db: &C,
    id: StewardId,
    hash: String,
) -> Result<(), sea_orm::DbErr> {
    steward::Entity::update_many()
        .col_expr(steward::Column::PasswordHash, Expr::value(hash))
        .col_expr(
            steward::Column::InviteHash,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            steward::Column::InviteExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(steward::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Starts a session for a steward under the hash of its cookie token.
pub async fn create_session<C: ConnectionTrait>(
    db: &C,
    id: StewardId,
    token_hash: String,
) -> Result<(), sea_orm::DbErr> {
    let now = Utc::now();
    session::ActiveModel {
        token_hash: Set(token_hash),
        steward_id: Set(id.0),
        created_at: Set(now),
        last_seen_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A session row and its steward, by token hash.
pub async fn find_session<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
) -> Result<Option<(session::Model, Steward)>, sea_orm::DbErr> {
    let Some(row) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(find(db, StewardId(row.steward_id)).await?.map(|s| (row, s)))
}

/// Records activity on a session.
pub async fn touch_session<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<(), sea_orm::DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(Utc::now()))
        .filter(session::Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends a session.
pub async fn delete_session<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
) -> Result<(), sea_orm::DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(token_hash))
        .exec(db)
        .await?;
    Ok(())
}

/// Stores a new API token's hash.
pub async fn create_token<C: ConnectionTrait>(
    db: &C,
    id: StewardId,
    label: &str,
    token_hash: String,
) -> Result<(), sea_orm::DbErr> {
    api_token::ActiveModel {
        steward_id: Set(id.0),
        label: Set(label.to_owned()),
        token_hash: Set(token_hash),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A steward's API tokens, newest first.
pub async fn list_tokens<C: ConnectionTrait>(
    db: &C,
    id: StewardId,
) -> Result<Vec<api_token::Model>, sea_orm::DbErr> {
    api_token::Entity::find()
        .filter(api_token::Column::StewardId.eq(id.0))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await
}

/// Revokes one of a steward's own tokens; returns whether it existed.
pub async fn revoke_token<C: ConnectionTrait>(
    db: &C,
    owner: StewardId,
    token_id: i64,
) -> Result<bool, sea_orm::DbErr> {
    let result = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_token::Column::Id.eq(token_id))
        .filter(api_token::Column::StewardId.eq(owner.0))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// The enabled steward owning a live token.
pub async fn find_by_token<C: ConnectionTrait>(
    db: &C,
    token_hash: &str,
) -> Result<Option<Steward>, sea_orm::DbErr> {
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let recently_used = token
        .last_used_at
        .is_some_and(|t| Utc::now() - t < chrono::Duration::minutes(5));
    if !recently_used {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(Utc::now()))
            .filter(api_token::Column::Id.eq(token.id))
            .exec(db)
            .await?;
    }
    Ok(find(db, StewardId(token.steward_id))
        .await?
        .filter(|s| !s.disabled))
}
