//! Webhook signatures (spec/DECISIONS.md D4, D5).
//!
//! Peeker signs `"<timestamp>.<raw body>"` with HMAC-SHA256 under the secret's
//! UTF-8 bytes and sends `Peeker-Signature: v1=<hex>`. A delivery is authentic
//! when any `v1` entry matches any configured secret (rotation) and the
//! timestamp is within the tolerance of "now", in either direction. The
//! signature covers the timestamp and the body, nothing else: the event id to
//! trust is the body's (spec/DECISIONS.md D6, D13), and [`ReplayGuard`] remembers
//! the ids seen inside the tolerance.

mod replay;

pub use replay::ReplayGuard;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::error::{Code, Error, Result};

/// How far the signed timestamp may be from "now", in seconds, by default.
pub const DEFAULT_TOLERANCE_SECONDS: i64 = crate::contract::WEBHOOK_TOLERANCE_SECONDS;
/// The largest tolerance a caller may set.
pub const MAX_TOLERANCE_SECONDS: i64 = crate::contract::MAX_WEBHOOK_TOLERANCE_SECONDS;
/// The signature scheme this SDK understands; entries with other labels are ignored.
pub const SIGNATURE_VERSION: &str = "v1";
/// `v1=<lowercase hex HMAC-SHA256>`, possibly several entries separated by
/// commas or spaces (secret rotation).
pub const HEADER_SIGNATURE: &str = "Peeker-Signature";
/// Unix seconds (decimal) when Peeker signed the delivery.
pub const HEADER_TIMESTAMP: &str = "Peeker-Timestamp";
/// `evt_...`, sent by Peeker but not covered by the signature: it is checked
/// for form (one value, no control character) and never returned (D6).
pub const HEADER_EVENT_ID: &str = "Peeker-Event-Id";

/// The length of an HMAC-SHA256 tag, in bytes.
pub const SIGNATURE_BYTES: usize = 32;
/// More signature entries than this make the header invalid: rotation needs a
/// few, and the cap bounds the work an attacker can ask for.
pub const MAX_SIGNATURE_ENTRIES: usize = 100;

const RAW_BODY_HINT: &str = "pass the raw request body exactly as received (a body parsed \
    and re-serialized by a framework no longer matches) and check the webhook secret";

/// What a successful verification learned: only what the signature covers
/// (the event id to trust is the verified body's `id`, D6).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Verified {
    /// The signed Unix timestamp (seconds).
    pub timestamp: i64,
}

/// The `Peeker-Signature` value for `body` signed at `timestamp`: `v1=<hex>`.
/// For tests and local tools; Peeker signs real deliveries.
pub fn sign_webhook(secret: &str, timestamp: i64, body: &[u8]) -> Result<String> {
    if timestamp < 0 {
        return Err(Error::new(Code::InvalidArgument, "the timestamp must not be negative"));
    }
    let tag = mac(check_secret(secret)?, &timestamp.to_string(), body);
    Ok(format!("{SIGNATURE_VERSION}={}", hex::encode(tag)))
}

/// Verify a delivery from its raw body bytes and its headers (names compare
/// case-insensitively). `now` is Unix seconds; `tolerance` is in seconds.
pub fn verify_webhook<K, V, S>(
    body: &[u8],
    headers: impl IntoIterator<Item = (K, V)>,
    secrets: &[S],
    now: i64,
    tolerance: i64,
) -> Result<Verified>
where
    K: AsRef<str>,
    V: AsRef<str>,
    S: AsRef<str>,
{
    verify_webhook_with(headers, secrets, now, tolerance, |_, secret, timestamp| Ok(mac(secret, timestamp, body)))
}

