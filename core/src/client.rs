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

use serde::Serialize;
use serde_json::{Value, json};
use url::Url;

use crate::canonical::canonicalize;
use crate::dedupe::order_body;
use crate::error::{Code, Error, Result};
use crate::request::{
    HEADER_ACCEPT, HEADER_AUTHORIZATION, HEADER_CONTENT_TYPE, HEADER_USER_AGENT, HttpRequest, JSON_MEDIA_TYPE, Method,
};
use crate::secret::Secret;
use crate::validate::{
    ImportMode, OrderContext, Report, Rule, Severity, Violation, normalize_domain, validate_availability_lookup,
    validate_bundle, validate_bundle_patch, validate_cancellation, validate_forwarding, validate_import,
    validate_order, validate_swap, validate_user, validate_user_name_swap, validate_user_patch,
};

/// Where the API lives (spec/DECISIONS.md D3). The older documents used
/// `https://api.peeker.ai/api/partner/v1`; pass that as `base_url` if needed.
pub const DEFAULT_BASE_URL: &str = "https://api.peeker.ai/partner/v1";
/// Prefix of live keys.
pub const LIVE_KEY_PREFIX: &str = "pk_live_";
/// Prefix of sandbox keys (same API, fake provisioning, nothing billed).
pub const TEST_KEY_PREFIX: &str = "pk_test_";
/// The product token that starts every `User-Agent` the core writes.
pub const USER_AGENT_PRODUCT: &str = "peeker-core";
/// The smallest and largest `per_page` a list endpoint takes.
pub const MIN_PER_PAGE: i64 = 1;
/// See [`MIN_PER_PAGE`].
pub const MAX_PER_PAGE: i64 = 100;

/// The API's batch caps, defined beside the validators that enforce them.
pub use crate::validate::{AVAILABILITY_BATCH, FORWARDING_BATCH, IMPORT_BATCH, IMPORT_JOB_BATCH};

const USER: &str = "usr_";
const BUNDLE: &str = "bun_";
const ORDER: &str = "ord_";
const DOMAIN: &str = "dom_";
const SWAP: &str = "swp_";
const FORWARDING_JOB: &str = "fwj_";
const IMPORT: &str = "imp_";

/// Which Peeker environment a key belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// `pk_live_` keys: real provisioning, billed.
    Live,
    /// `pk_test_` keys: the sandbox.
    Test,
}

impl Environment {
    /// `live` or `test`, as `GET /me` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Live => "live",
            Environment::Test => "test",
        }
    }
}

/// Options of [`Client::new`]; every field may be left `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientOptions {
    /// An absolute `https` URL; defaults to [`DEFAULT_BASE_URL`].
    pub base_url: Option<String>,
    /// The host's own user agent (e.g. `python/3.11`), appended to `peeker-core/<version>`.
    pub user_agent: Option<String>,
}

/// Builds the requests of the Peeker partner API. Holds no connection: each
/// builder returns an [`HttpRequest`] for the host to send. `Debug` never shows the key.
#[derive(Clone, Debug)]
pub struct Client {
    api_key: Secret,
    environment: Environment,
    base_url: Url,
    user_agent: String,
}

