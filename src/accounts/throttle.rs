//! Sign-in throttling per account and per client address, kept in memory only (never stored).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// Failed attempts allowed per account within the window.
pub const PER_ACCOUNT: u32 = 5;
/// Failed attempts allowed per client address within the window.
pub const PER_ADDRESS: u32 = 20;
/// How long failures are remembered.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
const MAX_ENTRIES: usize = 100_000;

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    first: Instant,
}

/// Counts recent failed sign-ins. Keys are hashed, so memory holds no email address.
#[derive(Default)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<[u8; 32], Failures>>,
}

fn key(kind: &str, value: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(kind.as_bytes());
    h.update([0]);
    h.update(value.as_bytes());
    h.finalize().into()
}

fn account_key(email: &str) -> [u8; 32] {
    key("account", &email.trim().to_lowercase())
}

fn address_key(ip: Option<IpAddr>) -> Option<[u8; 32]> {
    ip.map(|ip| key("address", &ip.to_string()))
}

impl SignInThrottle {
    /// Seconds to wait if this account or address is over its limit, else `None`.
    pub fn blocked(&self, email: &str, ip: Option<IpAddr>) -> Option<u64> {
        let map = self.failures.lock().ok()?;
        let now = Instant::now();
        let check = |k: &[u8; 32], limit: u32| {
            map.get(k)
                .filter(|f| f.count >= limit && now.duration_since(f.first) < WINDOW)
                .map(|f| (WINDOW - now.duration_since(f.first)).as_secs().max(1))
        };
        check(&account_key(email), PER_ACCOUNT)
            .or_else(|| address_key(ip).and_then(|k| check(&k, PER_ADDRESS)))
    }

    /// Records a failed attempt.
    pub fn fail(&self, email: &str, ip: Option<IpAddr>) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        let now = Instant::now();
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, f| now.duration_since(f.first) < WINDOW);
        }
        for k in std::iter::once(account_key(email)).chain(address_key(ip)) {
            let entry = map.entry(k).or_insert(Failures {
                count: 0,
                first: now,
            });
            if now.duration_since(entry.first) >= WINDOW {
                *entry = Failures {
                    count: 0,
                    first: now,
                };
            }
            entry.count += 1;
        }
    }

    /// Forgets an account's failures after a successful sign-in.
    pub fn succeed(&self, email: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(&account_key(email));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_blocked_after_five_failures_and_freed_by_success() {
        let t = SignInThrottle::default();
        for _ in 0..PER_ACCOUNT {
            assert!(t.blocked("a@b.org", None).is_none());
            t.fail("a@b.org", None);
        }
        assert!(t.blocked("A@B.org ", None).is_some());
        assert!(t.blocked("other@b.org", None).is_none());
        t.succeed("a@b.org");
        assert!(t.blocked("a@b.org", None).is_none());
    }

    #[test]
    fn an_address_is_blocked_after_many_failures_across_accounts() {
        let t = SignInThrottle::default();
        let ip: IpAddr = [10, 0, 0, 1].into();
        for i in 0..PER_ADDRESS {
            t.fail(&format!("p{i}@b.org"), Some(ip));
        }
        assert!(t.blocked("fresh@b.org", Some(ip)).is_some());
        assert!(
            t.blocked("fresh@b.org", Some([10, 0, 0, 2].into()))
                .is_none()
        );
    }
}
