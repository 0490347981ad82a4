//! The server's state and its request pipeline: request ids, the API key,
//! the rate limit, fault injection, and JSON for every error.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use peeker_core::Operation;
use peeker_core::contract::{LIVE_KEY_PREFIX, TEST_KEY_PREFIX};
use tokio::sync::Notify;

use crate::error::ApiErr;
use crate::faults::{Fault, FaultKind};
use crate::store::Db;
use crate::util::new_id;

/// Where the contract is served.
pub const BASE_PATH: &str = "/partner/v1";
/// Where the local-only endpoints are.
pub const LOCAL_PATH: &str = "/_local";

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address to listen on (loopback by default).
    pub host: std::net::IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// The SQLite file; `None` keeps the state in memory.
    pub state: Option<PathBuf>,
    /// Webhook endpoint URLs (`http://`), added to the stored ones.
    pub webhooks: Vec<String>,
    /// Peeker's hours pass this many times faster (3600: an hour takes a second).
    pub time_scale: f64,
    /// Requests a key may send a minute; 0 turns the limit off.
    pub rate_limit: u32,
    /// The API key to accept (else the stored one, else a new `pk_test_` key).
    pub api_key: Option<String>,
    /// The webhook signing secret (else the stored one, else a new one).
    pub webhook_secret: Option<String>,
    /// The first retry of a failed delivery waits this long; each next one twice as long.
    pub retry_base_ms: u64,
    /// The longest wait between two delivery attempts.
    pub retry_max_ms: u64,
    /// Attempts of a delivery before it is marked `failed`.
    pub max_attempts: u32,
    /// How long the exact same `POST /orders` body returns the original order.
    pub dedupe_window_seconds: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            port: 4010,
            state: Some(PathBuf::from("peeker-local.sqlite3")),
            webhooks: Vec::new(),
            time_scale: 3600.0,
            rate_limit: peeker_core::contract::RATE_LIMIT_PER_MINUTE as u32,
            api_key: None,
            webhook_secret: None,
            retry_base_ms: 1000,
            retry_max_ms: 60_000,
            max_attempts: 10,
            dedupe_window_seconds: peeker_core::contract::DEDUPE_WINDOW_SECONDS,
        }
    }
}

/// Shared by every request and the workers.
pub struct Inner {
    pub config: Config,
    pub db: Mutex<Db>,
    pub api_key: String,
    pub webhook_secret: String,
    /// The origin clients reach, e.g. `http://127.0.0.1:4010`.
    pub origin: String,
    pub limiter: Mutex<HashMap<String, VecDeque<Instant>>>,
    pub faults: Mutex<Vec<Fault>>,
    /// Wakes the task worker when a task is queued.
    pub wake_tasks: Notify,
    /// Wakes the delivery worker when a delivery is queued.
    pub wake_deliveries: Notify,
}

pub type App = Arc<Inner>;

/// A lock that survives a panicked holder (the data is SQLite's, always consistent).
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Inner {
    pub fn db(&self) -> MutexGuard<'_, Db> {
        lock(&self.db)
    }

    /// Milliseconds of real time that `nominal_seconds` of Peeker's time take.
    pub fn scaled_ms(&self, nominal_seconds: f64) -> i64 {
        let ms = nominal_seconds * 1000.0 / self.config.time_scale.max(f64::MIN_POSITIVE);
        // Capped at about 30,000 years, so adding it to a clock never overflows.
        if ms.is_nan() { 0 } else { ms.clamp(0.0, 1.0e15) as i64 }
    }

    /// The base URL of links: the `Host` the client used when it is plain, else the bound origin.
    pub fn base_url(&self, headers: &HeaderMap) -> String {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)));
        match host {
            Some(host) => format!("http://{host}{BASE_PATH}"),
            None => format!("{}{BASE_PATH}", self.origin),
        }
    }

    /// The key check: 401 for a missing, malformed or unknown key.
    fn authenticate(&self, headers: &HeaderMap) -> Result<String, ApiErr> {
        let Some(value) = headers.get(header::AUTHORIZATION) else {
            return Err(ApiErr::unauthorized("send the API key as `Authorization: Bearer <key>`"));
        };
        let value = value.to_str().map_err(|_| ApiErr::unauthorized("the Authorization header is not text"))?;
        let Some(key) = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")) else {
            return Err(ApiErr::unauthorized("the Authorization header must be `Bearer <key>`"));
        };
        let rest = key.strip_prefix(TEST_KEY_PREFIX).or_else(|| key.strip_prefix(LIVE_KEY_PREFIX));
        let well_formed = rest.is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_graphic()));
        if !well_formed {
            return Err(ApiErr::unauthorized("the API key must start with `pk_test_` or `pk_live_`"));
        }
        if key.starts_with(LIVE_KEY_PREFIX) {
            return Err(ApiErr::unauthorized("the local server has no live keys: use its `pk_test_` key"));
        }
        if !constant_time_eq(key.as_bytes(), self.api_key.as_bytes()) {
            return Err(ApiErr::unauthorized("unknown API key: use the key the local server printed"));
        }
        Ok(key.to_owned())
    }

    /// Counts a request of `key`; a 429 when the minute's budget is spent.
    fn rate_limit(&self, key: &str) -> Result<(), ApiErr> {
        let limit = self.config.rate_limit as usize;
        if limit == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let window = Duration::from_secs(60);
        let mut limiter = lock(&self.limiter);
        let sent = limiter.entry(key.to_owned()).or_default();
        while sent.front().is_some_and(|t| now.duration_since(*t) >= window) {
            sent.pop_front();
        }
        if sent.len() >= limit {
            let oldest = sent.front().copied().unwrap_or(now);
            let wait = window.saturating_sub(now.duration_since(oldest));
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Err(ApiErr::rate_limited(
                seconds.max(1),
                format!("more than {limit} requests in a minute with this key"),
            ));
        }
        sent.push_back(now);
        Ok(())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Which operation of the contract a request is (for fault injection).
pub fn operation_of(method: &str, path: &str) -> Option<Operation> {
    let rest = path.strip_prefix(BASE_PATH)?;
    let segments: Vec<&str> = rest.split('/').skip(1).collect();
    Operation::ALL
        .iter()
        .filter(|op| op.method().as_str().eq_ignore_ascii_case(method))
        .filter(|op| {
            let template: Vec<&str> = op.path().split('/').skip(1).collect();
            template.len() == segments.len()
                && template.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s)
        })
        .min_by_key(|op| op.path().matches('{').count())
        .copied()
}

