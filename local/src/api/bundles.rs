//! Bundles: sending plans sized by the core's `estimate_required_domains`.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use peeker_core::contract::{DEFAULT_GOOGLE_INBOXES_PER_DOMAIN, RECOMMENDED_GOOGLE_PERCENT, prefix};
use peeker_core::estimate_required_domains;
use peeker_core::model::{Bundle, BundleSplit};
use peeker_core::validate::{validate_bundle, validate_bundle_patch};
use serde_json::{Map, Value};

use super::{body_json, check, data, path_id};
use crate::app::App;
use crate::error::{ApiErr, ApiResult};
use crate::page::{Filter, list_query, page};
use crate::store::kind;
use crate::util::{new_id, now_ms, rfc3339};

const SIZING: &[&str] = &[
    "name",
    "monthly_sending_volume",
    "google_percent",
    "microsoft_percent",
    "send_on_weekends",
    "google_inboxes_per_domain",
];

/// A bundle from its fields (already valid): the split in force and `required_domains` computed.
fn build(id: String, fields: &Map<String, Value>, created_at: String) -> Result<Bundle, ApiErr> {
    let params = Value::Object(fields.clone());
    let required =
        estimate_required_domains(&params).map_err(|_| ApiErr::bad_request("the sizing fields are not valid"))?;
    let number = |key: &str| fields.get(key).and_then(Value::as_u64);
    let (google, microsoft) = (number("google_percent"), number("microsoft_percent"));
    let effective = BundleSplit {
        google_percent: Some(google.unwrap_or(RECOMMENDED_GOOGLE_PERCENT)),
        microsoft_percent: Some(microsoft.unwrap_or(100 - RECOMMENDED_GOOGLE_PERCENT)),
        ..BundleSplit::default()
    };
    Ok(Bundle {
        id,
        name: fields.get("name").and_then(Value::as_str).map(|s| s.trim().to_owned()),
        monthly_sending_volume: number("monthly_sending_volume"),
        google_percent: google,
        microsoft_percent: microsoft,
        send_on_weekends: Some(fields.get("send_on_weekends").and_then(Value::as_bool).unwrap_or(false)),
        google_inboxes_per_domain: Some(
            number("google_inboxes_per_domain").unwrap_or(DEFAULT_GOOGLE_INBOXES_PER_DOMAIN),
        ),
        status: Some("active".into()),
        effective: Some(effective),
        required_domains: Some(required),
        created_at: Some(created_at),
        ..Bundle::default()
    })
}

fn sizing_fields(value: &Value) -> Map<String, Value> {
    let mut fields = Map::new();
    for key in SIZING {
        if let Some(v) = value.get(*key).filter(|v| !v.is_null()) {
            fields.insert((*key).to_owned(), v.clone());
        }
    }
    fields
}

fn to_value(bundle: &Bundle) -> Value {
    serde_json::to_value(bundle).unwrap_or_default()
}

pub async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    check(validate_bundle(&body))?;
    let bundle = build(new_id(prefix::BUNDLE), &sizing_fields(&body), rfc3339(now_ms()))?;
    app.db().write(|tx| Ok(tx.put(kind::BUNDLE, &bundle.id, None, None, &to_value(&bundle))?))?;
    Ok(data(StatusCode::CREATED, to_value(&bundle)))
}

pub async fn list(State(app): State<App>, headers: HeaderMap, RawQuery(raw): RawQuery) -> ApiResult {
    let query = list_query(raw.as_deref(), &[("status", Filter::OneOf(&["active", "archived"]))])?;
    let status = query.get("status");
    let bundles = app.db().read().all(kind::BUNDLE)?;
    let bundles = bundles
        .into_iter()
        .filter(|(_, b)| status.is_none_or(|s| b.get("status").and_then(Value::as_str) == Some(s)))
        .collect();
    Ok(page(&app, &headers, "/bundles", &query, bundles, |b| b))
}

/// A stored bundle, or 404.
pub fn load(app: &App, id: &str) -> Result<Value, ApiErr> {
    path_id(id, prefix::BUNDLE, "bundle")?;
    app.db().read().get(kind::BUNDLE, id)?.ok_or_else(|| ApiErr::not_found("bundle"))
}

pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    Ok(data(StatusCode::OK, load(&app, &id)?))
}

pub async fn update(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    path_id(&id, prefix::BUNDLE, "bundle")?;
    let body = body_json(&body)?;
    check(validate_bundle_patch(&body))?;
    let bundle = app.db().write(|tx| {
        let stored = tx.read().get(kind::BUNDLE, &id)?.ok_or_else(|| ApiErr::not_found("bundle"))?;
        if stored.get("status").and_then(Value::as_str) == Some("archived") {
            return Err(ApiErr::conflict("the bundle is archived"));
        }
        let mut fields = sizing_fields(&stored);
        if let Value::Object(changes) = &body {
            for (key, value) in changes {
                if value.is_null() {
                    fields.remove(key);
                } else {
                    fields.insert(key.clone(), value.clone());
                }
            }
        }
        // One percent given alone keeps the other's stored value only if they still sum to 100.
        check(peeker_core::validate::validate_bundle(&Value::Object(fields.clone())))?;
        let created_at = stored.get("created_at").and_then(Value::as_str).unwrap_or_default().to_owned();
        let bundle = build(id.clone(), &fields, created_at)?;
        tx.put(kind::BUNDLE, &id, None, None, &to_value(&bundle))?;
        Ok(bundle)
    })?;
    Ok(data(StatusCode::OK, to_value(&bundle)))
}

pub async fn delete(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    path_id(&id, prefix::BUNDLE, "bundle")?;
    let bundle = app.db().write(|tx| {
        let stored = tx.read().get(kind::BUNDLE, &id)?.ok_or_else(|| ApiErr::not_found("bundle"))?;
        let mut bundle: Bundle = serde_json::from_value(stored).map_err(|_| ApiErr::internal())?;
        bundle.status = Some("archived".into());
        tx.put(kind::BUNDLE, &id, None, None, &to_value(&bundle))?;
        Ok(bundle)
    })?;
    Ok(data(StatusCode::OK, to_value(&bundle)))
}
