//! Peeker's 24-hour order dedupe (spec/DECISIONS.md D2): the same body bytes sent
//! again within 24 hours return the original order; after that they place a
//! new one. So the bytes are a deterministic function of the order's content
//! (**\[decision\]** RFC 8785 of the normalized order), and hosts ask whether a
//! retry is still inside the window.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::canonical::canonicalize_value;
use crate::error::{Code, Error, Result};
use crate::validate::normalize_domain;

pub use crate::contract::DEDUPE_WINDOW_SECONDS;

/// Members never trimmed: a password is exactly what the user typed.
const VERBATIM: &[&str] = &["login_password"];

/// The exact bytes to POST for an order: strings trimmed (the password kept
/// as typed), domain names lowercased and IDNA-encoded, every member the user
/// set kept, in RFC 8785 canonical form. Two orders that differ only in key
/// order, whitespace or domain case give the same bytes.
pub fn order_body(order: &Value) -> Result<Vec<u8>> {
    if !order.is_object() {
        return Err(Error::new(Code::InvalidArgument, "an order must be a JSON object"));
    }
    crate::canonical::check_size(order)?;
    let mut normalized = order.clone();
    trim_strings(&mut normalized, None);
    if let Some(Value::Array(domains)) = normalized.get_mut("domains") {
        for entry in domains {
            let name = match entry {
                Value::Object(map) => map.get_mut("domain"),
                other => Some(other),
            };
            if let Some(Value::String(name)) = name {
                *name = normalize_domain(name).unwrap_or_else(|| name.to_lowercase());
            }
        }
    }
    Ok(canonicalize_value(&normalized)?.into_bytes())
}

fn trim_strings(value: &mut Value, key: Option<&str>) {
    match value {
        Value::String(s) if !key.is_some_and(|k| VERBATIM.contains(&k)) => {
            let trimmed = s.trim();
            if trimmed.len() != s.len() {
                *s = trimmed.to_owned();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| trim_strings(item, None)),
        Value::Object(map) => map.iter_mut().for_each(|(k, item)| trim_strings(item, Some(k))),
        _ => {}
    }
}

/// The lowercase hex SHA-256 of a body: a stable name for "this order".
pub fn dedupe_key(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// Whether a retry sent at `now` is still deduplicated against a first
/// attempt sent at `first_sent_at` (Unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DedupeWindow {
    /// Whether a retry sent now returns the original order (no second charge).
    pub inside: bool,
    /// When the window closes (Unix seconds): from then on the same body places a new order.
    pub expires_at: i64,
    /// Seconds left, 0 once closed.
    pub remaining_seconds: i64,
}

/// The dedupe window of a first attempt sent at `first_sent_at`, seen at
/// `now` (both Unix seconds, from the host's clock): it is open for
/// [`DEDUPE_WINDOW_SECONDS`] after the first send. Saturates instead of
/// overflowing on extreme inputs.
pub fn dedupe_window(first_sent_at: i64, now: i64) -> DedupeWindow {
    let expires_at = first_sent_at.saturating_add(DEDUPE_WINDOW_SECONDS);
    let remaining_seconds = expires_at.saturating_sub(now).max(0);
    DedupeWindow { inside: remaining_seconds > 0, expires_at, remaining_seconds }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_order_whitespace_and_domain_case_do_not_change_the_bytes() {
        let a = json!({"user": " client@example.com ", "domains": ["Bücher.DE", {"domain": "B.com "}],
                       "sequencer": {"login_password": " pw "}});
        let b = json!({"sequencer": {"login_password": " pw "}, "domains": ["xn--bcher-kva.de", {"domain": "b.com"}],
                       "user": "client@example.com"});
        let (a, b) = (order_body(&a), order_body(&b));
        assert_eq!(a, b);
        let body = String::from_utf8(a.unwrap_or_default()).unwrap_or_default();
        assert!(body.contains("\" pw \""), "the password is kept as typed: {body}");
    }

    #[test]
    fn window_closes_after_24_hours() {
        assert_eq!(
            dedupe_window(1000, 1000 + 86_399),
            DedupeWindow { inside: true, expires_at: 87_400, remaining_seconds: 1 }
        );
        assert!(!dedupe_window(1000, 87_400).inside);
        let far = dedupe_window(i64::MAX, 0);
        assert_eq!((far.inside, far.expires_at), (true, i64::MAX));
    }
}
