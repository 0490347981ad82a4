//! UTS 46 ToASCII in its strict form (STD3 rules, CheckHyphens, CheckBidi,
//! CheckJoiners, VerifyDnsLength, nontransitional), as `idna` does it: with
//! `idna` (feature `unicode-idna`, the default) or around the host's UTS 46.

#[cfg(any(test, not(feature = "unicode-idna")))]
#[path = "idn_host.rs"]
pub(crate) mod host;

pub(crate) const MAX_DOMAIN_LENGTH: usize = 253;
pub(crate) const MAX_LABEL_LENGTH: usize = 63;

/// The ASCII form of `name`, or `None` where strict ToASCII refuses it:
/// `idna::domain_to_ascii_strict`, with all-ASCII names settled without it.
pub(crate) fn domain_to_ascii_strict(name: &str) -> Option<String> {
    match ascii_fast_path(name) {
        FastPath::Done(ascii) => ascii,
        #[cfg(feature = "unicode-idna")]
        FastPath::NeedsIdna => idna::domain_to_ascii_strict(name).ok(),
        #[cfg(not(feature = "unicode-idna"))]
        FastPath::NeedsIdna => host::to_ascii_strict(name),
    }
}

/// Test hook (not API): the IDNA answers of one input, to compare the hosts'
/// back ends with `idna`'s: strict ToASCII, the host of an http(s) URL (an
/// address as its number in hex) and whether it is an email address.
#[doc(hidden)]
#[cfg(feature = "test-hooks")]
pub fn idna_for_tests(input: &str) -> [Option<String>; 3] {
    use super::web_url::{WebHost, http_url_host};
    let host = http_url_host(input).map(|host| match host {
        WebHost::Domain(name) => name,
        WebHost::Ipv4(ip) => format!("{:x}", u32::from(ip)),
        WebHost::Ipv6(ip) => format!("{:x}", u128::from(ip)),
    });
    let email = super::fields::is_email(input);
    [domain_to_ascii_strict(input), host, email.then(String::new)]
}

/// What UTS 46 strict ToASCII does to an all-ASCII name, without the
/// Unicode tables, or `NeedsIdna` for names it cannot settle.
enum FastPath {
    Done(Option<String>),
    NeedsIdna,
}

/// For ASCII input, strict ToASCII (STD3 rules, CheckHyphens, VerifyDnsLength)
/// lowercases and then refuses any byte outside `[a-z0-9-.]`, an empty or
/// over-long label, a leading or trailing hyphen, and names over 253 octets.
/// An all-ASCII name is never a bidi domain name, so no other rule applies.
/// Labels with `--` in their third and fourth places are left to IDNA: `xn--`
/// ones (any case) are Punycode, decoded and checked; the others are refused.
fn ascii_fast_path(name: &str) -> FastPath {
    if !name.is_ascii() || name.split('.').any(|label| label.get(2..4) == Some("--")) {
        return FastPath::NeedsIdna;
    }
    let ascii = name.to_ascii_lowercase();
    let ldh = |label: &str| is_ldh(label) && !label.starts_with('-') && !label.ends_with('-');
    let valid = ascii.len() <= MAX_DOMAIN_LENGTH && ascii.split('.').all(ldh);
    FastPath::Done(valid.then_some(ascii))
}

/// A label of 1 to 63 lowercase letters, digits and hyphens: STD3 rules and the
/// DNS label length on an ASCII label (where its hyphens may stand is
/// CheckHyphens's, judged by the caller).
fn is_ldh(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= MAX_LABEL_LENGTH
        && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
#[path = "idn_tests.rs"]
mod tests;
