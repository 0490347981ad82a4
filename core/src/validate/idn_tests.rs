//! Differential tests: this module against `idna::domain_to_ascii_strict`.

use proptest::prelude::*;

use super::super::fields::{is_domain, normalize_domain};
use super::{Scan, domain_to_ascii_strict, scan};

fn reference(name: &str) -> Option<String> {
    idna::domain_to_ascii_strict(name).ok()
}

/// `normalize_domain` as it was before the scan: trimmed, then strict ToASCII
/// by `idna` for every name, then two or more labels and a TLD not all digits.
fn reference_domain(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() || name.ends_with('.') || name.contains(|c: char| c.is_whitespace() || "/:@".contains(c)) {
        return None;
    }
    let ascii = reference(name)?;
    let labels: Vec<&str> = ascii.split('.').collect();
    let tld_ok = labels.last().is_some_and(|tld| !tld.bytes().all(|b| b.is_ascii_digit()));
    (labels.len() >= 2 && tld_ok).then_some(ascii)
}

/// The scan's answer, as strict ToASCII's, when it settles the name.
fn settled(name: &str) -> Option<Option<String>> {
    match scan(name.as_bytes()) {
        Scan::Ascii { lowercase, .. } => {
            assert_eq!(lowercase, !name.bytes().any(|b| b.is_ascii_uppercase()), "{name:?}");
            Some(Some(name.to_ascii_lowercase()))
        }
        Scan::Refused => Some(None),
        Scan::NeedsIdna => None,
    }
}

fn check(name: &str) {
    assert_eq!(domain_to_ascii_strict(name), reference(name), "{name:?}");
    let domain = reference_domain(name);
    assert_eq!(normalize_domain(name), domain, "{name:?}");
    assert_eq!(is_domain(name), domain.is_some(), "{name:?}");
}

/// Every string of up to six bytes over an alphabet that reaches each branch
/// of the ASCII rules (case, digits, hyphens, dots, a denied byte, `xn--`).
#[test]
fn ascii_names_match_idna_exhaustively() {
    const ALPHABET: [char; 8] = ['a', 'Z', '0', '-', '.', '_', 'x', 'n'];
    let mut settled_names = 0;
    let mut name = String::new();
    for len in 0..=6u32 {
        for mut n in 0..ALPHABET.len().pow(len) {
            name.clear();
            for _ in 0..len {
                name.extend(ALPHABET.get(n % ALPHABET.len()));
                n /= ALPHABET.len();
            }
            if let Some(ascii) = settled(&name) {
                assert_eq!(ascii, reference(&name), "{name:?}");
                settled_names += 1;
            }
            check(&name);
        }
    }
    assert!(settled_names > 200_000, "the scan settled only {settled_names} names");
}

/// Lengths around the DNS limits: 63/64-octet labels, 253/254-octet names.
#[test]
fn ascii_lengths_match_idna() {
    for label in [1, 62, 63, 64] {
        for labels in 1..=5 {
            let name = vec!["A".repeat(label); labels].join(".");
            assert!(settled(&name).is_some());
            check(&name);
        }
    }
    for total in 250..=256 {
        let head = "b".repeat(63);
        let mut name = [head.as_str(), head.as_str(), head.as_str()].join(".");
        name.push('.');
        name.push_str(&"c".repeat(total - name.len()));
        assert_eq!(name.len(), total);
        check(&name);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Any ASCII (control bytes, punctuation, `xn--` labels of any case) up to
    /// past the 253-octet limit, in labels short and long.
    #[test]
    fn any_ascii_matches_idna(name in "([\\x00-\\x7f]{0,70}\\.){0,5}[\\x00-\\x7f]{0,70}") {
        check(&name);
    }

    /// Names that are mostly valid, so that acceptance is exercised too.
    #[test]
    fn ldh_ascii_matches_idna(name in "(([Xx][Nn]--)?[a-zA-Z0-9-]{1,64}\\.){1,5}[a-zA-Z0-9-]{1,64}") {
        check(&name);
    }

    /// Registrable-looking names as users type them: case, spaces around,
    /// hyphens in every place, numeric TLDs, a trailing dot, a non-ASCII
    /// letter now and then (which the scan leaves to IDNA).
    #[test]
    fn typed_names_match_idna(name in "[ \\t]?([a-zA-Z0-9]{0,3}-{0,2}[a-zA-Z0-9é]{0,3}\\.){1,3}[a-zA-Z0-9-]{0,4}\\.?[ \\n]?") {
        check(&name);
    }
}
