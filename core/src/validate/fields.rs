//! Single-value checks: domain names (IDNA), emails, URLs, ids.

use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::Value;

use super::idn::{self, Scan};
use super::walk::{Path, text, trim};
use super::web_url::{WebHost, http_url_host};
use super::{Report, Rule};
use crate::error::ViolationPath;

use super::idn::{MAX_DOMAIN_LENGTH, MAX_LABEL_LENGTH};
const MAX_EMAIL_LOCAL_LENGTH: usize = 64;
const MAX_ID_LENGTH: usize = 128;

/// A registrable domain name in its ASCII (IDNA) lowercase form, or `None`
/// when it is not one: at least two labels, letters/digits/hyphens only after
/// IDNA, no label over 63 characters, not an IP address.
pub fn normalize_domain(name: &str) -> Option<String> {
    domain_form(name).map(Cow::into_owned)
}

/// [`normalize_domain`], borrowing the (trimmed) name when it is already in
/// that form, as most names are: no copy for the validators' maps of names.
pub(crate) fn domain_form(name: &str) -> Option<Cow<'_, str>> {
    let name = trim(name);
    match idn::scan(name.as_bytes()) {
        Scan::Ascii { registrable: false, .. } | Scan::Refused => None,
        Scan::Ascii { registrable: true, lowercase: true } => Some(Cow::Borrowed(name)),
        Scan::Ascii { registrable: true, lowercase: false } => Some(Cow::Owned(name.to_ascii_lowercase())),
        Scan::NeedsIdna => unicode_domain(name).map(Cow::Owned),
    }
}

/// Whether [`normalize_domain`] accepts `name`, without allocating for an
/// ASCII one.
pub(crate) fn is_domain(name: &str) -> bool {
    let name = trim(name);
    match idn::scan(name.as_bytes()) {
        Scan::Ascii { registrable, .. } => registrable,
        Scan::Refused => false,
        Scan::NeedsIdna => unicode_domain(name).is_some(),
    }
}

/// [`normalize_domain`] of a trimmed name that the ASCII scan left to IDNA.
fn unicode_domain(name: &str) -> Option<String> {
    if name.is_empty() || name.ends_with('.') || name.contains(|c: char| c.is_whitespace() || "/:@".contains(c)) {
        return None;
    }
    let ascii = idn::unicode_to_ascii_strict(name)?;
    let labels: Vec<&str> = ascii.split('.').collect();
    let well_formed = ascii.len() <= MAX_DOMAIN_LENGTH
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.len() <= MAX_LABEL_LENGTH)
        && labels.last().is_some_and(|tld| !tld.bytes().all(|b| b.is_ascii_digit()));
    well_formed.then_some(ascii)
}

/// A domain name member: its normalized form, or `invalid_domain` (the
/// message does not quote the value: see the module docs of `validate`).
pub(crate) fn domain<'a>(value: &'a Value, path: Path<'_>, report: &mut Report) -> Option<Cow<'a, str>> {
    let name = text(value, path, report)?;
    let normalized = domain_form(name);
    if normalized.is_none() {
        report.add(
            Rule::InvalidDomain,
            path,
            "is not a valid domain name (two or more labels of letters, digits and hyphens, IDNA allowed)",
        );
    }
    normalized
}

/// `duplicate` at `path` for an item first seen at `first`.
pub(crate) fn duplicate(path: Path<'_>, first: Path<'_>, report: &mut Report) {
    report.add(
        Rule::Duplicate,
        path,
        format!("is the same domain as `{}` (names compare after IDNA, ignoring case)", first.into_path()),
    );
}

/// Whether `address` looks like a deliverable email address. Deliberately
/// plain: one `@`, a sane local part, and a valid domain name.
pub(crate) fn is_email(address: &str) -> bool {
    let Some((local, host)) = address.rsplit_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.len() <= MAX_EMAIL_LOCAL_LENGTH
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        // Bytes: each byte of a non-ASCII character is non-ASCII too.
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b) || !b.is_ascii());
    local_ok && is_domain(host)
}

