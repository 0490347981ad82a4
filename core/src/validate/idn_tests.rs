//! Differential tests: this module against `idna::domain_to_ascii_strict`.

use super::{FastPath, ascii_fast_path, domain_to_ascii_strict};

fn reference(name: &str) -> Option<String> {
    idna::domain_to_ascii_strict(name).ok()
}

/// Every string of up to six bytes over an alphabet that reaches each branch
/// of the ASCII rules (case, digits, hyphens, dots, a denied byte, `xn--`).
#[test]
fn ascii_names_match_idna_exhaustively() {
    const ALPHABET: &[u8] = b"aZ0-._xn";
    let mut settled = 0;
    let mut name = Vec::new();
    for len in 0..=6u32 {
        for mut n in 0..ALPHABET.len().pow(len) {
            name.clear();
            for _ in 0..len {
                name.push(ALPHABET[n % ALPHABET.len()]);
                n /= ALPHABET.len();
            }
            let name = std::str::from_utf8(&name).unwrap();
            if let FastPath::Done(ascii) = ascii_fast_path(name) {
                assert_eq!(ascii, reference(name), "{name:?}");
                settled += 1;
            }
            assert_eq!(domain_to_ascii_strict(name), reference(name), "{name:?}");
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
