//! peeker-core: the sans-I/O core of the Peeker partner API SDK.
//!
//! The core never touches the network, files or the clock: "now" is an argument
//! and every host sends the HTTP itself. Each failure carries a stable
//! snake_case [`Code`] that is identical in every host.

pub mod canonical;
pub mod dedupe;
pub mod error;
pub mod model;
pub mod plan;
pub mod secret;
pub mod validate;
pub mod webhook;

pub use canonical::{canonicalize, MAX_INPUT_BYTES};
pub use error::{Code, Error, ErrorKind, Position};
pub use secret::Secret;
pub use webhook::{sign_webhook, verify_webhook, Verified, DEFAULT_TOLERANCE_SECONDS};

/// The crate version, used in the `User-Agent` the hosts send.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
