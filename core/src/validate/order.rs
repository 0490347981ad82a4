//! `POST /orders` bodies (the contract's OrderCreate), in both shapes: a bundle, or the
//! custom licence trio.

use std::collections::hash_map::Entry;

use serde_json::Value;

use super::fields::{Picture, domain, domain_form, duplicate, email, id, is_email, is_id, web_url};
use super::names::{NameMap, name_map};
use super::sizing::estimate_required_domains;
use super::walk::{Object, Path, integer_in, list, text};
use super::{AvailabilityRows, Report, Rule};
use crate::contract::{MAX_PERSONAS, MIN_PERSONAS};
use crate::model::{AvailabilityRow, Provider, RequiredDomains, Unusable};

const ORDER_FIELDS: &[&str] = &[
    "user",
    "bundle_id",
    "google_licenses",
    "microsoft_licenses",
    "google_inboxes_per_domain",
    "sequencer",
    "forwarding_url",
    "domains",
    "personas",
];
const CUSTOM_FIELDS: &[&str] = &["google_licenses", "microsoft_licenses", "google_inboxes_per_domain"];
const SEQUENCER_FIELDS: &[&str] = &["provider", "client_id", "login_email", "login_password"];
const DOMAIN_FIELDS: &[&str] = &["domain", "forwarding_url"];
const PERSONA_FIELDS: &[&str] = &["first_name", "last_name", "profile_picture_url"];
pub(crate) const SUPPORTED_PROVIDER: &str = "smartlead";
/// The `reason`s of an unavailable availability row that the contract documents.
const UNAVAILABLE_REASONS: &[&str] = &["taken", "premium", "invalid", "errored", "stale"];

/// What else the validator may know: the bundle (its `required_domains`, or
/// the fields to estimate them) and availability rows for the picked domains,
/// read for this call or prepared once ([`AvailabilityRows`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct OrderContext<'a> {
    /// The bundle as the API returned it (its `required_domains` is used when
    /// well-formed, else the estimate from its fields); enables
    /// `domain_count_mismatch` and `microsoft_split_unmet`.
    pub bundle: Option<&'a Value>,
    /// Availability rows of the picked domains; enables `domain_unavailable`,
    /// `premium_domain`, `availability_unknown` and `microsoft_split_unmet`.
    pub availability: Option<AvailabilityRows<'a>>,
}

/// Every violation of an order body, with the context's checks when given.
pub fn validate_order(order: &Value, context: OrderContext<'_>) -> Report {
    let mut report = Report::default();
    let Some(root) = Object::of(order, Path::Root, &mut report) else { return report };
    root.unknown_fields(ORDER_FIELDS, &mut report);

    if let Some(user) = root.required("user", &mut report) {
        check_user(user, &mut report);
    }
    let required = check_shape(&root, context.bundle, &mut report);
    if let Some(sequencer) = root.required("sequencer", &mut report) {
        check_sequencer(sequencer, Path::top("sequencer"), &mut report);
    }
    if let Some(url) = root.get("forwarding_url") {
        web_url(url, Path::top("forwarding_url"), &mut report);
    }
    let domains = root.required("domains", &mut report).map(|d| check_domains(d, &mut report)).unwrap_or_default();
    if let Some(personas) = root.required("personas", &mut report) {
        check_personas(personas, Path::top("personas"), &mut report);
    }
    if let Some(submitted) = domains.count {
        check_against_context(&domains, submitted, required, context.availability, &mut report);
    }
    report
}

/// `user`: a `usr_` id or an email address.
fn check_user(user: &Value, report: &mut Report) {
    let Some(text) = text(user, Path::top("user"), report) else { return };
    if text.contains('@') || !text.contains('_') {
        if !is_email(text) {
            report.add(Rule::InvalidEmail, "user", "must be a customer email address or a `usr_` id");
        }
    } else if !is_id(text, "usr_") {
        report.add(Rule::InvalidId, "user", "must be a `usr_` id or a customer email address");
    }
}

/// Exactly one of `bundle_id` or the custom trio; returns the domains the
/// order needs when that is known.
fn check_shape(root: &Object<'_>, bundle: Option<&Value>, report: &mut Report) -> Option<RequiredDomains> {
    let custom_given = CUSTOM_FIELDS.iter().any(|key| root.get(key).is_some());
    match (root.get("bundle_id"), custom_given) {
        (Some(_), true) => {
            report.add(Rule::OrderShapeConflict, "", "give either `bundle_id` or the custom licence fields, not both");
            None
        }
        (None, false) => {
            report.add(
                Rule::OrderShapeConflict,
                "",
                "give either `bundle_id` or `google_licenses`, `microsoft_licenses` and `google_inboxes_per_domain`",
            );
            None
        }
        (Some(bundle_id), false) => {
            id(bundle_id, Path::top("bundle_id"), "bun_", report)?;
            let bundle = bundle?;
            RequiredDomains::from_bundle(bundle).or_else(|| estimate_required_domains(bundle).ok())
        }
        (None, true) => check_custom(root, report),
    }
}

