//! Webhooks: events stored with the change that fires them, then delivered
//! to every endpoint, signed with the core, until a 2xx answers (retries with
//! exponential backoff), at least once, each with its stable event id.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

use crate::app::{App, lock};
use crate::error::ApiErr;
use crate::store::{Delivery, Tx};
use crate::util::{new_id, now_ms, rfc3339};

/// How long one attempt may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// Deliveries one endpoint is given per claim.
const BATCH: usize = 100;

/// Stores an event `{id, type, created_at, data}` and queues its deliveries;
/// commit, then wake the delivery worker.
pub fn emit(tx: &Tx<'_>, event_type: &str, target: &str, data: &Value) -> Result<String, ApiErr> {
    let id = new_id(peeker_core::contract::prefix::EVENT);
    let now = now_ms();
    let created_at = rfc3339(now);
    let body = json!({"id": id, "type": event_type, "created_at": created_at, "data": data}).to_string();
    tx.add_event(&id, event_type, target, &created_at, &body, now)?;
    Ok(id)
}

/// Whether an endpoint URL is one the server can deliver to.
pub fn check_endpoint(url: &str) -> Result<(), String> {
    let uri: hyper::Uri = url.parse().map_err(|_| "a webhook endpoint must be an absolute http:// URL".to_owned())?;
    if uri.scheme_str() != Some("http") || uri.host().is_none() {
        return Err("a webhook endpoint must be an absolute http:// URL (the local server has no TLS)".into());
    }
    Ok(())
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// The delivery worker, forever: each endpoint gets its deliveries one at
/// a time, in the order their events happened (a failed one is retried
/// later, so it may then arrive after newer ones); endpoints are served side by side.
pub async fn run(app: App) {
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let busy: Arc<Mutex<HashSet<String>>> = Arc::default();
    loop {
        let taken: Vec<String> = lock(&busy).iter().cloned().collect();
        let claimed = app.db().write(|tx| Ok(tx.claim_deliveries(now_ms(), &taken, BATCH)?)).unwrap_or_default();
        let idle = claimed.is_empty();
        for (endpoint, batch) in claimed {
            lock(&busy).insert(endpoint.clone());
            let (app, client, busy) = (app.clone(), client.clone(), busy.clone());
            tokio::spawn(async move {
                for delivery in batch {
                    attempt(&app, &client, delivery).await;
                }
                lock(&busy).remove(&endpoint);
                app.wake_deliveries.notify_one();
            });
        }
        if idle {
            let next = app.db().read().next_due().ok().and_then(|(_, delivery)| delivery);
            // Due now but its endpoint is busy: the end of that batch wakes us.
            let wait = next.map_or(1000, |due| if due <= now_ms() { 50 } else { (due - now_ms()).min(1000) });
            let wait = Duration::from_millis(u64::try_from(wait).unwrap_or(1));
            let _ = tokio::time::timeout(wait, app.wake_deliveries.notified()).await;
        } else {
            tokio::task::yield_now().await;
        }
    }
}

/// One attempt of one delivery, and its record.
async fn attempt(app: &App, client: &HttpClient, delivery: Delivery) {
    let outcome = send(app, client, &delivery).await;
    let attempts = delivery.attempts + 1;
    let now = now_ms();
    let (status, next, http_status, error, delivered_at) = match outcome {
        Ok(code) if (200..300).contains(&code) => ("delivered", now, Some(code), None, Some(rfc3339(now))),
        failed => {
            let (code, error) = match failed {
                Ok(code) => (Some(code), format!("the endpoint answered HTTP {code}")),
                Err(error) => (None, error),
            };
            let exhausted = attempts >= i64::from(app.config.max_attempts);
            let shift = u32::try_from(attempts - 1).unwrap_or(u32::MAX).min(30);
            let backoff = app.config.retry_base_ms.saturating_mul(1u64 << shift).min(app.config.retry_max_ms);
            let next = now.saturating_add(i64::try_from(backoff).unwrap_or(i64::MAX));
            (if exhausted { "failed" } else { "pending" }, next, code, Some(error), None)
        }
    };
    let recorded = app.db().write(|tx| {
        Ok(tx.record_attempt(delivery.seq, status, next, http_status, error.as_deref(), delivered_at.as_deref())?)
    });
    if recorded.is_err() {
        eprintln!("peeker-local: could not record a delivery attempt");
    }
    if status == "pending" {
        app.wake_deliveries.notify_one();
    }
}

/// Sends a delivery; the HTTP status, or why there was none.
async fn send(app: &App, client: &HttpClient, delivery: &Delivery) -> Result<u16, String> {
    check_endpoint(&delivery.endpoint)?;
    let timestamp = now_ms() / 1000;
    let body = delivery.body.clone().into_bytes();
    let signature = peeker_core::sign_webhook(&app.webhook_secret, timestamp, &body)
        .map_err(|_| "the delivery could not be signed".to_owned())?;
    let request = hyper::Request::post(delivery.endpoint.as_str())
        .header("content-type", "application/json")
        .header("user-agent", concat!("peeker-local/", env!("CARGO_PKG_VERSION")))
        .header(peeker_core::webhook::HEADER_EVENT_ID, delivery.event_id.as_str())
        .header(peeker_core::webhook::HEADER_TIMESTAMP, timestamp.to_string())
        .header(peeker_core::webhook::HEADER_SIGNATURE, signature)
        .body(Full::new(Bytes::from(body)))
        .map_err(|_| "the delivery request could not be built".to_owned())?;
    let exchange = async {
        let response = client.request(request).await.map_err(|_| "the endpoint could not be reached".to_owned())?;
        let status = response.status().as_u16();
        // Read the answer to its end so the connection can be reused.
        let _ = response.into_body().collect().await;
        Ok(status)
    };
    tokio::time::timeout(ATTEMPT_TIMEOUT, exchange)
        .await
        .map_err(|_| "the endpoint did not answer in time".to_owned())?
}
