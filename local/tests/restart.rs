//! The state survives a restart (SIGKILL included): an order in progress
//! completes, and a delivery not yet acknowledged is delivered.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Server, endpoint, events, eventually, order, small_bundle};
use peeker_core::Operation as Op;
use serde_json::json;

#[tokio::test]
async fn an_order_in_progress_and_an_unacknowledged_delivery_survive_sigkill() {
    let dir = std::env::temp_dir().join(format!("peeker-local-restart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.sqlite3");
    let _ = std::fs::remove_file(&state);
    let state_arg = state.to_str().unwrap();
    let (url, received) = endpoint().await;
    received.lock().unwrap().fail_next = usize::MAX; // the endpoint is down
    // Time scale 1200: the order starts in 50 ms and connects its domains in 3 s.
    let mut server =
        Server::start(&["--state", state_arg, "--time-scale", "1200", "--webhook", &url, "--retry-base-ms", "100"]);
    let bundle = small_bundle(&server).await;
    let placed = server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["keep-one.com", "keep-two.io"]))).await;
    let order_id = placed.json()["data"]["id"].as_str().unwrap().to_owned();
    // order.in_progress is fired, but not acknowledged.
    assert!(eventually(10, || received.lock().unwrap().failed > 0).await);
    let log = server.local("GET", "/events", None).await.json();
    let first = log["data"][0].clone();
    assert_eq!(first["type"], "order.in_progress");
    assert_ne!(first["deliveries"][0]["status"], "delivered");
    server.kill();

    // The endpoint is back; the server restarts fast on the same file.
    received.lock().unwrap().fail_next = 0;
    let server = Server::start(&["--state", state_arg, "--time-scale", "100000", "--retry-base-ms", "100"]);
    let got = server.call(Op::GetOrder, &format!("/orders/{order_id}"), None).await.json();
    assert_eq!(got["data"]["status"], "in_progress");
    assert_eq!(got["data"]["domain_count"], 2);
    // The stored endpoint gets the unacknowledged event, under its id, and the rest of the sequence.
    assert!(eventually(20, || events(&received).iter().any(|(e, _)| e.event_type.as_str() == "order.completed")).await);
    let got = events(&received);
    let ids: Vec<&str> = got.iter().map(|(e, _)| e.id.as_str()).collect();
    assert_eq!(ids.first().copied(), first["id"].as_str(), "the pending delivery first, with its event id");
    let types: Vec<&str> = got.iter().map(|(e, _)| e.event_type.as_str()).collect();
    assert_eq!(types, ["order.in_progress", "domain.connected", "domain.connected", "order.completed"]);
    let done = server.call(Op::GetOrder, &format!("/orders/{order_id}"), None).await.json();
    assert_eq!(done["data"]["status"], "completed");
    // The same body is still deduplicated after the restart.
    let again = server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["keep-one.com", "keep-two.io"]))).await;
    assert_eq!(again.json()["data"]["id"], json!(order_id));
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The banner a person reads, and the key and secret a state file keeps.
#[tokio::test]
async fn the_banner_prints_what_a_client_needs_and_the_state_keeps_it() {
    use std::io::{BufRead, BufReader};
    let dir = std::env::temp_dir().join(format!("peeker-local-banner-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.sqlite3");
    let _ = std::fs::remove_file(&state);
    let banner = |state: &std::path::Path| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_peeker-local"))
            .args(["--port", "0", "--state", state.to_str().unwrap()])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = Vec::new();
        for line in BufReader::new(child.stdout.take().unwrap()).lines() {
            let line = line.unwrap();
            if line == "ready" {
                break;
            }
            lines.push(line);
        }
        let _ = child.kill();
        let _ = child.wait();
        let field = |name: &str| {
            lines.iter().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_owned()).unwrap_or_default()
        };
        (field("base URL:"), field("API key:"), field("webhook secret:"), field("port:"))
    };
    let (base, key, secret, port) = banner(&state);
    assert_eq!(base, format!("http://127.0.0.1:{port}/partner/v1"));
    assert!(port.parse::<u16>().is_ok_and(|p| p > 0), "port 0 prints the chosen port");
    assert!(key.starts_with("pk_test_") && key.len() > 16);
    assert!(secret.starts_with("whsec_"));
    let (_, key_again, secret_again, _) = banner(&state);
    assert_eq!((key_again, secret_again), (key, secret), "kept in the state file");
    let _ = std::fs::remove_dir_all(&dir);
}
