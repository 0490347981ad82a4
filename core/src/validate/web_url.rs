//! Whether text is an absolute `http`/`https` URL, and its host: the WHATWG URL
//! parser's answer (what `url::Url::parse` gives) for these two schemes without
//! `url`'s code, which a browser form would otherwise download. Host names go
//! through the same `idna` call as in `url` (or, without the `unicode-idna`
//! feature, the host's UTS 46: `validate/idn_host.rs`); only the parts around it are here.

use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};

use percent_encoding::percent_decode_str;

/// The host of an http(s) URL, as the URL parser leaves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum WebHost {
    /// A domain name, in its ASCII (IDNA) form.
    Domain(String),
    Ipv4(Ipv4Addr),
    Ipv6(Ipv6Addr),
}

/// The host of `input` when it is an absolute `http` or `https` URL, else `None`.
pub(crate) fn http_url_host(input: &str) -> Option<WebHost> {
    let input = url_text(input);
    let (scheme, rest) = input.split_once(':')?;
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok || !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    // Special schemes skip any run of slashes and backslashes before the authority.
    let rest = rest.trim_start_matches(['/', '\\']);
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
    // Userinfo ends at the last `@`; an empty host after it is refused below.
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, after)| after);
    let (host, port) = split_port(host_and_port);
    if host.is_empty() || !port.is_none_or(valid_port) {
        return None;
    }
    parse_host(host)
}

/// What the URL parser reads of `input`: trimmed of C0 controls and spaces,
/// without any tab or newline (copied only when it holds one).
pub(crate) fn url_text(input: &str) -> Cow<'_, str> {
    let input = input.trim_matches(|c: char| c <= ' ');
    if input.contains(['\t', '\n', '\r']) {
        input.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect::<String>().into()
    } else {
        input.into()
    }
}

/// Splits at the first `:` outside brackets.
pub(crate) fn split_port(host_and_port: &str) -> (&str, Option<&str>) {
    let mut inside_brackets = false;
    for (at, c) in host_and_port.char_indices() {
        match c {
            '[' => inside_brackets = true,
            ']' => inside_brackets = false,
            ':' if !inside_brackets => {
                return (host_and_port.get(..at).unwrap_or_default(), host_and_port.get(at + 1..));
            }
            _ => {}
        }
    }
    (host_and_port, None)
}

/// Digits only (none is allowed), at most 65535.
fn valid_port(port: &str) -> bool {
    port.bytes().all(|b| b.is_ascii_digit())
        && port.bytes().try_fold(0u32, |n, b| Some(n * 10 + u32::from(b - b'0')).filter(|n| *n <= 65535)).is_some()
}

/// The WHATWG host parser for special schemes.
pub(crate) fn parse_host(host: &str) -> Option<WebHost> {
    if let Some(inner) = host.strip_prefix('[') {
        return parse_ipv6(inner.strip_suffix(']')?).map(WebHost::Ipv6);
    }
    let decoded: Cow<'_, [u8]> = percent_decode_str(host).into();
    #[cfg(feature = "unicode-idna")]
    let domain = idna::domain_to_ascii_from_cow(decoded, idna::AsciiDenyList::URL).ok()?;
    // idna reads bytes that are not UTF-8 as U+FFFD, which it refuses.
    #[cfg(not(feature = "unicode-idna"))]
    let domain = Cow::<str>::Owned(super::idn::host::to_ascii_url(std::str::from_utf8(&decoded).ok()?)?);
    if domain.is_empty() {
        return None;
    }
    if ends_in_a_number(&domain) {
        parse_ipv4(&domain).map(WebHost::Ipv4)
    } else {
        Some(WebHost::Domain(domain.into_owned()))
    }
}

/// Whether the last label (a trailing empty one aside) is a number, which
/// makes the whole host an IPv4 address or invalid.
fn ends_in_a_number(domain: &str) -> bool {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    let last = domain.rsplit('.').next().unwrap_or_default();
    (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit())) || ipv4_number(last).is_some()
}

/// One part of an IPv4 address: decimal, octal (leading `0`) or hex (`0x`);
/// `Some(None)` when it is a number too big for 32 bits.
fn ipv4_number(part: &str) -> Option<Option<u32>> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) = match part.get(..2) {
        Some("0x" | "0X") => (part.get(2..).unwrap_or_default(), 16),
        _ if part.len() >= 2 && part.starts_with('0') => (part.get(1..).unwrap_or_default(), 8),
        _ => (part, 10),
    };
    if digits.is_empty() {
        return Some(Some(0));
    }
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    Some(u32::from_str_radix(digits, radix).ok())
}

/// The WHATWG IPv4 parser: one to four numbers, each but the last a byte.
fn parse_ipv4(domain: &str) -> Option<Ipv4Addr> {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    let numbers: Vec<u32> = domain.split('.').map(|part| ipv4_number(part).flatten()).collect::<Option<_>>()?;
    let (last, init) = numbers.split_last()?;
    if init.len() > 3 || init.iter().any(|n| *n > 255) || u64::from(*last) >= 1u64 << (8 * (4 - init.len())) {
        return None;
    }
    let high = init.iter().enumerate().fold(0u32, |ip, (i, n)| ip | n << (8 * (3 - i)));
    Some(Ipv4Addr::from(high | last))
}

/// The WHATWG IPv6 parser: eight hex pieces of up to four digits, one `::`
/// standing for a run of zero pieces, an IPv4 address (no leading zeros) in
/// the last two.
fn parse_ipv6(text: &str) -> Option<Ipv6Addr> {
    let (head, tail) = match text.split_once("::") {
        Some((head, tail)) => (head, Some(tail)),
        None => (text, None),
    };
    let pieces = |part: &str, allow_v4: bool| -> Option<Vec<u16>> {
        if part.is_empty() {
            return Some(Vec::new());
        }
        let groups: Vec<&str> = part.split(':').collect();
        let mut out = Vec::new();
        for (i, group) in groups.iter().enumerate() {
            if allow_v4 && i + 1 == groups.len() && group.contains('.') {
                let [a, b, c, d] = ipv4_in_ipv6(group)?.octets();
                out.extend([u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d])]);
            } else if (1..=4).contains(&group.len()) && group.bytes().all(|b| b.is_ascii_hexdigit()) {
                out.push(u16::from_str_radix(group, 16).ok()?);
            } else {
                return None;
            }
        }
        Some(out)
    };
    let mut all = pieces(head, tail.is_none())?;
    match tail {
        None if all.len() == 8 => {}
        None => return None,
        Some(tail) => {
            let tail = pieces(tail, true)?;
            if all.len() + tail.len() > 7 {
                return None;
            }
            all.resize(8 - tail.len(), 0);
            all.extend(tail);
        }
    }
    let pieces: [u16; 8] = all.try_into().ok()?;
    Some(Ipv6Addr::from(pieces))
}

/// Four decimal bytes, no leading zeros.
fn ipv4_in_ipv6(text: &str) -> Option<Ipv4Addr> {
    let parts: Vec<u8> = text
        .split('.')
        .map(|p| {
            let ok = !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p == "0" || !p.starts_with('0'));
            if ok { p.parse().ok() } else { None }
        })
        .collect::<Option<_>>()?;
    let octets: [u8; 4] = parts.try_into().ok()?;
    Some(Ipv4Addr::from(octets))
}

#[cfg(test)]
#[path = "web_url_tests.rs"]
pub(crate) mod tests;
