//! The local-only endpoints, under `/_local` (no API key): health, the
//! webhook endpoints, the event and delivery log, replay, trigger, fault
//! injection, pending-action resolution and counters.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use peeker_core::EventType;
use serde_json::{Value, json};

use crate::api::{body_json, data, full_order};
use crate::app::{App, lock};
use crate::error::{ApiErr, ApiResult, json_response};
use crate::faults::Fault;
use crate::page::pairs;
use crate::store::kind;
use crate::util::{new_id, now_ms};

pub fn routes() -> Router<App> {
    Router::new()
        .route("/health", get(health))
        .route("/webhook-endpoints", get(endpoints).post(add_endpoint).delete(clear_endpoints))
        .route("/events", get(events))
        .route("/events/{id}", get(event))
        .route("/events/{id}/replay", post(replay))
        .route("/trigger", post(trigger))
        .route("/faults", get(faults).post(add_fault).delete(clear_faults))
        .route("/actions/{id}/resolve", post(resolve))
        .route("/stats", get(stats))
}

async fn health(State(app): State<App>) -> ApiResult {
    Ok(json_response(
        StatusCode::OK,
        &json!({"status": "ok", "base_url": format!("{}{}", app.origin, crate::app::BASE_PATH),
                "version": env!("CARGO_PKG_VERSION")}),
    ))
}

async fn endpoints(State(app): State<App>) -> ApiResult {
    let urls = app.db().read().endpoints()?;
    Ok(data(StatusCode::OK, json!(urls)))
}

async fn add_endpoint(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    let url = body.get("url").and_then(Value::as_str).unwrap_or_default().trim().to_owned();
    crate::webhooks::check_endpoint(&url).map_err(|why| ApiErr::bad_field("url", why))?;
    app.db().write(|tx| Ok(tx.add_endpoint(&url)?))?;
    let urls = app.db().read().endpoints()?;
    Ok(data(StatusCode::CREATED, json!(urls)))
}

async fn clear_endpoints(State(app): State<App>) -> ApiResult {
    app.db().write(|tx| Ok(tx.clear_endpoints()?))?;
    Ok(data(StatusCode::OK, json!([])))
}

async fn events(State(app): State<App>, RawQuery(raw): RawQuery) -> ApiResult {
    let pairs = pairs(raw.as_deref());
    let param = |name: &str| pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let log = app.db().read().event_log(param("type"), param("target"))?;
    Ok(data(StatusCode::OK, Value::Array(log)))
}

async fn event(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let db = app.db();
    let read = db.read();
    let (_, _, body) = read.event(&id)?.ok_or_else(|| ApiErr::not_found("event"))?;
    let log = read.event_log(None, None)?;
    let deliveries = log
        .into_iter()
        .find(|e| e.get("id").and_then(Value::as_str) == Some(&id))
        .and_then(|e| e.get("deliveries").cloned());
    let event: Value = serde_json::from_str(&body).unwrap_or_default();
    Ok(data(StatusCode::OK, json!({"event": event, "deliveries": deliveries})))
}

async fn replay(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let queued = app.db().write(|tx| {
        tx.read().event(&id)?.ok_or_else(|| ApiErr::not_found("event"))?;
        Ok(tx.redeliver(&id, now_ms())?)
    })?;
    app.wake_deliveries.notify_one();
    Ok(data(StatusCode::ACCEPTED, json!({"event_id": id, "deliveries_queued": queued})))
}

