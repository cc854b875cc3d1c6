//! CSRF protection for every state-changing HTML form: a random cookie per browser and, in each
//! form, an HMAC of it under the server's secret key (the signed double-submit pattern).

use std::future::Future;
use std::pin::Pin;

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, FromRequest, HttpMessage, HttpRequest, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::config::Settings;
use crate::error::AppError;

const COOKIE: &str = "chorus_csrf";

/// The browser's CSRF cookie value, as found or freshly made for this request.
#[derive(Clone)]
struct CsrfCookie {
    value: String,
    fresh: bool,
}

/// Makes sure every browser has a CSRF cookie; sets it on the response when new.
pub async fn ensure_cookie(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let existing = req
        .cookie(COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() >= 32 && v.len() <= 64);
    let cookie = match existing {
        Some(value) => CsrfCookie {
            value,
            fresh: false,
        },
        None => {
            let mut bytes = [0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            CsrfCookie {
                value: URL_SAFE_NO_PAD.encode(bytes),
                fresh: true,
            }
        }
    };
    let secure = req
        .app_data::<web::Data<Settings>>()
        .is_some_and(|s| s.is_https());
    req.extensions_mut().insert(cookie.clone());
    let mut res = next.call(req).await?;
    if cookie.fresh && !res.request().path().starts_with("/api/") {
        let c = Cookie::build(COOKIE, cookie.value)
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .finish();
        res.response_mut().add_cookie(&c)?;
    }
    Ok(res)
}

fn sign(key: &[u8], cookie: &str) -> Result<String, AppError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("bad HMAC key: {e}")))?;
    mac.update(b"csrf:");
    mac.update(cookie.as_bytes());
    Ok(hex::encode(mac.finalize().into_bytes()))
}

fn settings(req: &HttpRequest) -> Result<&web::Data<Settings>, AppError> {
    req.app_data::<web::Data<Settings>>()
        .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("settings missing")))
}

/// The token to put in forms on this page.
pub struct CsrfToken(pub String);

impl FromRequest for CsrfToken {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = (|| {
            let cookie = req
                .extensions()
                .get::<CsrfCookie>()
                .cloned()
                .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("CSRF middleware missing")))?;
            let key = settings(req)?.secret_key.clone();
            Ok(CsrfToken(sign(key.bytes(), &cookie.value)?))
        })();
        std::future::ready(result)
    }
}

/// Checks a CSRF token sent by a form that [`CsrfForm`] cannot read (a multipart body, or a
/// route that also takes a token-less one-click POST) against this browser's cookie.
/// Returns the expected token (for rendering the form again); 403 when it does not match.
pub fn verify(req: &HttpRequest, token: &str) -> Result<String, AppError> {
    let cookie = req
        .cookie(COOKIE)
        .map(|c| c.value().to_owned())
        .ok_or(AppError::CsrfRejected)?;
    let expected = sign(settings(req)?.secret_key.bytes(), &cookie)?;
    if !bool::from(expected.as_bytes().ct_eq(token.as_bytes())) {
        return Err(AppError::CsrfRejected);
    }
    Ok(expected)
}

#[derive(Deserialize)]
struct TokenOnly {
    #[serde(default)]
    csrf_token: String,
}

/// A URL-encoded form whose CSRF token has been checked; 403 otherwise.
pub struct CsrfForm<T> {
    /// The parsed form fields.
    pub form: T,
    /// The token, for rendering the form again.
    pub token: String,
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let bytes = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let content_type = req.content_type().to_owned();
            if content_type != "application/x-www-form-urlencoded" {
                return Err(AppError::BadRequest(
                    "The form was sent in a way Chorus does not understand.".into(),
                ));
            }
            let body = bytes.await.map_err(|e| {
                if e.as_response_error().status_code()
                    == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
                {
                    AppError::PayloadTooLarge
                } else {
                    AppError::BadRequest("The form could not be read.".into())
                }
            })?;
            let sent: TokenOnly =
                serde_urlencoded::from_bytes(&body).map_err(|_| AppError::CsrfRejected)?;
            let expected = verify(&req, &sent.csrf_token)?;
            let form = serde_urlencoded::from_bytes(&body)
                .map_err(|_| AppError::BadRequest("The form could not be read.".into()))?;
            Ok(CsrfForm {
                form,
                token: expected,
            })
        })
    }
}
