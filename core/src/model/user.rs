use serde::{Deserialize, Serialize};

use super::{Extra, RequiredDomains};

/// A customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    /// `active` or `deleted`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub sequencer: Option<Sequencer>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A user's sequencer route (no credentials: those only travel in orders).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sequencer {
    #[serde(default)]
    pub provider: Option<String>,
    #[serde(default)]
    pub client_id: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A plan: sending volume and Google/Microsoft split.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub monthly_sending_volume: Option<u64>,
    #[serde(default)]
    pub google_percent: Option<u64>,
    #[serde(default)]
    pub microsoft_percent: Option<u64>,
    #[serde(default)]
    pub send_on_weekends: Option<bool>,
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
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BundleSplit {
    #[serde(default)]
    pub google_percent: Option<u64>,
    #[serde(default)]
    pub microsoft_percent: Option<u64>,
}
