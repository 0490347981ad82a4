//! Domains: the inventory list, availability from the fake registry, and
//! web forwarding jobs.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use peeker_core::contract::prefix;
use peeker_core::model::{Availability, ForwardingJob, ForwardingStatus};
use peeker_core::validate::{normalize_domain, validate_availability_lookup, validate_forwarding};
use serde_json::{Value, json};

use super::{body_json, check, data, path_id};
use crate::app::App;
use crate::error::{ApiErr, ApiResult};
use crate::page::{Filter, list_query, page};
use crate::store::{Reader, kind};
use crate::util::{new_id, now_ms, rfc3339};

/// Whether the partner already has this name (an order's domain or an import's).
pub fn in_use(read: &Reader<'_>, name: &str) -> Result<bool, ApiErr> {
    let domains = read.named(kind::DOMAIN, name)?;
    Ok(domains.iter().any(|d| !matches!(d.get("status").and_then(Value::as_str), Some("cancelled" | "failed"))))
}

pub async fn list(State(app): State<App>, headers: HeaderMap, RawQuery(raw): RawQuery) -> ApiResult {
    let query = list_query(
        raw.as_deref(),
        &[
            ("category", Filter::OneOf(&["inventory", "connected"])),
            ("user_id", Filter::Id(prefix::USER)),
            ("user_email", Filter::Email),
            ("usable_for", Filter::OneOf(&["google", "microsoft"])),
            ("status", Filter::Text),
        ],
    )?;
    let read_user = |email: &str| -> Result<Option<String>, ApiErr> {
        let user = super::users::find_by_email(&app.db().read(), email)?;
        Ok(user.and_then(|u| u.get("id").and_then(Value::as_str).map(str::to_owned)))
    };
    let user = match (query.get("user_id"), query.get("user_email")) {
        (Some(id), _) => Some(id.to_owned()),
        (None, Some(email)) => Some(read_user(email)?.unwrap_or_default()),
        (None, None) => None,
    };
    let domains = app.db().read().all(kind::DOMAIN)?;
    let text = |d: &Value, key: &str| d.get(key).and_then(Value::as_str).map(str::to_owned);
    let domains = domains
        .into_iter()
        .filter(|(_, d)| query.get("category").is_none_or(|c| text(d, "category").as_deref() == Some(c)))
        .filter(|(_, d)| user.as_deref().is_none_or(|u| text(d, "user_id").as_deref() == Some(u)))
        .filter(|(_, d)| query.get("status").is_none_or(|s| text(d, "status").as_deref() == Some(s)))
        .filter(|(_, d)| {
            query.get("usable_for").is_none_or(|p| {
                d.get("usable_for").and_then(Value::as_array).is_some_and(|list| list.iter().any(|x| x == p))
            })
        })
        .collect();
    Ok(page(&app, &headers, "/domains", &query, domains, |d| d))
}

pub async fn availability(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    check(validate_availability_lookup(&body))?;
    let names: Vec<String> = body
        .get("domains")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).filter_map(normalize_domain).collect())
        .unwrap_or_default();
    let rows = {
        let db = app.db();
        let read = db.read();
        names
            .iter()
            .map(|name| Ok(crate::registry::row(name, in_use(&read, name)?)))
            .collect::<Result<Vec<_>, ApiErr>>()?
    };
    let availability = Availability { domains: rows, ..Availability::default() };
    Ok(data(StatusCode::OK, serde_json::to_value(availability).unwrap_or_default()))
}

pub async fn forwarding(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    check(validate_forwarding(&body))?;
    let url = body.get("forwarding_url").and_then(Value::as_str).unwrap_or_default().trim().to_owned();
    let entries: Vec<String> = body
        .get("domains")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(|s| {
                    if s.trim().starts_with(prefix::DOMAIN) {
                        s.trim().to_owned()
                    } else {
                        normalize_domain(s).unwrap_or_default()
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let job = ForwardingJob {
        id: new_id(prefix::FORWARDING_JOB),
        status: Some(ForwardingStatus::InProgress),
        forwarding_url: Some(url),
        created_at: Some(rfc3339(now_ms())),
        ..ForwardingJob::default()
    };
    let value = serde_json::to_value(&job).unwrap_or_default();
    let due = now_ms() + app.scaled_ms(300.0);
    app.db().write(|tx| {
        tx.put(kind::FORWARDING, &job.id, None, None, &value)?;
        tx.schedule(due, crate::provision::task::FORWARDING, &job.id, &json!(entries).to_string())?;
        Ok(())
    })?;
    app.wake_tasks.notify_one();
    Ok(data(StatusCode::ACCEPTED, value))
}

pub async fn get_forwarding(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    path_id(&id, prefix::FORWARDING_JOB, "forwarding job")?;
    let job = app.db().read().get(kind::FORWARDING, &id)?.ok_or_else(|| ApiErr::not_found("forwarding job"))?;
    Ok(data(StatusCode::OK, job))
}
