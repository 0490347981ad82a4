//! Swaps: a domain for another, or the names of a domain's inboxes.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use peeker_core::contract::prefix;
use peeker_core::model::{Swap, SwapStatus, UserNameSwaps};
use peeker_core::validate::{normalize_domain, validate_swap, validate_user_name_swap};
use peeker_core::{Report, Rule, Severity, Violation};
use serde_json::Value;

use super::{body_json, check, data, path_id};
use crate::app::App;
use crate::error::{ApiErr, ApiResult};
use crate::page::{Filter, list_query, page};
use crate::provision::task;
use crate::store::{Tx, kind};
use crate::util::{new_id, now_ms, rfc3339};
use crate::webhooks::emit;

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The connected domain a swap is about: 404 when unknown, 409 when its order is gone.
fn swappable(tx: &Tx<'_>, domain_id: &str) -> Result<Value, ApiErr> {
    let domain =
        tx.read().get(kind::DOMAIN, domain_id)?.ok_or_else(|| ApiErr::not_found("domain").field("domain_id"))?;
    if text(&domain, "order_id").is_none() {
        return Err(ApiErr::conflict("only a domain of an order can be swapped").field("domain_id"));
    }
    if matches!(text(&domain, "status"), Some("cancelled" | "cancel_scheduled" | "failed")) {
        return Err(ApiErr::conflict("the domain is cancelled or failed").field("domain_id"));
    }
    Ok(domain)
}

fn violation(code: Rule, message: &str) -> ApiErr {
    let report = Report {
        violations: vec![Violation {
            code,
            path: "replacement_domain".into(),
            message: message.into(),
            severity: Severity::Error,
        }],
    };
    ApiErr::validation(&report)
}

/// Stores a new swap, fires `swap.created`, and queues its progress.
fn start(app: &App, tx: &Tx<'_>, swap: &Swap, now: i64) -> Result<Value, ApiErr> {
    let value = serde_json::to_value(swap).unwrap_or_default();
    let domain_id = swap.domain_id.as_deref().unwrap_or_default();
    tx.put(kind::SWAP, &swap.id, Some(domain_id), None, &value)?;
    emit(tx, "swap.created", &swap.id, &value)?;
    tx.schedule(now + app.scaled_ms(600.0), task::SWAP_START, &swap.id, "")?;
    tx.schedule(now + app.scaled_ms(3600.0), task::SWAP_FINISH, &swap.id, "")?;
    Ok(value)
}

pub async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    check(validate_swap(&body))?;
    let swap_type = text(&body, "type").unwrap_or("standard").to_owned();
    let domain_id = text(&body, "domain_id").unwrap_or_default().trim().to_owned();
    let replacement = text(&body, "replacement_domain").and_then(normalize_domain).unwrap_or_default();
    let now = now_ms();
    let swap = app.db().write(|tx| {
        swappable(tx, &domain_id)?;
        let row = crate::registry::row(&replacement, super::domains::in_use(&tx.read(), &replacement)?);
        let premium_swap = swap_type == "premium";
        if row.premium != premium_swap || (!row.available && !row.premium) {
            return Err(if row.premium {
                violation(Rule::PremiumDomain, "a premium name needs a `premium` swap")
            } else if !row.available {
                violation(Rule::DomainUnavailable, "the replacement is not available")
            } else {
                violation(Rule::OutOfRange, "a `premium` swap needs a premium name")
            });
        }
        let swap = Swap {
            id: new_id(prefix::SWAP),
            kind: Some(swap_type.clone()),
            domain_id: Some(domain_id.clone()),
            replacement_domain: Some(replacement.clone()),
            status: Some(SwapStatus::Created),
            created_at: Some(rfc3339(now)),
            ..Swap::default()
        };
        start(&app, tx, &swap, now)
    })?;
    app.wake_tasks.notify_one();
    app.wake_deliveries.notify_one();
    Ok(data(StatusCode::CREATED, swap))
}

pub async fn user_names(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    check(validate_user_name_swap(&body))?;
    let domain_id = text(&body, "domain_id").unwrap_or_default().trim().to_owned();
    let personas = body.get("personas").and_then(Value::as_array).map_or(0, Vec::len);
    let now = now_ms();
    let swaps = app.db().write(|tx| {
        swappable(tx, &domain_id)?;
        let mut swaps = Vec::new();
        for _ in 0..personas {
            let swap = Swap {
                id: new_id(prefix::SWAP),
                kind: Some("user_names".into()),
                domain_id: Some(domain_id.clone()),
                status: Some(SwapStatus::Created),
                created_at: Some(rfc3339(now)),
                ..Swap::default()
            };
            start(&app, tx, &swap, now)?;
            swaps.push(swap);
        }
        Ok(swaps)
    })?;
    app.wake_tasks.notify_one();
    app.wake_deliveries.notify_one();
    let swaps = UserNameSwaps { swaps, ..UserNameSwaps::default() };
    Ok(data(StatusCode::CREATED, serde_json::to_value(swaps).unwrap_or_default()))
}

pub async fn list(State(app): State<App>, headers: HeaderMap, RawQuery(raw): RawQuery) -> ApiResult {
    let statuses = &["created", "in_progress", "completed", "failed", "action_required"];
    let query = list_query(
        raw.as_deref(),
        &[
            ("user_id", Filter::Id(prefix::USER)),
            ("order_id", Filter::Id(prefix::ORDER)),
            ("domain_id", Filter::Id(prefix::DOMAIN)),
            ("status", Filter::OneOf(statuses)),
        ],
    )?;
    let (swaps, domains) = {
        let db = app.db();
        let read = db.read();
        (read.all(kind::SWAP)?, read.all(kind::DOMAIN)?)
    };
    let domain_of = |swap: &Value| {
        let id = text(swap, "domain_id").unwrap_or_default();
        domains.iter().find(|(_, d)| text(d, "id") == Some(id)).map(|(_, d)| d.clone()).unwrap_or_default()
    };
    let wants = |value: Option<&str>, want: Option<&str>| want.is_none_or(|w| value == Some(w));
    let swaps = swaps
        .into_iter()
        .filter(|(_, s)| wants(text(s, "domain_id"), query.get("domain_id")))
        .filter(|(_, s)| wants(text(s, "status"), query.get("status")))
        .filter(|(_, s)| {
            let needs_domain = query.get("order_id").is_some() || query.get("user_id").is_some();
            !needs_domain || {
                let domain = domain_of(s);
                wants(text(&domain, "order_id"), query.get("order_id"))
                    && wants(text(&domain, "user_id"), query.get("user_id"))
            }
        })
        .collect();
    Ok(page(&app, &headers, "/swaps", &query, swaps, |s| s))
}

pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    path_id(&id, prefix::SWAP, "swap")?;
    let swap = app.db().read().get(kind::SWAP, &id)?.ok_or_else(|| ApiErr::not_found("swap"))?;
    Ok(data(StatusCode::OK, swap))
}