impl Client {
    /// A client for `api_key` (`pk_live_...` or `pk_test_...`; anything else is
    /// `invalid_api_key`, whose message never quotes the key).
    pub fn new(api_key: &str, options: ClientOptions) -> Result<Client> {
        let environment = environment_of(api_key)?;
        let base_url = parse_base_url(options.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
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

    // ---- Account -------------------------------------------------------------

    /// `GET /me`: the key's environment and permission preset, and the partner.
    pub fn get_me(&self) -> Result<HttpRequest> {
        self.build(Method::Get, &["me"], &[], None)
    }

    // ---- Users ---------------------------------------------------------------

    /// `POST /users`, body validated with [`validate_user`].
    pub fn create_user(&self, body: &Value) -> Result<HttpRequest> {
        self.with_body(Method::Post, &["users"], body, validate_user(body))
    }

    /// `GET /users`; query options `email`, `status` (`active`, `deleted`), `per_page`, `page_token`.
    pub fn list_users(&self, query: Option<&Value>) -> Result<HttpRequest> {
        self.list(&["users"], USERS_QUERY, query)
    }

    /// `GET /users/{id}`.
    pub fn get_user(&self, id: &str) -> Result<HttpRequest> {
        self.build(Method::Get, &["users", path_id(id, USER)?], &[], None)
    }

    /// `PATCH /users/{id}`, body validated with [`validate_user_patch`].
    pub fn update_user(&self, id: &str, body: &Value) -> Result<HttpRequest> {
        self.with_body(Method::Patch, &["users", path_id(id, USER)?], body, validate_user_patch(body))
    }

    /// `DELETE /users/{id}`.
    pub fn delete_user(&self, id: &str) -> Result<HttpRequest> {
        self.build(Method::Delete, &["users", path_id(id, USER)?], &[], None)
    }

    // ---- Bundles -------------------------------------------------------------

    /// `POST /bundles`, body validated with [`validate_bundle`].
    pub fn create_bundle(&self, body: &Value) -> Result<HttpRequest> {
        self.with_body(Method::Post, &["bundles"], body, validate_bundle(body))
    }

    /// `GET /bundles`; query options `status` (`active`, `archived`), `per_page`, `page_token`.
    pub fn list_bundles(&self, query: Option<&Value>) -> Result<HttpRequest> {
        self.list(&["bundles"], BUNDLES_QUERY, query)
    }

    /// `GET /bundles/{id}`.
    pub fn get_bundle(&self, id: &str) -> Result<HttpRequest> {
        self.build(Method::Get, &["bundles", path_id(id, BUNDLE)?], &[], None)
    }

    /// `PATCH /bundles/{id}`, body validated with [`validate_bundle_patch`].
    pub fn update_bundle(&self, id: &str, body: &Value) -> Result<HttpRequest> {
        self.with_body(Method::Patch, &["bundles", path_id(id, BUNDLE)?], body, validate_bundle_patch(body))
    }

    /// `DELETE /bundles/{id}`.
    pub fn delete_bundle(&self, id: &str) -> Result<HttpRequest> {
        self.build(Method::Delete, &["bundles", path_id(id, BUNDLE)?], &[], None)
    }

    // ---- Domains -------------------------------------------------------------

    /// `GET /domains`; query options `category` (`inventory`, `connected`),
    /// `user_id`, `user_email`, `usable_for` (`google`, `microsoft`), `status`,
    /// `per_page`, `page_token`.
    pub fn list_domains(&self, query: Option<&Value>) -> Result<HttpRequest> {
        self.list(&["domains"], DOMAINS_QUERY, query)
    }

    /// `POST /domains/availability` for any number (at least one) of names,
    /// split into requests of [`AVAILABILITY_BATCH`]. `domains` is a JSON list;
    /// invalid names and duplicates are reported at `domains[i]` of that list.
    /// Names are sent in their normalized form (trimmed, lowercase, IDNA).
    pub fn check_availability(&self, domains: &Value) -> Result<Vec<HttpRequest>> {
        let names = domain_names(domains, validate_availability_lookup(&json!({ "domains": domains })), false)?;
        self.batches(&["domains", "availability"], &names, AVAILABILITY_BATCH, |chunk| json!({ "domains": chunk }))
    }

    /// `POST /domains/import` (answered at once) for any number of root
    /// domains, split into requests of [`IMPORT_BATCH`]; checked like
    /// [`Client::check_availability`].
    pub fn import_domains(&self, domains: &Value) -> Result<Vec<HttpRequest>> {
        let report = validate_import(&json!({ "domains": domains }), ImportMode::Sync);
        let names = domain_names(domains, report, false)?;
        self.batches(&["domains", "import"], &names, IMPORT_BATCH, |chunk| json!({ "domains": chunk }))
    }

    /// `POST /domains/import/jobs` (answered with a job) for any number of
    /// domains, split into requests of [`IMPORT_JOB_BATCH`].
    pub fn import_domains_job(&self, domains: &Value) -> Result<Vec<HttpRequest>> {
        let report = validate_import(&json!({ "domains": domains }), ImportMode::Job);
        let names = domain_names(domains, report, false)?;
        self.batches(&["domains", "import", "jobs"], &names, IMPORT_JOB_BATCH, |chunk| json!({ "domains": chunk }))
    }

    /// `GET /domains/import/{id}`.
    pub fn get_import(&self, id: &str) -> Result<HttpRequest> {
        self.build(Method::Get, &["domains", "import", path_id(id, IMPORT)?], &[], None)
    }

    /// `GET /domains/import/jobs/{id}`.
    pub fn get_import_job(&self, id: &str) -> Result<HttpRequest> {
        self.build(Method::Get, &["domains", "import", "jobs", path_id(id, IMPORT)?], &[], None)
    }

    /// `GET /domains/import?domains=a.com,b.com`: the import jobs of these
    /// domains (a JSON list of names, at least one; sent normalized and
    /// comma-separated in one request: the API documents no cap).
    pub fn find_imports(&self, domains: &Value) -> Result<HttpRequest> {
        let report = validate_import(&json!({ "domains": domains }), ImportMode::Job);
        let names = domain_names(domains, report, false)?;
        self.build(Method::Get, &["domains", "import"], &[("domains", names.join(","))], None)
    }

    /// `POST /domains/forwarding`: point `domains` (a JSON list of `dom_` ids
    /// and/or names, mixed) at `forwarding_url`, split into requests of
    /// [`FORWARDING_BATCH`]. Violations are at `domains[i]` and `forwarding_url`.
    pub fn update_forwarding(&self, domains: &Value, forwarding_url: &str) -> Result<Vec<HttpRequest>> {
        let report = validate_forwarding(&json!({ "domains": domains, "forwarding_url": forwarding_url }));
        let names = domain_names(domains, report, true)?;
        let target = forwarding_url.trim();
        self.batches(
            &["domains", "forwarding"],
            &names,
            FORWARDING_BATCH,
            |chunk| json!({ "domains": chunk, "forwarding_url": target }),
        )
    }

    /// `GET /domains/forwarding/{id}`.
    pub fn get_forwarding_job(&self, id: &str) -> Result<HttpRequest> {
        self.build(Method::Get, &["domains", "forwarding", path_id(id, FORWARDING_JOB)?], &[], None)
    }

    // ---- Orders --------------------------------------------------------------

    /// `POST /orders`: validated with [`validate_order`] against `context`
    /// (the bundle and availability rows, when the host has them); the body is
    /// exactly [`order_body`], the bytes Peeker's 24-hour dedupe compares.
    pub fn create_order(&self, order: &Value, context: OrderContext<'_>) -> Result<HttpRequest> {
        validate_order(order, context).into_result()?;
        self.build(Method::Post, &["orders"], &[], Some(order_body(order)?))
    }

    /// `GET /orders`; query options `user_id`, `user_email`, `bundle_id`,
    /// `status` (an order status), `per_page`, `page_token`.
    pub fn list_orders(&self, query: Option<&Value>) -> Result<HttpRequest> {
        self.list(&["orders"], ORDERS_QUERY, query)
    }

    /// `GET /orders/{id}`: the full order.
    pub fn get_order(&self, id: &str) -> Result<HttpRequest> {
        self.build(Method::Get, &["orders", path_id(id, ORDER)?], &[], None)
    }

    /// `GET /orders/pending`; query options `order_id`, `user` (a `usr_` id or
    /// an email), `domain_id`, `status` (`open`, `resolved`), `per_page`, `page_token`.
    pub fn list_pending_actions(&self, query: Option<&Value>) -> Result<HttpRequest> {
        self.list(&["orders", "pending"], PENDING_QUERY, query)
    }

    /// `POST /orders/{id}/cancel`: the whole order when `body` is `None` (or
    /// JSON null), else `{domains: [ids or names]}` validated with
    /// [`validate_cancellation`].
    pub fn cancel_order(&self, id: &str, body: Option<&Value>) -> Result<HttpRequest> {
        let id = path_id(id, ORDER)?;
        validate_cancellation(body).into_result()?;
        let bytes = match body {
            None | Some(Value::Null) => None,
            Some(body) => Some(canonical(body)?),
        };
        self.build(Method::Post, &["orders", id, "cancel"], &[], bytes)
    }

    // ---- Swaps ---------------------------------------------------------------

    /// `POST /swaps`, body validated with [`validate_swap`].
    pub fn create_swap(&self, body: &Value) -> Result<HttpRequest> {
        self.with_body(Method::Post, &["swaps"], body, validate_swap(body))
    }

    /// `GET /swaps`; query options `user_id`, `order_id`, `domain_id`,
    /// `status` (a swap status), `per_page`, `page_token`.
    pub fn list_swaps(&self, query: Option<&Value>) -> Result<HttpRequest> {
        self.list(&["swaps"], SWAPS_QUERY, query)
    }

    /// `GET /swaps/{id}`.
    pub fn get_swap(&self, id: &str) -> Result<HttpRequest> {
        self.build(Method::Get, &["swaps", path_id(id, SWAP)?], &[], None)
    }

    /// `POST /swaps/user_names`, body validated with [`validate_user_name_swap`].
    pub fn swap_user_names(&self, body: &Value) -> Result<HttpRequest> {
        self.with_body(Method::Post, &["swaps", "user_names"], body, validate_user_name_swap(body))
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
        let base_path = self.base_url.path().trim_end_matches('/');
        let mut directory = self.base_url.clone();
        directory.set_path(&format!("{base_path}/"));
        let mut url = directory.join(link).map_err(|_| refuse("is not a URL"))?;
        url.set_fragment(None);
        let path = url.path();
        let under_base = path == base_path || path.strip_prefix(base_path).is_some_and(|rest| rest.starts_with('/'));
        let credentials = !url.username().is_empty() || url.password().is_some();
        if url.origin() != self.base_url.origin() || credentials || !under_base {
            return Err(refuse("points outside the API's base URL, and the request would carry the API key there"));
        }
        Ok(self.request(Method::Get, url, None))
    }

    // ---- Helpers -------------------------------------------------------------

    fn request(&self, method: Method, url: Url, body: Option<Vec<u8>>) -> HttpRequest {
        let mut headers = vec![
            (HEADER_AUTHORIZATION.to_owned(), format!("Bearer {}", self.api_key.expose())),
            (HEADER_ACCEPT.to_owned(), JSON_MEDIA_TYPE.to_owned()),
            (HEADER_USER_AGENT.to_owned(), self.user_agent.clone()),
        ];
        if body.is_some() {
            headers.push((HEADER_CONTENT_TYPE.to_owned(), JSON_MEDIA_TYPE.to_owned()));
        }
        HttpRequest { method, url: url.into(), headers, body }
    }

    /// The base URL plus `segments` (each percent-encoded) and `query` (form-encoded, omitted when empty).
    fn build(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<Vec<u8>>,
    ) -> Result<HttpRequest> {
        let mut url = self.base_url.clone();
        url.path_segments_mut()
            .map_err(|()| Error::new(Code::InvalidBaseUrl, "the base URL cannot take a path"))?
            .pop_if_empty()
            .extend(segments);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(self.request(method, url, body))
    }

    fn with_body(&self, method: Method, segments: &[&str], body: &Value, report: Report) -> Result<HttpRequest> {
        report.into_result()?;
        self.build(method, segments, &[], Some(canonical(body)?))
    }

    fn list(&self, segments: &[&str], spec: QuerySpec, query: Option<&Value>) -> Result<HttpRequest> {
        self.build(Method::Get, segments, &query_pairs(spec, query)?, None)
    }

    /// One `POST` per `size` names, in the caller's order.
    fn batches(
        &self,
        segments: &[&str],
        names: &[String],
        size: usize,
        body: impl Fn(&[String]) -> Value,
    ) -> Result<Vec<HttpRequest>> {
        names
            .chunks(size)
            .map(|chunk| self.build(Method::Post, segments, &[], Some(canonical(&body(chunk))?)))
            .collect()
    }
}

fn environment_of(key: &str) -> Result<Environment> {
    let invalid = |why: &str| Error::new(Code::InvalidApiKey, format!("the API key {why}"));
    let (environment, rest) = if let Some(rest) = key.strip_prefix(LIVE_KEY_PREFIX) {
        (Environment::Live, rest)
    } else if let Some(rest) = key.strip_prefix(TEST_KEY_PREFIX) {
        (Environment::Test, rest)
    } else {
        let hint = if key.trim() != key { " (it starts with whitespace)" } else { "" };
        return Err(invalid(&format!("must start with `{LIVE_KEY_PREFIX}` or `{TEST_KEY_PREFIX}`{hint}")));
    };
    if rest.is_empty() {
        return Err(invalid("has nothing after its prefix"));
    }
    // A key travels in a header: whitespace (a pasted trailing newline) or
    // control characters would be dropped or refused by the host's HTTP stack.
    if !rest.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid(
            "contains whitespace or characters that cannot go in an HTTP header (a trailing newline?)",
        ));
    }
    Ok(environment)
}