/// Marks a response whose connection must be dropped instead (fault injection).
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// Every request: a request id; under the base path the key, the rate limit
/// and injected faults; errors that are not JSON made JSON.
pub async fn pipeline(State(app): State<App>, request: Request, next: Next) -> Response {
    let request_id = new_id(peeker_core::contract::prefix::REQUEST);
    let path = request.uri().path().to_owned();
    let cors = loopback_origin(request.headers());
    let mut response = if cors.is_some() && request.method() == axum::http::Method::OPTIONS {
        preflight()
    } else if path == BASE_PATH || path.starts_with(&format!("{BASE_PATH}/")) {
        let operation = operation_of(request.method().as_str(), &path);
        match gate(&app, request.headers(), operation) {
            Err(err) => err.into_response(),
            Ok(None) => next.run(request).await,
            Ok(Some(fault)) => match fault.kind {
                FaultKind::Slow => {
                    tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
                    next.run(request).await
                }
                FaultKind::Drop => {
                    let mut response = Response::new(Body::empty());
                    response.extensions_mut().insert(DropConnection);
                    response
                }
                _ => fault.error().into_response(),
            },
        }
    } else {
        next.run(request).await
    };
    if response.status().as_u16() >= 400 && !is_json(response.headers()) {
        response = jsonify(response);
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("peeker-request-id", value);
    }
    if let Some(origin) = cors {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
        headers
            .insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Peeker-Request-Id, Retry-After"));
    }
    response
}

/// The `Origin` of a page served from this machine (`http://localhost:5173`,
/// `http://127.0.0.1:8080`, `http://[::1]:3000`): browsers there may call the API.
fn loopback_origin(headers: &HeaderMap) -> Option<HeaderValue> {
    let value = headers.get(header::ORIGIN)?;
    let origin = value.to_str().ok()?;
    let rest = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"))?;
    let host = if rest.starts_with('[') { rest.split_inclusive(']').next()? } else { rest.split(':').next()? };
    let port_ok = rest
        .get(host.len()..)
        .is_some_and(|p| p.is_empty() || p.strip_prefix(':').is_some_and(|n| n.parse::<u16>().is_ok()));
    (matches!(host, "localhost" | "127.0.0.1" | "[::1]") && port_ok).then(|| value.clone())
}

/// The answer to a CORS preflight from a loopback origin.
fn preflight() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, PATCH, DELETE, OPTIONS"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("authorization, content-type"));
    headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    response
}

fn gate(app: &Inner, headers: &HeaderMap, operation: Option<Operation>) -> Result<Option<Fault>, ApiErr> {
    let key = app.authenticate(headers)?;
    app.rate_limit(&key)?;
    Ok(operation.and_then(|op| crate::faults::take(&app.faults, op.as_str())))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"))
}

/// The framework's own error answers (an unknown path, a wrong method, a
/// body over the limit, an unreadable path) in the contract's error shape.
fn jsonify(response: Response) -> Response {
    let status = response.status();
    let err = match status {
        StatusCode::NOT_FOUND => ApiErr::new(status, "not_found", "no such endpoint"),
        StatusCode::METHOD_NOT_ALLOWED => ApiErr::new(status, "invalid_request", "this endpoint has no such method"),
        StatusCode::PAYLOAD_TOO_LARGE => ApiErr::too_large(),
        s if s.is_server_error() => ApiErr::new(status, "server_error", "the local server failed; see its log"),
        _ => ApiErr::new(status, "invalid_request", "the request could not be read"),
    };
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut out = err.into_response();
    if let Some(allow) = allow {
        out.headers_mut().insert(header::ALLOW, allow);
    }
    out
}
