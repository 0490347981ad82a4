//! Differential tests: the checks around a host's UTS 46 against `idna`, with
//! an engine standing in for the host that does what WHATWG URL host parsing
//! does in Ada 2.9 (Node 20) short of its old tables: UTS 46 mapping and NFC
//! (ICU4X, the data `idna` reads), `xn--` labels checked, Punycode, and no
//! CheckBidi, CheckJoiners or leading-mark rule, so the core's rules
//! (`idn_rules.rs`) are what these tests compare. The JavaScript engines' own
//! UTS 46 is compared in the wasm tests (bindings-wasm/test/*idna*).

use icu_normalizer::uts46::Uts46MapperBorrowed;
use idna::uts46::AsciiDenyList;
use proptest::prelude::*;

use super::super::{Scan, scan};
use super::{decode_punycode, to_ascii_strict, to_ascii_url};

/// The stand-in engine described above: `None` where a code point is
/// disallowed or an `xn--` label is not valid Punycode of a mapped label.
fn engine_without_rules(name: &str) -> Option<String> {
    let mapper = Uts46MapperBorrowed::new();
    let map = |text: &str| mapper.map_normalize(text.chars()).collect::<String>();
    let mapped = map(name);
    let label = |label: &str| match label.strip_prefix("xn--") {
        Some(punycode) => {
            let unicode = idna::punycode::decode_to_string(punycode)?;
            (!unicode.is_ascii() && map(&unicode) == unicode).then(|| label.to_owned())
        }
        None if label.is_ascii() => Some(label.to_owned()),
        None => Some(format!("xn--{}", idna::punycode::encode_str(label)?)),
    };
    let labels = mapped.split('.').map(label).collect::<Option<Vec<_>>>()?;
    (!mapped.contains('\u{fffd}')).then(|| labels.join("."))
}

fn host_strict(name: &str) -> Option<String> {
    crate::uts46::set_to_ascii(engine_without_rules);
    match scan(name.as_bytes()) {
        Scan::Ascii { .. } => Some(name.to_ascii_lowercase()),
        Scan::Refused => None,
        Scan::NeedsIdna => to_ascii_strict(name),
    }
}

fn host_url(host: &str) -> Option<String> {
    crate::uts46::set_to_ascii(engine_without_rules);
    to_ascii_url(host)
}

pub(super) fn check(name: &str) {
    assert_eq!(
        host_strict(name),
        idna::domain_to_ascii_strict(name).ok(),
        "strict {:?}",
        name.escape_unicode().to_string()
    );
    let url = idna::domain_to_ascii_from_cow(name.as_bytes().into(), AsciiDenyList::URL).ok();
    assert_eq!(host_url(name), url.map(|c| c.into_owned()), "url {:?}", name.escape_unicode().to_string());
}

#[test]
fn every_code_point_below_u_3100_matches_idna_in_three_places() {
    for c in (0..0x3100u32).filter_map(char::from_u32) {
        for name in [format!("{c}"), format!("a{c}b.example"), format!("ab-{c}.xn--bcher-kva")] {
            check(&name);
        }
    }
}

#[test]
fn adversarial_names_match_idna() {
    let long = "\u{e9}".repeat(60);
    for name in [
        "b\u{fc}cher.de",
        "B\u{dc}CHER.DE",
        "xn--bcher-kva.de",
        "XN--BCHER-KVA.de",
        "xn--bcher-kva-.de",
        "xn--.de",
        "xn--a.de",
        "xn--abc-.de",
        "xn--zz-.de",
        "-\u{e9}.de",
        "\u{e9}-.de",
        "\u{e9}\u{e9}--x.de",
        "ab--\u{e9}.de",
        "a\u{200d}b.de",
        "\u{915}\u{94d}\u{200d}.de",
        "\u{915}\u{94d}\u{200c}.de",
        "\u{628}\u{200c}\u{628}.de",
        "\u{5d0}\u{5d1}.de",
        "\u{5d0}1.de",
        "1\u{5d0}.de",
        "\u{5d0}.a\u{300}",
        "\u{627}\u{661}\u{6f1}.de",
        "faß.de",
        "ς.de",
        "\u{ff41}\u{3002}de",
        "a\u{ff0e}b\u{ff61}c",
        "\u{ff11}\u{ff12}\u{ff13}.\u{ff14}",
        "\u{ff05}41.de",
        "a\u{ff3f}b.de",
        "a\u{2024}b.de",
        "\u{2488}.de",
        "\u{e9}.de.",
        "\u{e9}..de",
        ".\u{e9}.de",
        "\u{e9}",
        "\u{300}a.de",
        "\u{fe0f}.de",
        "\u{fffd}.de",
        "\u{10ffff}.de",
        "\u{1f600}.de",
        "\u{e9}.xn--",
        "\u{e9}.xn--ls8h",
        "\u{e9}.xn--mnich-kva",
        "xn--mnchen-3ya.\u{e9}",
        "\u{130}.de",
        "\u{212a}.de",
    ] {
        check(name);
    }
    for len in [50, 60, 61, 62, 63, 64] {
        check(&format!("{}.de", "\u{e9}".repeat(len)));
        check(&format!("{}.\u{e9}", "a".repeat(len)));
    }
    for total in 248..=256 {
        let head = "a".repeat(total - 3 - 4);
        let name: String =
            head.as_bytes().chunks(60).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(".");
        check(&format!("{name}.\u{e9}.de"));
        check(&format!("{name}.\u{e9}.de."));
    }
    check(&format!("{long}.de"));
}

#[test]
fn punycode_decodes_rfc_3492_samples() {
    let decode = |s: &str| decode_punycode(s).map(|chars| chars.into_iter().collect::<String>());
    assert_eq!(decode("bcher-kva").as_deref(), Some("b\u{fc}cher"));
    assert_eq!(decode("ls8h").as_deref(), Some("\u{1f4a9}"));
    assert_eq!(
        decode("egbpdaj6bu4bxfgehfvwxn").as_deref(),
        Some(
            "\u{644}\u{64a}\u{647}\u{645}\u{627}\u{628}\u{62a}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64a}\u{61f}"
        )
    );
    assert_eq!(decode("abc-"), Some("abc".to_owned()));
    // A delimiter first delimits no basic code points (RFC 3492 6.2), as idna reads it.
    for input in ["-abc", "-", "-ls8h", "a-ls8h"] {
        assert_eq!(decode(input), idna::punycode::decode_to_string(input), "{input}");
    }
    assert_eq!(decode("a!"), None);
    assert_eq!(decode("99999999999999"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]
    #[test]
    fn mixed_names_match_idna(name in "([a-zA-Z0-9\\-\\u{e0}-\\u{ff}\\u{5d0}-\\u{5ea}\\u{627}-\\u{63a}\\u{300}-\\u{30f}\\u{200c}\\u{200d}\\u{ff0e}\\u{3002}\\.]{0,12}\\.){0,4}(xn--)?[a-z0-9\\-\\u{e0}-\\u{ff}\\u{915}-\\u{94d}\\u{200c}\\u{200d}]{0,12}") {
        check(&name);
    }

    #[test]
    fn any_short_text_matches_idna(name in "\\PC{0,16}") {
        check(&name);
    }
}