fn check_custom(root: &Object<'_>, report: &mut Report) -> Option<RequiredDomains> {
    let mut count = |key: &str, min: i64, max: i64| {
        let value = root.required(key, report)?;
        integer_in(value, Path::top(key), min, max, report).and_then(|n| u64::try_from(n).ok())
    };
    let google = count("google_licenses", 0, i64::MAX);
    let microsoft = count("microsoft_licenses", 0, i64::MAX);
    let per_domain = count("google_inboxes_per_domain", 2, 3);
    let (google, per_domain) = (google?, per_domain?);
    if google % per_domain != 0 {
        report.add(
            Rule::LicensesNotWholeDomains,
            "google_licenses",
            format!("must be a multiple of google_inboxes_per_domain ({per_domain}): licences come in whole domains"),
        );
        return None;
    }
    Some(RequiredDomains::new(google / per_domain, microsoft?))
}

/// The Smartlead sequencer. The password is checked for presence only and
/// never appears in a message.
pub(crate) fn check_sequencer(value: &Value, path: Path<'_>, report: &mut Report) {
    let Some(sequencer) = Object::of(value, path, report) else { return };
    sequencer.unknown_fields(SEQUENCER_FIELDS, report);
    check_provider(&sequencer, report);
    if let Some(client_id) = sequencer.get("client_id") {
        integer_in(client_id, sequencer.path("client_id"), 1, i64::MAX, report);
    }
    if let Some(login) = sequencer.required("login_email", report) {
        email(login, sequencer.path("login_email"), report);
    }
    let password_path = sequencer.path("login_password");
    match sequencer.required("login_password", report) {
        Some(Value::String(password)) if password.is_empty() => {
            report.add(Rule::Empty, password_path, "must not be empty")
        }
        Some(Value::String(_)) | None => {}
        Some(_) => report.add(Rule::InvalidType, password_path, "expected a string"),
    }
}

pub(crate) fn check_provider(sequencer: &Object<'_>, report: &mut Report) {
    let path = sequencer.path("provider");
    if let Some(provider) = sequencer.required("provider", report).and_then(|p| text(p, path, report)) {
        if provider != SUPPORTED_PROVIDER {
            report.add(
                Rule::UnsupportedProvider,
                path,
                format!("the only supported provider is `{SUPPORTED_PROVIDER}`"),
            );
        }
    }
}

/// The picked domains: each valid, none twice. Paths are written only for a
/// violation (most items have none).
#[derive(Default)]
struct Domains<'a> {
    /// The list index of each valid, first-seen domain, in list order.
    first: Vec<usize>,
    /// Each normalized name -> its position in `first` (names.rs: why a hash
    /// map, and its keys).
    seen: NameMap<'a, usize>,
    /// How many entries the list has (None when it is not a list).
    count: Option<usize>,
}

const DOMAINS: Path<'static> = Path::Key(&Path::Root, "domains");

fn domain_at(index: usize) -> Path<'static> {
    Path::Index(&DOMAINS, index)
}

fn check_domains<'a>(value: &'a Value, report: &mut Report) -> Domains<'a> {
    let Some(items) = list(value, DOMAINS, 1, usize::MAX, report) else { return Domains::default() };
    let mut domains =
        Domains { first: Vec::with_capacity(items.len()), seen: name_map(items.len()), count: Some(items.len()) };
    for (i, item) in items.iter().enumerate() {
        let name = match item {
            // A valid name needs no path: `domain` (which reports) runs only for an invalid one.
            Value::String(name) => domain_form(name).or_else(|| domain(item, domain_at(i), report)),
            Value::Object(_) => {
                let Some(entry) = Object::of(item, domain_at(i), report) else { continue };
                entry.unknown_fields(DOMAIN_FIELDS, report);
                if let Some(url) = entry.get("forwarding_url") {
                    web_url(url, entry.path("forwarding_url"), report);
                }
                entry.required("domain", report).and_then(|d| domain(d, entry.path("domain"), report))
            }
            _ => domain(item, domain_at(i), report),
        };
        let Some(name) = name else { continue };
        match domains.seen.entry(name) {
            Entry::Occupied(first) => {
                let first = domains.first.get(*first.get()).map_or(DOMAINS, |&index| domain_at(index));
                duplicate(domain_at(i), first, report)
            }
            Entry::Vacant(slot) => {
                slot.insert(domains.first.len());
                domains.first.push(i);
            }
        }
    }
    domains
}