/// [`verify_webhook`] with the MAC computed by the caller, who holds the body:
/// `mac(index, secret, timestamp)` is the HMAC-SHA256 of `"<timestamp>.<body>"`
/// under `secret` (`secrets[index]`), `timestamp` being the header's decimal
/// text. Every rule and error stays here; a host with a faster HMAC than the
/// core's (the WebAssembly package in Node: node:crypto) keeps the body out
/// of the core. An error of `mac` is returned as it is.
pub fn verify_webhook_with<K, V, S, M>(
    headers: impl IntoIterator<Item = (K, V)>,
    secrets: &[S],
    now: i64,
    tolerance: i64,
    mut mac: M,
) -> Result<Verified>
where
    K: AsRef<str>,
    V: AsRef<str>,
    S: AsRef<str>,
    M: FnMut(usize, &str, &str) -> Result<[u8; SIGNATURE_BYTES]>,
{
    if secrets.is_empty() {
        return Err(Error::new(Code::InvalidArgument, "give at least one webhook secret"));
    }
    let secrets = secrets.iter().map(|s| check_secret(s.as_ref())).collect::<Result<Vec<_>>>()?;
    if !(0..=MAX_TOLERANCE_SECONDS).contains(&tolerance) {
        // A huge tolerance would switch the replay check off without saying so.
        return Err(Error::new(
            Code::InvalidArgument,
            format!("the tolerance must be from 0 to {MAX_TOLERANCE_SECONDS} seconds"),
        ));
    }

    let headers = WebhookHeaders::collect(headers)?;
    let timestamp = parse_timestamp(&headers.timestamp)?;
    let candidates = parse_signatures(&headers.signature)?;

    // The number as signed (the header holds its only spelling: parse_timestamp).
    let signed = timestamp.to_string();
    let mut matched = false;
    for (index, secret) in secrets.iter().enumerate() {
        let expected = mac(index, secret, &signed)?;
        // `|` rather than `||`: every entry is compared, whatever matches first.
        matched = candidates.iter().fold(false, |found, candidate| found | bool::from(candidate.ct_eq(&expected)));
        if matched {
            break;
        }
    }
    if !matched {
        let mut message = format!("no {SIGNATURE_VERSION} signature matches the body: {RAW_BODY_HINT}");
        if secrets.iter().any(|s| s.trim() != *s) {
            message.push_str(" (a configured secret starts or ends with whitespace)");
        }
        return Err(Error::new(Code::SignatureMismatch, message));
    }

    let age = i128::from(now) - i128::from(timestamp);
    if age > i128::from(tolerance) {
        return Err(Error::new(
            Code::TimestampTooOld,
            format!("the delivery was signed {age} s ago; the tolerance is {tolerance} s"),
        ));
    }
    if -age > i128::from(tolerance) {
        return Err(Error::new(
            Code::TimestampInFuture,
            format!(
                "the delivery is signed {} s in the future; the tolerance is {tolerance} s (is the clock right?)",
                -age
            ),
        ));
    }
    Ok(Verified { timestamp })
}

fn check_secret(secret: &str) -> Result<&str> {
    if secret.is_empty() { Err(Error::new(Code::InvalidArgument, "a webhook secret is empty")) } else { Ok(secret) }
}

/// The core's HMAC-SHA256 of `"<timestamp>.<body>"` (`timestamp` in decimal).
fn mac(secret: &str, timestamp: &str, body: &[u8]) -> [u8; SIGNATURE_BYTES] {
    // HMAC takes keys of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return [0; SIGNATURE_BYTES];
    };
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// The signed headers, found case-insensitively. A header given several times
/// is joined the way HTTP joins repeated fields (with commas); a timestamp or
/// an event id given twice must not differ, and no value may hold a control
/// character (an HTTP stack would have refused it: someone built these
/// headers). The event id is only checked: the signature does not cover it.
struct WebhookHeaders {
    timestamp: String,
    signature: String,
}

