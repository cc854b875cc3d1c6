//! Keeping a person's in-progress answers between one-question pages, without accounts or
//! JavaScript: a random token in an HttpOnly, SameSite=Lax cookie, and the answers in the
//! database under a hash of that token and the survey, so any instance can serve any page.
//! Drafts expire after [`LIFETIME`] and are deleted on submit. No address or user agent is kept.
//!
//! "Save and come back later" keeps a copy of the answers in the same table under the hash of a
//! resume code (see [`save_resume`]), for the configured number of days.

use std::time::Duration;

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use entity::draft;
use rand::RngCore;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::responses::model::{Draft, ResumeCode};
use crate::surveys::SurveyId;

/// The cookie holding the browser's draft token.
pub const COOKIE: &str = "chorus_answers";
/// How long unfinished answers are kept.
pub const LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// This browser's draft token; `fresh` when it must be set as a cookie on the response.
pub struct DraftToken {
    value: String,
    /// Whether the token is new.
    pub fresh: bool,
}

impl DraftToken {
    /// The token from the request's cookie, or a new one.
    pub fn from_request(req: &HttpRequest) -> DraftToken {
        match req
            .cookie(COOKIE)
            .map(|c| c.value().to_owned())
            .filter(|v| (32..=64).contains(&v.len()))
        {
            Some(value) => DraftToken {
                value,
                fresh: false,
            },
            None => {
                let mut bytes = [0u8; 32];
                rand::rng().fill_bytes(&mut bytes);
                DraftToken {
                    value: URL_SAFE_NO_PAD.encode(bytes),
                    fresh: true,
                }
            }
        }
    }

    /// The cookie to set (HttpOnly, SameSite=Lax, only for survey pages, 24 hours).
    pub fn cookie(&self, secure: bool) -> Cookie<'static> {
        Cookie::build(COOKIE, self.value.clone())
            .path("/s/")
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .max_age(actix_web::cookie::time::Duration::seconds(
                i64::try_from(LIFETIME.as_secs()).unwrap_or(86_400),
            ))
            .finish()
    }

    fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.value.as_bytes()))
    }
}

/// The unexpired draft for this browser and survey.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    token: &DraftToken,
    survey: SurveyId,
) -> Result<Option<Draft>, sea_orm::DbErr> {
    if token.fresh {
        return Ok(None);
    }
    let row = draft::Entity::find()
        .filter(draft::Column::TokenHash.eq(token.hash()))
        .filter(draft::Column::SurveyId.eq(survey.0))
        .filter(draft::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?;
    Ok(row.and_then(|r| serde_json::from_str(&r.data).ok()))
}

/// Saves (or replaces) the draft; its 24 hours start again. Clears other expired drafts now and then.
pub async fn save<C: ConnectionTrait>(
    db: &C,
    token: &DraftToken,
    survey: SurveyId,
    data: &Draft,
) -> Result<(), sea_orm::DbErr> {
    let now = Utc::now();
    let expires =
        now + chrono::Duration::seconds(i64::try_from(LIFETIME.as_secs()).unwrap_or(86_400));
    let json = serde_json::to_string(data)
        .map_err(|e| sea_orm::DbErr::Custom(format!("encoding a draft: {e}")))?;
    draft::Entity::insert(draft::ActiveModel {
        token_hash: Set(token.hash()),
        survey_id: Set(survey.0),
        data: Set(json),
        updated_at: Set(now),
        expires_at: Set(expires),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([draft::Column::TokenHash, draft::Column::SurveyId])
            .update_columns([
                draft::Column::Data,
                draft::Column::UpdatedAt,
                draft::Column::ExpiresAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if rand::random::<u8>() < 8 {
        delete_expired(db).await?;
    }
    Ok(())
}

/// Deletes this browser's draft for the survey (after submitting).
pub async fn delete<C: ConnectionTrait>(
    db: &C,
    token: &DraftToken,
    survey: SurveyId,
) -> Result<(), sea_orm::DbErr> {
    draft::Entity::delete_many()
        .filter(draft::Column::TokenHash.eq(token.hash()))
        .filter(draft::Column::SurveyId.eq(survey.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes every expired draft.
pub async fn delete_expired<C: ConnectionTrait>(db: &C) -> Result<u64, sea_orm::DbErr> {
    Ok(draft::Entity::delete_many()
        .filter(draft::Column::ExpiresAt.lte(Utc::now()))
        .exec(db)
        .await?
        .rows_affected)
}

/// The stored hash of a resume code (never the code itself).
pub fn resume_hash(code: &ResumeCode) -> String {
    hex::encode(Sha256::digest(
        format!("resume:{}", code.as_str()).as_bytes(),
    ))
}

/// Keeps a copy of `data` under a resume code until `lifetime` has passed.
pub async fn save_resume<C: ConnectionTrait>(
    db: &C,
    code: &ResumeCode,
    survey: SurveyId,
    data: &Draft,
    lifetime: Duration,
) -> Result<(), sea_orm::DbErr> {
    let now = Utc::now();
    let expires = now + chrono::Duration::from_std(lifetime).unwrap_or(chrono::Duration::days(7));
    let json = serde_json::to_string(data)
        .map_err(|e| sea_orm::DbErr::Custom(format!("encoding saved answers: {e}")))?;
    draft::Entity::insert(draft::ActiveModel {
        token_hash: Set(resume_hash(code)),
        survey_id: Set(survey.0),
        data: Set(json),
        updated_at: Set(now),
        expires_at: Set(expires),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// What a resume code finds.
pub enum Resumed {
    /// Answers saved for this survey, and when they expire.
    Found(SurveyId, Draft, chrono::DateTime<Utc>),
    /// The code was right but its answers have expired (and are now deleted).
    Expired,
    /// No such code.
    Unknown,
}

/// Looks a resume code up; expired answers are deleted on the way.
pub async fn find_resume<C: ConnectionTrait>(
    db: &C,
    code: &ResumeCode,
) -> Result<Resumed, sea_orm::DbErr> {
    let hash = resume_hash(code);
    let Some(row) = draft::Entity::find()
        .filter(draft::Column::TokenHash.eq(hash.as_str()))
        .one(db)
        .await?
    else {
        return Ok(Resumed::Unknown);
    };
    if row.expires_at <= Utc::now() {
        delete_resume(db, &hash).await?;
        return Ok(Resumed::Expired);
    }
    Ok(match serde_json::from_str::<Draft>(&row.data) {
        Ok(mut data) => {
            data.resume_hash = Some(hash);
            Resumed::Found(SurveyId(row.survey_id), data, row.expires_at)
        }
        Err(_) => Resumed::Unknown,
    })
}

/// Deletes the answers saved under a resume code's hash (after submitting, or on expiry).
pub async fn delete_resume<C: ConnectionTrait>(db: &C, hash: &str) -> Result<(), sea_orm::DbErr> {
    draft::Entity::delete_many()
        .filter(draft::Column::TokenHash.eq(hash))
        .exec(db)
        .await?;
    Ok(())
}
