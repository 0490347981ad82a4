//! The WHATWG URL parser's steps for `http` and `https`, as `url` 2.5 takes
//! them: an absolute URL, or a reference against a base URL (other schemes
//! only as far as telling whether `url` refuses them). The client needs
//! no more (its base URL and `links.next`), and a WebAssembly module carrying
//! `url` pays ~10 KB gzip for it. Hosts go through the form module's host
//! parser (`validate/web_url.rs`). Differential tests against `url`:
//! base_url_tests.rs.

use std::fmt::Write;
use std::net::Ipv6Addr;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::validate::web_url::{WebHost, parse_host, split_port, url_text};

/// The path percent-encode set of `url` 2.5 (no `^`).
pub(super) const PATH: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'#').add(b'?').add(b'{').add(b'}');
/// The query percent-encode set of special schemes.
const SPECIAL_QUERY: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'<').add(b'>').add(b'\'');

/// A URL of a special scheme other than `file` (`http`, `https`, `ws`, `wss`, `ftp`).
#[derive(Clone, Debug)]
pub(super) struct HttpUrl {
    /// Lowercase.
    pub(super) scheme: String,
    /// Whether it has a username or a password (their text is never kept).
    pub(super) credentials: bool,
    pub(super) host: WebHost,
    /// `None` for the scheme's default port.
    pub(super) port: Option<u16>,
    /// Percent-encoded segments; never empty (`/` is one empty segment).
    pub(super) path: Vec<String>,
    pub(super) query: Option<String>,
    /// Whether it has a fragment (its text is never kept).
    pub(super) fragment: bool,
}

/// What the parser made of a text.
pub(super) enum Parsed {
    Special(HttpUrl),
    /// A `file` URL or one of a scheme that is not special: never the API's,
    /// so only whether it names a host is kept (the base URL's message says which).
    Other {
        host: bool,
    },
    Invalid,
}

/// `input` parsed on its own (`base` `None`) or against `base`.
pub(super) fn parse(input: &str, base: Option<&HttpUrl>) -> Parsed {
    let input = url_text(input);
    let Some((scheme, rest)) = split_scheme(&input) else {
        return base.map_or(Parsed::Invalid, |base| relative(&input, base));
    };
    if !matches!(scheme.as_str(), "http" | "https" | "ws" | "wss" | "ftp") {
        return other(scheme == "file", rest);
    }
    let slashes = rest.len() - rest.trim_start_matches(['/', '\\']).len();
    match base {
        // `https:x` against an https base is a relative reference.
        Some(base) if slashes < 2 && base.scheme == scheme => relative(rest, base),
        _ => authority(rest.trim_start_matches(['/', '\\']), scheme),
    }
}

/// A `file:` URL (`file`) or one of a scheme that is not special, after its
/// `:`: parsed as far as `url` can refuse it and to whether it keeps a host.
fn other(file: bool, rest: &str) -> Parsed {
    let mut chars = rest.chars();
    let authority = match (chars.next(), chars.next()) {
        (Some('/'), Some('/')) => rest.get(2..),
        (Some('/' | '\\'), Some('/' | '\\')) if file => rest.get(2..),
        _ => None,
    };
    let Some(authority) = authority else { return Parsed::Other { host: false } };
    let end = authority.find(|c| matches!(c, '/' | '?' | '#') || file && c == '\\').unwrap_or(authority.len());
    let (authority, after) = authority.split_at(end);
    if file {
        // A drive letter (`c:`) is a path, `localhost` no host, and so is a
        // host followed by a drive letter as the path's first segment.
        if authority.is_empty() || is_drive_letter(authority) {
            return Parsed::Other { host: false };
        }
        let Some(host) = parse_host(authority) else { return Parsed::Invalid };
        let path = after.strip_prefix(['/', '\\']).unwrap_or(after);
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut segments = Vec::new();
        let drive_first = push_path(&mut segments, path, is_drive_letter);
        return Parsed::Other { host: host != WebHost::Domain("localhost".into()) && !drive_first };
    }
    // An opaque host: any text but these characters, or an IPv6 address.
    let (userinfo, host_and_port) = authority.rsplit_once('@').unwrap_or(("", authority));
    let (host, port) = split_port(host_and_port);
    let forbidden = |c: char| "\0\t\n\r #/:<>?@[\\]^|".contains(c);
    let host_ok = if host.starts_with('[') { parse_host(host).is_some() } else { !host.contains(forbidden) };
    // Digits up to a backslash, which starts the path there.
    let port_ok = port.is_none_or(|p| port_number(p.split('\\').next().unwrap_or_default()).is_some());
    // `@` alone before a path, or credentials or a port without a host, is an empty host.
    let empty_host =
        host.is_empty() && (port.is_some() || !matches!(userinfo, "" | ":") || authority == "@" && !after.is_empty());
    if !host_ok || !port_ok || empty_host {
        return Parsed::Invalid;
    }
    Parsed::Other { host: !host.is_empty() }
}

/// The lowercase scheme and what follows its `:`, when `input` starts with one.
fn split_scheme(input: &str) -> Option<(String, &str)> {
    let (scheme, rest) = input.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| (scheme.to_ascii_lowercase(), rest))
}

/// The relative state: `input` has no scheme of its own (or the base's, without `//`).
fn relative(input: &str, base: &HttpUrl) -> Parsed {
    let mut url = HttpUrl { fragment: false, ..base.clone() };
    match input.chars().next() {
        None => {}
        Some('#') => url.fragment = true,
        Some('?') => url = finish(url, input, false),
        Some('/' | '\\') => {
            let slashes = input.len() - input.trim_start_matches(['/', '\\']).len();
            if slashes >= 2 {
                // As `url` 2.5 does: exactly `//` is the authority's start (so
                // `///host` has an empty host), other runs are skipped whole.
                let after = input.strip_prefix("//").unwrap_or_else(|| input.trim_start_matches(['/', '\\']));
                return authority(after, base.scheme.clone());
            }
            url.path.clear();
            url = finish(url, input.get(1..).unwrap_or_default(), true);
        }
        Some(_) => {
            url.path.pop();
            url = finish(url, input, true);
        }
    }
    Parsed::Special(url)
}

