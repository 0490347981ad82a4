use serde::{Deserialize, Serialize};

use super::{Extra, RequiredDomains, null_as_default};

/// A customer of the partner (`/users`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Opaque id, prefix `usr_` (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    /// The customer's email address (unique per partner).
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// `active` or `deleted`.
    #[serde(default)]
    pub status: Option<String>,
    /// The customer's sequencer route, if set.
    #[serde(default)]
    pub sequencer: Option<Sequencer>,
    /// RFC 3339 UTC timestamp.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A user's sequencer route (no credentials: those only travel in orders).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sequencer {
    /// `smartlead` (the only provider the API supports).
    #[serde(default)]
    pub provider: Option<String>,
    /// The Smartlead client id (a positive integer); `None` routes to the
    /// partner's default.
    #[serde(default)]
    pub client_id: Option<i64>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A plan (`/bundles`): monthly sending volume and its Google/Microsoft split.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Opaque id, prefix `bun_` (`""` when the API sent none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub id: String,
    /// The bundle's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Emails a month, across all inboxes (an integer > 0).
    #[serde(default)]
    pub monthly_sending_volume: Option<u64>,
    /// Percent of the volume sent from Google (0..=100); `None` (with
    /// `microsoft_percent`) means Peeker's recommended split, see `effective`.
    #[serde(default)]
    pub google_percent: Option<u64>,
    /// Percent of the volume sent from Microsoft; sums to 100 with `google_percent`.
    #[serde(default)]
    pub microsoft_percent: Option<u64>,
    /// Whether inboxes also send on weekends (30 sending days a month instead of 22).
    #[serde(default)]
    pub send_on_weekends: Option<bool>,
    /// Google inboxes on each Google domain: 2 or 3.
    #[serde(default)]
    pub google_inboxes_per_domain: Option<u64>,
    /// `active` or `archived`.
    #[serde(default)]
    pub status: Option<String>,
    /// The split in force (Peeker's recommendation when the percents are null).
    #[serde(default)]
    pub effective: Option<BundleSplit>,
    /// Authoritative: how many domains an order on this bundle needs.
    #[serde(default)]
    pub required_domains: Option<RequiredDomains>,
    /// RFC 3339 UTC timestamp.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A bundle's `effective` split: the percents actually used.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BundleSplit {
    /// Percent of the volume sent from Google (0..=100).
    #[serde(default)]
    pub google_percent: Option<u64>,
    /// Percent of the volume sent from Microsoft (0..=100).
    #[serde(default)]
    pub microsoft_percent: Option<u64>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}
