//! peeker-core: the sans-I/O core of the Peeker partner API SDK.
//!
//! The core never touches the network, files or the clock: "now" is an argument
//! and every host sends the HTTP itself. Each failure carries a stable
//! snake_case [`Code`] that is identical in every host.

pub mod canonical;
pub mod dedupe;
pub mod error;
pub mod event;
pub mod host;
pub mod model;
pub mod plan;
pub mod secret;
pub mod validate;
pub mod webhook;

pub use canonical::{canonicalize, MAX_INPUT_BYTES};
pub use dedupe::{dedupe_key, dedupe_window, order_body, DedupeWindow, DEDUPE_WINDOW_SECONDS};
pub use error::{Code, Error, ErrorKind, Position};
pub use event::{construct_event, parse_event, Event, EventData, EventType};
pub use plan::{estimate_required_domains, plan_domains, AvailabilityRow, Plan, RequiredDomains};
pub use secret::Secret;
pub use validate::{validate_order, OrderContext, Report, Rule, Severity, Violation};
pub use webhook::{sign_webhook, verify_webhook, Verified, DEFAULT_TOLERANCE_SECONDS};

/// The crate version, used in the `User-Agent` the hosts send.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
