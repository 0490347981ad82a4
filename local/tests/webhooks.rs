//! Webhooks: the documented sequences, signed with the core and verified by
//! `construct_event`; retries with backoff; the log, replay and trigger.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Server, endpoint, events, eventually, order, small_bundle};
use peeker_core::{EventData, EventType, Operation as Op};
use serde_json::{Value, json};

fn types(events: &[(peeker_core::Event, Value)]) -> Vec<String> {
    events.iter().map(|(e, _)| e.event_type.as_str().to_owned()).collect()
}

#[tokio::test]
async fn an_order_fires_the_documented_sequence() {
    let (url, received) = endpoint().await;
    let server = Server::start(&["--time-scale", "200000", "--webhook", &url]);
    let bundle = small_bundle(&server).await;
    let placed = server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["seq-one.com", "seq-two.io"]))).await;
    let order_id = placed.json()["data"]["id"].as_str().unwrap().to_owned();
    assert!(eventually(10, || types(&events(&received)).contains(&"order.completed".to_owned())).await);
    let got = events(&received);
    assert_eq!(types(&got), ["order.in_progress", "domain.connected", "domain.connected", "order.completed"]);
    let (completed, raw) = got.last().unwrap();
    let EventData::Order(order) = &completed.data else { panic!("order data") };
    assert_eq!(order.id, order_id);
    assert_eq!(order.personas.as_ref().map(Vec::len), Some(1), "the full order");
    assert!(order.costs.as_ref().and_then(|c| c.line_items.as_ref()).is_some());
    let full = server.call(Op::GetOrder, &format!("/orders/{order_id}"), None).await.json();
    assert_eq!(raw["data"], full["data"], "the same shape as GET /orders/{{id}}");
    let connected: Vec<String> = got
        .iter()
        .filter_map(|(e, _)| match &e.data {
            EventData::Domain(d) if e.event_type == EventType::DomainConnected => Some(d.domain.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(connected, ["seq-one.com", "seq-two.io"]);
    // Every delivery is in the log, delivered once, with its event id.
    let log = server.local("GET", &format!("/events?target={order_id}"), None).await.json();
    let log = log["data"].as_array().unwrap().clone();
    assert_eq!(log.len(), 2);
    for event in &log {
        assert_eq!(event["deliveries"][0]["status"], "delivered");
        assert_eq!(event["deliveries"][0]["attempts"], 1);
    }
}

#[tokio::test]
async fn imports_and_failures_fire_their_events() {
    let (url, received) = endpoint().await;
    let server = Server::start(&["--time-scale", "200000", "--webhook", &url]);
    server.call(Op::ImportDomains, "/domains/import", Some(json!({"domains": ["mine-a.com"]}))).await;
    server.call(Op::ImportDomains, "/domains/import", Some(json!({"domains": ["fail-import.com"]}))).await;
    let bundle = small_bundle(&server).await;
    server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["good-name.com", "fail-later.io"]))).await;
    let want = ["domain_import.completed", "domain_import.failed", "order.failed"];
    assert!(
        eventually(10, || {
            let t = types(&events(&received));
            want.iter().all(|w| t.iter().any(|x| x == w))
        })
        .await
    );
    let got = types(&events(&received));
    let position = |t: &str| got.iter().position(|x| x == t).unwrap();
    assert!(position("domain_import.action_required") < position("domain_import.completed"));
    assert!(position("order.in_progress") < position("order.failed"));
    assert!(!got.contains(&"order.completed".to_owned()));
}

#[tokio::test]
async fn failed_deliveries_are_retried_with_backoff_under_the_same_id() {
    let (url, received) = endpoint().await;
    // Time scale 1: the order's own events are a minute away; only the triggered one is sent.
    let server = Server::start(&["--time-scale", "1", "--webhook", &url, "--retry-base-ms", "50"]);
    let bundle = small_bundle(&server).await;
    let placed =
        server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["retry-one.com", "retry-two.io"]))).await;
    let order_id = placed.json()["data"]["id"].as_str().unwrap().to_owned();
    received.lock().unwrap().fail_next = 3;
    let started = std::time::Instant::now();
    let fired = server.local("POST", "/trigger", Some(json!({"type": "order.completed", "order_id": order_id}))).await;
    let event_id = fired.json()["data"]["event_id"].as_str().unwrap().to_owned();
    assert!(eventually(15, || !events(&received).is_empty()).await);
    let elapsed = started.elapsed();
    assert_eq!(received.lock().unwrap().failed, 3);
    // Backoff 50 + 100 + 200 ms before the fourth attempt.
    assert!(elapsed >= std::time::Duration::from_millis(350), "{elapsed:?}");
    let got = events(&received);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0.id, event_id, "the same event id on every attempt");
    let log = server.local("GET", &format!("/events/{event_id}"), None).await.json();
    let delivery = log["data"]["deliveries"][0].clone();
    assert_eq!((delivery["status"].clone(), delivery["attempts"].clone()), (json!("delivered"), json!(4)));

    // An endpoint that never answers 2xx: failed after --max-attempts.
    let (url, broken) = endpoint().await;
    broken.lock().unwrap().fail_next = usize::MAX;
    let server = Server::start(&["--webhook", &url, "--retry-base-ms", "10", "--max-attempts", "3"]);
    server.call(Op::ImportDomains, "/domains/import", Some(json!({"domains": ["never-ok.com"]}))).await;
    let mut status = Value::Null;
    for _ in 0..300 {
        let log = server.local("GET", "/events", None).await.json();
        status = log["data"][0]["deliveries"][0].clone();
        if status["status"] == "failed" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(
        (status["status"].clone(), status["attempts"].clone(), status["last_status"].clone()),
        (json!("failed"), json!(3), json!(500))
    );
}

