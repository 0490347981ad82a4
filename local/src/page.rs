//! List queries and pages: filters checked like the contract says (400
//! `invalid_request` naming the parameter), pages of `per_page` cut by an
//! opaque token, and `links.next` until the last page.

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use peeker_core::contract::{DEFAULT_PER_PAGE, MAX_PER_PAGE, MIN_PER_PAGE};
use serde_json::{Value, json};

use crate::app::Inner;
use crate::error::{ApiErr, json_response};
use crate::util::{hex, unhex};

/// What a query parameter may hold.
#[derive(Clone, Copy)]
pub enum Filter {
    /// One of these values.
    OneOf(&'static [&'static str]),
    /// An id with this prefix.
    Id(&'static str),
    /// An email address.
    Email,
    /// A `usr_` id or an email address.
    UserRef,
    /// Any non-empty text.
    Text,
}

/// A checked list query.
pub struct ListQuery {
    pub per_page: usize,
    /// Only items older than this position (from the page token).
    pub before: Option<i64>,
    /// The filters given, checked, in the order of the spec.
    pub filters: Vec<(&'static str, String)>,
}

impl ListQuery {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.filters.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// Parses `key=value` pairs of a raw query.
pub fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// Whether `text` is an id with `prefix` (letters, digits, `_` and `-` after it).
pub fn is_id(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix)
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
}

/// Whether `text` is an email address, by the core's rule.
pub fn is_email(text: &str) -> bool {
    peeker_core::validate::validate_user_patch(&json!({ "email": text })).is_valid()
}

/// Checks a list query against its filters (unknown parameters are ignored, as the API does).
pub fn list_query(raw: Option<&str>, filters: &[(&'static str, Filter)]) -> Result<ListQuery, ApiErr> {
    let mut query = ListQuery { per_page: DEFAULT_PER_PAGE, before: None, filters: Vec::new() };
    let pairs = pairs(raw);
    let last = |name: &str| pairs.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if let Some(per_page) = last("per_page") {
        query.per_page =
            per_page.parse::<usize>().ok().filter(|n| (MIN_PER_PAGE..=MAX_PER_PAGE).contains(n)).ok_or_else(|| {
                ApiErr::bad_field("per_page", format!("must be a whole number from {MIN_PER_PAGE} to {MAX_PER_PAGE}"))
            })?;
    }
    if let Some(token) = last("page_token") {
        query.before = Some(read_token(token).ok_or_else(|| {
            ApiErr::bad_field("page_token", "not a page token of this list: take it from `links.next`")
        })?);
    }
    for (name, filter) in filters {
        let Some(value) = last(name) else { continue };
        let ok = match filter {
            Filter::OneOf(values) => values.contains(&value),
            Filter::Id(prefix) => is_id(value, prefix),
            Filter::Email => is_email(value),
            Filter::UserRef => is_id(value, "usr_") || is_email(value),
            Filter::Text => !value.trim().is_empty(),
        };
        if !ok {
            let message = match filter {
                Filter::OneOf(values) => format!("must be one of: {}", values.join(", ")),
                Filter::Id(prefix) => format!("must be an id starting `{prefix}`"),
                Filter::Email => "must be an email address".into(),
                Filter::UserRef => "must be a `usr_` id or an email address".into(),
                Filter::Text => "must not be empty".into(),
            };
            return Err(ApiErr::bad_field(name, message));
        }
        query.filters.push((name, value.to_owned()));
    }
    Ok(query)
}

fn token(position: i64) -> String {
    format!("pt_{}", hex(format!("v1.{position}").as_bytes()))
}

fn read_token(token: &str) -> Option<i64> {
    let bytes = unhex(token.strip_prefix("pt_")?)?;
    String::from_utf8(bytes).ok()?.strip_prefix("v1.")?.parse().ok().filter(|n| *n > 0)
}

/// A page of `items` (newest first, each with its position) as `{data, links, meta}`.
pub fn page(
    app: &Inner,
    headers: &HeaderMap,
    path: &str,
    query: &ListQuery,
    items: Vec<(i64, Value)>,
    render: impl Fn(Value) -> Value,
) -> Response {
    let mut items = items.into_iter().filter(|(seq, _)| query.before.is_none_or(|b| *seq < b));
    let data: Vec<(i64, Value)> = items.by_ref().take(query.per_page).collect();
    let more = items.next().is_some();
    let base = app.base_url(headers);
    let mut params: Vec<(String, String)> = query.filters.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
    params.push(("per_page".into(), query.per_page.to_string()));
    let link = |params: &[(String, String)]| {
        let encoded = form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish();
        format!("{base}{path}?{encoded}")
    };
    let first = link(&params);
    // The last page has no `next` (the contract types it as a string).
    let mut links = json!({ "first": first });
    if let (Some((seq, _)), true, Value::Object(map)) = (data.last(), more, &mut links) {
        params.push(("page_token".into(), token(*seq)));
        map.insert("next".into(), Value::String(link(&params)));
    }
    let returned = data.len();
    let data: Vec<Value> = data.into_iter().map(|(_, v)| render(v)).collect();
    let body = json!({
        "data": data,
        "links": links,
        "meta": {"path": path, "per_page": query.per_page, "returned": returned},
    });
    json_response(StatusCode::OK, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_refuse_others() {
        assert_eq!(read_token(&token(42)), Some(42));
        assert_eq!(read_token("pt_zz"), None);
        assert_eq!(read_token("42"), None);
    }

    #[test]
    fn filters_are_checked() {
        let query = list_query(Some("per_page=2&status=active&x=1"), &[("status", Filter::OneOf(&["active"]))]);
        assert!(query.is_ok_and(|q| q.per_page == 2 && q.get("status") == Some("active")));
        assert!(list_query(Some("per_page=0"), &[]).is_err());
        assert!(list_query(Some("user_id=bun_1"), &[("user_id", Filter::Id("usr_"))]).is_err());
    }
}
