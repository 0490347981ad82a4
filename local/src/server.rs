//! Starting the server: the state, the key and secret, the listener, the
//! workers, and a connection loop that can drop a connection on request.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::app::{App, BASE_PATH, Config, DropConnection, Inner, LOCAL_PATH, pipeline};
use crate::error::ApiErr;
use crate::store::Db;
use crate::util::random_token;

/// A running server.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// `http://127.0.0.1:<port>/partner/v1`.
    pub base_url: String,
    /// The `pk_test_` key it accepts.
    pub api_key: String,
    /// The secret it signs webhooks with.
    pub webhook_secret: String,
    /// The state shared with the handlers.
    pub app: App,
}

/// The connection was dropped on purpose (fault injection).
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

/// Opens the state, binds the port, and starts serving and the workers.
pub async fn start(config: Config) -> Result<Running, String> {
    if !(config.time_scale.is_finite() && config.time_scale > 0.0) {
        return Err("the time scale must be a positive number".into());
    }
    for url in &config.webhooks {
        crate::webhooks::check_endpoint(url)?;
    }
    let mut db =
        Db::open(config.state.as_deref()).map_err(|_| "the state file cannot be opened as SQLite".to_owned())?;
    let (api_key, webhook_secret) = credentials(&mut db, &config)?;
    let listener = TcpListener::bind((config.host, config.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let origin = format!("http://{addr}");
    let app: App = Arc::new(Inner {
        config,
        db: Mutex::new(db),
        api_key: api_key.clone(),
        webhook_secret: webhook_secret.clone(),
        origin: origin.clone(),
        limiter: Mutex::new(HashMap::new()),
        faults: Mutex::new(Vec::new()),
        wake_tasks: Notify::new(),
        wake_deliveries: Notify::new(),
    });
    let router = Router::new()
        .nest(BASE_PATH, crate::api::routes())
        .nest(LOCAL_PATH, crate::admin::routes())
        .layer(DefaultBodyLimit::max(peeker_core::contract::MAX_INPUT_BYTES))
        .layer(axum::middleware::from_fn_with_state(app.clone(), pipeline))
        .with_state(app.clone());
    tokio::spawn(crate::provision::run(app.clone()));
    tokio::spawn(crate::webhooks::run(app.clone()));
    tokio::spawn(serve(listener, router));
    Ok(Running { addr, base_url: format!("{origin}{BASE_PATH}"), api_key, webhook_secret, app })
}

/// The key and secret: given, else stored, else new; stored either way.
fn credentials(db: &mut Db, config: &Config) -> Result<(String, String), String> {
    let stored = |key: &str| db.read().meta(key).ok().flatten();
    let api_key =
        config.api_key.clone().or_else(|| stored("api_key")).unwrap_or_else(|| format!("pk_test_{}", random_token(24)));
    let secret = config
        .webhook_secret
        .clone()
        .or_else(|| stored("webhook_secret"))
        .unwrap_or_else(|| format!("whsec_{}", random_token(32)));
    let rest = api_key.strip_prefix(peeker_core::contract::TEST_KEY_PREFIX);
    if !rest.is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_graphic())) {
        return Err("the API key must be `pk_test_` followed by printable characters".into());
    }
    if secret.is_empty() || secret.chars().any(char::is_whitespace) {
        return Err("the webhook secret must be printable characters without spaces".into());
    }
    let webhooks = config.webhooks.clone();
    db.write(|tx| {
        tx.set_meta("api_key", &api_key)?;
        tx.set_meta("webhook_secret", &secret)?;
        for url in &webhooks {
            tx.add_endpoint(url)?;
        }
        Ok::<_, ApiErr>(())
    })
    .map_err(|_| "the state file cannot be written".to_owned())?;
    Ok((api_key, secret))
}

/// Serves HTTP/1.1 connections; a response marked [`DropConnection`] closes the connection unanswered.
async fn serve(listener: TcpListener, router: Router) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                let router = router.clone();
                async move {
                    let response = match router.oneshot(request.map(Body::new)).await {
                        Ok(response) => response,
                        Err(never) => match never {},
                    };
                    if response.extensions().get::<DropConnection>().is_some() {
                        return Err(Dropped);
                    }
                    Ok::<_, Dropped>(response)
                }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// Never returns: kept for the `Infallible` match above.
#[allow(dead_code)]
fn _infallible(never: Infallible) -> ! {
    match never {}
}