/// An absolute `https` URL with a host, no credentials, query or fragment;
/// stored without a trailing slash. Messages do not quote it (it might hold credentials).
fn parse_base_url(raw: &str) -> Result<Url> {
    let invalid =
        |why: &str| Error::new(Code::InvalidBaseUrl, format!("the base URL {why} (default: {DEFAULT_BASE_URL})"));
    let mut url = Url::parse(raw.trim()).map_err(|_| invalid("is not an absolute URL"))?;
    if url.scheme() != "https" {
        return Err(invalid("must use https: every request carries the API key"));
    }
    if url.host().is_none() || url.cannot_be_a_base() {
        return Err(invalid("has no host"));
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

fn user_agent(host: Option<&str>) -> Result<String> {
    let own = format!("{USER_AGENT_PRODUCT}/{}", crate::VERSION);
    match host.map(str::trim).filter(|h| !h.is_empty()) {
        None => Ok(own),
        Some(host) if host.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) => Ok(format!("{own} {host}")),
        Some(_) => Err(Error::new(Code::InvalidArgument, "the user agent must be printable ASCII on one line")),
    }
}

/// Ids are opaque after their prefix: anything but whitespace and control
/// characters (which HTTP stacks drop silently) goes, percent-encoded in paths.
fn is_opaque_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .is_some_and(|rest| !rest.is_empty() && !rest.chars().any(|c| c.is_whitespace() || c.is_control()))
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
    let text = serde_json::to_string(value).map_err(|e| Error::new(Code::InvalidArgument, e.to_string()))?;
    Ok(canonicalize(&text)?.into_bytes())
}

