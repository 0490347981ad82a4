//! The client: API key, base URL and user agent, and one request builder per
//! endpoint of the contract (spec/openapi.yaml).
//!
//! Every builder checks its input first and returns an error instead of an
//! invalid request:
//! - `invalid_api_key` and `invalid_base_url` come from [`Client::new`];
//! - `invalid_argument` (a `ConfigError`) is a developer's mistake: a path id
//!   without its prefix (`usr_`, `bun_`, ...), a `links.next` that leaves the
//!   API, a user agent that cannot go in a header;
//! - `invalid_request` (a `ValidationError` carrying the whole [`Report`]) is
//!   what people type: bodies, query options and domain lists, with every
//!   violation and its path.
//!
//! Bodies are RFC 8785 canonical JSON, so the same content always gives the
//! same bytes; an order's body is exactly [`crate::dedupe::order_body`].

mod base_url;
mod builders;
mod config;
mod http_url;

use serde_json::Value;

use crate::canonical::canonicalize_value;
use crate::dedupe::order_body;
use crate::error::{Code, Error, Result, Rule};
use crate::request::{
    HEADER_ACCEPT, HEADER_AUTHORIZATION, HEADER_CONTENT_TYPE, HEADER_USER_AGENT, HttpRequest, JSON_MEDIA_TYPE, Method,
};
use crate::secret::Secret;
use crate::validate::query::{QuerySpec, query_pairs};
use crate::validate::{OrderContext, Report, is_opaque_id, normalize_domain, validate_import_job, validate_order};

pub use crate::contract::DEFAULT_BASE_URL;
use base_url::{BaseUrl, LinkRefusal};
pub use config::{ClientOptions, Environment, USER_AGENT_PRODUCT};
use config::{environment_of, user_agent};

/// Builds the requests of the Peeker partner API. Holds no connection: each
/// builder returns an [`HttpRequest`] for the host to send. `Debug` never shows the key.
#[derive(Clone, Debug)]
pub struct Client {
    api_key: Secret,
    environment: Environment,
    base_url: BaseUrl,
    user_agent: String,
}

impl Client {
    /// A client for `api_key` (`pk_live_...` or `pk_test_...`; anything else is
    /// `invalid_api_key`, whose message never quotes the key).
    pub fn new(api_key: &str, options: ClientOptions) -> Result<Client> {
        let environment = environment_of(api_key)?;
        let base_url = BaseUrl::parse(options.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let user_agent = user_agent(options.user_agent.as_deref())?;
        Ok(Client { api_key: Secret::new(api_key), environment, base_url, user_agent })
    }

    /// Live or test, from the key's prefix.
    pub fn environment(&self) -> Environment {
        self.environment
    }

    /// The base URL in use, its path without a trailing slash (a bare host keeps `/`).
    pub fn base_url(&self) -> &str {
        self.base_url.as_str()
    }

    /// The `User-Agent` every request carries.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    // ---- Pagination ----------------------------------------------------------

    /// `GET` the next page of a list: pass a list response's `links.next` as
    /// it is (never build a page token by hand). A relative reference is
    /// resolved against the base URL; an absolute URL is accepted only with
    /// the base URL's origin and under its path, because the request carries
    /// the API key (anything else is `invalid_argument`).
    pub fn next_page(&self, links_next: &str) -> Result<HttpRequest> {
        let refuse = |why: &str| {
            Error::new(
                Code::InvalidArgument,
                format!("links.next {why}; pass a Peeker list response's `links.next` as it is"),
            )
        };
        let link = links_next.trim();
        if link.is_empty() {
            return Err(refuse("is empty (the last page has no next page)"));
        }
        let url = self.base_url.resolve_link(link).map_err(|why| match why {
            LinkRefusal::NotAUrl => refuse("is not a URL"),
            LinkRefusal::Outside => {
                refuse("points outside the API's base URL, and the request would carry the API key there")
            }
        })?;
        Ok(self.request(Method::Get, url, None))
    }

    // ---- Helpers -------------------------------------------------------------

    fn request(&self, method: Method, url: String, body: Option<Vec<u8>>) -> HttpRequest {
        let mut headers = vec![
            (HEADER_AUTHORIZATION.to_owned(), format!("Bearer {}", self.api_key.expose())),
            (HEADER_ACCEPT.to_owned(), JSON_MEDIA_TYPE.to_owned()),
            (HEADER_USER_AGENT.to_owned(), self.user_agent.clone()),
        ];
        if body.is_some() {
            headers.push((HEADER_CONTENT_TYPE.to_owned(), JSON_MEDIA_TYPE.to_owned()));
        }
        HttpRequest { method, url, headers, body }
    }

    /// The base URL plus `segments` (each percent-encoded) and `query` (form-encoded, omitted when empty).
    fn build(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<Vec<u8>>,
    ) -> Result<HttpRequest> {
        let url = self.base_url.request_url(segments, query);
        Ok(self.request(method, url, body))
    }

    fn with_body(&self, method: Method, segments: &[&str], body: &Value, report: Report) -> Result<HttpRequest> {
        report.into_result()?;
        self.build(method, segments, &[], Some(canonical(body)?))
    }

    /// A body the API also takes absent (`None` or JSON null: none is sent).
    fn with_optional_body(
        &self,
        method: Method,
        segments: &[&str],
        body: Option<&Value>,
        validate: fn(&Value) -> Report,
    ) -> Result<HttpRequest> {
        match body.filter(|b| !b.is_null()) {
            None => self.build(method, segments, &[], None),
            Some(body) => self.with_body(method, segments, body, validate(body)),
        }
    }

    fn list(&self, segments: &[&str], spec: QuerySpec, query: Option<&Value>) -> Result<HttpRequest> {
        self.build(Method::Get, segments, &query_pairs(spec, query)?, None)
    }

    /// A `POST` per `limit` domains of `body.domains`, each with the body's
    /// other members (trimmed text), in the caller's order. `validate` sees
    /// the whole body; its `too_many` is what splitting is for.
    fn batches(
        &self,
        segments: &[&str],
        mut body: Value,
        validate: fn(&Value) -> Report,
        limit: usize,
    ) -> Result<Vec<HttpRequest>> {
        let names = domain_names(body.get("domains").unwrap_or(&Value::Null), validate(&body))?;
        let Value::Object(members) = &mut body else { return Ok(Vec::new()) };
        members.remove("domains");
        for value in members.values_mut() {
            if let Value::String(text) = value {
                *text = text.trim().to_owned();
            }
        }
        names
            .chunks(limit.max(1))
            .map(|chunk| {
                let mut members = members.clone();
                members.insert("domains".to_owned(), chunk.into());
                self.build(Method::Post, segments, &[], Some(canonical(&Value::Object(members))?))
            })
            .collect()
    }

    /// A `GET` with a list of domains as one comma-separated query value
    /// (checked like an import job's list; Peeker documents no cap).
    fn domain_query(&self, segments: &[&str], key: &'static str, domains: &Value) -> Result<HttpRequest> {
        let report = validate_import_job(&serde_json::json!({ "domains": domains }));
        let names = domain_names(domains, report)?;
        self.build(Method::Get, segments, &[(key, names.join(","))], None)
    }

    /// `POST /orders`: validated against `context`; the body is exactly [`order_body`].
    fn order(&self, segments: &[&str], order: &Value, context: OrderContext<'_>) -> Result<HttpRequest> {
        validate_order(order, context).into_result()?;
        self.build(Method::Post, segments, &[], Some(order_body(order)?))
    }
}

/// A path id: the developer passes what the API returned, so a wrong one is
/// `invalid_argument` (not a validation report); the message does not quote it.
fn path_id<'a>(id: &'a str, prefix: &str) -> Result<&'a str> {
    if is_opaque_id(id, prefix) {
        Ok(id)
    } else {
        Err(Error::new(Code::InvalidArgument, format!("the id must be a Peeker id starting with `{prefix}`")))
    }
}

