//! API tokens: made once and shown once, stored only as hashes, sent as `Authorization: Bearer`.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use crate::accounts::model::{ActingSteward, Steward, StewardId};
use crate::accounts::secrets::{hash_secret, new_secret};
use crate::accounts::store;
use crate::error::{ApiError, AppError};

/// Prefix that makes Chorus tokens recognisable (for example to secret scanners).
pub const PREFIX: &str = "chorus_";

/// Creates a token for a steward and returns it; only its hash is kept.
pub async fn create<C: sea_orm::ConnectionTrait>(
    db: &C,
    owner: StewardId,
    label: &str,
) -> Result<String, sea_orm::DbErr> {
    let token = format!("{PREFIX}{}", new_secret());
    store::create_token(db, owner, label, hash_secret(&token)).await?;
    Ok(token)
}

/// The steward behind a valid bearer token; 401 problem+json otherwise.
pub struct ApiSteward(pub Steward);

impl FromRequest for ApiSteward {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (db, _) = crate::accounts::session::parts(&req)?;
            let token = req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|t| t.starts_with(PREFIX))
                .ok_or(AppError::SignInRequired)?;
            let steward = store::find_by_token(db, &hash_secret(token))
                .await?
                .ok_or(AppError::SignInRequired)?;
            req.extensions_mut().insert(ActingSteward(steward.id));
            Ok(ApiSteward(steward))
        })
    }
}