/// A batch's names once the endpoint's validator found no error (its
/// `too_many` dropped: splitting is what batch builders are for), normalized
/// for sending; with `ids`, `dom_` ids are kept as given.
fn domain_names(domains: &Value, mut report: Report, ids: bool) -> Result<Vec<String>> {
    report.violations.retain(|v| !(v.code == Rule::TooMany && v.path == "domains"));
    report.into_result()?;
    let items = domains.as_array().map(Vec::as_slice).unwrap_or_default();
    let names = items.iter().filter_map(Value::as_str).map(str::trim).map(|name| {
        if ids && name.starts_with(DOMAIN) {
            name.to_owned()
        } else {
            normalize_domain(name).unwrap_or_else(|| name.to_owned())
        }
    });
    Ok(names.collect())
}

// ---- Query options -----------------------------------------------------------

/// What a query option's value must be.
#[derive(Clone, Copy)]
enum Filter {
    /// One of the documented values.
    OneOf(&'static [&'static str]),
    /// Any non-empty text (values Peeker does not document).
    Text,
    /// An id with this prefix.
    Id(&'static str),
    Email,
    /// A `usr_` id or an email address.
    UserRef,
    /// `MIN_PER_PAGE..=MAX_PER_PAGE`.
    PerPage,
    /// Opaque: sent exactly as given.
    PageToken,
}

