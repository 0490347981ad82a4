//! Request bodies other than orders (the contract's request bodies): bundles, users,
//! availability lookups, imports, forwarding changes, swaps, cancellations.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use serde_json::Value;

use super::fields::{domain, duplicate, email, id, web_url};
use super::names::name_map;
use super::order::{check_personas, check_provider};
use super::walk::{Object, Path, boolean, integer_in, list, text};
use super::{Report, Rule};
use crate::contract::{AVAILABILITY_BATCH, FORWARDING_BATCH, IMPORT_BATCH, IMPORT_JOB_BATCH, prefix};

const BUNDLE_FIELDS: &[&str] = &[
    "name",
    "monthly_sending_volume",
    "google_percent",
    "microsoft_percent",
    "send_on_weekends",
    "google_inboxes_per_domain",
];
const USER_FIELDS: &[&str] = &["email", "first_name", "last_name", "sequencer"];
const USER_SEQUENCER_FIELDS: &[&str] = &["provider", "client_id"];

/// Which bundle fields a body must have.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BundleShape {
    /// `POST /bundles`: `name` and `monthly_sending_volume` required.
    Create,
    /// `PATCH /bundles/{id}`: every field optional.
    Patch,
    /// The sizing fields of `estimate_required_domains`: the volume required,
    /// `name` and other members not read (spec/DECISIONS.md D1).
    Sizing,
}

/// `POST /bundles`.
pub fn validate_bundle(body: &Value) -> Report {
    check_bundle(body, BundleShape::Create)
}

/// `PATCH /bundles/{id}`: the POST fields, all optional.
pub fn validate_bundle_patch(body: &Value) -> Report {
    check_bundle(body, BundleShape::Patch)
}

/// What `estimate_required_domains` reads: the sizing fields of a bundle
/// (a whole bundle may be passed; its other members are not read).
pub fn validate_sizing(body: &Value) -> Report {
    check_bundle(body, BundleShape::Sizing)
}

fn check_bundle(body: &Value, shape: BundleShape) -> Report {
    let mut report = Report::default();
    let Some(bundle) = Object::of(body, Path::Root, &mut report) else { return report };
    if shape != BundleShape::Sizing {
        bundle.unknown_fields(BUNDLE_FIELDS, &mut report);
    }
    let required = |key: &str, report: &mut Report| match shape {
        BundleShape::Patch => bundle.get(key),
        BundleShape::Create | BundleShape::Sizing => bundle.required(key, report),
    };
    let name = match shape {
        BundleShape::Create => bundle.required("name", &mut report),
        BundleShape::Patch => bundle.get("name"),
        BundleShape::Sizing => None,
    };
    if let Some(name) = name {
        text(name, Path::top("name"), &mut report);
    }
    if let Some(volume) = required("monthly_sending_volume", &mut report) {
        integer_in(volume, Path::top("monthly_sending_volume"), 1, i64::MAX, &mut report);
    }
    let google = bundle.get("google_percent").map(|p| integer_in(p, Path::top("google_percent"), 0, 100, &mut report));
    let microsoft =
        bundle.get("microsoft_percent").map(|p| integer_in(p, Path::top("microsoft_percent"), 0, 100, &mut report));
    match (google, microsoft) {
        (Some(_), None) => report.add(Rule::PercentPair, "microsoft_percent", "give both percents or neither"),
        (None, Some(_)) => report.add(Rule::PercentPair, "google_percent", "give both percents or neither"),
        (Some(Some(g)), Some(Some(m))) if g + m != 100 => {
            report.add(Rule::PercentPair, "google_percent", format!("the percents must add up to 100, not {}", g + m));
        }
        _ => {}
    }
    if let Some(weekends) = bundle.get("send_on_weekends") {
        boolean(weekends, Path::top("send_on_weekends"), &mut report);
    }
    if let Some(per_domain) = bundle.get("google_inboxes_per_domain") {
        integer_in(per_domain, Path::top("google_inboxes_per_domain"), 2, 3, &mut report);
    }
    report
}

/// `POST /users`.
pub fn validate_user(body: &Value) -> Report {
    check_user(body, true)
}

/// `PATCH /users/{id}`.
pub fn validate_user_patch(body: &Value) -> Report {
    check_user(body, false)
}

fn check_user(body: &Value, create: bool) -> Report {
    let mut report = Report::default();
    let Some(user) = Object::of(body, Path::Root, &mut report) else { return report };
    user.unknown_fields(USER_FIELDS, &mut report);
    let address = if create { user.required("email", &mut report) } else { user.get("email") };
    if let Some(address) = address {
        email(address, Path::top("email"), &mut report);
    }
    for key in ["first_name", "last_name"] {
        if let Some(name) = user.get(key) {
            text(name, Path::top(key), &mut report);
        }
    }
    if let Some(sequencer) = user.get("sequencer").and_then(|s| Object::of(s, Path::top("sequencer"), &mut report)) {
        sequencer.unknown_fields(USER_SEQUENCER_FIELDS, &mut report);
        check_provider(&sequencer, &mut report);
        if let Some(client_id) = sequencer.get("client_id") {
            integer_in(client_id, sequencer.path("client_id"), 1, i64::MAX, &mut report);
        }
    }
    report
}

