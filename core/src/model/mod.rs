//! The API's objects (SPEC.md section 2), parsed leniently: unknown fields are
//! kept in `extra`, unknown enum values are kept as `Other`, and a missing
//! field is `None` (or empty) rather than an error. Only part of the API is
//! documented, so strictness here would break partners on Peeker's next release.

mod account;
mod domain;
mod order;
mod swap;
mod user;

pub use account::{ApiKeyInfo, Me, Partner};
pub use domain::{Domain, ForwardingFailure, ForwardingJob, ForwardingStatus, ImportJob, NameserverGroup};
pub use order::{CancellationReceipt, Costs, LineItem, Order, OrderDomains, OrderStatus, PendingAction, Persona};
pub use swap::{Swap, SwapStatus, UserNameSwaps};
pub use user::{Bundle, BundleSplit, Sequencer, User};

pub use crate::plan::{AvailabilityRow, Provider, RequiredDomains};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Unknown members of an object, kept as sent.
pub type Extra = Map<String, Value>;

/// A page of a list endpoint: `data`, and `links.next` for the next page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    #[serde(default)]
    pub links: Links,
    #[serde(default)]
    pub meta: PageMeta,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    #[serde(default)]
    pub first: Option<String>,
    /// `null` on the last page; give it to `Client::next_page` as it is.
    #[serde(default)]
    pub next: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub per_page: Option<u32>,
    #[serde(default)]
    pub returned: Option<u32>,
}

/// Declares a string enum that keeps values it does not know as `Other`.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)*
            /// A value this SDK does not know yet, kept as sent.
            #[serde(untagged)]
            Other(String),
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                match self { $($name::$variant => $text,)* $name::Other(other) => other }
            }
        }
    };
}
pub(crate) use open_enum;
