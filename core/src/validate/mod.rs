//! Validation of everything a customer or partner types (spec/openapi.yaml `ViolationCode`).
//!
//! Validators take raw JSON of any shape, walk all of it, and return a
//! [`Report`] with every violation, each tied to a JSON-path-like `path`. They
//! never fail on bad content: bad content is what they report.
//!
//! # Messages never quote the input
//!
//! **\[decision\]** A violation's `message` is written only from the SDK's
//! own words, key names (which the `path` shows anyway), numbers (counts,
//! limits, a sum of percents) and codes the contract documents (an availability
//! row's `reason`). It never quotes a string value the caller passed, not even
//! a domain name after normalization: the contract says the Smartlead password must
//! never appear in a message, and a password typed into the wrong field (as the
//! login email, a domain, a persona's name) is still a password. Only a rule
//! that quotes no value guarantees that, and it is one rule for every
//! validator, with nothing to decide field by field. The `path`
//! (`domains[3]`, `duplicate` messages also name the first occurrence's path)
//! says which entry is meant; a host that wants to show the value reads it
//! from its own input at that path. [`Error::validation`](crate::Error::validation),
//! which sums a report up, follows the same rule.

mod fields;
mod idn;
mod names;
mod order;
mod prepared;
pub(crate) mod query;
mod requests;
mod sizing;
mod walk;
pub(crate) mod web_url;