#[tokio::test]
async fn replay_and_trigger_every_event_type() {
    let (url, received) = endpoint().await;
    let server = Server::start(&["--time-scale", "1", "--webhook", &url]);
    let bundle = small_bundle(&server).await;
    let placed = server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["trig-one.com", "trig-two.io"]))).await;
    let order_id = placed.json()["data"]["id"].as_str().unwrap().to_owned();
    let all = [
        "order.in_progress",
        "order.completed",
        "order.failed",
        "order.action_required",
        "order.cancel_scheduled",
        "order.cancelled",
        "domain.connected",
        "domain.action_required",
        "domain.forwarding_updated",
        "domain.forwarding_failed",
        "domain_import.completed",
        "domain_import.failed",
        "domain_import.action_required",
        "swap.created",
        "swap.in_progress",
        "swap.completed",
        "swap.failed",
        "swap.action_required",
    ];
    for event_type in all {
        let answer = server.local("POST", "/trigger", Some(json!({"type": event_type, "order_id": order_id}))).await;
        assert_eq!(answer.status, 201, "{event_type}: {}", String::from_utf8_lossy(&answer.body));
    }
    assert!(eventually(10, || events(&received).len() == all.len()).await);
    let got = events(&received);
    assert_eq!(types(&got), all);
    for (event, raw) in &got {
        let family = event.event_type.as_str().split('.').next().unwrap();
        let ok = matches!(
            (family, &event.data),
            ("order", EventData::Order(_))
                | ("domain", EventData::Domain(_))
                | ("domain_import", EventData::ImportJob(_))
                | ("swap", EventData::Swap(_))
        );
        assert!(ok, "{family}: {raw}");
    }
    let unknown = server.local("POST", "/trigger", Some(json!({"type": "order.exploded", "order_id": order_id}))).await;
    assert_eq!(unknown.status, 400);
    let missing = server.local("POST", "/trigger", Some(json!({"type": "order.failed", "order_id": "ord_none"}))).await;
    assert_eq!(missing.status, 404);

    // Replay: the same event, the same id and body, delivered again.
    let (first, first_raw) = got.first().unwrap().clone();
    let replayed = server.local("POST", &format!("/events/{}/replay", first.id), None).await;
    assert_eq!(replayed.json()["data"]["deliveries_queued"], 1);
    assert!(eventually(10, || events(&received).len() == all.len() + 1).await);
    let (again, again_raw) = events(&received).last().unwrap().clone();
    assert_eq!((again.id, again_raw), (first.id.clone(), first_raw));
    let shown = server.local("GET", &format!("/events/{}", first.id), None).await.json();
    assert_eq!(shown["data"]["deliveries"].as_array().unwrap().len(), 2);
    let none = server.local("POST", "/events/evt_none/replay", None).await;
    assert_eq!(none.status, 404);
}

#[tokio::test]
async fn endpoints_can_be_added_at_run_time_and_must_be_http() {
    let server = Server::start(&[]);
    let bad = server.local("POST", "/webhook-endpoints", Some(json!({"url": "https://example.com/hook"}))).await;
    assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (400, json!("url")));
    let (url, received) = endpoint().await;
    server.add_endpoint(&url).await;
    assert_eq!(server.local("GET", "/webhook-endpoints", None).await.json()["data"], json!([url]));
    server.call(Op::ImportDomains, "/domains/import", Some(json!({"domains": ["late-hook.com"]}))).await;
    assert!(eventually(10, || !events(&received).is_empty()).await);
    let cleared = server.local("DELETE", "/webhook-endpoints", None).await;
    assert_eq!(cleared.json()["data"], json!([]));
}
