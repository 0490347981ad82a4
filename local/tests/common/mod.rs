//! Test helpers: the `peeker-local` binary on port 0, an HTTP client, a
//! webhook endpoint, and `parse_response` on every answer.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

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
use peeker_core::Operation;
use serde_json::{Value, json};

pub const SECRET: &str = "whsec_test_local_secret";
pub const KEY: &str = "pk_test_local_key_for_tests";

/// A running `peeker-local` process, killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub origin: String,
    pub key: String,
    pub secret: String,
    pub client: Client<HttpConnector, Full<Bytes>>,
}

/// An answer: status, headers, body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or_default().to_owned()
    }
}

impl Server {
    /// Starts the binary with `args` (plus port 0, a fixed key and secret, JSON banner).
    pub fn start(args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_peeker-local"));
        command.args(["--port", "0", "--json", "--api-key", KEY, "--webhook-secret", SECRET]).args(args);
        if !args.contains(&"--state") {
            command.arg("--memory");
        }
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().expect("spawn peeker-local");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("banner");
        let banner: Value = serde_json::from_str(&line).unwrap_or_else(|_| panic!("banner: {line}"));
        let base = banner["base_url"].as_str().unwrap().to_owned();
        let origin = base.trim_end_matches("/partner/v1").to_owned();
        Server {
            child,
            base,
            origin,
            key: banner["api_key"].as_str().unwrap().to_owned(),
            secret: banner["webhook_secret"].as_str().unwrap().to_owned(),
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// Kills the process (SIGKILL) and waits for it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Any request to an absolute URL.
    pub async fn raw(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<Answer, String> {
        let mut request = hyper::Request::builder().method(method).uri(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Full::new(Bytes::from(body))).map_err(|e| e.to_string())?;
        let response = tokio::time::timeout(Duration::from_secs(30), self.client.request(request))
            .await
            .map_err(|_| "timeout".to_owned())?
            .map_err(|e| format!("{e:?}"))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let body = response.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes().to_vec();
        Ok(Answer { status, headers, body })
    }

    /// A request to the API with the key; the answer must parse with the core
    /// for `operation` (its typed data, or an ApiError with the body's own code).
    pub async fn call(&self, operation: Operation, path: &str, body: Option<Value>) -> Answer {
        let body = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        self.send(operation, path, body).await
    }

    pub async fn send(&self, operation: Operation, path: &str, body: Vec<u8>) -> Answer {
        let url = if path.starts_with("http") { path.to_owned() } else { format!("{}{path}", self.base) };
        let auth = format!("Bearer {}", self.key);
        let answer = self
            .raw(
                operation.method().as_str(),
                &url,
                &[("authorization", &auth), ("content-type", "application/json")],
                body,
            )
            .await
            .unwrap_or_else(|e| panic!("{operation} {path}: {e}"));
        check_parse(operation, &answer);
        answer
    }

    /// A request to a `/_local` endpoint.
    pub async fn local(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let body = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        self.raw(method, &format!("{}/_local{path}", self.origin), &[("content-type", "application/json")], body)
            .await
            .unwrap()
    }

    /// Adds a webhook endpoint.
    pub async fn add_endpoint(&self, url: &str) {
        let answer = self.local("POST", "/webhook-endpoints", Some(json!({"url": url}))).await;
        assert_eq!(answer.status, 201, "{answer:?}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `parse_response` reads every answer: a success into the operation's
/// type, an error into an ApiError with the body's code (never `unexpected_response`).
pub fn check_parse(operation: Operation, answer: &Answer) {
    let headers: Vec<(&str, &str)> = answer.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let request_id = answer.header("peeker-request-id").unwrap_or_default();
    assert!(request_id.starts_with("req_"), "{operation}: no request id");
    match peeker_core::parse_response(operation, answer.status, headers, &answer.body) {
        Ok(response) => {
            assert!((200..300).contains(&answer.status));
            assert_eq!(response.request_id.as_deref(), Some(request_id));
        }
        Err(err) => {
            assert!(!(200..300).contains(&answer.status), "{operation}: a success that does not parse: {err}");
            assert_eq!(err.code, answer.code(), "{operation}: {err}");
            assert_ne!(err.code, peeker_core::UNEXPECTED_RESPONSE);
        }
    }
}

/// The headers and raw body of one delivery.
pub type Delivery = (Vec<(String, String)>, Vec<u8>);

/// What the test webhook endpoint received.
#[derive(Default)]
pub struct Received {
    /// (headers, raw body) of each delivery, in arrival order.
    pub deliveries: Vec<Delivery>,
    /// Deliveries still to answer with 500.
    pub fail_next: usize,
    /// Attempts answered with 500.
    pub failed: usize,
}

/// A webhook endpoint on port 0; its URL and what it received.
pub async fn endpoint() -> (String, Arc<Mutex<Received>>) {
    let received = Arc::new(Mutex::new(Received::default()));
    async fn hook(State(received): State<Arc<Mutex<Received>>>, headers: HeaderMap, body: Bytes) -> StatusCode {
        let mut received = received.lock().unwrap();
        if received.fail_next > 0 {
            received.fail_next -= 1;
            received.failed += 1;
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
        let headers =
            headers.iter().map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned())).collect();
        received.deliveries.push((headers, body.to_vec()));
        StatusCode::OK
    }
    let app = axum::Router::new().route("/hook", axum::routing::post(hook)).with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, received)
}

/// The verified events of the deliveries received (signature checked by the core).
pub fn events(received: &Arc<Mutex<Received>>) -> Vec<(peeker_core::Event, Value)> {
    let received = received.lock().unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    received
        .deliveries
        .iter()
        .map(|(headers, body)| {
            let pairs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let event = peeker_core::construct_event(body, pairs, &[SECRET], now, 300).expect("a verified event");
            let header_id = headers.iter().find(|(n, _)| n == "peeker-event-id").map(|(_, v)| v.clone());
            assert_eq!(header_id.as_deref(), Some(event.id.as_str()));
            (event, serde_json::from_slice(body).unwrap())
        })
        .collect()
}

/// Waits until `check` holds (up to `seconds`).
pub async fn eventually(seconds: u64, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    check()
}

/// An order body for `domains` under a bundle.
pub fn order(bundle_id: &str, domains: &[&str]) -> Value {
    json!({
        "user": "client@example.com", "bundle_id": bundle_id,
        "sequencer": {"provider": "smartlead", "client_id": 366903, "login_email": "login@example.com",
                      "login_password": "s3cret-Pass"},
        "domains": domains,
        "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": null}],
    })
}

/// Creates a bundle needing 1 Google and 1 Microsoft domain; its id.
pub async fn small_bundle(server: &Server) -> String {
    let answer = server
        .call(
            Operation::CreateBundle,
            "/bundles",
            Some(json!({"name": "Tiny", "monthly_sending_volume": 800, "google_percent": 50, "microsoft_percent": 50})),
        )
        .await;
    assert_eq!(answer.status, 201, "{answer:?}");
    let bundle = answer.json();
    assert_eq!(bundle["data"]["required_domains"], json!({"google": 1, "microsoft": 1, "total": 2}));
    bundle["data"]["id"].as_str().unwrap().to_owned()
}
