//! Differential tests: this module against `idna::domain_to_ascii_strict`.

use proptest::prelude::*;

use super::{FastPath, ascii_fast_path, domain_to_ascii_strict};

fn reference(name: &str) -> Option<String> {
    idna::domain_to_ascii_strict(name).ok()
}

/// Every string of up to six bytes over an alphabet that reaches each branch
/// of the ASCII rules (case, digits, hyphens, dots, a denied byte, `xn--`).
#[test]
fn ascii_names_match_idna_exhaustively() {
    const ALPHABET: [char; 8] = ['a', 'Z', '0', '-', '.', '_', 'x', 'n'];
    let mut settled = 0;
    let mut name = String::new();
    for len in 0..=6u32 {
        for mut n in 0..ALPHABET.len().pow(len) {
            name.clear();
            for _ in 0..len {
                name.extend(ALPHABET.get(n % ALPHABET.len()));
                n /= ALPHABET.len();
            }
            if let FastPath::Done(ascii) = ascii_fast_path(&name) {
                assert_eq!(ascii, reference(&name), "{name:?}");
                settled += 1;
            }
            assert_eq!(domain_to_ascii_strict(&name), reference(&name), "{name:?}");
        }
    }
    assert!(settled > 200_000, "the fast path settled only {settled} names");
}

/// Lengths around the DNS limits: 63/64-octet labels, 253/254-octet names.
#[test]
fn ascii_lengths_match_idna() {
    for label in [1, 62, 63, 64] {
        for labels in 1..=5 {
            let name = vec!["A".repeat(label); labels].join(".");
            assert!(matches!(ascii_fast_path(&name), FastPath::Done(_)));
            assert_eq!(domain_to_ascii_strict(&name), reference(&name), "{label} x {labels}");
        }
    }
    for total in 250..=256 {
        let head = "b".repeat(63);
        let mut name = [head.as_str(), head.as_str(), head.as_str()].join(".");
        name.push('.');
        name.push_str(&"c".repeat(total - name.len()));
        assert_eq!(name.len(), total);
        assert_eq!(domain_to_ascii_strict(&name), reference(&name), "{total}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Any ASCII (control bytes, punctuation, `xn--` labels of any case) up to
    /// past the 253-octet limit, in labels short and long.
    #[test]
    fn any_ascii_matches_idna(name in "([\\x00-\\x7f]{0,70}\\.){0,5}[\\x00-\\x7f]{0,70}") {
        prop_assert_eq!(domain_to_ascii_strict(&name), reference(&name));
    }

    /// Names that are mostly valid, so that acceptance is exercised too.
    #[test]
    fn ldh_ascii_matches_idna(name in "(([Xx][Nn]--)?[a-zA-Z0-9-]{1,64}\\.){1,5}[a-zA-Z0-9-]{1,64}") {
        prop_assert_eq!(domain_to_ascii_strict(&name), reference(&name));
    }
}
