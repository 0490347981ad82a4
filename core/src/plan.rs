//! How many domains an order needs (spec/DECISIONS.md D1), and which picked
//! domains serve Google and which Microsoft.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::Result;
use crate::model::null_as_default;
use crate::validate::{normalize_domain, validate_bundle};

/// Sending days a month on weekdays only (the default).
pub const WEEKDAY_SENDING_DAYS: u64 = 22;
/// Sending days a month with `send_on_weekends`.
pub const ALL_DAYS_SENDING_DAYS: u64 = 30;
/// Emails a Google inbox sends a day.
pub const GOOGLE_EMAILS_PER_INBOX_DAY: u64 = 20;
/// **\[decision\]** Emails a Microsoft domain sends a day (fits both published examples).
pub const MICROSOFT_EMAILS_PER_DOMAIN_DAY: u64 = 150;
/// **\[decision\]** The split Peeker recommends when both percents are null:
/// this percent Google, the rest Microsoft.
pub const RECOMMENDED_GOOGLE_PERCENT: u64 = 50;
/// Google inboxes per Google domain when a bundle does not say (2 or 3 allowed).
pub const DEFAULT_GOOGLE_INBOXES_PER_DOMAIN: u64 = 2;

/// Domains an order needs, per provider: a bundle's `required_domains`, an
/// estimate, or (in a [`Plan`]) what is still missing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredDomains {
    /// Google domains (each carries `google_inboxes_per_domain` inboxes).
    pub google: u64,
    /// Microsoft domains; each must have `microsoft` in its availability `usable_for`.
    pub microsoft: u64,
    /// `google + microsoft`: how many domains the order lists.
    pub total: u64,
}

impl RequiredDomains {
    /// The counts for `google` and `microsoft` domains, `total` their (saturating) sum.
    pub fn new(google: u64, microsoft: u64) -> Self {
        RequiredDomains { google, microsoft, total: google.saturating_add(microsoft) }
    }

    /// A bundle's authoritative `required_domains`, if it has a well-formed one.
    pub fn from_bundle(bundle: &Value) -> Option<Self> {
        let required: RequiredDomains = serde_json::from_value(bundle.get("required_domains")?.clone()).ok()?;
        (required.google.checked_add(required.microsoft) == Some(required.total)).then_some(required)
    }
}

/// `numerator / denominator` rounded up, in u128 so no input overflows.
fn ceil_div(numerator: u128, denominator: u128) -> u64 {
    u64::try_from(numerator.div_ceil(denominator.max(1))).unwrap_or(u64::MAX)
}

/// The estimate for bundle fields (`monthly_sending_volume`, the percents,
/// `send_on_weekends`, `google_inboxes_per_domain`), validated first. For a
/// pricing form before the bundle exists; a bundle's own `required_domains` wins.
pub fn estimate_required_domains(params: &Value) -> Result<RequiredDomains> {
    validate_bundle(params).into_result()?;
    let field = |key: &str| params.get(key).and_then(Value::as_u64).map(u128::from);
    let volume = field("monthly_sending_volume").unwrap_or_default();
    let google_percent = field("google_percent").unwrap_or(RECOMMENDED_GOOGLE_PERCENT.into());
    let microsoft_percent = field("microsoft_percent").unwrap_or((100 - RECOMMENDED_GOOGLE_PERCENT).into());
    let weekends = params.get("send_on_weekends").and_then(Value::as_bool).unwrap_or(false);
    let days = u128::from(if weekends { ALL_DAYS_SENDING_DAYS } else { WEEKDAY_SENDING_DAYS });
    let per_domain = field("google_inboxes_per_domain").unwrap_or(DEFAULT_GOOGLE_INBOXES_PER_DOMAIN.into());
    // Integer arithmetic: volume x percent / 100 / days / capacity, rounded up.
    let google_capacity = 100 * days * u128::from(GOOGLE_EMAILS_PER_INBOX_DAY) * per_domain;
    let google = ceil_div(volume * google_percent, google_capacity);
    let microsoft = ceil_div(volume * microsoft_percent, 100 * days * u128::from(MICROSOFT_EMAILS_PER_DOMAIN_DAY));
    Ok(RequiredDomains::new(google, microsoft))
}

