//! The contract's endpoints under `/partner/v1`.

mod bundles;
mod domains;
mod imports;
mod orders;
mod swaps;
mod users;

use axum::Router;
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use peeker_core::canonical::{Limits, parse_json};
use peeker_core::{Code, Report};
use serde_json::{Value, json};

use crate::app::App;
use crate::error::{ApiErr, json_response};

pub use imports::NAMESERVERS;
pub use orders::{full_order, public_action};

/// The contract's routes (relative to the base path).
pub fn routes() -> Router<App> {
    Router::new()
        .route("/me", get(users::me))
        .route("/users", post(users::create).get(users::list))
        .route("/users/{id}", get(users::get).patch(users::update).delete(users::delete))
        .route("/bundles", post(bundles::create).get(bundles::list))
        .route("/bundles/{id}", get(bundles::get).patch(bundles::update).delete(bundles::delete))
        .route("/domains", get(domains::list))
        .route("/domains/availability", post(domains::availability))
        .route("/domains/import", post(imports::import).get(imports::find))
        .route("/domains/import/jobs", post(imports::import_job))
        .route("/domains/import/{id}", get(imports::get))
        .route("/domains/import/jobs/{id}", get(imports::get))
        .route("/domains/forwarding", post(domains::forwarding))
        .route("/domains/forwarding/{id}", get(domains::get_forwarding))
        .route("/orders", post(orders::create).get(orders::list))
        .route("/orders/pending", get(orders::pending))
        .route("/orders/{id}", get(orders::get))
        .route("/orders/{id}/cancel", post(orders::cancel))
        .route("/swaps", post(swaps::create).get(swaps::list))
        .route("/swaps/user_names", post(swaps::user_names))
        .route("/swaps/{id}", get(swaps::get))
}

/// A JSON request body, read with the core's parser and limits: 400 for
/// text that is not JSON (duplicate keys, too deep), 413 over 10 MiB.
pub fn body_json(bytes: &Bytes) -> Result<Value, ApiErr> {
    if bytes.len() > peeker_core::contract::MAX_INPUT_BYTES {
        return Err(ApiErr::too_large());
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiErr::bad_request("the request needs a JSON body"));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ApiErr::bad_request("the body is not UTF-8 text"))?;
    parse_json(text, Limits::default()).map_err(|err| match err.code {
        Code::TooLarge => ApiErr::too_large(),
        _ => ApiErr::bad_request(format!("the body is not valid JSON: {}", err.message)),
    })
}

/// A body's validation: the error answer when it has error-level violations.
pub fn check(report: Report) -> Result<Report, ApiErr> {
    if report.is_valid() { Ok(report) } else { Err(ApiErr::validation(&report)) }
}

/// `{"data": data}` with `status`.
pub fn data(status: StatusCode, data: Value) -> Response {
    json_response(status, &json!({ "data": data }))
}

/// A path id: 404 when it is not one of this kind.
pub fn path_id(id: &str, prefix: &str, what: &str) -> Result<(), ApiErr> {
    if crate::page::is_id(id, prefix) { Ok(()) } else { Err(ApiErr::not_found(what)) }
}
