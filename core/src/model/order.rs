use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Extra, null_as_default};

super::open_enum! {
    /// An order's state.
    OrderStatus {
        /// Provisioning: domains, DNS, inboxes, Smartlead.
        InProgress => "in_progress",
        /// Every inbox is live.
        Completed => "completed",
        /// Provisioning failed.
        Failed => "failed",
        /// Waiting for the partner or customer: see `GET /orders/pending`.
        ActionRequired => "action_required",
        /// A cancellation is scheduled for `cancels_at`.
        CancelScheduled => "cancel_scheduled",
        /// Cancelled.
        Cancelled => "cancelled",
    }
}

/// An order: the lean receipt of `POST /orders` and lists, or the full order
/// of `GET /orders/{id}` and the order webhooks (then with line items,
/// domains and personas).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// Opaque id, prefix `ord_` (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    /// The customer's id, prefix `usr_`.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The customer's email address.
    #[serde(default)]
    pub email: Option<String>,
    /// The bundle's id (`bun_`); `None` for custom orders.
    #[serde(default)]
    pub bundle_id: Option<String>,
    /// The order's state.
    #[serde(default)]
    pub status: Option<OrderStatus>,
    /// How many domains the order covers.
    #[serde(default)]
    pub domain_count: Option<u64>,
    /// What the order costs, in cents.
    #[serde(default)]
    pub costs: Option<Costs>,
    /// The domains bought and imported (full order only).
    #[serde(default)]
    pub domains: Option<OrderDomains>,
    /// The sender personas (full order only). Older documents call this list `users`.
    #[serde(default, alias = "users", deserialize_with = "null_as_default")]
    pub personas: Vec<Persona>,
    /// RFC 3339 UTC timestamp of the next renewal.
    #[serde(default)]
    pub renews_at: Option<String>,
    /// RFC 3339 UTC timestamp.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An order's `costs`. Money is integer cents with a currency code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Costs {
    /// The total, in cents of `currency` (36800 = 368.00).
    #[serde(default)]
    pub total_cents: Option<i64>,
    /// Lowercase ISO 4217 code, e.g. `usd`.
    #[serde(default)]
    pub currency: Option<String>,
    /// What the total is made of (full order only).
    #[serde(default, deserialize_with = "null_as_default")]
    pub line_items: Vec<LineItem>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One line of an order's costs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    /// The JSON `type`: `google_license`, `microsoft_license` or
    /// `domain_registration` (`""` when the API sent none).
    #[serde(default, rename = "type", deserialize_with = "null_as_default")]
    pub kind: String,
    /// How many licences or domains.
    #[serde(default)]
    pub quantity: Option<u64>,
    /// The line's amount, in cents (of the order's `costs.currency`).
    #[serde(default)]
    pub amount_cents: Option<i64>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A full order's `domains`. Entries are names in the documented examples;
/// kept as JSON in case they grow into objects.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderDomains {
    /// Domains Peeker bought at its registrar.
    #[serde(default, deserialize_with = "null_as_default")]
    pub registered: Vec<Value>,
    /// Domains the partner imported (their nameservers moved to Peeker).
    #[serde(default, deserialize_with = "null_as_default")]
    pub imported: Vec<Value>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A sender persona: Peeker derives inbox addresses from the names (Jane Doe
/// -> `jane.doe@...`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Persona {
    /// First name, e.g. `Jane`.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name, e.g. `Doe`.
    #[serde(default)]
    pub last_name: Option<String>,
    /// A public `http`/`https` picture URL; `None` or `""` for none.
    #[serde(default)]
    pub profile_picture_url: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /orders/pending`: something the partner or customer must do.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PendingAction {
    /// The action's opaque id (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    /// The JSON `type`: what must be done, e.g. `profile_picture_not_accessible`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Why, as a code.
    #[serde(default)]
    pub reason: Option<String>,
    /// `open` or `resolved`.
    #[serde(default)]
    pub status: Option<String>,
    /// The domain concerned (`dom_`), if any.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The domain name concerned, if any.
    #[serde(default)]
    pub domain: Option<String>,
    /// The persona concerned (names and picture URL), if any.
    #[serde(default)]
    pub user: Option<Persona>,
    /// What to do, for people.
    #[serde(default)]
    pub message: Option<String>,
    /// RFC 3339 UTC timestamp.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /orders/{id}/cancel`: the cancellation is scheduled, not immediate.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CancellationReceipt {
    /// The order's id, prefix `ord_` (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    /// `cancel_scheduled`.
    #[serde(default)]
    pub status: Option<OrderStatus>,
    /// RFC 3339 UTC timestamp: when the cancellation was asked for.
    #[serde(default)]
    pub cancellation_scheduled_at: Option<String>,
    /// RFC 3339 UTC timestamp: when the order (or the domains) stop.
    #[serde(default)]
    pub cancels_at: Option<String>,
    /// The domains being cancelled, `{id, domain}` each; kept as JSON.
    #[serde(default, deserialize_with = "null_as_default")]
    pub domains: Vec<Value>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}
