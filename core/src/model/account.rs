use serde::{Deserialize, Serialize};

use super::Extra;

/// `GET /me`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Me {
    #[serde(default)]
    pub api_key: ApiKeyInfo,
    #[serde(default)]
    pub partner: Partner,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiKeyInfo {
    /// `live` or `test`.
    #[serde(default)]
    pub environment: Option<String>,
    /// `full`, `limited` or `read`.
    #[serde(default)]
    pub permission_preset: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Partner {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
