//! Sign-in throttling per account and per client address, kept in memory only (never stored):
//! each attempt takes a slot before its password is checked, so parallel attempts cannot race it.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
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
struct Attempts {
    /// Failed attempts since `first`.
    failed: u32,
    /// Attempts let through whose password is still being checked.
    checking: u32,
    first: Instant,
}

impl Attempts {
    fn fresh(now: Instant) -> Attempts {
        Attempts {
            failed: 0,
            checking: 0,
            first: now,
        }
    }
    fn expired(&self, now: Instant) -> bool {
        now.duration_since(self.first) >= WINDOW
    }
}

/// Counts sign-in attempts. Keys are hashed, so memory holds no email address.
///
/// An attempt takes a slot *before* its (slow) password check, under one lock, and the slots
/// taken plus the failures counted may not pass the limit: so any number of attempts sent at
/// once get at most the limit checked, and the rest are refused as blocked.
#[derive(Default)]
pub struct SignInThrottle {
    attempts: Mutex<HashMap<[u8; 32], Attempts>>,
}

/// A slot taken by one sign-in attempt. Say how it ended with [`Slot::succeed`]; a slot
/// dropped without that (a wrong password, or a request that failed or was abandoned part-way)
/// counts as a failure.
#[must_use = "a slot dropped without succeed() counts as a failed attempt"]
pub struct Slot<'a> {
    throttle: &'a SignInThrottle,
    account: [u8; 32],
    address: Option<[u8; 32]>,
    succeeded: bool,
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
    /// Takes a slot for one attempt on this account from this address, or gives the seconds
    /// to wait when either is at its limit (failures and attempts being checked together).
    pub fn reserve(&self, email: &str, ip: Option<IpAddr>) -> Result<Slot<'_>, u64> {
        let account = account_key(email);
        let address = address_key(ip);
        // Nothing panics under this lock; were it ever poisoned, the counts are still good.
        let mut map = self.attempts.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, a| !a.expired(now) || a.checking > 0);
        }
        let wait = |k: &[u8; 32], limit: u32| {
            map.get(k)
                .filter(|a| !a.expired(now) && a.failed + a.checking >= limit)
                .map(|a| (WINDOW - now.duration_since(a.first)).as_secs().max(1))
        };
        if let Some(wait) =
            wait(&account, PER_ACCOUNT).or_else(|| address.and_then(|k| wait(&k, PER_ADDRESS)))
        {
            return Err(wait);
        }
        for k in std::iter::once(account).chain(address) {
            let entry = map.entry(k).or_insert(Attempts::fresh(now));
            if entry.expired(now) {
                *entry = Attempts {
                    checking: entry.checking,
                    ..Attempts::fresh(now)
                };
            }
            entry.checking += 1;
        }
        Ok(Slot {
            throttle: self,
            account,
            address,
            succeeded: false,
        })
    }

    fn settle(&self, slot: &Slot<'_>) {
        let mut map = self.attempts.lock().unwrap_or_else(PoisonError::into_inner);
        for k in std::iter::once(slot.account).chain(slot.address) {
            if let Some(entry) = map.get_mut(&k) {
                entry.checking = entry.checking.saturating_sub(1);
                if !slot.succeeded {
                    entry.failed += 1;
                }
            }
        }
        if slot.succeeded
            && let Some(entry) = map.get_mut(&slot.account)
        {
            // The account's owner proved who they are: its failures are forgotten (attempts
            // still being checked keep their slots).
            entry.failed = 0;
        }
    }
}

impl Slot<'_> {
    /// The password was right: frees the slot and forgets the account's failures.
    pub fn succeed(mut self) {
        self.succeeded = true;
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.throttle.settle(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(t: &SignInThrottle, email: &str, ip: Option<IpAddr>) {
        drop(t.reserve(email, ip).unwrap());
    }

    #[test]
    fn an_account_is_blocked_after_five_failures_and_freed_by_success() {
        let t = SignInThrottle::default();
        for _ in 0..PER_ACCOUNT {
            fail(&t, "a@b.org", None);
        }
        assert!(t.reserve("A@B.org ", None).is_err());
        assert!(t.reserve("other@b.org", None).is_ok());
        let mut t = SignInThrottle::default();
        for _ in 0..PER_ACCOUNT - 1 {
            fail(&t, "a@b.org", None);
        }
        t.reserve("a@b.org", None).unwrap().succeed();
        assert!(
            t.attempts
                .get_mut()
                .unwrap()
                .values()
                .all(|a| a.failed == 0)
        );
    }

    #[test]
    fn attempts_being_checked_hold_their_slots_so_no_more_than_the_limit_are_checked() {
        let t = SignInThrottle::default();
        let held: Vec<_> = (0..PER_ACCOUNT)
            .map(|_| t.reserve("a@b.org", None).unwrap())
            .collect();
        assert!(t.reserve("a@b.org", None).is_err(), "all slots are taken");
        drop(held);
        assert!(t.reserve("a@b.org", None).is_err(), "and now they failed");
    }

    #[test]
    fn an_address_is_blocked_after_many_failures_across_accounts() {
        let t = SignInThrottle::default();
        let ip: IpAddr = [10, 0, 0, 1].into();
        for i in 0..PER_ADDRESS {
            fail(&t, &format!("p{i}@b.org"), Some(ip));
        }
        assert!(t.reserve("fresh@b.org", Some(ip)).is_err());
        assert!(t.reserve("fresh@b.org", Some([10, 0, 0, 2].into())).is_ok());
    }
}
