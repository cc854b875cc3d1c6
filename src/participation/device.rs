//! One vote per item per device, without knowing who anyone is: a random device id in a signed
//! (HMAC under the server's secret key), HttpOnly, SameSite=Lax cookie, which also remembers
//! "Who are you?" on mixed rounds. Only a keyed hash of the device id *and the round* is
//! stored, so the same device cannot be followed from one round to another; the API's client
//! id is hashed the same way.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::participation::model::{RoundId, Who};

/// The cookie's name.
pub const COOKIE: &str = "chorus_device";

/// This browser's device: its id, who it said it is, and whether the cookie must be (re)set.
#[derive(Clone, Debug)]
pub struct Device {
    id: String,
    pub who: Option<Who>,
    pub fresh: bool,
}

fn mac(key: &[u8], parts: &[&[u8]]) -> String {
    let Ok(mut m) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    for p in parts {
        m.update(p);
    }
    hex::encode(m.finalize().into_bytes())
}

fn signed(key: &[u8], id: &str, who: &str) -> String {
    mac(key, &[b"device:", id.as_bytes(), b".", who.as_bytes()])
}

impl Device {
    /// The device in the request's cookie when its signature holds; else a new one.
    pub fn from_request(req: &HttpRequest, key: &[u8]) -> Device {
        let found = req.cookie(COOKIE).and_then(|c| {
            let mut parts = c.value().splitn(3, '.');
            let (id, who, sig) = (parts.next()?, parts.next()?, parts.next()?);
            let expected = signed(key, id, who);
            let ok = id.len() == 43 && bool::from(expected.as_bytes().ct_eq(sig.as_bytes()));
            ok.then(|| Device {
                id: id.to_owned(),
                who: Who::parse(who),
                fresh: false,
            })
        });
        found.unwrap_or_else(|| {
            let mut bytes = [0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            Device {
                id: URL_SAFE_NO_PAD.encode(bytes),
                who: None,
                fresh: true,
            }
        })
    }

    /// The key stored with this device's votes in `round` (differs per round).
    pub fn key(&self, key: &[u8], round: RoundId) -> String {
        round_key(key, &format!("cookie:{}", self.id), round)
    }

    /// Remembers who the person said they are (set the cookie again when it changed).
    pub fn remember(&mut self, who: Who) {
        if self.who != Some(who) {
            self.who = Some(who);
            self.fresh = true;
        }
    }

    /// The signed cookie, kept for a year, sent only with same-site requests and top-level
    /// links.
    pub fn cookie(&self, key: &[u8], secure: bool) -> Cookie<'static> {
        let who = self.who.map_or("", |w| w.as_str());
        let value = format!("{}.{who}.{}", self.id, signed(key, &self.id, who));
        Cookie::build(COOKIE, value)
            .path("/p/")
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .max_age(actix_web::cookie::time::Duration::days(365))
            .finish()
    }
}

/// The stored key for a device (or an API client id, prefixed so the two never meet) in a
/// round.
pub fn round_key(key: &[u8], device: &str, round: RoundId) -> String {
    mac(
        key,
        &[
            b"round-device:",
            round.0.to_string().as_bytes(),
            b":",
            device.as_bytes(),
        ],
    )
}

/// The stored key for an API client's id in a round.
pub fn client_key(key: &[u8], client_id: &str, round: RoundId) -> String {
    round_key(key, &format!("api:{client_id}"), round)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_device_has_a_different_key_in_each_round() {
        let key = b"0123456789abcdef0123456789abcdef";
        let a = round_key(key, "cookie:x", RoundId(1));
        assert_eq!(a, round_key(key, "cookie:x", RoundId(1)));
        assert_ne!(a, round_key(key, "cookie:x", RoundId(2)));
        assert_ne!(a, client_key(key, "x", RoundId(1)));
    }
}
