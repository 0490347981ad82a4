#![warn(missing_docs)]
//! peeker-core: the sans-I/O core of the Peeker partner API SDK.
//!
//! The core never touches the network, files or the clock: "now" is an argument
//! and every host sends the HTTP itself. Each failure carries a stable
//! snake_case [`Code`] (or [`Rule`] for a violation) that is identical in every host.
//!
//! # Buying domains, end to end
//!
//! The host sends each [`HttpRequest`] with its own HTTP client and hands the
//! response back to [`parse_response`]; here recorded responses stand in.
//!
//! ```
//! use peeker_core::Data;
//! use peeker_core::{
//!     construct_event, dedupe_key, parse_response, plan_domains, sign_webhook, Client, ClientOptions, EventData,
//!     Operation, OrderContext,
//! };
//! use serde_json::json;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::new("pk_test_51abc", ClientOptions::default())?;
//!
//! // 1. The bundle says how many domains the order needs.
//! let request = client.get_bundle("bun_123")?;
//! assert_eq!(request.url, "https://api.peeker.ai/partner/v1/bundles/bun_123");
//! let bundle = json!({"id": "bun_123", "name": "Starter", "monthly_sending_volume": 25000,
//!                     "required_domains": {"google": 1, "microsoft": 1, "total": 2}});
//! let response = parse_response(Operation::GetBundle, 200, [("Peeker-Request-Id", "req_1")],
//!                               json!({"data": bundle}).to_string().as_bytes())?;
//! let Data::Bundle(parsed) = response.data else { unreachable!() };
//! let required = parsed.required_domains.unwrap_or_default();
//!
//! // 2. Availability of the domains the customer picked.
//! let picked = json!(["acme-mail.com", "acme-team.com"]);
//! let requests = client.check_availability(&picked)?; // one request per 50 names
//! assert_eq!(requests.len(), 1);
//! let rows = json!({"data": {"domains": [
//!     {"domain": "acme-mail.com", "available": true, "usable_for": ["google", "microsoft"], "premium": false},
//!     {"domain": "acme-team.com", "available": true, "usable_for": ["google"], "premium": false}]}});
//! let response = parse_response(Operation::CheckAvailability, 200, [("Peeker-Request-Id", "req_2")],
//!                               rows.to_string().as_bytes())?;
//! let Data::Availability(availability) = response.data else { unreachable!() };
//! let plan = plan_domains(required, &["acme-mail.com".into(), "acme-team.com".into()], &availability.domains);
//! assert_eq!((plan.microsoft.len(), plan.google.len()), (1, 1));
//!
//! // 3. Validate the whole order against the bundle and the rows, then build the request.
//! let order = json!({
//!     "user": "client@example.com", "bundle_id": "bun_123",
//!     "sequencer": {"provider": "smartlead", "client_id": 366903,
//!                   "login_email": "login@example.com", "login_password": "s3cret"},
//!     "domains": picked,
//!     "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": null}]});
//! let context = OrderContext { bundle: Some(&bundle), availability: Some(&availability.domains) };
//! assert!(peeker_core::validate_order(&order, context).is_valid());
//! let request = client.create_order(&order, context)?;
//! let body = request.body.clone().unwrap_or_default();
//! assert!(!format!("{request:?}").contains("s3cret")); // Debug never shows secrets
//! let key = dedupe_key(&body); // store with the send time: retries inside 24 h are free
//! assert_eq!(key.len(), 64);
//!
//! // 4. Peeker reports progress with signed webhooks.
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
pub mod validate;
pub mod webhook;

pub use canonical::{MAX_INPUT_BYTES, canonicalize};
pub use client::{Client, ClientOptions, DEFAULT_BASE_URL, Environment};
pub use dedupe::{DEDUPE_WINDOW_SECONDS, DedupeWindow, dedupe_key, dedupe_window, order_body};
pub use error::{Code, Error, ErrorKind, Position, Report, Rule, Severity, Violation};
pub use event::{Event, EventData, EventType, construct_event, parse_event};
pub use model::{AvailabilityRow, RequiredDomains};
pub use plan::{Plan, plan_domains};
pub use request::{HttpRequest, Method};
pub use response::{
    ApiError, Data, Failure, Operation, Response, RetryAdvice, RetryReason, UNEXPECTED_RESPONSE, parse_response,
    retry_advice,
};
pub use secret::Secret;
pub use validate::{OrderContext, estimate_required_domains, validate_order};
pub use webhook::{DEFAULT_TOLERANCE_SECONDS, Verified, sign_webhook, verify_webhook};

/// The crate version, used in the `User-Agent` the hosts send.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
