//! The load measurement of scripts/bench-local.sh (not a test): starts
//! `peeker-local` on a state file, places N orders at once, and counts the
//! `order.completed` deliveries a webhook endpoint receives, each verified by
//! the core's `construct_event`; with `--kill-after K` the server is killed
//! with SIGKILL after K of them and restarted on the same state file.
//!
//! `cargo run --release -p peeker-local --example load -- <peeker-local binary> <state file> [orders] [--kill-after K]`
//!
//! Prints one JSON line with the figures.

use std::collections::HashSet;
use std::error::Error;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use peeker_core::{EventType, construct_event};
use serde_json::{Value, json};

const KEY: &str = "pk_test_load";
const SECRET: &str = "whsec_load_secret";

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

#[derive(Default)]
struct Seen {
    deliveries: usize,
    rejected: usize,
    completed: HashSet<String>,
    completed_events: HashSet<String>,
}

async fn hook(State(seen): State<Arc<Mutex<Seen>>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let pairs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.to_str().unwrap_or_default())).collect();
    let now =
        i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()))
            .unwrap_or_default();
    let mut seen = seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    seen.deliveries += 1;
    match construct_event(&body, pairs, &[SECRET], now, 300) {
        Ok(event) => {
            if event.event_type == EventType::OrderCompleted {
                if let peeker_core::EventData::Order(order) = &event.data {
                    seen.completed.insert(order.id.clone());
                }
                seen.completed_events.insert(event.id);
            }
            StatusCode::OK
        }
        Err(_) => {
            seen.rejected += 1;
            StatusCode::BAD_REQUEST
        }
    }
}

fn start(binary: &str, state: &str, webhook: &str, port: u16) -> Result<(Child, String)> {
    let mut child = Command::new(binary)
        .args(["--port", &port.to_string(), "--json", "--state", state, "--api-key", KEY, "--webhook-secret", SECRET])
        .args(["--webhook", webhook, "--rate-limit", "0", "--time-scale", "3600", "--retry-base-ms", "100"])
        .stdout(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line)?;
    let banner: Value = serde_json::from_str(&line)?;
    let base = banner.get("base_url").and_then(Value::as_str).ok_or("no base_url")?.to_owned();
    Ok((child, base))
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

async fn post(client: &Client<HttpConnector, Full<Bytes>>, url: &str, body: &Value) -> Result<(u16, Value)> {
    let request = hyper::Request::post(url)
        .header("authorization", format!("Bearer {KEY}"))
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_string())))?;
    let response = client.request(request).await?;
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await?.to_bytes();
    Ok((status, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let binary = args.get(1).ok_or("usage: load <peeker-local> <state file> [orders] [--kill-after K]")?.clone();
    let state = args.get(2).ok_or("no state file")?.clone();
    let orders: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let kill_after: Option<usize> =
        args.iter().position(|a| a == "--kill-after").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok());
    let _ = std::fs::remove_file(&state);

    let seen: Arc<Mutex<Seen>> = Arc::default();
    let app = axum::Router::new().route("/hook", axum::routing::post(hook)).with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let webhook = format!("http://{}/hook", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let (mut child, base) = start(&binary, &state, &webhook, 0)?;
    let port: u16 =
        base.rsplit(':').next().and_then(|p| p.split('/').next()).and_then(|p| p.parse().ok()).ok_or("port")?;
    let client: Client<HttpConnector, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let bundle = json!({"name": "Load", "monthly_sending_volume": 800, "google_percent": 50, "microsoft_percent": 50});
    let (_, bundle) = post(&client, &format!("{base}/bundles"), &bundle).await?;
    let bundle_id = bundle.pointer("/data/id").and_then(Value::as_str).ok_or("no bundle")?.to_owned();

    let started = Instant::now();
    let mut tasks = Vec::with_capacity(orders);
    for i in 0..orders {
        let (client, url) = (client.clone(), format!("{base}/orders"));
        let body = json!({
            "user": format!("load{i}@example.com"), "bundle_id": bundle_id,
            "sequencer": {"provider": "smartlead", "login_email": "login@example.com", "login_password": "pw"},
            "domains": [format!("load-{i}-a.com"), format!("load-{i}-b.io")],
            "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": null}],
        });
        tasks.push(tokio::spawn(async move { post(&client, &url, &body).await }));
    }
    let mut placed = 0;
    let mut latencies = Vec::new();
    for task in tasks {
        if let Ok(Ok((200, _))) = task.await {
            placed += 1;
        }
        latencies.push(started.elapsed());
    }
    let placing = started.elapsed();

    let count = |seen: &Arc<Mutex<Seen>>| seen.lock().map(|s| s.completed.len()).unwrap_or(0);
    let mut killed_at = None;
    let mut restart_ms = None;
    if let Some(k) = kill_after {
        while count(&seen) < k && started.elapsed() < Duration::from_secs(120) {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        killed_at = Some(count(&seen));
        child.kill()?;
        child.wait()?;
        let restarted = Instant::now();
        let (again, _) = start(&binary, &state, &webhook, port)?;
        restart_ms = Some(restarted.elapsed().as_millis());
        child = again;
    }
    while count(&seen) < placed && started.elapsed() < Duration::from_secs(300) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let total = started.elapsed();
    // Let retries in flight settle, then read the memory.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss = rss_kib(child.id());
    let seen = seen.lock().map_err(|_| "poisoned")?;
    let report = json!({
        "orders": orders, "placed": placed, "placing_ms": placing.as_millis(),
        "completed_orders": seen.completed.len(), "completed_events": seen.completed_events.len(),
        "deliveries": seen.deliveries, "rejected": seen.rejected, "lost": placed.saturating_sub(seen.completed.len()),
        "all_completed_ms": total.as_millis(), "killed_after": killed_at, "restart_ms": restart_ms, "rss_kib": rss,
    });
    println!("{report}");
    let _ = child.kill();
    let _ = child.wait();
    if seen.completed.len() != placed || placed != orders || seen.rejected != 0 {
        return Err("orders lost or deliveries rejected".into());
    }
    Ok(())
}
