//! Typed webhook events (the contract's `webhooks`, spec/DECISIONS.md D11):
//! `construct_event` verifies a delivery, then parses it; `parse_event` only
//! parses (for bodies verified elsewhere, or replayed from storage).

mod types;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};

pub use types::{EventData, EventType};

use crate::canonical::{Limits, parse_json};
use crate::error::{Code, Error, Result};
use crate::webhook::{SIGNATURE_BYTES, verify_webhook, verify_webhook_with};

/// The envelope `{id, type, created_at, data}`, `data` typed by `type`.
/// Deduplicate deliveries on `id` (spec/DECISIONS.md D6).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Opaque id, prefix `evt_`: stable across the deliveries of one event.
    pub id: String,
    /// The JSON `type`, e.g. `order.completed`.
    pub event_type: EventType,
    /// RFC 3339 UTC timestamp of the event (not of the delivery).
    pub created_at: Option<String>,
    /// The payload, typed by the event's type.
    pub data: EventData,
    /// Envelope members this SDK does not know.
    pub extra: Map<String, Value>,
}

/// What every host receives: `{id, type, created_at?, data, extra?}`. A type
/// this SDK does not know is written as `type: "unknown"` with the type as
/// sent in `unknown_type`, so hosts can type events as a union on `type`.
impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        match &self.event_type {
            EventType::Other(unknown) => {
                map.serialize_entry("type", "unknown")?;
                map.serialize_entry("unknown_type", unknown)?;
            }
            known => map.serialize_entry("type", known.as_str())?,
        }
        if let Some(created_at) = &self.created_at {
            map.serialize_entry("created_at", created_at)?;
        }
        map.serialize_entry("data", &self.data)?;
        if !self.extra.is_empty() {
            map.serialize_entry("extra", &self.extra)?;
        }
        map.end()
    }
}

/// Verify a delivery (see [`verify_webhook`]), then parse it.
pub fn construct_event<K, V, S>(
    body: &[u8],
    headers: impl IntoIterator<Item = (K, V)>,
    secrets: &[S],
    now: i64,
    tolerance: i64,
) -> Result<Event>
where
    K: AsRef<str>,
    V: AsRef<str>,
    S: AsRef<str>,
{
    verify_webhook(body, headers, secrets, now, tolerance)?;
    parse_event(body)
}

/// [`construct_event`] with the MAC computed by the caller (see [`verify_webhook_with`]).
pub fn construct_event_with<K, V, S, M>(
    body: &[u8],
    headers: impl IntoIterator<Item = (K, V)>,
    secrets: &[S],
    now: i64,
    tolerance: i64,
    mac: M,
) -> Result<Event>
where
    K: AsRef<str>,
    V: AsRef<str>,
    S: AsRef<str>,
    M: FnMut(usize, &str, &str) -> Result<[u8; SIGNATURE_BYTES]>,
{
    verify_webhook_with(headers, secrets, now, tolerance, mac)?;
    parse_event(body)
}

fn invalid(message: &str) -> Error {
    Error::new(Code::InvalidPayload, message)
}

/// Parse an event body without verifying it. Only for bodies verified
/// elsewhere: anyone can post an unsigned body to a webhook URL.
pub fn parse_event(body: &[u8]) -> Result<Event> {
    let text = std::str::from_utf8(body).map_err(|_| invalid("the body is not UTF-8 text"))?;
    // Size and depth limits keep their own codes (`too_large`, `too_deep`).
    let value = parse_json(text, Limits::default()).map_err(|e| match e.code {
        Code::TooLarge | Code::TooDeep => e,
        _ => invalid(&format!("the body is not JSON: {}", e.message)),
    })?;
    let Value::Object(mut envelope) = value else { return Err(invalid("the body is not a JSON object")) };
    let text = |envelope: &mut Map<String, Value>, key: &str| match envelope.remove(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        _ => Err(invalid(&format!("the event has no `{key}` string"))),
    };
    let id = text(&mut envelope, "id")?;
    let event_type = EventType::from(text(&mut envelope, "type")?);
    let created_at = envelope.remove("created_at").and_then(|v| v.as_str().map(str::to_owned));
    let data = envelope.remove("data").unwrap_or(Value::Null);
    let data = EventData::of(&event_type, data)
        .map_err(|_| invalid(&format!("`data` has a member of the wrong type for a {} event", event_type.as_str())))?;
    Ok(Event { id, event_type, created_at, data, extra: envelope })
}

