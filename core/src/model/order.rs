use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Extra;

super::open_enum! {
    /// An order's state.
    OrderStatus {
        InProgress => "in_progress", Completed => "completed", Failed => "failed",
        ActionRequired => "action_required", CancelScheduled => "cancel_scheduled", Cancelled => "cancelled",
    }
}

/// An order: the lean receipt of `POST /orders` and lists, or the full order
/// of `GET /orders/{id}` and the order webhooks (then with line items,
/// domains and personas).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Order {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// `None` for custom orders.
    #[serde(default)]
    pub bundle_id: Option<String>,
    #[serde(default)]
    pub status: Option<OrderStatus>,
    #[serde(default)]
    pub domain_count: Option<u64>,
    #[serde(default)]
    pub costs: Option<Costs>,
    #[serde(default)]
    pub domains: Option<OrderDomains>,
    /// Older documents call this list `users`.
    #[serde(default, alias = "users")]
    pub personas: Vec<Persona>,
    #[serde(default)]
    pub renews_at: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Costs {
    #[serde(default)]
    pub total_cents: Option<i64>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub line_items: Vec<LineItem>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `google_license`, `microsoft_license` or `domain_registration`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub quantity: Option<u64>,
    #[serde(default)]
    pub amount_cents: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Entries are names in the documented examples; kept as JSON in case they grow into objects.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderDomains {
    #[serde(default)]
    pub registered: Vec<Value>,
    #[serde(default)]
    pub imported: Vec<Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A sender persona: Peeker derives inbox addresses from the names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub profile_picture_url: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /orders/pending`: something the partner or customer must do.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PendingAction {
    #[serde(default)]
    pub id: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    /// `open` or `resolved`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub domain_id: Option<String>,
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub user: Option<Persona>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /orders/{id}/cancel`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CancellationReceipt {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub status: Option<OrderStatus>,
    #[serde(default)]
    pub cancellation_scheduled_at: Option<String>,
    #[serde(default)]
    pub cancels_at: Option<String>,
    #[serde(default)]
    pub domains: Vec<Value>,
    #[serde(flatten)]
    pub extra: Extra,
}