/// A `domains` list of names (or, with `ids`, also `dom_` ids): each valid,
/// none twice, `1..=max` entries.
fn check_domain_list(root: &Object<'_>, max: usize, ids: bool, report: &mut Report) {
    let Some(items) = root.required("domains", report).and_then(|d| list(d, Path::top("domains"), 1, max, report))
    else {
        return;
    };
    let list_path = Path::top("domains");
    // Each name or id -> the index it was first seen at.
    let mut seen = name_map(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = list_path.index(i);
        let key = match item.as_str().map(str::trim) {
            Some(value) if ids && value.starts_with(prefix::DOMAIN) => {
                id(item, path, prefix::DOMAIN, report).map(Cow::Borrowed)
            }
            _ => domain(item, path, report),
        };
        let Some(key) = key else { continue };
        match seen.entry(key) {
            Entry::Occupied(first) => duplicate(path, list_path.index(*first.get()), report),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
}

fn domains_body<'a>(body: &'a Value, fields: &[&str], max: usize, ids: bool) -> (Report, Option<Object<'a>>) {
    let mut report = Report::default();
    let root = Object::of(body, Path::Root, &mut report);
    if let Some(root) = &root {
        root.unknown_fields(fields, &mut report);
        check_domain_list(root, max, ids, &mut report);
    }
    (report, root)
}

/// `POST /domains/availability`: 1..50 names.
pub fn validate_availability_lookup(body: &Value) -> Report {
    domains_body(body, &["domains"], AVAILABILITY_BATCH, false).0
}

/// `POST /domains/import`: 1..25 root domains, answered at once.
pub fn validate_import(body: &Value) -> Report {
    domains_body(body, &["domains"], IMPORT_BATCH, false).0
}

/// `POST /domains/import/jobs`: 1..500 domains, answered with a job.
pub fn validate_import_job(body: &Value) -> Report {
    domains_body(body, &["domains"], IMPORT_JOB_BATCH, false).0
}

/// `POST /domains/forwarding`: 1..25 domains (`dom_` ids or names) and a URL.
pub fn validate_forwarding(body: &Value) -> Report {
    let (mut report, root) = domains_body(body, &["domains", "forwarding_url"], FORWARDING_BATCH, true);
    if let Some(url) = root.and_then(|r| r.required("forwarding_url", &mut report)) {
        web_url(url, Path::top("forwarding_url"), &mut report);
    }
    report
}

/// `POST /orders/{id}/cancel`: no body (`null`: the whole order) or 1..n domains.
pub fn validate_cancellation(body: &Value) -> Report {
    match body {
        Value::Null => Report::default(),
        body => domains_body(body, &["domains"], usize::MAX, true).0,
    }
}

/// `POST /swaps`.
pub fn validate_swap(body: &Value) -> Report {
    let mut report = Report::default();
    let Some(swap) = Object::of(body, Path::Root, &mut report) else { return report };
    swap.unknown_fields(&["type", "domain_id", "replacement_domain"], &mut report);
    if let Some(kind) = swap.required("type", &mut report).and_then(|t| text(t, Path::top("type"), &mut report)) {
        if !matches!(kind, "standard" | "premium") {
            report.add(Rule::OutOfRange, "type", "must be `standard` or `premium`");
        }
    }
    if let Some(domain_id) = swap.required("domain_id", &mut report) {
        id(domain_id, Path::top("domain_id"), prefix::DOMAIN, &mut report);
    }
    if let Some(replacement) = swap.required("replacement_domain", &mut report) {
        domain(replacement, Path::top("replacement_domain"), &mut report);
    }
    report
}

/// `POST /swaps/user_names`.
pub fn validate_user_name_swap(body: &Value) -> Report {
    let mut report = Report::default();
    let Some(swap) = Object::of(body, Path::Root, &mut report) else { return report };
    swap.unknown_fields(&["domain_id", "personas"], &mut report);
    if let Some(domain_id) = swap.required("domain_id", &mut report) {
        id(domain_id, Path::top("domain_id"), prefix::DOMAIN, &mut report);
    }
    if let Some(personas) = swap.required("personas", &mut report) {
        check_personas(personas, Path::top("personas"), &mut report);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(report: &Report) -> Vec<(&str, &str)> {
        report.violations.iter().map(|v| (v.code.as_str(), v.path.as_str())).collect()
    }

    #[test]
    fn bundle_percents_come_in_pairs_that_sum_to_100() {
        let report = validate_bundle(&json!({"name": "x", "monthly_sending_volume": 10, "google_percent": 60}));
        assert_eq!(codes(&report), [("percent_pair", "microsoft_percent")]);
        let report = validate_bundle(
            &json!({"name": "x", "monthly_sending_volume": 10, "google_percent": 60, "microsoft_percent": 30}),
        );
        assert_eq!(codes(&report), [("percent_pair", "google_percent")]);
        assert!(validate_bundle_patch(&json!({"google_percent": null, "microsoft_percent": null})).is_valid());
    }

    #[test]
    fn forwarding_takes_ids_and_names_mixed() {
        let body = json!({"domains": ["dom_1", "Example.com", "example.com", "dom_!"], "forwarding_url": "ftp://x"});
        let report = validate_forwarding(&body);
        assert_eq!(
            codes(&report),
            [("duplicate", "domains[2]"), ("invalid_id", "domains[3]"), ("invalid_url", "forwarding_url")]
        );
    }
}
