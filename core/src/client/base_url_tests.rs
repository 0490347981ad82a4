//! Differential tests: the base URL, request URLs and `links.next` against the
//! `url` 2.5 calls they replace (the reference below), over the shared vectors'
//! client cases and strings, hand-picked edges and generated text.

use proptest::prelude::*;
use serde_json::Value;
use url::Url;

use super::{BaseUrl, LinkRefusal};
use crate::contract::DEFAULT_BASE_URL;
use crate::error::{Code, Error};
use crate::validate::web_url::tests::strings;

/// The code this module replaces (commit a0e44ff), `url` doing the parsing.
mod reference {
    use url::{Host, Url};

    use super::LinkRefusal;
    use crate::contract::DEFAULT_BASE_URL;
    use crate::error::{Code, Error, Result};

    pub(super) fn parse_base_url(raw: &str) -> Result<Url> {
        let invalid =
            |why: &str| Error::new(Code::InvalidBaseUrl, format!("the base URL {why} (default: {DEFAULT_BASE_URL})"));
        let mut url = Url::parse(raw.trim()).map_err(|_| invalid("is not an absolute URL"))?;
        if url.host().is_none() || url.cannot_be_a_base() {
            return Err(invalid("has no host"));
        }
        if !(url.scheme() == "https" || url.scheme() == "http" && is_loopback(&url)) {
            return Err(invalid(
                "must use https (http only on this machine: localhost, 127.0.0.0/8, [::1]): every request carries the API key",
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("must not hold credentials"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("must not have a query or a fragment"));
        }
        let trimmed = url.path().trim_end_matches('/').to_owned();
        url.set_path(&trimmed);
        Ok(url)
    }

    fn is_loopback(url: &Url) -> bool {
        match url.host() {
            Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            Some(Host::Ipv4(ip)) => ip.is_loopback(),
            Some(Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        }
    }

    pub(super) fn request_url(base: &Url, segments: &[&str], query: &[(&str, String)]) -> Option<String> {
        let mut url = base.clone();
        url.path_segments_mut().ok()?.pop_if_empty().extend(segments);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Some(url.into())
    }

    pub(super) fn resolve_link(base: &Url, link: &str) -> std::result::Result<String, LinkRefusal> {
        let base_path = base.path().trim_end_matches('/');
        let mut directory = base.clone();
        directory.set_path(&format!("{base_path}/"));
        let mut url = directory.join(link).map_err(|_| LinkRefusal::NotAUrl)?;
        url.set_fragment(None);
        let path = url.path();
        let under_base = path == base_path || path.strip_prefix(base_path).is_some_and(|rest| rest.starts_with('/'));
        let credentials = !url.username().is_empty() || url.password().is_some();
        if url.origin() != base.origin() || credentials || !under_base {
            return Err(LinkRefusal::Outside);
        }
        Ok(url.into())
    }
}

fn message(result: Result<String, Error>) -> Result<String, (Code, String)> {
    result.map_err(|e| (e.code, e.message))
}

/// The base URL both ways: the same text or error and message; the parsed pair when accepted.
fn check_base(raw: &str) -> Option<(BaseUrl, Url)> {
    let ours = BaseUrl::parse(raw);
    let theirs = reference::parse_base_url(raw);
    let got = message(ours.as_ref().map(|b| b.as_str().to_owned()).map_err(Clone::clone));
    let want = message(theirs.as_ref().map(|u| u.as_str().to_owned()).map_err(Clone::clone));
    assert_eq!(got, want, "{raw:?}");
    ours.ok().zip(theirs.ok())
}

fn check_link((ours, theirs): &(BaseUrl, Url), link: &str) {
    assert_eq!(ours.resolve_link(link), reference::resolve_link(theirs, link), "{link:?} against {theirs}");
}

fn check_request((ours, theirs): &(BaseUrl, Url), segments: &[&str], query: &[(&str, String)]) {
    let want = reference::request_url(theirs, segments, query);
    assert_eq!(Some(ours.request_url(segments, query)), want, "{segments:?} {query:?} on {theirs}");
}

fn vectors(file: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors").join(file);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_default()).unwrap_or(Value::Null)
}

/// Base URLs of the hosts' tests and examples, and edges of each part.
const BASES: &[&str] = &[
    DEFAULT_BASE_URL,
    "https://api.peeker.ai/api/partner/v1/",
    "https://mock.test",
    "http://127.0.0.1:4010/partner/v1",
    "http://127.0.0.1:8080",
    "http://localhost:5173",
    "http://[::1]:4010/partner/v1",
    "http://api.peeker.ai",
    "https://user:K3yDoNotPrint@api.peeker.ai",
    "https://api.peeker.ai/?key=K3yDoNotPrint",
    "K3yDoNotPrint",
    " \thttps://api.peeker.ai/partner/v1\n ",
    "HTTPS://API.Peeker.AI:443/Partner/V1//",
    "https://api.peeker.ai:0443/x",
    "https://api.peeker.ai:65536",
    "https://api.peeker.ai:",
    "https://api.peeker.ai:x",
    "https:api.peeker.ai",
    "https:\\\\api.peeker.ai\\partner\\v1",
    "https:///api.peeker.ai/",
    "https://@api.peeker.ai",
    "https://:@api.peeker.ai",
    "https://:pw@api.peeker.ai",
    "https://user@api.peeker.ai",
    "https://a@b@api.peeker.ai",
    "https://user@/x",
    "https://api.peeker.ai/#",
    "https://api.peeker.ai/?",
    "https://api.peeker.ai/a/./b/../c/%2e/%2E%2e/d",
    "https://api.peeker.ai/c:/..",
    "https://api.peeker.ai/..",
    "https://api.peeker.ai//",
    "https://api.peeker.ai//a//",
    "https://api.peeker.ai/a b/ü/%/%zz/{x}/`/\"/<>/'/^/|",
    "https://api.peeker.ai/a\tb",
    "https://münchen.de/api",
    "https://xn--mnchen-3ya.de",
    "https://EXAMPLE.com./api/",
    "https://ex%61mple.com",
    "https://ex%2Fample.com",
    "https://[2001:db8::1]:8443/api",
    "https://[2001:DB8:0:0:1:0:0:1]",
    "https://[::ffff:127.0.0.1]",
    "https://[0:0:0:0:0:0:0:0]",
    "https://[1:0:0:2:0:0:0:3]",
    "https://[1:0:2:0:3:0:4:0]",
    "https://0x7f.1",
    "https://1.2.3.4.",
    "http://localhost",
    "http://LOCALHOST:4010/x",
    "http://localhost.:4010",
    "http://localhost.example.com",
    "http://127.1",
    "http://127.255.255.255/",
    "http://128.0.0.1",
    "http://[::1]",
    "http://[::2]",
    "http://[0:0:0:0:0:0:0:1]/v1",
    "http://2130706433/",
    "ftp://api.peeker.ai",
    "ws://localhost",
    "wss://api.peeker.ai",
    "ftp://a b",
    "file:///etc/passwd",
    "file://server/share",
    "file:\\\\server\\share",
    "file:/\\server",
    "file:/server",
    "file://localhost/x",
    "file://LOCALHOST./x",
    "file://c:/x",
    "file://server/c:/x",
    "file://server/./c|/x",
    "file://server/a/../c:",
    "file://server//c:",
    "file://ex%zzample/",
    "file://a b/",
    "file://[::1",
    "x://",
    "x://@",
    "x://@/p",
    "x://user@",
    "x://:@",
    "x://:80",
    "x://h:80\\p",
    "x://h:8a",
    "x://h:99999",
    "x://[::1]:80",
    "x://[::1",
    "x://a b",
    "x://h^",
    "x://h%zz\u{e9}",
    "x:///p",
    "x:p",
    "mailto:ops@peeker.ai",
    "localhost:8080",
    "api.peeker.ai/partner/v1",
    "//api.peeker.ai",
    "",
];

/// Links of every shape: relative, absolute, another origin, tricks.
const LINKS: &[&str] = &[
    "users?page_token=x",
    "./users?page_token=x",
    "../v1/users",
    "../../admin",
    "..",
    ".",
    "%2e%2e/admin",
    "a/e|/../x",
    "/partner/v1/users?page_token=x#frag",
    "/partner/v1",
    "/partner/v1/",
    "/partner/v10",
    "/partner/v1/../../admin",
    "/partner/v1/a/../../v1/x",
    "/",
    "//api.peeker.ai/partner/v1/users",
    "///api.peeker.ai/partner/v1/users",
    "/\\api.peeker.ai/partner/v1/users",
    "\\\\api.peeker.ai\\partner\\v1\\users",
    "\\partner\\v1\\users",
    "?page_token=x",
    "?page_token=a b'\"<>#frag",
    "#frag",
    "https:users",
    "https:/partner/v1/users",
    "http:users",
    "https://api.peeker.ai/partner/v1/users?page_token=eyJpZCI6InVzcl8yIn0&per_page=25",
    "HTTPS://API.PEEKER.AI:443/partner/v1/users",
    "https://api.peeker.ai:443/partner/v1/users",
    "https://api.peeker.ai:8443/partner/v1/users",
    "https://api.peeker.ai./partner/v1/users",
    "https://someone@api.peeker.ai/partner/v1/users",
    "https://:@api.peeker.ai/partner/v1/users",
    "https://@api.peeker.ai/partner/v1/users",
    "http://api.peeker.ai/partner/v1/users",
    "https://evil.example/partner/v1/users",
    "https://api.peeker.ai%2F@evil.example/partner/v1",
    "https://xn--mnchen-3ya.de/api/x",
    "https://münchen.de/api/x",
    "http://127.0.0.1:4010/partner/v1/users",
    "http://127.1:4010/partner/v1/users",
    "http://[::1]:4010/partner/v1/users",
    "http://[0::1]:4010/partner/v1/users?x",
    "users/%zz/ü/a b/{}",
    "users\t?\npage_token=x",
    " users ",
    "\u{1}",
    "https://",
    "https://api.peeker.ai:x/",
    "ftp://api.peeker.ai/partner/v1",
    "ws://api.peeker.ai/partner/v1",
    "file:///partner/v1",
    "mailto:x",
    "javascript:alert(1)",
];

/// The base URLs and links of the shared vectors' client cases, each link
/// against every base URL, then every string of requests.json and
/// responses.json as a link, and as a path segment and query key and value.
#[test]
fn vector_corpus_matches_url() {
    let cases = vectors("requests.json");
    let cases = cases.as_array().map(Vec::as_slice).unwrap_or_default();
    let mut bases: Vec<String> = BASES.iter().map(|s| (*s).to_owned()).collect();
    bases.extend(cases.iter().filter_map(|c| c.pointer("/client/base_url").and_then(Value::as_str)).map(str::to_owned));
    let mut links: Vec<String> = LINKS.iter().map(|s| (*s).to_owned()).collect();
    links.extend(cases.iter().filter_map(|c| c.pointer("/args/links_next").and_then(Value::as_str)).map(str::to_owned));
    let mut found = Vec::new();
    strings(&Value::Array(cases.to_vec()), &mut found);
    strings(&vectors("responses.json"), &mut found);
    assert!(found.len() > 1000, "only {} strings in the vectors", found.len());
    let parsed: Vec<_> = bases.iter().filter_map(|raw| check_base(raw)).collect();
    assert!(parsed.len() > 40, "only {} base URLs accepted", parsed.len());
    for base in &parsed {
        links.iter().for_each(|link| check_link(base, link));
        check_request(base, &[], &[]);
        check_request(base, &["orders", "ord_1"], &[("status", "completed".into()), ("per_page", "10".into())]);
    }
    for s in &found {
        check_base(s);
        if let Some(base) = parsed.first() {
            check_link(base, s);
            if !s.contains(['\t', '\n', '\r']) {
                check_request(base, &["users", s], &[(s, s.clone())]);
            }
        }
    }
}

/// Base URLs of the local Peeker, the default and a bare IPv6 host, parsed both ways.
fn fixed_bases() -> Vec<(BaseUrl, Url)> {
    let bases = ["https://api.peeker.ai/partner/v1", "http://127.0.0.1:4010/", "https://[::1]/a/b"];
    let parsed: Vec<_> = bases.iter().filter_map(|raw| check_base(raw)).collect();
    assert_eq!(parsed.len(), bases.len());
    parsed
}

/// URL-shaped base URLs: scheme case and slashes, userinfo, IPv4 in any
/// radix, IPv6, IDN and percent-encoded hosts, trailing dots, ports, then
/// paths with dot segments, percent signs and backslashes, and now and then
/// a query or fragment.
fn base_urls() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        4 => Just("https://".to_owned()),
        2 => Just("http://".to_owned()),
        1 => "[ \\t]?(?i:https?|ftp|h|file|x)(:|://|:/\\\\|:\\\\\\\\|:///)",
    ];
    let userinfo = prop_oneof![6 => Just(String::new()), 1 => "[a-z%:]{0,3}@"];
    const HOSTS: &[&str] = &[
        "api.peeker.ai",
        "API.peeker.ai.",
        "localhost",
        "LocalHost.",
        "127.0.0.1",
        "127.1",
        "0x7f.0.0.1",
        "2130706433",
        "[::1]",
        "[0:0::1]",
        "[2001:db8::1]",
        "[::ffff:127.0.0.1]",
        "xn--mnchen-3ya.de",
        "m\u{fc}nchen.de",
        "ex%61mple.com",
    ];
    let host = prop_oneof![
        3 => prop::sample::select(HOSTS).prop_map(str::to_owned),
        1 => concat!(
            "((0[xX]?)?[0-9a-fA-F]{0,4}\\.?){0,4}",
            "(\\[[0-9a-f:.]{0,20}\\]?)?",
            "(localhost|[a-zA-Z0-9\\-._~%]|%[0-9a-fA-F]{2}|[\\u{80}-\\u{3000}]|\\u{200D}){0,8}\\.?",
        ),
    ];
    let port = prop_oneof![3 => Just(String::new()), 1 => ":(0|443|80|8443|4010|0080|[0-9a-z]{0,6})"];
    let path = "([/\\\\]([/\\\\]|\\.\\.?|%2[eE]|[a-z]|%|[ -\"$->@-~]|\u{fc}|\\t){0,10})?";
    let suffix = prop_oneof![6 => Just(String::new()), 1 => "[?#][ -~]{0,4}"];
    (scheme, userinfo, host, port, path, suffix).prop_map(|(a, b, c, d, e, f)| format!("{a}{b}{c}{d}{e}{f}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Base URLs (mostly acceptable ones, see [`base_urls`]), each with a
    /// link made of a path, alone and after the base URL's own text.
    #[test]
    fn generated_base_urls_match_url(base in base_urls(), path in "([/\\\\]|\\.\\.?|%2[eE]|[a-z]|[ -~]){0,8}") {
        if let Some(pair) = check_base(&base) {
            check_link(&pair, &path);
            check_link(&pair, &format!("{}{path}", pair.1));
        }
    }

    /// Links: relative references and absolute URLs with this API's hosts or
    /// others, userinfo, ports, dot segments, backslashes, queries and fragments.
    #[test]
    fn generated_links_match_url(link in concat!(
        "(?i:https?:|http:|https:|[a-z]+:)?([/\\\\]{0,3})",
        "(([a-z:]{0,3}@)?(api\\.peeker\\.ai|API\\.peeker\\.ai\\.|127\\.0\\.0\\.1|127\\.1|\\[::1\\]|\\[0::1\\]|localhost|evil)(:[0-9]{0,5})?)?",
        "([/\\\\]|\\.\\.?|%2[eE]|partner|v1|a|b|[ -~]|\u{fc}|\\t){0,10}",
        "([?#][ -~]{0,6})?",
    )) {
        for pair in &fixed_bases() {
            check_link(pair, &link);
        }
    }

    /// Any text as a base URL, a link, a path segment and a query pair.
    #[test]
    fn any_text_matches_url(text in "\\PC{0,30}", segment in "[^\\t\\n\\r]{0,12}", value in "\\PC{0,12}") {
        check_base(&text);
        check_base(&format!("https://{text}"));
        for pair in &fixed_bases() {
            check_link(pair, &text);
            check_request(pair, &[&segment, "x", &segment], &[(&value, text.clone()), ("k", value.clone())]);
        }
    }
}
