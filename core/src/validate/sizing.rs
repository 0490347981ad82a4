//! How many domains an order needs before a bundle exists (spec/DECISIONS.md
//! D1): the estimate that reproduces Peeker's published examples.

use serde_json::Value;

use super::validate_sizing;
use crate::contract::{
    ALL_DAYS_SENDING_DAYS, DEFAULT_GOOGLE_INBOXES_PER_DOMAIN, GOOGLE_EMAILS_PER_INBOX_DAY,
    MICROSOFT_EMAILS_PER_DOMAIN_DAY, RECOMMENDED_GOOGLE_PERCENT, WEEKDAY_SENDING_DAYS,
};
use crate::error::Result;
use crate::model::RequiredDomains;

/// `numerator / denominator` rounded up, in u128 so no input overflows.
fn ceil_div(numerator: u128, denominator: u128) -> u64 {
    u64::try_from(numerator.div_ceil(denominator.max(1))).unwrap_or(u64::MAX)
}

/// The estimate for the sizing fields (`monthly_sending_volume`, the
/// percents, `send_on_weekends`, `google_inboxes_per_domain`), checked first
/// with [`validate_sizing`]; other members (a bundle's `name`) are not read.
/// For a pricing form before the bundle exists: a bundle's own
/// `required_domains` wins.
pub fn estimate_required_domains(params: &Value) -> Result<RequiredDomains> {
    validate_sizing(params).into_result()?;
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reproduces_peekers_published_examples() {
        let first = estimate_required_domains(&json!({"monthly_sending_volume": 25_000}));
        assert_eq!(first, Ok(RequiredDomains::new(15, 4)));
        let second = estimate_required_domains(&json!({
            "name": "b", "monthly_sending_volume": 100_000, "google_percent": 70, "microsoft_percent": 30
        }));
        assert_eq!(second, Ok(RequiredDomains::new(80, 10)));
    }

    #[test]
    fn invalid_params_are_a_validation_error() {
        let err = estimate_required_domains(&json!({"monthly_sending_volume": -1})).err();
        assert_eq!(err.map(|e| e.code), Some(crate::Code::InvalidRequest));
    }
}
