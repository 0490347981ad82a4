//! Differential tests: `http_url_host` against `url::Url::parse` (accepted or
//! not, and the host) over the vector corpus, hand-picked edges and
//! generated URLs.

use proptest::prelude::*;
use serde_json::Value;
use url::{Host, Url};

use super::{WebHost, http_url_host};

fn reference(input: &str) -> Option<WebHost> {
    let url = Url::parse(input).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
    Some(match url.host()? {
        Host::Domain(name) => WebHost::Domain(name.to_owned()),
        Host::Ipv4(ip) => WebHost::Ipv4(ip),
        Host::Ipv6(ip) => WebHost::Ipv6(ip),
    })
}

/// Every string of `value`, member names too (the client's tests read them as well).
pub(crate) fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(members) => members.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out);
        }),
        _ => {}
    }
}

/// Every string (member names too) in the shared vectors, and each with
/// `http://` and `https://` put before it.
#[test]
fn vector_corpus_matches_url() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            strings(&serde_json::from_str(&text).unwrap_or(Value::Null), &mut found);
        }
    }
    assert!(found.len() > 1000, "only {} strings in the vectors", found.len());
    let mut accepted = 0;
    for s in &found {
        for input in [s.clone(), format!("http://{s}"), format!("https://{s}/x")] {
            let ours = http_url_host(&input);
            assert_eq!(ours, reference(&input), "{input:?}");
            accepted += usize::from(ours.is_some());
        }
    }
    assert!(accepted > 500, "only {accepted} accepted");
}

const EDGES: &[&str] = &[
    "http://example.com",
    "HTTPS://EXAMPLE.com:443/",
    " \t http://exa\tmple.com \n",
    "http:example.com",
    "http:/\\/\\example.com",
    "http:///example.com",
    "https:",
    "http://",
    "http:///",
    "http://user:pass@example.com:8080/p?q#f",
    "http://user@@example.com",
    "http://a@b@example.com",
    "http://user@/",
    "http://@example.com",
    "http://user@:80/",
    "http://example.com:",
    "http://example.com:65535",
    "http://example.com:65536",
    "http://example.com:0080",
    "http://example.com:8a",
    "http://example.com:80:90",
    "http://example.com\\path",
    "http://example.com?q",
    "http://example.com#frag",
    "http://ex%61mple.com",
    "http://ex%2Emple.com",
    "http://ex%25ample.com",
    "http://ex%zzample.com",
    "http://ex%C3%A4mple.com",
    "http://ex%FFample.com",
    "http://exa mple.com",
    "http://ex<ample.com",
    "http://ex_ample.com",
    "http://münchen.de",
    "http://MÜNCHEN.de",
    "http://xn--mnchen-3ya.de",
    "http://xn--mnchen-3yb.de",
    "http://xn--.de",
    "http://-bad-.com",
    "http://a..b",
    "http://example.com.",
    "http://.",
    "http://..",
    "http://localhost",
    "http://127.0.0.1",
    "http://127.1",
    "http://127.0.1",
    "http://2130706433",
    "http://0x7f000001",
    "http://0X7F.1",
    "http://0177.0.0.1",
    "http://0x",
    "http://0x.0x.0x.0x",
    "http://08.1.1.1",
    "http://1.2.3.4.5",
    "http://1.2.3.4.",
    "http://1.2.3.4..",
    "http://256.1.1.1",
    "http://1.256.1.1",
    "http://1.2.65536",
    "http://4294967295",
    "http://4294967296",
    "http://99999999999999999999",
    "http://1.2.3.x",
    "http://x.1.2.3",
    "http://example.0x1",
    "http://example.09",
    "http://１２７.０.０.１",
    "http://[::1]",
    "http://[::1]:8080/",
    "http://[::]",
    "http://[:::]",
    "http://[::1",
    "http://[::1]x",
    "http://[1:2:3:4:5:6:7:8]",
    "http://[1:2:3:4:5:6:7:8:9]",
    "http://[1:2:3:4:5:6:7::]",
    "http://[::1:2:3:4:5:6:7]",
    "http://[1::2::3]",
    "http://[:1::]",
    "http://[1::2:]",
    "http://[12345::]",
    "http://[::ffff:1.2.3.4]",
    "http://[::ffff:1.2.3]",
    "http://[::ffff:01.2.3.4]",
    "http://[::ffff:0.2.3.4]",
    "http://[::ffff:256.2.3.4]",
    "http://[1:2:3:4:5:6:1.2.3.4]",
    "http://[1:2:3:4:5:6:7:1.2.3.4]",
    "http://[1.2.3.4::]",
    "http://[fe80::1%25eth0]",
    "http://[FFFF::abcd]",
    "http://[::1]]",
    "http://a[b]",
    "ftp://example.com",
    "mailto:a@example.com",
    "javascript:alert(1)",
    "1http://example.com",
    "ht-tp://example.com",
    "//example.com",
    "/relative",
    "",
    "http://\u{200D}.com",
    "http://a\u{200C}b.com",
    "http://\u{05D0}1.com",
    "http://\u{05D0}.\u{0661}.com",
    "http://\u{3002}",
    "http://a\u{3002}b",
    "http://\u{FF41}.com",
    "http://\u{00AD}.com",
    "http://a\u{0000}b.com",
    "http://exa\u{7F}mple.com",
];

#[test]
fn edges_match_url() {
    for input in EDGES {
        assert_eq!(http_url_host(input), reference(input), "{input:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// URL-shaped text: any scheme case, slashes and backslashes, userinfo,
    /// IPv4 in every radix, bracketed hosts, percent escapes, Unicode labels,
    /// ports, then a path, query or fragment.
    #[test]
    fn generated_urls_match_url(input in concat!(
        "[ \\t]?(?i:https?|ftp|h)(:|://|:/\\\\|:\\\\\\\\)",
        "([a-z%@:]{0,6}@)?",
        "((0[xX]?)?[0-9a-fA-F]{0,10}\\.?){0,5}",
        "(\\[[0-9a-f:.]{0,24}\\]?)?",
        "([a-zA-Z0-9\\-._~%]|%[0-9a-fA-F]{2}|[\\u{80}-\\u{3000}]|\\u{200C}|\\u{200D}|\\u{05D0}|\\u{0661}){0,12}",
        "(:[0-9a-z]{0,6})?",
        "([/\\\\?#][ -~]{0,8})?",
    )) {
        prop_assert_eq!(http_url_host(&input), reference(&input), "{:?}", input);
    }

    /// Anything at all.
    #[test]
    fn any_text_matches_url(input in "\\PC{0,40}") {
        let with_scheme = format!("http://{input}");
        prop_assert_eq!(http_url_host(&input), reference(&input));
        prop_assert_eq!(http_url_host(&with_scheme), reference(&with_scheme), "{:?}", with_scheme);
    }
}
