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
/// Validation needs only registrable names (`fields::normalize_domain`); this
/// whole ToASCII is what the tests and the hosts' test hook compare with `idna`.
#[cfg(any(test, feature = "test-hooks"))]
pub(crate) fn domain_to_ascii_strict(name: &str) -> Option<String> {
    match scan(name.as_bytes()) {
        Scan::Ascii { .. } => Some(name.to_ascii_lowercase()),
        Scan::Refused => None,
        Scan::NeedsIdna => unicode_to_ascii_strict(name),
    }
}

/// Strict ToASCII of a name the scan could not settle.
pub(crate) fn unicode_to_ascii_strict(name: &str) -> Option<String> {
    #[cfg(feature = "unicode-idna")]
    return idna::domain_to_ascii_strict(name).ok();
    #[cfg(not(feature = "unicode-idna"))]
    return host::to_ascii_strict(name);
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

/// What one pass over a name's bytes settles about strict ToASCII.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scan {
    /// All ASCII, and strict ToASCII refuses it.
    Refused,
    /// All ASCII, and strict ToASCII gives its lowercase form; `registrable`
    /// when that also has two or more labels and a TLD not all digits,
    /// `lowercase` when the name is that form already (no copy needed).
    Ascii { registrable: bool, lowercase: bool },
    /// Not all ASCII, or with an `xn--` label (Punycode, decoded and checked):
    /// IDNA decides.
    NeedsIdna,
}

/// For ASCII input, strict ToASCII (STD3 rules, CheckHyphens, VerifyDnsLength)
/// lowercases and then refuses any byte outside `[a-z0-9-.]`, an empty or
/// over-long label, a leading or trailing hyphen, `--` in a label's third and
/// fourth places, and names over 253 octets. An all-ASCII name is never a
/// bidi domain name, so no other rule applies. No allocation: the caller
/// lowercases a name it keeps.
pub(crate) fn scan(name: &[u8]) -> Scan {
    // Nothing returns Refused before the end: a non-ASCII byte further on
    // sends the whole name to IDNA.
    let (mut labels, mut start, mut digits_only, mut refused) = (0usize, 0usize, true, false);
    let mut lowercase = true;
    for (at, &b) in name.iter().enumerate() {
        match b {
            b'a'..=b'z' | b'-' => digits_only = false,
            b'A'..=b'Z' => (digits_only, lowercase) = (false, false),
            b'0'..=b'9' => {}
            b'.' => {
                match label(name.get(start..at).unwrap_or_default()) {
                    Label::Punycode => return Scan::NeedsIdna,
                    verdict => refused |= verdict == Label::Refused,
                }
                (labels, start, digits_only) = (labels + 1, at + 1, true);
            }
            0x80.. => return Scan::NeedsIdna,
            _ => refused = true,
        }
    }
    match label(name.get(start..).unwrap_or_default()) {
        Label::Punycode => Scan::NeedsIdna,
        verdict if refused || verdict == Label::Refused || name.len() > MAX_DOMAIN_LENGTH => Scan::Refused,
        _ => Scan::Ascii { registrable: labels >= 1 && !digits_only, lowercase },
    }
}

#[derive(PartialEq, Eq)]
enum Label {
    Ok,
    Refused,
    /// `xn--` in any case.
    Punycode,
}

/// One ASCII label's length and hyphens (its bytes are the caller's).
fn label(label: &[u8]) -> Label {
    match label {
        [] => Label::Refused,
        [x, n, b'-', b'-', ..] if x.eq_ignore_ascii_case(&b'x') && n.eq_ignore_ascii_case(&b'n') => Label::Punycode,
        [_, _, b'-', b'-', ..] | [b'-', ..] | [.., b'-'] => Label::Refused,
        _ if label.len() > MAX_LABEL_LENGTH => Label::Refused,
        _ => Label::Ok,
    }
}

#[cfg(test)]
#[path = "idn_tests.rs"]
mod tests;
