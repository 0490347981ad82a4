use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Extra, Provider};

/// A domain in the partner's inventory or connected to an order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub domain: String,
    /// `inventory` or `connected`.
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub provider: Option<Provider>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub order_id: Option<String>,
    #[serde(default)]
    pub usable_for: Vec<Provider>,
    #[serde(default)]
    pub forwarding_url: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A domain import (synchronous import or a job).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportJob {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub domains: Vec<Value>,
    /// The nameservers to set at the registrar, per group of domains.
    #[serde(default)]
    pub nameserver_groups: Vec<NameserverGroup>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NameserverGroup {
    #[serde(default)]
    pub nameservers: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

super::open_enum! {
    /// A forwarding job's state.
    ForwardingStatus { InProgress => "in_progress", Completed => "completed", PartialSuccess => "partial_success", Failed => "failed" }
}

/// `POST /domains/forwarding` and `GET /domains/forwarding/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ForwardingJob {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub status: Option<ForwardingStatus>,
    #[serde(default)]
    pub completed_count: Option<u64>,
    #[serde(default)]
    pub failed_count: Option<u64>,
    #[serde(default)]
    pub forwarding_url: Option<String>,
    #[serde(default)]
    pub completed: Vec<String>,
    #[serde(default)]
    pub failed: Vec<ForwardingFailure>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub completed_at: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A domain whose forwarding failed: `dns_lookup_failed`, `target_unreachable` or `invalid_target`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ForwardingFailure {
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
