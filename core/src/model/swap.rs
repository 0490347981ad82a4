use serde::{Deserialize, Serialize};

use super::Extra;

super::open_enum! {
    /// A swap's state.
    SwapStatus {
        Created => "created", InProgress => "in_progress", Completed => "completed",
        Failed => "failed", ActionRequired => "action_required",
    }
}

/// A domain or user-name swap.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Swap {
    #[serde(default)]
    pub id: String,
    /// `standard`, `premium` or `user_names`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub domain_id: Option<String>,
    /// `None` for user-name swaps.
    #[serde(default)]
    pub replacement_domain: Option<String>,
    #[serde(default)]
    pub status: Option<SwapStatus>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /swaps/user_names`: one swap per inbox.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserNameSwaps {
    #[serde(default)]
    pub swaps: Vec<Swap>,
    #[serde(flatten)]
    pub extra: Extra,
}