fn canonical(value: &Value) -> Result<Vec<u8>> {
    Ok(canonicalize_value(value)?.into_bytes())
}

/// A batch's names once the endpoint's validator found no error (its
/// `too_many` dropped: splitting is what batch builders are for), normalized
/// for sending; `dom_` ids (which no valid name can start with) are kept as given.
fn domain_names(domains: &Value, mut report: Report) -> Result<Vec<String>> {
    report.violations.retain(|v| !(v.code == Rule::TooMany && v.path == "domains"));
    report.into_result()?;
    let items = domains.as_array().map(Vec::as_slice).unwrap_or_default();
    let names = items.iter().filter_map(Value::as_str).map(str::trim).map(|name| {
        if name.starts_with(crate::contract::prefix::DOMAIN) {
            name.to_owned()
        } else {
            normalize_domain(name).unwrap_or_else(|| name.to_owned())
        }
    });
    Ok(names.collect())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::contract::{AVAILABILITY_BATCH, FORWARDING_BATCH, IMPORT_BATCH, IMPORT_JOB_BATCH};
    use crate::validate::{validate_availability_lookup, validate_forwarding, validate_import};

    fn client() -> Result<Client> {
        Client::new("pk_test_abc", ClientOptions::default())
    }

    #[test]
    fn batch_caps_match_the_validators() {
        let names = |n: usize| json!({ "domains": (0..n).map(|i| format!("d{i}.com")).collect::<Vec<_>>() });
        type Validator = fn(&Value) -> Report;
        let caps: [(usize, Validator); 4] = [
            (AVAILABILITY_BATCH, validate_availability_lookup),
            (IMPORT_BATCH, validate_import),
            (IMPORT_JOB_BATCH, validate_import_job),
            (FORWARDING_BATCH, |b| {
                let mut report = validate_forwarding(b);
                report.violations.retain(|v| v.path != "forwarding_url");
                report
            }),
        ];
        for (cap, validate) in caps {
            assert!(validate(&names(cap)).is_valid(), "{cap}");
            assert!(!validate(&names(cap + 1)).is_valid(), "{cap}");
        }
    }

    #[test]
    fn ids_are_percent_encoded_and_never_escape_their_segment() -> Result<()> {
        let client = client()?;
        assert_eq!(client.get_order("ord_../../me")?.url, "https://api.peeker.ai/partner/v1/orders/ord_..%2F..%2Fme");
        assert_eq!(client.get_order("ord_a%2Fb")?.url, "https://api.peeker.ai/partner/v1/orders/ord_a%252Fb");
        assert_eq!(client.get_order("ord_a\nb").map_err(|e| e.code), Err(Code::InvalidArgument));
        Ok(())
    }

    #[test]
    fn a_query_that_is_not_an_object_is_reported_at_the_root() -> Result<()> {
        let err = client()?.list_users(Some(&json!(["email"]))).err();
        let report = err.and_then(|e| e.report).map(|r| r.violations).unwrap_or_default();
        assert_eq!(report.iter().map(|v| (v.code, v.path.as_str())).collect::<Vec<_>>(), [(Rule::InvalidType, "")]);
        Ok(())
    }
}