/// The options an endpoint takes, in the order they are written to the URL
/// (a fixed order, so every host builds the same URL).
type QuerySpec = &'static [(&'static str, Filter)];

const ORDER_STATUSES: &[&str] =
    &["in_progress", "completed", "failed", "action_required", "cancel_scheduled", "cancelled"];
const SWAP_STATUSES: &[&str] = &["created", "in_progress", "completed", "failed", "action_required"];
const PAGINATION: QuerySpec = &[("per_page", Filter::PerPage), ("page_token", Filter::PageToken)];
const USERS_QUERY: QuerySpec = &[("email", Filter::Email), ("status", Filter::OneOf(&["active", "deleted"]))];
const BUNDLES_QUERY: QuerySpec = &[("status", Filter::OneOf(&["active", "archived"]))];
const DOMAINS_QUERY: QuerySpec = &[
    ("category", Filter::OneOf(&["inventory", "connected"])),
    ("user_id", Filter::Id(USER)),
    ("user_email", Filter::Email),
    ("usable_for", Filter::OneOf(&["google", "microsoft"])),
    ("status", Filter::Text),
];
const ORDERS_QUERY: QuerySpec = &[
    ("user_id", Filter::Id(USER)),
    ("user_email", Filter::Email),
    ("bundle_id", Filter::Id(BUNDLE)),
    ("status", Filter::OneOf(ORDER_STATUSES)),
];
const PENDING_QUERY: QuerySpec = &[
    ("order_id", Filter::Id(ORDER)),
    ("user", Filter::UserRef),
    ("domain_id", Filter::Id(DOMAIN)),
    ("status", Filter::OneOf(&["open", "resolved"])),
];
const SWAPS_QUERY: QuerySpec = &[
    ("user_id", Filter::Id(USER)),
    ("order_id", Filter::Id(ORDER)),
    ("domain_id", Filter::Id(DOMAIN)),
    ("status", Filter::OneOf(SWAP_STATUSES)),
];

