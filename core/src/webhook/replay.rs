//! Replay protection (spec/DECISIONS.md D6, D13): a captured delivery passes the
//! signature and timestamp checks again until its timestamp leaves the
//! tolerance, so a handler remembers the (signed) event ids it has handled
//! for that long.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Code, Error, Result};

/// Remembers the ids of verified events for twice the tolerance after each
/// was first seen: a delivery signed at `t` passes from `t - tolerance` to
/// `t + tolerance`, so every copy of it arrives inside that span. B-trees, not
/// hash maps: their cost does not depend on a hash seed.
#[derive(Clone, Debug)]
pub struct ReplayGuard {
    window: i64,
    /// Event id -> when it may be forgotten (Unix seconds).
    seen: BTreeMap<String, i64>,
    /// The same entries in expiry order, so pruning needs no scan.
    expiries: BTreeSet<(i64, String)>,
}

impl ReplayGuard {
    /// A guard for deliveries verified with `tolerance` seconds (the one given
    /// to `verify_webhook` / `construct_event`).
    pub fn new(tolerance: i64) -> Result<Self> {
        if !(0..=super::MAX_TOLERANCE_SECONDS).contains(&tolerance) {
            return Err(Error::new(
                Code::InvalidArgument,
                format!("the tolerance must be from 0 to {} seconds", super::MAX_TOLERANCE_SECONDS),
            ));
        }
        Ok(ReplayGuard { window: 2 * tolerance, seen: BTreeMap::new(), expiries: BTreeSet::new() })
    }

    /// `true` the first time `event_id` (the verified body's `id`) is seen
    /// inside the window; `false` for a repeat, a replay or a redelivery:
    /// acknowledge it without handling it again. `now` is Unix seconds.
    pub fn first_seen(&mut self, event_id: &str, now: i64) -> bool {
        while let Some((expiry, id)) = self.expiries.first().cloned() {
            if expiry >= now {
                break;
            }
            self.expiries.remove(&(expiry, id.clone()));
            self.seen.remove(&id);
        }
        if self.seen.contains_key(event_id) {
            return false;
        }
        let expiry = now.saturating_add(self.window);
        self.seen.insert(event_id.to_owned(), expiry);
        self.expiries.insert((expiry, event_id.to_owned()));
        true
    }

    /// How many ids are remembered (what the guard costs in memory).
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no id is remembered.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::sign_webhook;

    const SECRET: &str = "whsec_test_secret";
    const NOW: i64 = 1_700_000_000;

    /// Verifies a delivery, reads the signed id from the body and asks the guard.
    fn deliver(guard: &mut ReplayGuard, body: &[u8], signed_at: i64, event_id_header: &str, now: i64) -> Result<bool> {
        let signature = sign_webhook(SECRET, signed_at, body)?;
        let headers = [
            ("Peeker-Timestamp", signed_at.to_string()),
            ("Peeker-Signature", signature),
            ("Peeker-Event-Id", event_id_header.to_owned()),
        ];
        let event = crate::event::construct_event(body, headers, &[SECRET], now, 300)?;
        Ok(guard.first_seen(&event.id, now))
    }

    #[test]
    fn a_replay_inside_the_tolerance_is_caught_whatever_its_event_id_header() {
        let mut guard = ReplayGuard::new(300).unwrap_or_else(|_| unreachable!());
        let body = br#"{"id":"evt_1","type":"order.completed","data":{"id":"ord_1"}}"#;
        assert_eq!(deliver(&mut guard, body, NOW, "evt_1", NOW), Ok(true));
        // The captured delivery again, with another (unsigned) event id header.
        assert_eq!(deliver(&mut guard, body, NOW, "evt_forged", NOW + 299), Ok(false));
        let other = br#"{"id":"evt_2","type":"order.completed","data":{"id":"ord_1"}}"#;
        assert_eq!(deliver(&mut guard, other, NOW, "evt_1", NOW + 1), Ok(true));
    }

    #[test]
    fn an_id_is_remembered_while_any_copy_could_still_verify_then_forgotten() {
        let mut guard = ReplayGuard::new(300).unwrap_or_else(|_| unreachable!());
        let body = br#"{"id":"evt_1","type":"order.completed","data":{}}"#;
        // First seen as early as possible (signed 300 s in the future), then
        // replayed as late as the timestamp check allows.
        assert_eq!(deliver(&mut guard, body, NOW + 300, "", NOW), Ok(true));
        assert_eq!(deliver(&mut guard, body, NOW + 300, "", NOW + 600), Ok(false));
        let late = deliver(&mut guard, body, NOW + 300, "", NOW + 601).map_err(|e| e.code);
        assert_eq!(late, Err(Code::TimestampTooOld));
        assert!(guard.first_seen("evt_other", NOW + 601));
        assert_eq!(guard.len(), 1, "evt_1 is forgotten once no copy can verify");
    }

    #[test]
    fn the_tolerance_is_checked_like_verify_webhooks() {
        assert!(ReplayGuard::new(-1).is_err());
        assert!(ReplayGuard::new(crate::webhook::MAX_TOLERANCE_SECONDS + 1).is_err());
        let mut guard = ReplayGuard::new(0).unwrap_or_else(|_| unreachable!());
        assert!(guard.first_seen("evt_1", i64::MAX) && !guard.first_seen("evt_1", i64::MAX));
        // A clock set back forgets nothing.
        assert!(!guard.first_seen("evt_1", i64::MIN));
    }
}
