//! The client's base URL: checked once when the client is made, then the
//! root of every request URL and the bound of `links.next`. Request URLs are
//! written as `url` 2.5 writes them (its `path_segments_mut` and
//! `query_pairs_mut`); base_url_tests.rs compares the two.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::http_url::{self, HttpUrl, PATH, Parsed};
use crate::contract::DEFAULT_BASE_URL;
use crate::error::{Code, Error, Result};
use crate::validate::web_url::WebHost;

/// A path segment of a special URL: the path set, and `/`, `%`, `\`.
const SEGMENT: &AsciiSet = &PATH.add(b'/').add(b'%').add(b'\\');
/// Form encoding keeps alphanumerics and `*-._` (and writes a space as `+`).
const FORM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'*').remove(b'-').remove(b'.').remove(b'_');

/// An absolute `https` URL with a host, no credentials, query or fragment
/// (`http` only to this machine), its path without a trailing slash.
#[derive(Clone, Debug)]
pub(super) struct BaseUrl {
    url: HttpUrl,
    text: String,
}

/// Why a `links.next` is refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum LinkRefusal {
    NotAUrl,
    /// Another origin, credentials, or a path outside the base URL's.
    Outside,
}

impl BaseUrl {
    /// Messages do not quote `raw` (it might hold credentials).
    pub(super) fn parse(raw: &str) -> Result<BaseUrl> {
        let invalid =
            |why: &str| Error::new(Code::InvalidBaseUrl, format!("the base URL {why} (default: {DEFAULT_BASE_URL})"));
        let not_https = || {
            invalid(
                "must use https (http only on this machine: localhost, 127.0.0.0/8, [::1]): every request carries the API key",
            )
        };
        let mut url = match http_url::parse(raw.trim(), None) {
            Parsed::Special(url) => url,
            Parsed::Other { host: true } => return Err(not_https()),
            Parsed::Other { host: false } => return Err(invalid("has no host")),
            Parsed::Invalid => return Err(invalid("is not an absolute URL")),
        };
        if !(url.scheme == "https" || url.scheme == "http" && is_loopback(&url.host)) {
            return Err(not_https());
        }
        if url.credentials {
            return Err(invalid("must not hold credentials"));
        }
        if url.query.is_some() || url.fragment {
            return Err(invalid("must not have a query or a fragment"));
        }
        while url.path.last().is_some_and(String::is_empty) {
            url.path.pop();
        }
        if url.path.is_empty() {
            url.path.push(String::new());
        }
        Ok(BaseUrl { text: url.serialize(), url })
    }

    /// The base URL as `url` writes it (a bare host keeps its `/`).
    pub(super) fn as_str(&self) -> &str {
        &self.text
    }

    /// The base URL plus `segments` (each percent-encoded as one segment; `.`
    /// and `..` left out) and `query` (form-encoded, none when empty). The
    /// segments hold no tab or newline (literal names, and ids checked by `path_id`).
    pub(super) fn request_url(&self, segments: &[&str], query: &[(&str, String)]) -> String {
        let mut url = self.url.clone();
        for segment in segments.iter().filter(|s| !matches!(**s, "." | "..")) {
            let segment = utf8_percent_encode(segment, SEGMENT).to_string();
            // A bare host's one empty segment is where the first one goes.
            if url.path == [""] {
                url.path.clear();
            }
            url.path.push(segment);
        }
        if !query.is_empty() {
            let pairs = query.iter().map(|(key, value)| format!("{}={}", form(key), form(value)));
            url.query = Some(pairs.collect::<Vec<_>>().join("&"));
        }
        url.serialize()
    }

    /// `links_next` resolved against the base URL's directory (its path and
    /// `/`), fragment dropped, when it has the base URL's origin, no
    /// credentials, and a path at or under the base URL's.
    pub(super) fn resolve_link(&self, links_next: &str) -> std::result::Result<String, LinkRefusal> {
        let mut directory = self.url.clone();
        if directory.path != [""] {
            directory.path.push(String::new());
        }
        let mut url = match http_url::parse(links_next, Some(&directory)) {
            Parsed::Special(url) => url,
            Parsed::Other { .. } => return Err(LinkRefusal::Outside),
            Parsed::Invalid => return Err(LinkRefusal::NotAUrl),
        };
        url.fragment = false;
        let base_path = self.url.path_text();
        let base_path = base_path.trim_end_matches('/');
        let path = url.path_text();
        let under_base = path == base_path || path.strip_prefix(base_path).is_some_and(|rest| rest.starts_with('/'));
        let same_origin = url.scheme == self.url.scheme && url.host == self.url.host && url.port == self.url.port;
        if !same_origin || url.credentials || !under_base {
            return Err(LinkRefusal::Outside);
        }
        Ok(url.serialize())
    }
}

/// `application/x-www-form-urlencoded` text, as `form_urlencoded::byte_serialize` writes it.
fn form(text: &str) -> String {
    text.split(' ').map(|part| utf8_percent_encode(part, FORM).to_string()).collect::<Vec<_>>().join("+")
}

/// Whether the host is this machine: plain `http` to it (the local Peeker of
/// `local/`) never crosses a network (spec/DECISIONS.md D3).
fn is_loopback(host: &WebHost) -> bool {
    match host {
        WebHost::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        WebHost::Ipv4(ip) => ip.is_loopback(),
        WebHost::Ipv6(ip) => ip.is_loopback(),
    }
}

#[cfg(test)]
#[path = "base_url_tests.rs"]
mod tests;