/// `{type, order_id, target_id?}`: fires one of the 18 event types with an
/// existing order's objects (the data's status set to match the type), without changing the state.
async fn trigger(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    let event_type = body.get("type").and_then(Value::as_str).unwrap_or_default().to_owned();
    if matches!(EventType::from(event_type.clone()), EventType::Other(_)) {
        return Err(ApiErr::bad_field("type", "must be one of the contract's 18 event types"));
    }
    let order_id = body.get("order_id").and_then(Value::as_str).unwrap_or_default().to_owned();
    let target_id = body.get("target_id").and_then(Value::as_str).map(str::to_owned);
    let (family, action) = event_type.split_once('.').unwrap_or_default();
    let status = match action {
        "cancel_scheduled" => "cancel_scheduled",
        "forwarding_updated" => "active",
        "forwarding_failed" => "active",
        "created" => "created",
        "connected" => "active",
        other => other,
    };
    let (target, data_value, event_id) = app.db().write(|tx| {
        let read = tx.read();
        let order = full_order(&read, &order_id).map_err(|_| ApiErr::not_found("order").field("order_id"))?;
        let domains = read.children(kind::DOMAIN, &order_id)?;
        let pick = |list: &[Value]| match &target_id {
            Some(id) => list.iter().find(|v| v.get("id").and_then(Value::as_str) == Some(id)).cloned(),
            None => list.first().cloned(),
        };
        let mut value = match family {
            "order" => Some(order.clone()),
            "domain" => pick(&domains),
            "domain_import" => {
                let names: Vec<Value> = domains.iter().filter_map(|d| d.get("domain").cloned()).collect();
                Some(json!({"id": target_id.clone().unwrap_or_else(|| new_id("imp_")), "domains": names,
                            "nameserver_groups": [{"nameservers": crate::api::NAMESERVERS, "domains": names}]}))
            }
            _ => {
                let swaps: Vec<Value> = domains.iter().flat_map(|d| {
                    let id = d.get("id").and_then(Value::as_str).unwrap_or_default();
                    read.children(kind::SWAP, id).unwrap_or_default()
                }).collect();
                pick(&swaps).or_else(|| domains.first().map(|d| json!({
                    "id": new_id("swp_"), "type": "standard", "domain_id": d.get("id"),
                    "replacement_domain": format!("replacement-{}", d.get("domain").and_then(Value::as_str).unwrap_or("domain.com")),
                })))
            }
        }
        .ok_or_else(|| ApiErr::not_found("object of that kind on this order").field("target_id"))?;
        if let Value::Object(map) = &mut value {
            map.insert("status".into(), status.into());
        }
        let target = value.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        let event_id = crate::webhooks::emit(tx, &event_type, &target, &value)?;
        Ok((target, value, event_id))
    })?;
    app.wake_deliveries.notify_one();
    Ok(data(
        StatusCode::CREATED,
        json!({"event_id": event_id, "type": event_type, "target": target, "data": data_value}),
    ))
}

async fn faults(State(app): State<App>) -> ApiResult {
    let list: Vec<Value> = lock(&app.faults).iter().map(Fault::to_json).collect();
    Ok(data(StatusCode::OK, Value::Array(list)))
}

async fn add_fault(State(app): State<App>, body: Bytes) -> ApiResult {
    let fault = Fault::from_json(&body_json(&body)?)?;
    let value = fault.to_json();
    lock(&app.faults).push(fault);
    Ok(data(StatusCode::CREATED, value))
}

async fn clear_faults(State(app): State<App>) -> ApiResult {
    lock(&app.faults).clear();
    Ok(data(StatusCode::OK, json!([])))
}

async fn resolve(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let action = app.db().write(|tx| crate::provision::resolve_action(tx, &id))?;
    app.wake_tasks.notify_one();
    app.wake_deliveries.notify_one();
    Ok(data(StatusCode::OK, crate::api::public_action(&action)))
}

async fn stats(State(app): State<App>) -> ApiResult {
    let db = app.db();
    let read = db.read();
    let mut orders = serde_json::Map::new();
    for (_, order) in read.all(kind::ORDER)? {
        let status = order.get("status").and_then(Value::as_str).unwrap_or("unknown").to_owned();
        let count = orders.get(&status).and_then(Value::as_u64).unwrap_or(0) + 1;
        orders.insert(status, count.into());
    }
    let (task, _) = read.next_due()?;
    Ok(data(
        StatusCode::OK,
        json!({"orders": orders, "deliveries": read.delivery_counts()?, "tasks_pending": task.is_some()}),
    ))
}