pub(crate) fn email(value: &Value, path: Path<'_>, report: &mut Report) {
    if text(value, path, report).is_some_and(|address| !is_email(address)) {
        report.add(Rule::InvalidEmail, path, "is not an email address");
    }
}

/// An absolute `http`/`https` URL's host, or `invalid_url`.
pub(crate) fn web_url(value: &Value, path: Path<'_>, report: &mut Report) -> Option<WebHost> {
    let raw = text(value, path, report)?;
    let host = http_url_host(raw);
    if host.is_none() {
        report.add(Rule::InvalidUrl, path, "must be an absolute http or https URL");
    }
    host
}

/// Whether a picture URL can be fetched by Peeker from the internet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picture {
    /// A host name or a public IP address.
    Public,
    /// localhost, a private, loopback, link-local or otherwise unroutable address.
    NotPublic,
}

impl Picture {
    /// Judges the host of an absolute `http`/`https` URL alone (no DNS
    /// lookup: the core does no I/O); any other text is `NotPublic`.
    pub fn of(url: &str) -> Picture {
        http_url_host(url).map_or(Picture::NotPublic, |host| Picture::of_host(&host))
    }

    /// [`Picture::of`] for a host from the core's own URL check.
    pub(crate) fn of_host(host: &WebHost) -> Picture {
        let public = match host {
            WebHost::Domain(name) => {
                // `localhost.` is `localhost`: a trailing dot only makes a name absolute.
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                !(name == "localhost"
                    || name.ends_with(".localhost")
                    || name.ends_with(".local")
                    || name.ends_with(".internal"))
            }
            WebHost::Ipv4(ip) => is_public_v4(*ip),
            WebHost::Ipv6(ip) => is_public_v6(*ip),
        };
        if public { Picture::Public } else { Picture::NotPublic }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    let shared = a == 100 && (64..128).contains(&b); // 100.64.0.0/10, carrier-grade NAT
    let benchmarking = a == 198 && (b == 18 || b == 19); // 198.18.0.0/15
    let reserved = a >= 240; // 240.0.0.0/4 (and the broadcast address)
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_multicast()
        || shared
        || benchmarking
        || reserved)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped().or_else(|| embedded_v4(ip)) {
        return is_public_v4(v4);
    }
    let first = ip.segments().first().copied().unwrap_or_default();
    if ip.is_multicast() {
        return false;
    }
    let unique_local = first & 0xfe00 == 0xfc00;
    let link_local = first & 0xffc0 == 0xfe80;
    !(ip.is_loopback() || ip.is_unspecified() || unique_local || link_local)
}

/// The IPv4 address a NAT64 (`64:ff9b::/96`) or 6to4 (`2002::/16`) address
/// reaches: it is as public as that address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let octets = ip.octets();
    let (nat64, six_to_four) =
        (octets.starts_with(&[0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]), octets.starts_with(&[0x20, 0x02]));
    let take = |from: usize| -> Option<Ipv4Addr> {
        let four: [u8; 4] = octets.get(from..from + 4)?.try_into().ok()?;
        Some(Ipv4Addr::from(four))
    };
    if nat64 {
        take(12)
    } else if six_to_four {
        take(2)
    } else {
        None
    }
}

/// Whether `id` is `<prefix>` followed by 1..128 letters, digits, `_` or `-`.
pub(crate) fn is_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|rest| {
        !rest.is_empty()
            && rest.len() <= MAX_ID_LENGTH
            && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    })
}

/// Ids given back to the API (path ids, filters) are opaque after their
/// prefix: anything but whitespace and control characters (which HTTP
/// stacks drop silently) goes, percent-encoded in paths.
pub(crate) fn is_opaque_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|rest| !rest.is_empty() && !rest.chars().any(|c| c.is_whitespace() || c.is_control()))
}

/// An id member with the given prefix (`bun_`, `dom_`, ...), or `invalid_id`.
pub(crate) fn id<'a>(value: &'a Value, path: Path<'_>, prefix: &str, report: &mut Report) -> Option<&'a str> {
    let id = text(value, path, report)?;
    if !is_id(id, prefix) {
        report.add(Rule::InvalidId, path, format!("must be an id starting with `{prefix}`"));
        return None;
    }
    Some(id)
}