/// A mail provider a domain can serve.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// `google`: Google Workspace inboxes.
    Google,
    /// `microsoft`: Microsoft 365 inboxes.
    Microsoft,
    /// A value this SDK does not know yet, kept as sent.
    #[serde(untagged)]
    Other(String),
}

/// One row of `POST /domains/availability` (rows are cached 5 minutes by
/// Peeker). Parsed leniently like the models: unknown fields are kept in
/// `extra`, a missing or `null` member takes its default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityRow {
    /// The domain name the row is about (`""` when the API sent none; such
    /// rows cover no domain).
    #[serde(default, deserialize_with = "null_as_default")]
    pub domain: String,
    /// Whether it can be registered now (`false` when absent or `null`).
    #[serde(default, deserialize_with = "null_as_default")]
    pub available: bool,
    /// The first year's price, in cents of `currency`.
    #[serde(default)]
    pub price_cents: Option<i64>,
    /// The yearly renewal price, in cents of `currency`.
    #[serde(default)]
    pub renewal_price_cents: Option<i64>,
    /// Lowercase ISO 4217 code, e.g. `usd`.
    #[serde(default)]
    pub currency: Option<String>,
    /// Which providers the domain can serve: `["google", "microsoft"]` or `["google"]`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub usable_for: Vec<Provider>,
    /// Premium domains cannot be ordered through the API.
    #[serde(default, deserialize_with = "null_as_default")]
    pub premium: bool,
    /// Why an unavailable domain is unavailable: `taken`, `premium`, `invalid`, `errored`, `stale`.
    #[serde(default)]
    pub reason: Option<String>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AvailabilityRow {
    /// Rows from an availability response's `domains` list, or from a bare
    /// list; rows that are not objects with a `domain` are skipped.
    pub fn parse_rows(value: &Value) -> Vec<AvailabilityRow> {
        let list = value.get("domains").or_else(|| value.get("data").and_then(|d| d.get("domains"))).unwrap_or(value);
        let rows = list.as_array().map(Vec::as_slice).unwrap_or_default();
        rows.iter()
            .filter_map(|row| AvailabilityRow::deserialize(row).ok()) // from &Value: no clone
            .filter(|row| !row.domain.is_empty())
            .collect()
    }

    /// Whether the API will take this domain in an order.
    pub fn orderable(&self) -> bool {
        self.available && !self.premium
    }

    /// Whether `usable_for` lists `provider`.
    pub fn serves(&self, provider: &Provider) -> bool {
        self.usable_for.contains(provider)
    }

    /// Why the domain cannot be ordered, if it cannot.
    pub fn problem(&self) -> Option<Unusable> {
        if self.premium || self.reason.as_deref() == Some("premium") {
            Some(Unusable::Premium)
        } else if !self.available {
            Some(Unusable::Unavailable(self.reason.clone().unwrap_or_else(|| "unavailable".to_owned())))
        } else {
            None
        }
    }
}

/// Rows by normalized domain name, for lookups.
pub(crate) fn rows_by_domain(rows: &[AvailabilityRow]) -> HashMap<String, &AvailabilityRow> {
    let mut by_domain = HashMap::with_capacity(rows.len());
    by_domain.extend(rows.iter().filter_map(|row| normalize_domain(&row.domain).map(|name| (name, row))));
    by_domain
}

/// Why a picked domain cannot serve the order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", content = "detail", rename_all = "snake_case")]
pub enum Unusable {
    /// Not a valid domain name.
    Invalid,
    /// The same domain was picked before.
    Duplicate,
    /// No availability row covers it.
    Unknown,
    /// Premium domains cannot be ordered through the API.
    Premium,
    /// The row says it is not available (`taken`, `errored`, ...).
    Unavailable(String),
    /// It serves neither provider the order still needs.
    NotNeeded,
}

impl Unusable {
    /// The reason as every host spells it (`invalid`, `duplicate`, `unknown`,
    /// `premium`, `not_needed`, or the row's own reason such as `taken`).
    pub fn as_str(&self) -> &str {
        match self {
            Unusable::Invalid => "invalid",
            Unusable::Duplicate => "duplicate",
            Unusable::Unknown => "unknown",
            Unusable::Premium => "premium",
            Unusable::Unavailable(reason) => reason,
            Unusable::NotNeeded => "not_needed",
        }
    }
}

