//! The rate limit and fault injection, seen by a client.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::time::{Duration, Instant};

use common::Server;
use peeker_core::{Failure, Operation as Op, RetryReason, retry_advice};
use serde_json::json;

#[tokio::test]
async fn six_hundred_a_minute_then_429_with_retry_after() {
    let server = Server::start(&[]);
    for i in 0..600 {
        let answer = server.call(Op::GetMe, "/me", None).await;
        assert_eq!(answer.status, 200, "request {i}");
    }
    let limited = server.call(Op::GetMe, "/me", None).await;
    assert_eq!((limited.status, limited.code()), (429, "rate_limited".into()));
    let seconds = limited.json()["error"]["details"]["retry_after_seconds"].as_u64().unwrap();
    assert!((1..=60).contains(&seconds));
    assert_eq!(limited.header("retry-after"), Some(seconds.to_string().as_str()));
    // The core reads the wait and advises to retry after it.
    let headers: Vec<(&str, &str)> = limited.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let err = peeker_core::parse_response(Op::GetMe, 429, headers, &limited.body).err().unwrap();
    assert_eq!(err.retry_after_seconds, Some(seconds));
    // The local endpoints are not counted.
    assert_eq!(server.local("GET", "/health", None).await.status, 200);
    // Off with --rate-limit 0.
    let unlimited = Server::start(&["--rate-limit", "0"]);
    for _ in 0..650 {
        assert_eq!(unlimited.call(Op::GetMe, "/me", None).await.status, 200);
    }
}

#[tokio::test]
async fn injected_faults_answer_the_next_calls_then_stop() {
    let server = Server::start(&[]);
    let armed = server
        .local(
            "POST",
            "/faults",
            Some(json!({"operation": "get_me", "fault": "rate_limit", "count": 2, "retry_after_seconds": 7})),
        )
        .await;
    assert_eq!(armed.status, 201);
    for _ in 0..2 {
        let answer = server.call(Op::GetMe, "/me", None).await;
        assert_eq!((answer.status, answer.header("retry-after")), (429, Some("7")));
        assert_eq!(answer.json()["error"]["details"]["retry_after_seconds"], 7);
    }
    assert_eq!(server.call(Op::GetMe, "/me", None).await.status, 200);
    // Only the named operation is affected.
    server.local("POST", "/faults", Some(json!({"operation": "list_users", "fault": "server_error"}))).await;
    assert_eq!(server.call(Op::GetMe, "/me", None).await.status, 200);
    let failed = server.call(Op::ListUsers, "/users", None).await;
    assert_eq!((failed.status, failed.code()), (500, "server_error".into()));
    let advice = retry_advice(Op::ListUsers, Failure::Status { status: 500, retry_after_seconds: None }, 1, 0.0, None);
    assert!(advice.retry && advice.reason == RetryReason::ServerError);
    server
        .local("POST", "/faults", Some(json!({"operation": "*", "fault": "unavailable", "retry_after_seconds": 3})))
        .await;
    let unavailable = server.call(Op::ListBundles, "/bundles", None).await;
    assert_eq!((unavailable.status, unavailable.header("retry-after")), (503, Some("3")));
    // Slow: the normal answer, late.
    server.local("POST", "/faults", Some(json!({"operation": "get_me", "fault": "slow", "delay_ms": 400}))).await;
    let started = Instant::now();
    assert_eq!(server.call(Op::GetMe, "/me", None).await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(400));
    // Drop: the connection closes without an answer.
    server.local("POST", "/faults", Some(json!({"operation": "create_user", "fault": "drop"}))).await;
    let auth = format!("Bearer {}", server.key);
    let dropped =
        server.raw("POST", &format!("{}/users", server.base), &[("authorization", &auth)], b"{}".to_vec()).await;
    assert!(dropped.is_err(), "{dropped:?}");
    let after = server.call(Op::CreateUser, "/users", Some(json!({"email": "after@example.com"}))).await;
    assert_eq!(after.status, 201);
    // Listing and clearing.
    server.local("POST", "/faults", Some(json!({"operation": "get_me", "fault": "drop", "count": 5}))).await;
    let listed = server.local("GET", "/faults", None).await.json();
    assert_eq!(listed["data"][0]["remaining"], 5);
    server.local("DELETE", "/faults", None).await;
    assert_eq!(server.call(Op::GetMe, "/me", None).await.status, 200);
    let bad = server.local("POST", "/faults", Some(json!({"operation": "explode", "fault": "drop"}))).await;
    assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (400, json!("operation")));
    let bad = server.local("POST", "/faults", Some(json!({"fault": "meteor"}))).await;
    assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (400, json!("fault")));
}

#[tokio::test]
async fn pages_on_this_machine_may_call_the_api() {
    let server = Server::start(&[]);
    let url = format!("{}/me", server.base);
    let preflight = server
        .raw(
            "OPTIONS",
            &url,
            &[("origin", "http://localhost:5173"), ("access-control-request-method", "GET")],
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("http://localhost:5173"));
    assert!(preflight.header("access-control-allow-headers").is_some_and(|h| h.contains("authorization")));
    let auth = format!("Bearer {}", server.key);
    let answer = server
        .raw("GET", &url, &[("origin", "http://127.0.0.1:8080"), ("authorization", &auth)], Vec::new())
        .await
        .unwrap();
    assert_eq!(answer.header("access-control-allow-origin"), Some("http://127.0.0.1:8080"));
    assert!(answer.header("access-control-expose-headers").is_some_and(|h| h.contains("Peeker-Request-Id")));
    for foreign in ["https://example.com", "http://localhost.example.com", "http://127.0.0.1.nip.io:80"] {
        let answer =
            server.raw("GET", &url, &[("origin", foreign), ("authorization", &auth)], Vec::new()).await.unwrap();
        assert_eq!(answer.header("access-control-allow-origin"), None, "{foreign}");
        let preflight = server.raw("OPTIONS", &url, &[("origin", foreign)], Vec::new()).await.unwrap();
        assert_ne!(preflight.status, 204, "{foreign}");
    }
}