/// The query pairs for `query` (a JSON object, or `None`/null for none):
/// null members are skipped, strings trimmed (except `page_token`). An
/// unknown key is an error here, not the bodies' warning: the API would
/// ignore the filter and silently return everything.
fn query_pairs(spec: QuerySpec, query: Option<&Value>) -> Result<Vec<(&'static str, String)>> {
    let mut report = Report::default();
    let map = match query {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Object(map)) => map,
        Some(_) => {
            report.add(Rule::InvalidType, "", "query options must be an object");
            return Err(Error::validation(report));
        }
    };
    let known = || spec.iter().chain(PAGINATION);
    for key in map.keys().filter(|key| !known().any(|(name, _)| name == key)) {
        report.violations.push(Violation {
            code: Rule::UnknownField,
            path: key.clone(),
            message: format!("`{key}` is not a query option of this endpoint"),
            severity: Severity::Error,
        });
    }
    let mut pairs = Vec::new();
    for (key, filter) in known() {
        let Some(value) = map.get(*key).filter(|v| !v.is_null()) else {
            continue;
        };
        if let Some(text) = filter.check(value, key, &mut report) {
            pairs.push((*key, text));
        }
    }
    report.into_result()?;
    Ok(pairs)
}

impl Filter {
    /// The value as it goes in the URL, or `None` with the violation reported.
    fn check(self, value: &Value, key: &str, report: &mut Report) -> Option<String> {
        if let Filter::PerPage = self {
            return per_page(value, key, report);
        }
        let Some(raw) = value.as_str() else {
            report.add(Rule::InvalidType, key, "expected a string");
            return None;
        };
        let text = if let Filter::PageToken = self { raw } else { raw.trim() };
        if text.trim().is_empty() {
            report.add(Rule::Empty, key, "must not be empty");
            return None;
        }
        let ok = match self {
            Filter::OneOf(values) => {
                let known = values.contains(&text);
                if !known {
                    report.add(Rule::OutOfRange, key, format!("must be one of: {}", values.join(", ")));
                }
                known
            }
            Filter::Id(prefix) => check_id(text, key, prefix, report),
            Filter::Email => check_email(text, key, report),
            Filter::UserRef if text.starts_with(USER) => check_id(text, key, USER, report),
            Filter::UserRef => check_email(text, key, report),
            Filter::Text | Filter::PageToken | Filter::PerPage => true,
        };
        ok.then(|| text.to_owned())
    }
}

