//! A request as data. The core builds it (see [`crate::Client`]); the host
//! sends it with its own HTTP client and hands the response back to
//! [`crate::parse_response`].

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeStruct, Serializer};

/// `Authorization: Bearer <api key>`.
pub const HEADER_AUTHORIZATION: &str = "Authorization";
/// Always `application/json`.
pub const HEADER_ACCEPT: &str = "Accept";
/// `peeker-core/<version>`, plus the host's own user agent when given.
pub const HEADER_USER_AGENT: &str = "User-Agent";
/// `application/json`, only on requests with a body.
pub const HEADER_CONTENT_TYPE: &str = "Content-Type";
/// The media type of every body Peeker takes and returns.
pub const JSON_MEDIA_TYPE: &str = "application/json";

/// What `Debug` shows instead of a secret header value.
const REDACTED: &str = "[redacted]";

/// The HTTP methods the Peeker API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// Reads.
    Get,
    /// Creates, and the actions (availability lookups, imports, cancellations).
    Post,
    /// Partial updates.
    Patch,
    /// Deletions.
    Delete,
}

impl Method {
    /// The method as it goes on the wire: `GET`, `POST`, `PATCH` or `DELETE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One HTTP request, ready to send as it is: the host copies the method, the
/// URL, every header and the body bytes (byte for byte: an order's body bytes
/// are what Peeker's 24-hour dedupe compares).
///
/// The headers hold the API key in clear (they must), so `Debug` redacts the
/// `Authorization` value and shows only the body's size (an order body holds
/// the Smartlead password).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL, query string included.
    pub url: String,
    /// Header names and values, in the order to send them.
    pub headers: Vec<(String, String)>,
    /// The body (UTF-8 JSON), or `None` for requests without one.
    pub body: Option<Vec<u8>>,
}

impl HttpRequest {
    /// The value of the first header called `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// The body as text. Bodies are JSON the core wrote, so always UTF-8.
    pub fn body_text(&self) -> Option<&str> {
        self.body.as_deref().and_then(|bytes| std::str::from_utf8(bytes).ok())
    }
}

/// `{method, url, headers: {name: value}, body: text | null}`: what a host
/// hands its HTTP client (the real key included; `Debug` redacts it).
impl Serialize for HttpRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Headers<'a>(&'a [(String, String)]);
        impl Serialize for Headers<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                self.0.iter().try_for_each(|(name, value)| map.serialize_entry(name, value))?;
                map.end()
            }
        }
        let mut out = serializer.serialize_struct("HttpRequest", 4)?;
        out.serialize_field("method", self.method.as_str())?;
        out.serialize_field("url", &self.url)?;
        out.serialize_field("headers", &Headers(&self.headers))?;
        out.serialize_field("body", &self.body_text())?;
        out.end()
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name.eq_ignore_ascii_case(HEADER_AUTHORIZATION) { REDACTED } else { value };
                (name.as_str(), shown)
            })
            .collect();
        let body = self.body.as_ref().map(|bytes| format!("<{} bytes>", bytes.len()));
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &body)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_key_and_the_body() {
        let request = HttpRequest {
            method: Method::Post,
            url: "https://api.peeker.ai/partner/v1/orders".to_owned(),
            headers: vec![("authorization".to_owned(), "Bearer pk_test_do_not_print".to_owned())],
            body: Some(br#"{"login_password":"hunter2"}"#.to_vec()),
        };
        let shown = format!("{request:?}");
        assert!(!shown.contains("do_not_print") && !shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("[redacted]") && shown.contains("<28 bytes>"), "{shown}");
        assert_eq!(request.header("AUTHORIZATION"), Some("Bearer pk_test_do_not_print"));
        assert_eq!(request.header("Accept"), None);
        assert_eq!(request.body_text(), Some(r#"{"login_password":"hunter2"}"#));
    }
}