/// The authority state onwards: `rest` starts after the slashes.
fn authority(rest: &str, scheme: String) -> Parsed {
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(end);
    // Userinfo ends at the last `@`; `:` alone is no username and no password.
    let (userinfo, host_and_port) = authority.rsplit_once('@').unwrap_or(("", authority));
    let (host, port) = split_port(host_and_port);
    let Some(host) = Some(host).filter(|h| !h.is_empty()).and_then(parse_host) else { return Parsed::Invalid };
    let port = match port.map(port_number) {
        None => None,
        Some(None) => return Parsed::Invalid,
        Some(Some(port)) => port.filter(|p| Some(*p) != default_port(&scheme)),
    };
    let credentials = !matches!(userinfo, "" | ":");
    let url = HttpUrl { scheme, credentials, host, port, path: Vec::new(), query: None, fragment: false };
    let after = after.strip_prefix(['/', '\\']).unwrap_or(after);
    Parsed::Special(finish(url, after, true))
}

/// A port's digits (`Some(None)` when there are none), or `None` when it is not a port.
fn port_number(text: &str) -> Option<Option<u16>> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if text.is_empty() { Some(None) } else { text.parse().ok().map(Some) }
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        "ftp" => Some(21),
        _ => None,
    }
}

/// The path (when `with_path`), query and fragment states over `input`.
fn finish(mut url: HttpUrl, input: &str, with_path: bool) -> HttpUrl {
    let (before, fragment) = input.split_once('#').map_or((input, false), |(before, _)| (before, true));
    let (path, query) = before.split_once('?').map_or((before, None), |(path, query)| (path, Some(query)));
    if with_path {
        push_path(&mut url.path, path, |_| false);
    }
    url.query = query.map(|query| utf8_percent_encode(query, SPECIAL_QUERY).to_string());
    url.fragment = fragment;
    url
}

/// The path state: `text`'s segments (split at `/` and `\`) onto `path`,
/// `.` and `..` (also percent-encoded) resolved. Whether a segment that
/// `first` accepts became the path's first (a `file:` URL's drive letter).
fn push_path(path: &mut Vec<String>, text: &str, first: impl Fn(&str) -> bool) -> bool {
    let mut segments = text.split(['/', '\\']).peekable();
    let mut first_found = false;
    while let Some(segment) = segments.next() {
        let last = segments.peek().is_none();
        let is = |forms: &[&str]| forms.iter().any(|f| segment.eq_ignore_ascii_case(f));
        if is(&["..", ".%2e", "%2e.", "%2e%2e"]) {
            // `url` 2.5 never pops a drive letter, whatever the scheme.
            if !path.last().is_some_and(|last| is_drive_letter(last)) {
                path.pop();
            }
        } else if !is(&[".", "%2e"]) {
            first_found |= path.is_empty() && first(segment);
            path.push(utf8_percent_encode(segment, PATH).to_string());
            continue;
        }
        // A dot segment at the end leaves the path ending with a slash.
        if last {
            path.push(String::new());
        }
    }
    first_found
}

/// A Windows drive letter: `c:` or `c|`.
fn is_drive_letter(text: &str) -> bool {
    matches!(text.as_bytes(), [letter, b':' | b'|'] if letter.is_ascii_alphabetic())
}

impl HttpUrl {
    /// The URL as `url` serializes it, without credentials or fragment
    /// (the client refuses both where it would have to write them).
    pub(super) fn serialize(&self) -> String {
        let mut out = format!("{}://", self.scheme);
        match &self.host {
            WebHost::Domain(name) => out.push_str(name),
            WebHost::Ipv4(ip) => _ = write!(out, "{ip}"),
            WebHost::Ipv6(ip) => write_ipv6(*ip, &mut out),
        }
        if let Some(port) = self.port {
            _ = write!(out, ":{port}");
        }
        out.push_str(&self.path_text());
        if let Some(query) = &self.query {
            out.push('?');
            out.push_str(query);
        }
        out
    }

    /// The path as it is written: `/` before each segment.
    pub(super) fn path_text(&self) -> String {
        self.path.iter().fold(String::new(), |text, segment| text + "/" + segment)
    }
}

/// The WHATWG IPv6 serializer: lowercase hex, the first longest run of two
/// or more zero pieces as `::`, no dotted IPv4 part.
fn write_ipv6(ip: Ipv6Addr, out: &mut String) {
    let pieces = ip.segments();
    let (mut best, mut start) = ((0, 0), None);
    for (i, piece) in pieces.iter().chain([&1]).enumerate() {
        match (piece, start) {
            (0, None) => start = Some(i),
            (0, Some(_)) => {}
            (_, Some(s)) => {
                if i - s > best.1 - best.0 {
                    best = (s, i);
                }
                start = None;
            }
            (_, None) => {}
        }
    }
    out.push('[');
    let mut i = 0;
    while i < 8 {
        if i == best.0 && best.1 - best.0 >= 2 {
            out.push_str(if i == 0 { "::" } else { ":" });
            i = best.1;
            continue;
        }
        _ = write!(out, "{:x}", pieces.get(i).copied().unwrap_or_default());
        if i < 7 {
            out.push(':');
        }
        i += 1;
    }
    out.push(']');
}