impl WebhookHeaders {
    fn collect<K: AsRef<str>, V: AsRef<str>>(headers: impl IntoIterator<Item = (K, V)>) -> Result<Self> {
        let (mut timestamp, mut signature, mut event_id) = (Vec::new(), Vec::new(), Vec::new());
        for (name, value) in headers {
            let (name, value) = (name.as_ref().trim(), value.as_ref());
            let list = if name.eq_ignore_ascii_case(HEADER_TIMESTAMP) {
                &mut timestamp
            } else if name.eq_ignore_ascii_case(HEADER_SIGNATURE) {
                &mut signature
            } else if name.eq_ignore_ascii_case(HEADER_EVENT_ID) {
                &mut event_id
            } else {
                continue;
            };
            if value.chars().any(char::is_control) {
                return Err(Error::new(Code::InvalidHeader, format!("{name} holds a control character")));
            }
            list.push(value.to_owned());
        }
        if signature.is_empty() {
            return Err(missing(HEADER_SIGNATURE));
        }
        let timestamp = single(&timestamp, HEADER_TIMESTAMP)?.ok_or_else(|| missing(HEADER_TIMESTAMP))?;
        single(&event_id, HEADER_EVENT_ID)?;
        Ok(WebhookHeaders { timestamp, signature: signature.join(",") })
    }
}

/// The one value of a header that may be repeated only with the same value
/// (repeats may also arrive joined with commas, the HTTP way).
fn single(values: &[String], name: &str) -> Result<Option<String>> {
    let mut pieces: Vec<&str> = values.iter().flat_map(|v| v.split(',')).map(str::trim).collect();
    pieces.sort_unstable();
    pieces.dedup();
    match pieces.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some((*one).to_owned())),
        _ => Err(Error::new(Code::InvalidHeader, format!("{name} is given more than once with different values"))),
    }
}

fn missing(name: &str) -> Error {
    Error::new(Code::MissingHeader, format!("the {name} header is missing: pass the request's headers as received"))
}

/// Unix seconds in canonical decimal (no sign, no leading zero): the MAC is
/// computed over the number, so only one spelling of it can be the one signed.
fn parse_timestamp(value: &str) -> Result<i64> {
    let invalid = || {
        Error::new(
            Code::InvalidHeader,
            format!("{HEADER_TIMESTAMP} must be Unix seconds (decimal digits, no leading zero)"),
        )
    };
    let canonical =
        !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) && (value == "0" || !value.starts_with('0'));
    if !canonical {
        return Err(invalid());
    }
    value.parse::<i64>().map_err(|_| invalid())
}

/// The decoded `v1` entries (64 lowercase hex digits). Entries are separated
/// by commas or spaces; other version labels are skipped, and so are malformed
/// entries, so that a rotation can add entries this SDK does not read. Only
/// when no `v1` entry is well formed is the header refused.
fn parse_signatures(value: &str) -> Result<Vec<[u8; SIGNATURE_BYTES]>> {
    let mut found = Vec::new();
    let (mut entries, mut malformed) = (0usize, 0usize);
    for entry in value.split(|c: char| c == ',' || c.is_ascii_whitespace()).filter(|e| !e.is_empty()) {
        entries += 1;
        if entries > MAX_SIGNATURE_ENTRIES {
            return Err(Error::new(
                Code::InvalidHeader,
                format!("{HEADER_SIGNATURE} has more than {MAX_SIGNATURE_ENTRIES} entries"),
            ));
        }
        match entry.split_once('=') {
            Some((label, _)) if label != SIGNATURE_VERSION && !label.is_empty() => {}
            Some((_, signature)) if is_lowercase_hex(signature) => {
                let mut decoded = [0u8; SIGNATURE_BYTES];
                if hex::decode_to_slice(signature, &mut decoded).is_ok() {
                    found.push(decoded);
                }
            }
            _ => malformed += 1,
        }
    }
    if entries == 0 {
        return Err(Error::new(Code::InvalidHeader, format!("{HEADER_SIGNATURE} is empty")));
    }
    if found.is_empty() && malformed > 0 {
        return Err(Error::new(
            Code::InvalidHeader,
            format!(
                "no {HEADER_SIGNATURE} entry looks like {SIGNATURE_VERSION}=<{} lowercase hex digits>",
                SIGNATURE_BYTES * 2
            ),
        ));
    }
    if found.is_empty() {
        return Err(Error::new(
            Code::NoSupportedSignature,
            format!("{HEADER_SIGNATURE} has no {SIGNATURE_VERSION} entry; this SDK verifies {SIGNATURE_VERSION} only"),
        ));
    }
    Ok(found)
}

fn is_lowercase_hex(text: &str) -> bool {
    text.len() == SIGNATURE_BYTES * 2 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests;
