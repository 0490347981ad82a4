use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Extra, Provider, null_as_default};

/// A domain in the partner's inventory or connected to an order (`GET
/// /domains`, `domain.*` webhooks). Inventory domains lack the order-related
/// fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    /// Opaque id, prefix `dom_` (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    /// The domain name, e.g. `acme-mail.com` (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub domain: String,
    /// `inventory` or `connected`.
    #[serde(default)]
    pub category: Option<String>,
    /// The domain's provisioning state, as Peeker reports it (not enumerated by the docs).
    #[serde(default)]
    pub status: Option<String>,
    /// The mail provider the domain serves (`google` or `microsoft`), once
    /// assigned; any other value is kept as [`Provider::Other`].
    #[serde(default)]
    pub provider: Option<Provider>,
    /// The customer's id (`usr_`), for connected domains.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The order's id (`ord_`), for connected domains.
    #[serde(default)]
    pub order_id: Option<String>,
    /// Which providers the domain can serve: `google`, `microsoft` or both.
    #[serde(default, deserialize_with = "null_as_default")]
    pub usable_for: Vec<Provider>,
    /// Where the domain's web traffic redirects (an `http`/`https` URL), if set.
    #[serde(default)]
    pub forwarding_url: Option<String>,
    /// RFC 3339 UTC timestamp, e.g. `2026-05-08T12:00:00Z`.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A domain import: `POST /domains/import` (answered at once), or a job of
/// `POST /domains/import/jobs` and `GET /domains/import[/jobs]/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportJob {
    /// Opaque id, prefix `imp_` (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    /// The job's state, e.g. `in_progress` (not enumerated by the docs).
    #[serde(default)]
    pub status: Option<String>,
    /// The domains of the import, kept as JSON (names or objects, the docs do not say).
    #[serde(default, deserialize_with = "null_as_default")]
    pub domains: Vec<Value>,
    /// The nameservers to set at the registrar, per group of domains.
    #[serde(default, deserialize_with = "null_as_default")]
    pub nameserver_groups: Vec<NameserverGroup>,
    /// RFC 3339 UTC timestamp.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Domains that must point at the same nameservers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NameserverGroup {
    /// The nameserver host names to set at the registrar.
    #[serde(default, deserialize_with = "null_as_default")]
    pub nameservers: Vec<String>,
    /// The domain names this group covers.
    #[serde(default, deserialize_with = "null_as_default")]
    pub domains: Vec<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

super::open_enum! {
    /// A forwarding job's state.
    ForwardingStatus {
        /// Still working.
        InProgress => "in_progress",
        /// Every domain forwards.
        Completed => "completed",
        /// Some domains failed: see [`ForwardingJob::failed`].
        PartialSuccess => "partial_success",
        /// No domain forwards.
        Failed => "failed",
    }
}

/// `POST /domains/forwarding` (202) and `GET /domains/forwarding/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ForwardingJob {
    /// Opaque id, prefix `fwj_` (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    /// The job's state.
    #[serde(default)]
    pub status: Option<ForwardingStatus>,
    /// How many domains forward so far.
    #[serde(default)]
    pub completed_count: Option<u64>,
    /// How many domains failed.
    #[serde(default)]
    pub failed_count: Option<u64>,
    /// The redirect target the job sets.
    #[serde(default)]
    pub forwarding_url: Option<String>,
    /// Names of the domains that forward.
    #[serde(default, deserialize_with = "null_as_default")]
    pub completed: Vec<String>,
    /// The domains that failed, with why.
    #[serde(default, deserialize_with = "null_as_default")]
    pub failed: Vec<ForwardingFailure>,
    /// RFC 3339 UTC timestamp.
    #[serde(default)]
    pub created_at: Option<String>,
    /// RFC 3339 UTC timestamp; `None` while in progress.
    #[serde(default)]
    pub completed_at: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A domain whose forwarding failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ForwardingFailure {
    /// The domain name (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub domain: String,
    /// `dns_lookup_failed`, `target_unreachable` or `invalid_target`.
    #[serde(default)]
    pub reason: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}
