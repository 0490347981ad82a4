use serde::{Deserialize, Serialize};

use super::{Extra, null_as_default};

/// `GET /me`: which key is calling, and for which partner.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Me {
    /// The calling key's environment and permissions.
    #[serde(default, deserialize_with = "null_as_default")]
    pub api_key: ApiKeyInfo,
    /// The partner organization the key belongs to.
    #[serde(default, deserialize_with = "null_as_default")]
    pub partner: Partner,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `api_key` of `GET /me` (never the key itself).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiKeyInfo {
    /// `live` (a `pk_live_` key) or `test` (a `pk_test_` sandbox key).
    #[serde(default)]
    pub environment: Option<String>,
    /// `full`, `limited` (reads and availability only) or `read`.
    #[serde(default)]
    pub permission_preset: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `partner` of `GET /me`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Partner {
    /// Opaque id, prefix `org_`.
    #[serde(default)]
    pub id: Option<String>,
    /// The partner's display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}
