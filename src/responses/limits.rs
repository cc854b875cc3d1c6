//! In-memory rate limits per client address (submissions, receipt look-ups). Addresses are
//! hashed with a per-process salt and forgotten when their window ends; nothing is stored.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::HttpRequest;
use rand::RngCore;
use sha2::{Digest, Sha256};

const MAX_ENTRIES: usize = 100_000;

/// The address a request's limits are counted for (`None` when unknown: not limited): the
/// connecting address, or the client a trusted proxy names (`web::client_addr`).
pub fn client(req: &HttpRequest) -> Option<IpAddr> {
    crate::web::client_addr(req)
}

/// Counts events per client address in fixed windows.
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    salt: [u8; 16],
    counts: Mutex<HashMap<[u8; 32], (u32, Instant)>>,
}

impl RateLimiter {
    /// At most `limit` events per `window` for each address.
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        RateLimiter {
            limit,
            window,
            salt,
            counts: Mutex::new(HashMap::new()),
        }
    }

    fn key(&self, ip: IpAddr) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(self.salt);
        h.update(ip.to_string().as_bytes());
        h.finalize().into()
    }

    /// Seconds to wait when this address has used up its window, else `None`.
    pub fn blocked(&self, ip: Option<IpAddr>) -> Option<u64> {
        let ip = ip?;
        let map = self.counts.lock().ok()?;
        let now = Instant::now();
        map.get(&self.key(ip))
            .filter(|(count, start)| {
                *count >= self.limit && now.duration_since(*start) < self.window
            })
            .map(|(_, start)| (self.window - now.duration_since(*start)).as_secs().max(1))
    }

    /// Counts one event for this address.
    pub fn record(&self, ip: Option<IpAddr>) {
        let (Some(ip), Ok(mut map)) = (ip, self.counts.lock()) else {
            return;
        };
        let now = Instant::now();
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, (_, start)| now.duration_since(*start) < self.window);
        }
        let entry = map.entry(self.key(ip)).or_insert((0, now));
        if now.duration_since(entry.1) >= self.window {
            *entry = (0, now);
        }
        entry.0 = entry.0.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_limited_within_its_window_only() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        let a: IpAddr = [10, 0, 0, 1].into();
        limiter.record(Some(a));
        assert_eq!(limiter.blocked(Some(a)), None);
        limiter.record(Some(a));
        assert!(
            limiter
                .blocked(Some(a))
                .is_some_and(|wait| (1..=60).contains(&wait))
        );
        assert_eq!(limiter.blocked(Some([10, 0, 0, 2].into())), None);
        limiter.record(None);
        assert_eq!(limiter.blocked(None), None);
    }
}