pub(crate) fn check_personas(value: &Value, path: Path<'_>, report: &mut Report) {
    let Some(items) = list(value, path, MIN_PERSONAS, MAX_PERSONAS, report) else { return };
    for (i, item) in items.iter().enumerate() {
        let Some(persona) = Object::of(item, path.index(i), report) else { continue };
        persona.unknown_fields(PERSONA_FIELDS, report);
        for key in ["first_name", "last_name"] {
            if let Some(name) = persona.required(key, report) {
                text(name, persona.path(key), report);
            }
        }
        // The key is required; its value may be null or "" (no picture).
        let picture_path = persona.path("profile_picture_url");
        match persona.map.get("profile_picture_url") {
            None => {
                report.add(Rule::Required, picture_path, "`profile_picture_url` is required (null or \"\" for none)")
            }
            Some(Value::Null) => {}
            Some(Value::String(s)) if s.is_empty() => {}
            Some(url) => {
                if web_url(url, picture_path, report).is_some_and(|host| Picture::of_host(&host) == Picture::NotPublic)
                {
                    report.add(
                        Rule::PictureNotPublic,
                        picture_path,
                        "Peeker cannot fetch a picture from a local or private address",
                    );
                }
            }
        }
    }
}

/// The count against the bundle or custom sizing, and each domain against
/// the availability rows.
fn check_against_context(
    domains: &Domains<'_>,
    submitted: usize,
    required: Option<RequiredDomains>,
    availability: Option<AvailabilityRows<'_>>,
    report: &mut Report,
) {
    if let Some(required) = required {
        if submitted as u64 != required.total {
            let missing = required.total.saturating_sub(submitted as u64);
            report.add(
                Rule::DomainCountMismatch,
                "domains",
                match missing {
                    0 => format!("the order needs {} domains, {submitted} given: remove some", required.total),
                    _ => format!("the order needs {} domains, {submitted} given ({missing} missing)", required.total),
                },
            );
        }
    }
    let Some(availability) = availability else { return };
    let matched = rows_of(&domains.seen, domains.first.len(), availability);
    let mut microsoft_usable = 0u64;
    for (&index, row) in domains.first.iter().zip(matched) {
        let Some(row) = row else {
            report.add(Rule::AvailabilityUnknown, domain_at(index), "no availability row covers this domain");
            continue;
        };
        match row.problem() {
            Some(Unusable::Premium) => report.add(
                Rule::PremiumDomain,
                domain_at(index),
                "is premium: premium domains cannot be ordered through the API",
            ),
            Some(problem) => {
                // Only the documented reasons are quoted: a message holds no text from the input.
                let reason = problem.as_str();
                let message = if UNAVAILABLE_REASONS.contains(&reason) {
                    format!("is not available (availability says `{reason}`)")
                } else {
                    "is not available".to_owned()
                };
                report.add(Rule::DomainUnavailable, domain_at(index), message)
            }
            None if row.serves(&Provider::Microsoft) => microsoft_usable += 1,
            None => {}
        }
    }
    if let Some(required) = required.filter(|r| microsoft_usable < r.microsoft) {
        report.add(
            Rule::MicrosoftSplitUnmet,
            "domains",
            format!("{} domains must be usable for Microsoft, {microsoft_usable} are", required.microsoft),
        );
    }
}

/// The row of each picked name (by its position in `seen`); of several rows
/// for one name, the last, as a map of all rows keeps it.
fn rows_of<'r>(
    seen: &NameMap<'_, usize>,
    picked: usize,
    availability: AvailabilityRows<'r>,
) -> Vec<Option<&'r AvailabilityRow>> {
    let mut matched = vec![None; picked];
    match availability {
        AvailabilityRows::Prepared(prepared) => {
            for (name, &position) in seen {
                if let Some(slot) = matched.get_mut(position) {
                    *slot = prepared.get(name);
                }
            }
        }
        // Only the picked names are indexed: a row's name is looked up as it is
        // (names are mostly sent normalized; normalizing is idempotent, so a hit
        // is the normalized name) and normalized only when that misses.
        AvailabilityRows::Rows(rows) => {
            for row in rows {
                let position =
                    seen.get(row.domain.as_str()).or_else(|| domain_form(&row.domain).and_then(|n| seen.get(&n)));
                if let Some(slot) = position.and_then(|&p| matched.get_mut(p)) {
                    *slot = Some(row);
                }
            }
        }
    }
    matched
}
