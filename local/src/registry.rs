//! The fake registry: deterministic availability, prices and providers
//! (the rules are in local/README.md).

use peeker_core::model::{AvailabilityRow, Provider};

/// Top-level domains whose names serve Microsoft too; others serve Google only.
const MICROSOFT_TLDS: &[&str] = &["com", "net", "org", "co", "us", "biz", "info"];

/// First-year and renewal prices in cents (USD), by top-level domain.
fn prices(tld: &str) -> (i64, i64) {
    match tld {
        "com" => (1299, 1899),
        "net" => (1499, 1999),
        "org" => (1199, 1799),
        "co" => (2499, 3299),
        "io" => (3999, 5999),
        "ai" => (7999, 8999),
        _ => (1999, 2499),
    }
}

/// The first label of a normalized name.
fn label(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// Whether the registrar sees the name as taken by someone else.
pub fn taken_by_others(name: &str) -> bool {
    label(name).starts_with("taken")
}

/// Whether provisioning on this domain fails (`fail...` names).
pub fn fails(name: &str) -> bool {
    label(name).starts_with("fail")
}

/// Providers a name can serve.
pub fn usable_for(name: &str) -> Vec<Provider> {
    let tld = name.rsplit('.').next().unwrap_or_default();
    if MICROSOFT_TLDS.contains(&tld) { vec![Provider::Google, Provider::Microsoft] } else { vec![Provider::Google] }
}

/// The availability row of a normalized name; `ours` when the partner
/// already has it (an order or an import): then it is taken.
pub fn row(name: &str, ours: bool) -> AvailabilityRow {
    let tld = name.rsplit('.').next().unwrap_or_default();
    let (price, renewal) = prices(tld);
    let first = label(name);
    let mut row = AvailabilityRow {
        domain: name.to_owned(),
        available: true,
        price_cents: Some(price),
        renewal_price_cents: Some(renewal),
        currency: Some("usd".into()),
        usable_for: usable_for(name),
        premium: false,
        reason: None,
        ..AvailabilityRow::default()
    };
    let unavailable = |row: &mut AvailabilityRow, reason: &str| {
        row.available = false;
        row.reason = Some(reason.into());
    };
    if ours || taken_by_others(name) {
        unavailable(&mut row, "taken");
    } else if first.starts_with("premium") {
        row.premium = true;
        row.price_cents = Some(price * 100);
        row.renewal_price_cents = Some(renewal * 10);
        unavailable(&mut row, "premium");
    } else if first.starts_with("errored") {
        unavailable(&mut row, "errored");
    } else if first.starts_with("stale") {
        unavailable(&mut row, "stale");
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_hold() {
        let free = row("acme-mail.com", false);
        assert!(free.available && !free.premium && free.usable_for.len() == 2);
        assert_eq!(free.price_cents, Some(1299));
        assert_eq!(row("acme-mail.io", false).usable_for, vec![Provider::Google]);
        assert_eq!(row("taken-name.com", false).reason.as_deref(), Some("taken"));
        assert_eq!(row("acme-mail.com", true).reason.as_deref(), Some("taken"));
        let premium = row("premium-deal.com", false);
        assert!(premium.premium && !premium.available);
        assert_eq!(row("errored-x.net", false).reason.as_deref(), Some("errored"));
        assert!(fails("fail-dns.com") && !fails("safe.com"));
    }
}
