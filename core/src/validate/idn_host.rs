//! What `idna` does around the host's UTS 46 ToASCII (`crate::uts46`): this
//! refuses beforehand the ASCII that strict ToASCII or the URL deny list
//! refuses anyway, so the host never sees `%`, `/`, `@`, `:` and the like, and
//! applies STD3 rules, CheckHyphens and the DNS lengths to the host's result,
//! so that answers equal `idna::domain_to_ascii_strict` and `idna`'s URL
//! domain-to-ASCII (`AsciiDenyList::URL`).

use super::{MAX_DOMAIN_LENGTH, MAX_LABEL_LENGTH};

#[cfg(any(test, feature = "idn-rules"))]
#[path = "idn_rules.rs"]
mod rules;

/// The host's UTS 46 ToASCII, with the rules of `rules` applied to its answer
/// where the build has them (`idn-rules`).
fn host_to_ascii(name: &str) -> Option<String> {
    #[cfg(any(test, feature = "idn-rules"))]
    {
        // UTS 46 maps U+1E9E to U+00DF since Unicode 15.1, Ada 2.9 to `ss`.
        let name = name.replace('\u{1e9e}', "\u{df}");
        let ascii = crate::uts46::host_to_ascii(&name)?;
        rules::labels_ok(&unicode_labels(&ascii)?).then_some(ascii)
    }
    #[cfg(not(any(test, feature = "idn-rules")))]
    crate::uts46::host_to_ascii(name)
}

/// ASCII the URL deny list refuses (`idna::AsciiDenyList::URL`): C0 controls,
/// space, DEL and `%#/:<>?@[\]^|`.
fn url_denied(b: u8) -> bool {
    b <= b' ' || b == 0x7f || b"%#/:<>?@[\\]^|".contains(&b)
}

/// Strict ToASCII (STD3 rules, CheckHyphens, VerifyDnsLength) of a name that
/// needs Unicode IDNA.
pub(crate) fn to_ascii_strict(name: &str) -> Option<String> {
    // STD3 allows no ASCII but letters, digits, hyphens and dots.
    if name.bytes().any(|b| b.is_ascii() && !(b.is_ascii_alphanumeric() || b == b'-' || b == b'.')) {
        return None;
    }
    let ascii = host_to_ascii(name)?;
    let label_ok = |label: &str| {
        is_ldh(label)
            && match label.strip_prefix("xn--") {
                // CheckHyphens looks at the Unicode label.
                Some(punycode) => u_label(punycode).is_some_and(|chars| hyphens_ok(&chars)),
                None => hyphens_ok(&label.chars().collect::<Vec<_>>()),
            }
    };
    (ascii.len() <= MAX_DOMAIN_LENGTH && ascii.split('.').all(label_ok) && a_labels_ok(&ascii)).then_some(ascii)
}

/// A label of 1 to 63 lowercase letters, digits and hyphens: STD3 rules and the
/// DNS label length on an ASCII label (where its hyphens may stand is
/// CheckHyphens's, judged by the caller).
fn is_ldh(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= MAX_LABEL_LENGTH
        && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The Unicode label of an `xn--` label's Punycode, which `idna` (UTS 46 since
/// Unicode 15.1) refuses when it decodes to ASCII only (`xn--abc-`).
fn u_label(punycode: &str) -> Option<Vec<char>> {
    decode_punycode(punycode).filter(|chars| !chars.iter().all(char::is_ascii))
}

/// Whether the `xn--` labels of the host's answer are valid: `idna` decodes and
/// checks every one, where some engines pass ASCII labels through unchecked.
/// Valid means Unicode labels that ToASCII leaves as they are (in NFC, with
/// valid code points only) and the whole name keeping the bidi and joiner
/// rules: the engine's own checks, on the name with those labels decoded.
fn a_labels_ok(ascii: &str) -> bool {
    if !ascii.split('.').any(|label| label.starts_with("xn--")) {
        return true;
    }
    let unicode =
        unicode_labels(ascii).map(|labels| labels.iter().map(|label| label.iter().collect()).collect::<Vec<String>>());
    unicode.is_some_and(|labels| host_to_ascii(&labels.join(".")).as_deref() == Some(ascii))
}

/// The labels of an ASCII name with its `xn--` labels decoded, or `None`
/// where one does not decode to non-ASCII.
fn unicode_labels(ascii: &str) -> Option<Vec<Vec<char>>> {
    ascii
        .split('.')
        .map(|label| match label.strip_prefix("xn--") {
            Some(punycode) => u_label(punycode),
            None => Some(label.chars().collect()),
        })
        .collect()
}

/// CheckHyphens: no `-` first, last, or in both the third and fourth places.
fn hyphens_ok(label: &[char]) -> bool {
    label.first() != Some(&'-') && label.last() != Some(&'-') && label.get(2..4) != Some(&['-', '-'])
}

/// Domain-to-ASCII as URL host parsing does it (`idna::AsciiDenyList::URL`,
/// hyphens allowed, no DNS lengths), of a percent-decoded host.
pub(crate) fn to_ascii_url(host: &str) -> Option<String> {
    if host.bytes().any(url_denied) {
        return None;
    }
    let needs_idna =
        !host.is_ascii() || host.split('.').any(|label| label.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--")));
    if !needs_idna {
        return Some(host.to_ascii_lowercase());
    }
    host_to_ascii(host).filter(|ascii| !ascii.bytes().any(url_denied) && a_labels_ok(ascii))
}

/// RFC 3492 Punycode decoding of the part after `xn--`, or `None` when it is
/// not valid Punycode. Not `idna::punycode::decode`: in the form module that
/// one costs 3.5 KB gzip more (its generic decoder and smallvec).
fn decode_punycode(input: &str) -> Option<Vec<char>> {
    const BASE: u32 = 36;
    // Basic code points come before the last delimiter; one at the start
    // delimits none, so the digits start there (and `-` is not a digit).
    let (basic, deltas) = match input.rfind('-') {
        Some(at) if at > 0 => (input.get(..at)?, input.get(at + 1..)?),
        _ => ("", input),
    };
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = deltas.bytes().peekable();
    while digits.peek().is_some() {
        let (old_i, mut weight, mut k) = (i, 1u32, BASE);
        loop {
            let digit = match digits.next()? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let t = k.saturating_sub(bias).clamp(1, 26);
            if digit < t {
                break;
            }
            weight = weight.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = u32::try_from(out.len()).ok()? + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
        i += 1;
    }
    Some(out)
}

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > 455 {
        delta /= 35;
        k += 36;
    }
    k + 36 * delta / (delta + 38)
}

#[cfg(test)]
#[path = "idn_host_tests.rs"]
mod tests;
