#![warn(missing_docs)]
//! peeker-core: the sans-I/O core of the Peeker partner API SDK.
//!
//! The core never touches the network, files or the clock: "now" is an argument
//! and every host sends the HTTP itself. Each failure carries a stable
//! snake_case [`Code`] (or [`Rule`] for a violation) that is identical in every host.
//!
//! # What the core does for a host
//!
//! The host sends each [`HttpRequest`] with its own HTTP client and hands the
//! response back to [`parse_response`]; `examples/buy_domains.rs` buys domains
//! that way, end to end, against the local Peeker (`scripts/with-local.sh
//! cargo run -p peeker-core --example buy_domains`).
//!
//! ```
//! use peeker_core::{construct_event, dedupe_key, sign_webhook, Client, ClientOptions, EventData, OrderContext};
//! use serde_json::json;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::new("pk_test_51abc", ClientOptions::default())?;
//! let request = client.get_bundle("bun_123")?;
//! assert_eq!(request.url, "https://api.peeker.ai/partner/v1/bundles/bun_123");
//!
//! // Every violation of an order at once, each with its path; a builder refuses an invalid one.
//! let order = json!({
//!     "user": "client@example.com", "bundle_id": "bun_123",
//!     "sequencer": {"provider": "smartlead", "client_id": 366903,
//!                   "login_email": "login@example.com", "login_password": "s3cret"},
//!     "domains": ["acme-mail.com", "not a domain"],
//!     "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": null}]});
//! let report = peeker_core::validate_order(&order, OrderContext::default());
//! assert_eq!(report.violations[0].path, "domains[1]");
//! assert!(client.create_order(&order, OrderContext::default()).is_err());
//!
//! let mut order = order;
//! order["domains"] = json!(["acme-mail.com", "acme-team.com"]);
//! let request = client.create_order(&order, OrderContext::default())?;
//! assert!(!format!("{request:?}").contains("s3cret")); // Debug never shows secrets
//! let key = dedupe_key(request.body.as_deref().unwrap_or_default()); // retries inside 24 h are free
//! assert_eq!(key.len(), 64);
//!
//! // Peeker reports progress with signed webhooks: verify the raw body, then read the typed event.
//! let event = br#"{"id":"evt_1","type":"order.completed","data":{"id":"ord_1","status":"completed"}}"#;
//! let signature = sign_webhook("whsec_test", 1_767_225_600, event)?;
//! let headers = [("Peeker-Timestamp", "1767225600"), ("Peeker-Signature", signature.as_str())];
//! let event = construct_event(event, headers, &["whsec_test"], 1_767_225_610, 300)?;
//! assert!(matches!(event.data, EventData::Order(order) if order.id == "ord_1"));
//! # Ok(())
//! # }
//! ```

pub mod canonical;
pub mod client;
pub mod contract;
pub mod dedupe;
pub mod error;
pub mod event;
pub mod host;
pub mod model;
pub mod plan;
pub mod request;
pub mod response;
pub mod secret;
pub mod uts46;
pub mod validate;
pub mod webhook;

pub use canonical::{MAX_INPUT_BYTES, canonicalize};
pub use client::{Client, ClientOptions, DEFAULT_BASE_URL, Environment};
pub use dedupe::{DEDUPE_WINDOW_SECONDS, DedupeWindow, dedupe_key, dedupe_window, order_body};
pub use error::{Code, Error, ErrorKind, Position, Report, Rule, Severity, Violation};
pub use event::{Event, EventData, EventType, construct_event, construct_event_with, parse_event};
pub use model::{AvailabilityRow, RequiredDomains};
pub use plan::{Plan, plan_domains};
pub use request::{HttpRequest, Method};
pub use response::{
    ApiError, Data, Failure, Operation, Response, RetryAdvice, RetryReason, UNEXPECTED_RESPONSE, parse_response,
    retry_advice,
};
pub use secret::Secret;
pub use validate::{AvailabilityRows, OrderContext, PreparedAvailability, estimate_required_domains, validate_order};
pub use webhook::{
    DEFAULT_TOLERANCE_SECONDS, ReplayGuard, Verified, sign_webhook, verify_webhook, verify_webhook_with,
};

/// The crate version, used in the `User-Agent` the hosts send.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