fn per_page(value: &Value, key: &str, report: &mut Report) -> Option<String> {
    let Some(number) = value.as_i64().or_else(|| value.as_u64().map(|_| i64::MAX)) else {
        report.add(Rule::InvalidType, key, "expected a whole number");
        return None;
    };
    if !(MIN_PER_PAGE..=MAX_PER_PAGE).contains(&number) {
        report.add(Rule::OutOfRange, key, format!("must be between {MIN_PER_PAGE} and {MAX_PER_PAGE}"));
        return None;
    }
    Some(number.to_string())
}

fn check_id(text: &str, key: &str, prefix: &str, report: &mut Report) -> bool {
    let ok = is_opaque_id(text, prefix);
    if !ok {
        report.add(Rule::InvalidId, key, format!("must be an id starting with `{prefix}`"));
    }
    ok
}

/// The body validators' email rule, reused for a query option.
fn check_email(text: &str, key: &str, report: &mut Report) -> bool {
    let found = validate_user_patch(&json!({ "email": text }));
    let ok = found.is_valid();
    report.violations.extend(found.violations.into_iter().map(|v| Violation { path: key.to_owned(), ..v }));
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Result<Client> {
        Client::new("pk_test_abc", ClientOptions::default())
    }

    #[test]
    fn batch_caps_match_the_validators() {
        let names = |n: usize| json!({ "domains": (0..n).map(|i| format!("d{i}.com")).collect::<Vec<_>>() });
        type Validator = fn(&Value) -> Report;
        let caps: [(usize, Validator); 4] = [
            (AVAILABILITY_BATCH, validate_availability_lookup),
            (IMPORT_BATCH, |b| validate_import(b, ImportMode::Sync)),
            (IMPORT_JOB_BATCH, |b| validate_import(b, ImportMode::Job)),
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
    fn debug_never_shows_the_key() {
        let client = Client::new("pk_live_do_not_print", ClientOptions::default());
        let shown = format!("{client:?}");
        assert!(!shown.contains("do_not_print"), "{shown}");
        let err = Client::new("sk_live_do_not_print", ClientOptions::default()).err();
        let shown = format!("{err:?}");
        assert!(!shown.contains("do_not_print") && shown.contains("InvalidApiKey"), "{shown}");
    }

    /// The part of the test key that must never be shown.
    const KEY_MARK: &str = "K3yDoNotPrint";
    const KEY: &str = "pk_live_K3yDoNotPrint";

    fn assert_no_key(err: &Error) {
        let shown = format!("{err} {err:?} {}", crate::host::error_json(err));
        assert!(!shown.contains(KEY_MARK), "{shown}");
    }

    #[test]
    fn client_new_errors_never_quote_the_key() {
        let bad_keys = [
            "sk_live_K3yDoNotPrint",
            "K3yDoNotPrint",
            " pk_live_K3yDoNotPrint",
            "pk_live_K3yDoNotPrint\n",
            "pk_test_K3yDoNotPrint with spaces",
            "pk_test_K3yDoNotPrint\u{7f}",
            "pk_live_K3yDoNotPrint\u{e9}",
            "Bearer pk_live_K3yDoNotPrint",
            "PK_LIVE_K3yDoNotPrint",
        ];
        for key in bad_keys {
            let err = Client::new(key, ClientOptions::default()).err();
            assert_eq!(err.as_ref().map(|e| e.code), Some(Code::InvalidApiKey), "{key:?}");
            err.iter().for_each(assert_no_key);
        }
        let bad_options = [
            ClientOptions { base_url: Some("http://api.peeker.ai/partner/v1".into()), user_agent: None },
            ClientOptions { base_url: Some("https://user:K3yDoNotPrint@api.peeker.ai".into()), user_agent: None },
            ClientOptions { base_url: Some("https://api.peeker.ai/?key=K3yDoNotPrint".into()), user_agent: None },
            ClientOptions { base_url: Some("K3yDoNotPrint".into()), user_agent: None },
            ClientOptions { base_url: None, user_agent: Some("K3yDoNotPrint\r\nX-Evil: 1".into()) },
        ];
        for options in bad_options {
            let err = Client::new(KEY, options.clone()).err();
            assert!(err.is_some(), "{options:?}");
            err.iter().for_each(assert_no_key);
        }
    }

    /// Arguments with which every builder succeeds.
    fn good_args(name: &str) -> Value {
        let id = match name {
            "get_user" | "update_user" | "delete_user" => "usr_1",
            "get_bundle" | "update_bundle" | "delete_bundle" => "bun_1",
            "get_import" | "get_import_job" => "imp_1",
            "get_forwarding_job" => "fwj_1",
            "get_order" | "cancel_order" => "ord_1",
            _ => "swp_1",
        };
        let body = match name {
            "create_user" | "update_user" => json!({"email": "client@example.com"}),
            "create_bundle" | "update_bundle" => json!({"name": "Starter", "monthly_sending_volume": 25000}),
            "create_swap" => json!({"type": "standard", "domain_id": "dom_1", "replacement_domain": "b.com"}),
            "swap_user_names" => json!({"domain_id": "dom_1",
                "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": null}]}),
            _ => Value::Null,
        };
        json!({
            "id": id, "body": body, "domains": ["a.com", "b.com"], "forwarding_url": "https://acme.example",
            "links_next": "https://api.peeker.ai/partner/v1/users?page_token=abc", "query": {"per_page": 10},
            "order": {
                "user": "client@example.com", "bundle_id": "bun_1", "domains": ["a.com"],
                "sequencer": {"provider": "smartlead", "login_email": "l@example.com", "login_password": "s3cret-pw"},
                "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": ""}],
            },
        })
    }

    #[test]
    fn requests_and_builder_errors_never_show_the_key() -> Result<()> {
        let client = Client::new(KEY, ClientOptions::default())?;
        let shown = format!("{client:?}");
        assert!(!shown.contains(KEY_MARK) && shown.contains("[redacted]"), "{shown}");
        for name in crate::host::BUILDERS.iter().map(|b| b.name) {
            let requests = crate::host::build_requests(&client, name, &good_args(name))?;
            assert!(!requests.is_empty(), "{name}");
            for request in requests {
                assert_eq!(request.header("authorization"), Some(format!("Bearer {KEY}").as_str()));
                let shown = format!("{request:?}");
                assert!(!shown.contains(KEY_MARK) && !shown.contains("s3cret-pw"), "{name}: {shown}");
            }
            // Arguments of every wrong shape, some of them holding the key itself.
            let bad = [
                json!({}),
                json!(null),
                json!({"id": KEY, "body": KEY, "domains": KEY, "forwarding_url": KEY, "order": KEY, "query": KEY}),
                json!({"id": "usr_", "body": {"email": KEY, "name": KEY, "x": KEY}, "domains": [KEY, KEY],
                       "forwarding_url": "", "query": {"email": KEY, "status": KEY, "per_page": KEY},
                       "order": {"user": KEY, "sequencer": {"login_password": KEY}},
                       "links_next": format!("https://evil.example/?k={KEY}")}),
            ];
            for args in bad {
                match crate::host::build_requests(&client, name, &args) {
                    Err(err) => assert_no_key(&err),
                    Ok(requests) => {
                        for request in requests {
                            let shown = format!("{request:?}");
                            // The URL may hold what the caller passed; the header never shows.
                            assert!(!shown.contains(&format!("Bearer {KEY}")), "{name}: {shown}");
                        }
                    }
                }
            }
        }
        let err = crate::host::build_requests(&client, "no_such_builder", &json!({})).err();
        err.iter().for_each(assert_no_key);
        Ok(())
    }

    #[test]
    fn base_url_keeps_its_path_and_drops_a_trailing_slash() -> Result<()> {
        let options =
            ClientOptions { base_url: Some("https://api.peeker.ai/api/partner/v1/".into()), user_agent: None };
        let client = Client::new("pk_test_abc", options)?;
        assert_eq!(client.base_url(), "https://api.peeker.ai/api/partner/v1");
        assert_eq!(client.get_me()?.url, "https://api.peeker.ai/api/partner/v1/me");
        let root =
            Client::new("pk_test_abc", ClientOptions { base_url: Some("https://mock.test".into()), user_agent: None })?;
        assert_eq!(root.get_user("usr_1")?.url, "https://mock.test/users/usr_1");
        assert_eq!(
            root.next_page("https://mock.test/anything?page_token=x")?.url,
            "https://mock.test/anything?page_token=x"
        );
        Ok(())
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