/// Which picked domains serve which provider, and what is still missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Normalized names assigned to Google, in the order they were picked.
    pub google: Vec<String>,
    /// Normalized names assigned to Microsoft.
    pub microsoft: Vec<String>,
    /// Domains still to pick, per provider.
    pub missing: RequiredDomains,
    /// Picked domains that serve nothing, with why.
    pub unusable: Vec<(String, Unusable)>,
}

/// Assigns `picked` domains to Microsoft first (its requirement is the hard
/// one: fewer domains can serve it), preferring domains that serve only
/// Microsoft, then fills Google. Names compare after IDNA, case-insensitively.
pub fn plan_domains(required: RequiredDomains, picked: &[String], rows: &[AvailabilityRow]) -> Plan {
    let by_domain = rows_by_domain(rows);
    let mut plan = Plan::default();
    let mut seen = HashSet::new();
    let mut candidates: Vec<(String, &AvailabilityRow)> = Vec::new();
    for name in picked {
        let Some(normalized) = normalize_domain(name) else {
            plan.unusable.push((name.clone(), Unusable::Invalid));
            continue;
        };
        if !seen.insert(normalized.clone()) {
            plan.unusable.push((normalized, Unusable::Duplicate));
            continue;
        }
        match by_domain.get(&normalized) {
            None => plan.unusable.push((normalized, Unusable::Unknown)),
            Some(row) => match row.problem() {
                Some(problem) => plan.unusable.push((normalized, problem)),
                None => candidates.push((normalized, row)),
            },
        }
    }

    // Microsoft first, domains that cannot serve Google before those that can.
    let mut microsoft: Vec<&(String, &AvailabilityRow)> =
        candidates.iter().filter(|(_, row)| row.serves(&Provider::Microsoft)).collect();
    microsoft.sort_by_key(|(_, row)| row.serves(&Provider::Google));
    let mut taken = HashSet::new();
    for (name, _) in microsoft.into_iter().take(usize::try_from(required.microsoft).unwrap_or(usize::MAX)) {
        taken.insert(name.clone());
        plan.microsoft.push(name.clone());
    }
    for (name, row) in &candidates {
        if taken.contains(name) {
            continue;
        }
        if row.serves(&Provider::Google) && (plan.google.len() as u64) < required.google {
            plan.google.push(name.clone());
        } else {
            plan.unusable.push((name.clone(), Unusable::NotNeeded));
        }
    }
    let google_missing = required.google.saturating_sub(plan.google.len() as u64);
    let microsoft_missing = required.microsoft.saturating_sub(plan.microsoft.len() as u64);
    plan.missing = RequiredDomains::new(google_missing, microsoft_missing);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reproduces_peekers_published_examples() {
        let first = estimate_required_domains(&json!({"name": "a", "monthly_sending_volume": 25_000}));
        assert_eq!(first, Ok(RequiredDomains::new(15, 4)));
        let second = estimate_required_domains(&json!({
            "name": "b", "monthly_sending_volume": 100_000, "google_percent": 70, "microsoft_percent": 30
        }));
        assert_eq!(second, Ok(RequiredDomains::new(80, 10)));
    }

    #[test]
    fn invalid_params_are_a_validation_error() {
        let err = estimate_required_domains(&json!({"name": "a", "monthly_sending_volume": -1})).err();
        assert_eq!(err.map(|e| e.code), Some(crate::Code::InvalidRequest));
    }

    #[test]
    fn plan_fills_microsoft_with_microsoft_only_domains_first() {
        let row = |domain: &str, usable: &[&str]| AvailabilityRow {
            domain: domain.to_owned(),
            available: true,
            usable_for: usable.iter().map(|p| serde_json::from_value(json!(p)).unwrap_or(Provider::Google)).collect(),
            ..AvailabilityRow::default()
        };
        let rows =
            [row("both.com", &["google", "microsoft"]), row("ms.com", &["microsoft"]), row("g.com", &["google"])];
        let picked = ["Both.com", "ms.com", "g.com"].map(String::from);
        let plan = plan_domains(RequiredDomains::new(2, 1), &picked, &rows);
        assert_eq!(plan.microsoft, ["ms.com"]);
        assert_eq!(plan.google, ["both.com", "g.com"]);
        assert_eq!(plan.missing, RequiredDomains::new(0, 0));
    }
}
