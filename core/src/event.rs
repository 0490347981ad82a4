//! Typed webhook events (spec/openapi.yaml `webhooks`, spec/DECISIONS.md D11): `construct_event` verifies a
//! delivery, then parses it; `parse_event` only parses (for bodies verified
//! elsewhere, or replayed from storage).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::canonical::{Limits, parse_json};
use crate::error::{Code, Error, Result};
use crate::model::{Domain, ImportJob, Order, Swap, open_enum};
use crate::webhook::verify_webhook;

open_enum! {
    /// The 18 documented event types; others parse as `Other`. The part
    /// before the dot is the family that decides [`EventData`].
    EventType {
        /// Provisioning started.
        OrderInProgress => "order.in_progress",
        /// Every inbox is live; the data is the full order.
        OrderCompleted => "order.completed",
        /// Provisioning failed.
        OrderFailed => "order.failed",
        /// The order waits for the partner or customer (see `GET /orders/pending`).
        OrderActionRequired => "order.action_required",
        /// A cancellation was scheduled.
        OrderCancelScheduled => "order.cancel_scheduled",
        /// The order is cancelled.
        OrderCancelled => "order.cancelled",
        /// A domain is connected (sent per domain, before `order.completed`).
        DomainConnected => "domain.connected",
        /// A domain waits for the partner or customer.
        DomainActionRequired => "domain.action_required",
        /// A domain's forwarding URL was set.
        DomainForwardingUpdated => "domain.forwarding_updated",
        /// A domain's forwarding could not be set.
        DomainForwardingFailed => "domain.forwarding_failed",
        /// An import finished: the nameservers point at Peeker.
        DomainImportCompleted => "domain_import.completed",
        /// An import failed.
        DomainImportFailed => "domain_import.failed",
        /// An import waits for its nameservers to be set at the registrar.
        DomainImportActionRequired => "domain_import.action_required",
        /// A swap was accepted.
        SwapCreated => "swap.created",
        /// A swap started.
        SwapInProgress => "swap.in_progress",
        /// A swap is done.
        SwapCompleted => "swap.completed",
        /// A swap failed.
        SwapFailed => "swap.failed",
        /// A swap waits for the partner or customer.
        SwapActionRequired => "swap.action_required",
    }
}

/// An event's payload, typed by the event's family.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "object", rename_all = "snake_case")]
pub enum EventData {
    /// `order.*`; for `order.completed` the full order.
    Order(Box<Order>),
    /// `domain.*`: the domain.
    Domain(Box<Domain>),
    /// `domain_import.*`: the import job.
    DomainImport(Box<ImportJob>),
    /// `swap.*`: the swap.
    Swap(Box<Swap>),
    /// An event type this SDK does not know: the raw `data`.
    Unknown(Value),
}

/// The envelope `{id, type, created_at, data}`. Dedupe on `id`: deliveries
/// repeat and arrive out of order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Opaque id, prefix `evt_`: stable across the (up to 5) deliveries of
    /// one logical event, so dedupe on it.
    pub id: String,
    /// The JSON `type`, e.g. `order.completed`.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// RFC 3339 UTC timestamp of the event (not of the delivery).
    pub created_at: Option<String>,
    /// The payload, typed by the event's family.
    pub data: EventData,
    /// Envelope members this SDK does not know.
    pub extra: Map<String, Value>,
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
    let event_type: EventType =
        serde_json::from_value(Value::String(text(&mut envelope, "type")?)).map_err(|e| invalid(&e.to_string()))?;
    let created_at = envelope.remove("created_at").and_then(|v| v.as_str().map(str::to_owned));
    let data = envelope.remove("data").unwrap_or(Value::Null);
    let data = typed_data(&event_type, data)
        .map_err(|e| invalid(&format!("`data` does not fit {}: {e}", event_type.as_str())))?;
    Ok(Event { id, event_type, created_at, data, extra: envelope })
}

/// The family of a type (`order`, `domain`, `domain_import`, `swap`) decides
/// the model. Both `data: {...fields}` (current docs) and `data: {order: {...}}`
/// (older docs) are accepted.
fn typed_data(event_type: &EventType, data: Value) -> serde_json::Result<EventData> {
    let family = event_type.as_str().split_once('.').map(|(family, _)| family).unwrap_or_default();
    let known = !matches!(event_type, EventType::Other(_));
    let data = if known { unwrap_envelope(data, family) } else { data };
    Ok(match family {
        "order" if known => EventData::Order(serde_json::from_value(data)?),
        "domain" if known => EventData::Domain(serde_json::from_value(data)?),
        "domain_import" if known => EventData::DomainImport(serde_json::from_value(data)?),
        "swap" if known => EventData::Swap(serde_json::from_value(data)?),
        _ => EventData::Unknown(data),
    })
}

/// `{"order": {...}}` -> `{...}` when the object under the family's name is
/// the payload itself (a domain's own `domain` member is a name, not an object).
fn unwrap_envelope(data: Value, family: &str) -> Value {
    let wrapped = data.get(family).or_else(|| (family == "domain_import").then(|| data.get("import")).flatten());
    match wrapped {
        Some(inner @ Value::Object(_)) if data.get("id").is_none() => inner.clone(),
        _ => data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_data_shapes_give_the_same_order() {
        let current = br#"{"id":"evt_1","type":"order.completed","data":{"id":"ord_1","status":"completed"}}"#;
        let older = br#"{"id":"evt_1","type":"order.completed","data":{"order":{"id":"ord_1","status":"completed"}}}"#;
        let (a, b) = (parse_event(current), parse_event(older));
        assert_eq!(a, b);
        assert!(matches!(a.map(|e| e.data), Ok(EventData::Order(order)) if order.id == "ord_1"));
    }

    #[test]
    fn unknown_types_keep_their_raw_data() {
        let event = parse_event(br#"{"id":"evt_2","type":"invoice.paid","data":{"x":1},"api_version":"2026-06"}"#);
        let event = event.map(|e| (e.event_type, e.data, e.extra.contains_key("api_version")));
        assert_eq!(
            event,
            Ok((EventType::Other("invoice.paid".into()), EventData::Unknown(serde_json::json!({"x": 1})), true))
        );
    }
}