/// Older documents wrap the payload under the family's name (`{"order":
/// {...}}`, `{"import": {...}}` for imports): unwrap it when the object under
/// that name is the payload itself (a domain's own `domain` member is a name).
fn unwrap_older_shape(data: Value, family: &str) -> Value {
    let wrapped = data.get(family).or_else(|| (family == "domain_import").then(|| data.get("import")).flatten());
    match wrapped {
        Some(inner @ Value::Object(_)) if data.get("id").is_none() => inner.clone(),
        _ => data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::{HEADER_SIGNATURE, HEADER_TIMESTAMP, sign_webhook};

    const BODY: &[u8] = br#"{"id":"evt_1","type":"order.completed","data":{}}"#;

    /// Every webhook error, from verifying and from constructing an event.
    #[test]
    fn no_webhook_error_shows_a_secret() {
        const MARK: &str = "Sup3rS3cretValue";
        const LEAKY: &str = "whsec_Sup3rS3cretValue";
        let now = 1_700_000_000;
        let good = sign_webhook(LEAKY, now, BODY).unwrap_or_default();
        let with = |timestamp: &str, signature: &str| {
            vec![
                ("Peeker-Timestamp".to_owned(), timestamp.to_owned()),
                (HEADER_SIGNATURE.to_owned(), signature.to_owned()),
            ]
        };
        let ts = now.to_string();
        let bad_headers = [
            vec![],
            vec![(HEADER_TIMESTAMP.to_owned(), ts.clone())],
            vec![(HEADER_SIGNATURE.to_owned(), good.clone())],
            with(LEAKY, &good),
            with(&format!("{ts}{MARK}"), &good),
            with(&ts, LEAKY),
            with(&ts, &format!("v1={LEAKY}")),
            with(&ts, &format!("v1={}", hex::encode(LEAKY))),
            with(&ts, &format!("v2={LEAKY}")),
            with(&ts, ", ,"),
            with(&ts, &sign_webhook("whsec_other", now, BODY).unwrap_or_default()),
            with(&(now - 301).to_string(), &sign_webhook(LEAKY, now - 301, BODY).unwrap_or_default()),
            with(&(now + 301).to_string(), &sign_webhook(LEAKY, now + 301, BODY).unwrap_or_default()),
            [with(&ts, &good), with(&(now + 1).to_string(), &good)].concat(),
        ];
        let secret_sets: [&[&str]; 5] =
            [&[LEAKY], &[" whsec_Sup3rS3cretValue\n"], &["whsec_other", LEAKY], &[LEAKY, ""], &[]];
        let mut errors = Vec::new();
        for headers in &bad_headers {
            for secrets in secret_sets {
                errors.extend(verify_webhook(BODY, headers.clone(), secrets, now, 300).err());
                errors.extend(verify_webhook(BODY, headers.clone(), secrets, now, -1).err());
                errors.extend(construct_event(BODY, headers.clone(), secrets, now, 300).err());
            }
        }
        // Authentic deliveries whose body is not an event.
        for body in [&b"not json"[..], b"[]", b"{}", br#"{"id":"evt_1","type":"order.completed","data":{"id":5}}"#] {
            let signature = sign_webhook(LEAKY, now, body).unwrap_or_default();
            errors.extend(construct_event(body, with(&ts, &signature), &[LEAKY], now, 300).err());
        }
        errors.extend(sign_webhook(LEAKY, -1, BODY).err());
        errors.extend(sign_webhook("", 1, BODY).err());
        let codes: std::collections::HashSet<Code> = errors.iter().map(|e| e.code).collect();
        for code in Code::ALL.iter().filter(|c| c.kind() == crate::ErrorKind::Webhook) {
            assert!(codes.contains(code), "{code} never raised");
        }
        for err in &errors {
            let shown = format!("{err} {err:?} {}", serde_json::to_string(err).unwrap_or_default());
            assert!(!shown.contains(MARK), "{shown}");
        }
    }

    #[test]
    fn both_data_shapes_give_the_same_order() {
        let current = br#"{"id":"evt_1","type":"order.completed","data":{"id":"ord_1","status":"completed"}}"#;
        let older = br#"{"id":"evt_1","type":"order.completed","data":{"order":{"id":"ord_1","status":"completed"}}}"#;
        let (a, b) = (parse_event(current), parse_event(older));
        assert_eq!(a, b);
        assert!(matches!(a.map(|e| e.data), Ok(EventData::Order(order)) if order.id == "ord_1"));
    }

    #[test]
    fn unknown_types_keep_their_raw_data() -> Result<()> {
        let event = parse_event(br#"{"id":"evt_2","type":"invoice.paid","data":{"x":1},"api_version":"2026-06"}"#)?;
        assert_eq!(event.event_type, EventType::Other("invoice.paid".into()));
        let written = serde_json::to_value(&event).map_err(|e| Error::new(Code::InternalError, e.to_string()))?;
        let expected = serde_json::json!({"id": "evt_2", "type": "unknown", "unknown_type": "invoice.paid",
                                          "data": {"x": 1}, "extra": {"api_version": "2026-06"}});
        assert_eq!(written, expected);
        Ok(())
    }
}
