use serde::{Deserialize, Serialize};

use super::{Extra, null_as_default};

super::open_enum! {
    /// A swap's state.
    SwapStatus {
        /// Accepted, not started.
        Created => "created",
        /// Working.
        InProgress => "in_progress",
        /// Done.
        Completed => "completed",
        /// Failed.
        Failed => "failed",
        /// Waiting for the partner or customer: see `GET /orders/pending`.
        ActionRequired => "action_required",
    }
}

/// A domain swap (`POST /swaps`) or a user-name swap (one per inbox).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Swap {
    /// Opaque id, prefix `swp_` (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    /// The JSON `type`: `standard`, `premium` or `user_names`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The domain being replaced (or renamed), prefix `dom_`.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The new domain name; `None` for user-name swaps.
    #[serde(default)]
    pub replacement_domain: Option<String>,
    /// The swap's state.
    #[serde(default)]
    pub status: Option<SwapStatus>,
    /// RFC 3339 UTC timestamp.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /swaps/user_names`: one swap per inbox.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserNameSwaps {
    /// The swaps, one per inbox of the domain.
    #[serde(default, deserialize_with = "null_as_default")]
    pub swaps: Vec<Swap>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}