pub use crate::error::{Report, Rule, Severity, Violation};
pub(crate) use fields::is_opaque_id;
pub use fields::{Picture, normalize_domain};
#[cfg(feature = "test-hooks")]
pub use idn::idna_for_tests;
pub(crate) use names::name_map;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub use names::set_random_source;
pub use order::{OrderContext, validate_order};
pub use prepared::{AvailabilityRows, PreparedAvailability};
pub use requests::{
    validate_availability_lookup, validate_bundle, validate_bundle_patch, validate_cancellation, validate_forwarding,
    validate_import, validate_import_job, validate_sizing, validate_swap, validate_user, validate_user_name_swap,
    validate_user_patch,
};
pub use sizing::estimate_required_domains;

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::model::AvailabilityRow;

    /// Every string in `value`, keys excepted, with the domain form of each.
    fn strings(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) => {
                out.push(s.clone());
                out.push(s.trim().to_lowercase());
                out.extend(normalize_domain(s));
            }
            Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
            Value::Object(map) => map.values().for_each(|item| strings(item, out)),
            _ => {}
        }
    }

    fn assert_quotes_nothing(report: &Report, secret: &str, input: &Value) {
        let mut values = vec![secret.to_owned(), secret.to_lowercase()];
        values.extend(normalize_domain(secret));
        strings(input, &mut values);
        // Short values ("x", "ab") occur in ordinary words; every secret here is longer.
        values.retain(|v| v.chars().count() >= 6);
        assert!(!report.violations.is_empty());
        for violation in &report.violations {
            for value in &values {
                assert!(
                    !violation.message.contains(value.as_str()),
                    "{} at {} quotes {value:?}: {}",
                    violation.code,
                    violation.path,
                    violation.message
                );
            }
        }
        let error = report.clone().into_result().err().map(|e| format!("{e} {e:?}")).unwrap_or_default();
        assert!(!error.contains(secret) && !error.to_lowercase().contains(&secret.to_lowercase()), "{error}");
    }

    /// A valid domain name made from `password` (itself when it is one).
    fn domain_like(password: &str) -> String {
        normalize_domain(password).unwrap_or_else(|| format!("{}.com", password.trim().replace(' ', "-")))
    }

    /// Orders that break every sequencer rule, with the password also typed
    /// into every other string field: as a domain (valid or not, duplicated,
    /// unavailable, premium, unknown to availability), as an email, a name, a
    /// URL, an id, a provider, a client id.
    fn leaky_orders(password: &str) -> Vec<Value> {
        let sequencers = [
            json!({"provider": password, "client_id": password, "login_email": password, "login_password": password}),
            json!({"provider": "mailchimp", "client_id": 0, "login_email": password, "login_password": "",
                   "api_key": password}),
            json!({"provider": password, "client_id": -1, "login_password": [password]}),
            json!({"provider": null, "client_id": 1.5, "login_email": "", "login_password": {"value": password}}),
            json!({"client_id": {"id": password}, "login_email": [password], "login_password": 7}),
            json!({"provider": "smartlead", "login_email": "l@example.com", "login_password": null, "token": password}),
            json!({"login_email": format!("{password}@"), "note": password}),
            json!(password),
            json!([password]),
        ];
        let domain = domain_like(password);
        let (upper, upper_domain) = (password.to_uppercase(), domain.to_uppercase());
        let (premium, taken, unknown) = (format!("{domain}.net"), format!("{domain}.org"), format!(" {domain}.io "));
        let picture = format!("http://localhost/{password}.png");
        sequencers
            .into_iter()
            .enumerate()
            .map(|(i, sequencer)| {
                // In turn: a bad bundle id, a good one (so the context's checks
                // run), and both shapes at once.
                let (bundle_id, licenses) = match i % 3 {
                    0 => (json!(password), Value::Null),
                    1 => (json!("bun_1"), Value::Null),
                    _ => (json!("bun_1"), json!(password)),
                };
                json!({
                    "user": password,
                    "bundle_id": bundle_id,
                    "google_licenses": licenses,
                    "sequencer": sequencer,
                    "forwarding_url": password,
                    "domains": [password, &upper, &domain, &upper_domain,
                                {"domain": password, "forwarding_url": password},
                                {"domain": &upper, "nickname": password},
                                &premium, &taken, &unknown, format!("{password}/x")],
                    "personas": [{"first_name": password, "last_name": password, "profile_picture_url": password},
                                 {"first_name": password, "last_name": "", "profile_picture_url": &picture},
                                 password],
                    "note": password,
                })
            })
            .collect()
    }

    fn context_rows(password: &str) -> Vec<AvailabilityRow> {
        let row = |name: String, available: bool, premium: bool, reason: Option<&str>| AvailabilityRow {
            domain: name,
            available,
            premium,
            reason: reason.map(str::to_owned),
            ..AvailabilityRow::default()
        };
        let domain = domain_like(password);
        vec![
            // Unavailable for a reason that is not a documented code: not quoted.
            row(domain.clone(), false, false, Some(password)),
            row(format!("{domain}.net"), true, true, None),
            row(format!("{domain}.org"), false, false, Some("taken")),
        ]
    }

    #[test]
    fn the_password_never_appears_in_an_order_violation() {
        // A plain password, one that is a valid domain name (so it survives
        // normalization), one with an IDNA form, and one with spaces.
        for password in ["hunter2-Correct-Horse", "Secret-Password.com", "Pässwört-Geheim.de", " s3cret pass phrase "]
        {
            let mut seen = std::collections::HashSet::new();
            let rows = context_rows(password);
            let prepared = PreparedAvailability::new(rows.clone());
            let (rows, prepared) = (AvailabilityRows::Rows(&rows), AvailabilityRows::Prepared(&prepared));
            let bundle = json!({"required_domains": {"google": 3, "microsoft": 2, "total": 5}});
            let contexts = [
                OrderContext::default(),
                OrderContext { bundle: Some(&bundle), availability: Some(rows) },
                OrderContext { bundle: None, availability: Some(rows) },
                OrderContext { bundle: Some(&bundle), availability: Some(prepared) },
            ];
            for order in leaky_orders(password) {
                for context in contexts {
                    let report = validate_order(&order, context);
                    assert_quotes_nothing(&report, password, &order);
                    let codes: Vec<Rule> = report.violations.iter().map(|v| v.code).collect();
                    for expected in [Rule::InvalidEmail, Rule::InvalidDomain, Rule::Duplicate, Rule::UnknownField] {
                        assert!(codes.contains(&expected), "{expected} missing from {codes:?}");
                    }
                    seen.extend(codes);
                }
            }
            // Every rule that can quote a domain has been tried.
            for rule in [
                Rule::DomainCountMismatch,
                Rule::MicrosoftSplitUnmet,
                Rule::DomainUnavailable,
                Rule::PremiumDomain,
                Rule::AvailabilityUnknown,
                Rule::PictureNotPublic,
                Rule::OrderShapeConflict,
                Rule::InvalidId,
            ] {
                assert!(seen.contains(&rule), "{rule} never reported for {password:?}");
            }
        }
    }

    #[test]
    fn every_sequencer_rule_is_broken_without_quoting_the_password() {
        let password = "hunter2-Correct-Horse";
        let mut codes: Vec<(Rule, String)> = Vec::new();
        for order in leaky_orders(password) {
            let report = validate_order(&order, OrderContext::default());
            assert_quotes_nothing(&report, password, &order);
            let sequencer = report.violations.iter().filter(|v| v.path.starts_with("sequencer"));
            codes.extend(sequencer.map(|v| (v.code, v.path.clone())));
        }
        for (rule, path) in [
            (Rule::InvalidType, "sequencer"),
            (Rule::UnsupportedProvider, "sequencer.provider"),
            (Rule::Required, "sequencer.provider"),
            (Rule::InvalidType, "sequencer.client_id"),
            (Rule::OutOfRange, "sequencer.client_id"),
            (Rule::Required, "sequencer.login_email"),
            (Rule::InvalidEmail, "sequencer.login_email"),
            (Rule::InvalidType, "sequencer.login_email"),
            (Rule::Empty, "sequencer.login_email"),
            (Rule::Required, "sequencer.login_password"),
            (Rule::Empty, "sequencer.login_password"),
            (Rule::InvalidType, "sequencer.login_password"),
            (Rule::UnknownField, "sequencer.api_key"),
        ] {
            assert!(codes.contains(&(rule, path.to_owned())), "{rule} at {path} not covered: {codes:?}");
        }
    }

    #[test]
    fn domain_violations_point_at_paths_not_names() {
        let order = json!({"domains": ["Secret-Domain.com", "secret-domain.com", "not a domain"]});
        let report = validate_order(&order, OrderContext::default());
        let messages: Vec<(&str, &str)> = report
            .violations
            .iter()
            .filter(|v| v.path.starts_with("domains["))
            .map(|v| (v.path.as_str(), v.message.as_str()))
            .collect();
        assert!(messages.iter().any(|(path, message)| *path == "domains[1]" && message.contains("`domains[0]`")));
        assert!(messages.iter().all(|(_, message)| !message.to_lowercase().contains("secret-domain")), "{messages:?}");
    }

    #[test]
    fn other_validators_quote_nothing_either() {
        let secret = "hunter2-Correct-Horse";
        let domain = format!("{secret}.com");
        type Validator = fn(&Value) -> Report;
        let checks: [(Validator, Value); 8] = [
            (
                validate_bundle,
                json!({"name": 5, "monthly_sending_volume": secret, "google_percent": secret, "x": secret}),
            ),
            (
                validate_user,
                json!({"email": secret, "first_name": "", "sequencer": {"provider": secret, "client_id": secret}}),
            ),
            (validate_availability_lookup, json!({"domains": [secret, &domain, &domain.to_uppercase()]})),
            (validate_import_job, json!({"domains": [secret, &domain, &domain]})),
            (
                validate_forwarding,
                json!({"domains": [secret, "dom_1", "dom_1", &domain, &domain], "forwarding_url": secret}),
            ),
            (validate_swap, json!({"type": secret, "domain_id": secret, "replacement_domain": secret})),
            (validate_user_name_swap, json!({"domain_id": secret, "personas": [{"first_name": secret}]})),
            (validate_cancellation, json!({"domains": [secret, &domain, &domain]})),
        ];
        for (validate, input) in checks {
            assert_quotes_nothing(&validate(&input), secret, &input);
        }
    }
}
