//! Orders: validated with the core against the bundle and the fake
//! registry, deduplicated by body for the dedupe window, provisioned by the
//! task clock (crate::provision); pending actions and cancellations.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use peeker_core::contract::prefix;
use peeker_core::model::{AvailabilityRow, Costs, Domain, LineItem, Provider, RequiredDomains};
use peeker_core::validate::{normalize_domain, validate_cancellation};
use peeker_core::{
    AvailabilityRows, OrderContext, PreparedAvailability, Rule, canonicalize, dedupe_key, plan_domains, validate_order,
};
use serde_json::{Map, Value, json};

use super::{body_json, check, data, path_id};
use crate::app::App;
use crate::error::{ApiErr, ApiResult};
use crate::page::{Filter, is_id, list_query, page};
use crate::provision::task;
use crate::store::{Reader, Tx, kind};
use crate::util::{new_id, now_ms, rfc3339};

/// Prices of the fake order, in cents (USD).
const GOOGLE_LICENSE_CENTS: i64 = 350;
const MICROSOFT_LICENSE_CENTS: i64 = 1500;

/// The lean receipt of a stored (full) order: no line items, domains or personas.
pub fn lean_order(full: &Value) -> Value {
    let mut lean = full.clone();
    if let Value::Object(map) = &mut lean {
        map.remove("domains");
        map.remove("personas");
        if let Some(Value::Object(costs)) = map.get_mut("costs") {
            costs.remove("line_items");
        }
    }
    lean
}

/// The full order as stored.
pub fn full_order(read: &Reader<'_>, id: &str) -> Result<Value, ApiErr> {
    read.get(kind::ORDER, id)?.ok_or_else(|| ApiErr::not_found("order"))
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The names an order lists, normalized, with each entry's own forwarding URL.
fn order_domains(order: &Value) -> Vec<(String, Option<String>)> {
    let entries = order.get("domains").and_then(Value::as_array).cloned().unwrap_or_default();
    entries
        .iter()
        .filter_map(|entry| match entry {
            Value::String(name) => normalize_domain(name).map(|n| (n, None)),
            Value::Object(map) => {
                let name = map.get("domain").and_then(Value::as_str).and_then(normalize_domain)?;
                Some((name, map.get("forwarding_url").and_then(Value::as_str).map(|u| u.trim().to_owned())))
            }
            _ => None,
        })
        .collect()
}

/// A stored inventory domain the partner imported and may order (its import completed).
fn inventory_domain(read: &Reader<'_>, name: &str) -> Result<Option<Value>, ApiErr> {
    let domains = read.named(kind::DOMAIN, name)?;
    Ok(domains.into_iter().find(|d| text(d, "category") == Some("inventory") && text(d, "status") == Some("active")))
}

pub async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let order = body_json(&body)?;
    // The exact body, compared in canonical form: the same content returns the same order.
    let text_body = std::str::from_utf8(&body).unwrap_or_default();
    let key = dedupe_key(
        canonicalize(text_body).map_err(|_| ApiErr::bad_request("the body cannot be canonicalized"))?.as_bytes(),
    );
    let now = now_ms();
    let window_ms = app.config.dedupe_window_seconds.saturating_mul(1000);
    {
        let db = app.db();
        let read = db.read();
        if let Some((id, at)) = read.remembered_order(&key)? {
            if now.saturating_sub(at) < window_ms {
                return Ok(data(StatusCode::OK, lean_order(&full_order(&read, &id)?)));
            }
        }
    }
    check(validate_order(&order, OrderContext::default()))?;
    let placed = app.db().write(|tx| place(&app, tx, &order, &key, now))?;
    app.wake_tasks.notify_one();
    Ok(data(StatusCode::OK, lean_order(&placed)))
}

/// Places a valid order: the context's checks, the user, the domains, the
/// costs, and the first provisioning task.
fn place(app: &App, tx: &Tx<'_>, order: &Value, key: &str, now: i64) -> Result<Value, ApiErr> {
    let read = tx.read();
    // Another request with the same body may have placed it meanwhile.
    if let Some((id, at)) = read.remembered_order(key)? {
        if now.saturating_sub(at) < app.config.dedupe_window_seconds.saturating_mul(1000) {
            return full_order(&read, &id);
        }
    }
    let bundle = match text(order, "bundle_id") {
        Some(id) => {
            let bundle =
                read.get(kind::BUNDLE, id.trim())?.ok_or_else(|| ApiErr::not_found("bundle").field("bundle_id"))?;
            if text(&bundle, "status") == Some("archived") {
                return Err(ApiErr::conflict("the bundle is archived").field("bundle_id"));
            }
            Some(bundle)
        }
        None => None,
    };
    let domains = order_domains(order);
    let mut rows: Vec<AvailabilityRow> = Vec::new();
    let mut imported: Vec<Value> = Vec::new();
    for (name, _) in &domains {
        match inventory_domain(&read, name)? {
            Some(domain) => {
                rows.push(AvailabilityRow {
                    domain: name.clone(),
                    available: true,
                    usable_for: crate::registry::usable_for(name),
                    ..AvailabilityRow::default()
                });
                imported.push(domain);
            }
            None => rows.push(crate::registry::row(name, super::domains::in_use(&read, name)?)),
        }
    }
    let availability = PreparedAvailability::new(rows.iter().cloned());
    let context =
        OrderContext { bundle: bundle.as_ref(), availability: Some(AvailabilityRows::Prepared(&availability)) };
    let report = validate_order(order, context);
    let required = required_domains(order, bundle.as_ref());
    if let Some(violation) = report.errors().find(|v| v.code == Rule::DomainCountMismatch) {
        let mut err = ApiErr::validation(&report);
        err.status = StatusCode::BAD_REQUEST;
        err.code = "domain_count_mismatch";
        err.message = violation.message.clone();
        let submitted = domains.len() as u64;
        err.details = Some(json!({
            "required_count": required.total, "submitted_count": submitted,
            "missing_count": required.total.saturating_sub(submitted),
            "violations": serde_json::to_value(&report.violations).unwrap_or_default(),
        }));
        return Err(err);
    }
    let report = check(report)?;

    let user = resolve_user(tx, order)?;
    let user_id = text(&user, "id").unwrap_or_default().to_owned();
    let id = new_id(prefix::ORDER);
    let created_at = rfc3339(now);
    let names: Vec<String> = domains.iter().map(|(n, _)| n.clone()).collect();
    let plan = plan_domains(required, &names, &availability);
    let default_url = text(order, "forwarding_url").map(|u| u.trim().to_owned());
    let (mut registered, mut imported_names) = (Vec::new(), Vec::new());
    let mut registration_cents = 0;
    for (i, (name, url)) in domains.iter().enumerate() {
        let provider = if plan.microsoft.contains(name) { Provider::Microsoft } else { Provider::Google };
        let existing = imported.iter().find(|d| text(d, "domain") == Some(name.as_str()));
        let domain = Domain {
            id: existing.and_then(|d| text(d, "id")).map_or_else(|| new_id(prefix::DOMAIN), str::to_owned),
            domain: name.clone(),
            category: Some("connected".into()),
            status: Some("provisioning".into()),
            provider: Some(provider),
            user_id: Some(user_id.clone()),
            order_id: Some(id.clone()),
            usable_for: Some(crate::registry::usable_for(name)),
            forwarding_url: url.clone().or_else(|| default_url.clone()),
            created_at: Some(created_at.clone()),
            ..Domain::default()
        };
        if existing.is_some() {
            imported_names.push(Value::String(name.clone()));
        } else {
            registered.push(Value::String(name.clone()));
            registration_cents += rows.get(i).and_then(|r| r.price_cents).unwrap_or_default();
        }
        let delay = if existing.is_some() { 7200.0 } else { 3600.0 } + 60.0 * i as f64;
        tx.put(kind::DOMAIN, &domain.id, Some(&id), Some(name), &serde_json::to_value(&domain).unwrap_or_default())?;
        tx.schedule(now + app.scaled_ms(delay), task::DOMAIN_CONNECT, &domain.id, "")?;
    }
    let per_domain = order
        .get("google_inboxes_per_domain")
        .and_then(Value::as_u64)
        .or_else(|| bundle.as_ref().and_then(|b| b.get("google_inboxes_per_domain")).and_then(Value::as_u64))
        .unwrap_or(peeker_core::contract::DEFAULT_GOOGLE_INBOXES_PER_DOMAIN);
    let google_licenses = i64::try_from(plan.google.len() as u64 * per_domain).unwrap_or(i64::MAX);
    let microsoft_licenses = i64::try_from(plan.microsoft.len()).unwrap_or(i64::MAX);
    let items = [
        ("google_license", google_licenses, google_licenses * GOOGLE_LICENSE_CENTS),
        ("microsoft_license", microsoft_licenses, microsoft_licenses * MICROSOFT_LICENSE_CENTS),
        ("domain_registration", registered.len() as i64, registration_cents),
    ];
    let line_items: Vec<LineItem> = items
        .iter()
        .map(|(kind, quantity, amount)| LineItem {
            kind: (*kind).to_owned(),
            quantity: u64::try_from(*quantity).ok(),
            amount_cents: Some(*amount),
            ..LineItem::default()
        })
        .collect();
    let costs = Costs {
        total_cents: Some(items.iter().map(|(_, _, amount)| amount).sum()),
        currency: Some("usd".into()),
        line_items: Some(line_items),
        ..Costs::default()
    };
    let personas: Vec<Value> = order.get("personas").and_then(Value::as_array).cloned().unwrap_or_default();
    let personas: Vec<Value> = personas
        .iter()
        .map(|p| {
            let mut out = Map::new();
            for key in ["first_name", "last_name", "profile_picture_url"] {
                if let Some(v) = p.get(key).and_then(Value::as_str).map(str::trim).filter(|v| !v.is_empty()) {
                    out.insert(key.into(), v.into());
                }
            }
            Value::Object(out)
        })
        .collect();
    let mut full = json!({
        "id": id, "user_id": user_id, "email": text(&user, "email").unwrap_or_default(),
        "status": "in_progress", "domain_count": domains.len(), "costs": costs,
        "domains": {"registered": registered, "imported": imported_names},
        "personas": personas, "renews_at": rfc3339(now + 30 * 86_400_000), "created_at": created_at,
    });
    if let (Some(bundle), Value::Object(map)) = (&bundle, &mut full) {
        map.insert("bundle_id".into(), bundle.get("id").cloned().unwrap_or_default());
    }
    tx.put(kind::ORDER, &id, Some(&user_id), None, &full)?;
    tx.remember_order(key, &id, now)?;
    // A persona picture Peeker cannot fetch becomes a pending action.
    for violation in report.warnings().filter(|v| v.code == Rule::PictureNotPublic) {
        let index =
            violation.path.trim_start_matches("personas[").split(']').next().and_then(|i| i.parse::<usize>().ok());
        let persona = index.and_then(|i| personas.get(i)).cloned().unwrap_or_default();
        let action_id = new_id(prefix::PENDING_ACTION);
        let action = json!({
            "id": action_id, "type": "profile_picture_not_accessible", "reason": "picture_not_public",
            "status": "open", "user": persona, "created_at": created_at,
            "message": "Peeker cannot fetch this persona's picture: give a public URL, or resolve it locally",
            "order_id": id, "user_id": user_id,
        });
        tx.put(kind::ACTION, &action_id, Some(&id), None, &action)?;
    }
    tx.schedule(now + app.scaled_ms(60.0), task::ORDER_START, &id, "")?;
    Ok(full)
}

/// The domains an order needs: the bundle's, or the custom counts.
fn required_domains(order: &Value, bundle: Option<&Value>) -> RequiredDomains {
    if let Some(required) = bundle.and_then(RequiredDomains::from_bundle) {
        return required;
    }
    let number = |key: &str| order.get(key).and_then(Value::as_u64).unwrap_or_default();
    let per_domain = number("google_inboxes_per_domain").max(1);
    RequiredDomains::new(number("google_licenses") / per_domain, number("microsoft_licenses"))
}

/// The order's customer: a `usr_` id that must exist, or an email (found or created).
fn resolve_user(tx: &Tx<'_>, order: &Value) -> Result<Value, ApiErr> {
    let reference = text(order, "user").unwrap_or_default().trim();
    let read = tx.read();
    if is_id(reference, prefix::USER) {
        let user = read.get(kind::USER, reference)?.ok_or_else(|| ApiErr::not_found("user").field("user"))?;
        if text(&user, "status") == Some("deleted") {
            return Err(ApiErr::conflict("the user is deleted").field("user"));
        }
        return Ok(user);
    }
    if let Some(user) = super::users::find_by_email(&read, reference)? {
        return Ok(user);
    }
    let user = serde_json::to_value(super::users::new_user(reference)).unwrap_or_default();
    let id = text(&user, "id").unwrap_or_default().to_owned();
    tx.put(kind::USER, &id, None, Some(&super::users::email_key(reference)), &user)?;
    Ok(user)
}

pub async fn list(State(app): State<App>, headers: HeaderMap, RawQuery(raw): RawQuery) -> ApiResult {
    let statuses = &["in_progress", "completed", "failed", "action_required", "cancel_scheduled", "cancelled"];
    let query = list_query(
        raw.as_deref(),
        &[
            ("user_id", Filter::Id(prefix::USER)),
            ("user_email", Filter::Email),
            ("bundle_id", Filter::Id(prefix::BUNDLE)),
            ("status", Filter::OneOf(statuses)),
        ],
    )?;
    let orders = app.db().read().all(kind::ORDER)?;
    let email = query.get("user_email").map(super::users::email_key);
    let matches = |o: &Value, key: &str, want: Option<&str>| want.is_none_or(|w| text(o, key) == Some(w));
    let orders = orders
        .into_iter()
        .filter(|(_, o)| matches(o, "user_id", query.get("user_id")))
        .filter(|(_, o)| matches(o, "bundle_id", query.get("bundle_id")))
        .filter(|(_, o)| matches(o, "status", query.get("status")))
        .filter(|(_, o)| {
            email.as_deref().is_none_or(|e| text(o, "email").is_some_and(|x| super::users::email_key(x) == e))
        })
        .collect();
    Ok(page(&app, &headers, "/orders", &query, orders, |o| lean_order(&o)))
}

pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    path_id(&id, prefix::ORDER, "order")?;
    let order = full_order(&app.db().read(), &id)?;
    Ok(data(StatusCode::OK, order))
}

/// A pending action as the API shows it (without the server's own links).
pub fn public_action(action: &Value) -> Value {
    let mut action = action.clone();
    if let Value::Object(map) = &mut action {
        map.remove("order_id");
        map.remove("user_id");
    }
    action
}

pub async fn pending(State(app): State<App>, headers: HeaderMap, RawQuery(raw): RawQuery) -> ApiResult {
    let query = list_query(
        raw.as_deref(),
        &[
            ("order_id", Filter::Id(prefix::ORDER)),
            ("user", Filter::UserRef),
            ("domain_id", Filter::Id(prefix::DOMAIN)),
            ("status", Filter::OneOf(&["open", "resolved"])),
        ],
    )?;
    let status = query.get("status").unwrap_or("open");
    let user = match query.get("user") {
        Some(u) if is_id(u, prefix::USER) => Some(u.to_owned()),
        Some(email) => Some(
            super::users::find_by_email(&app.db().read(), email)?
                .and_then(|u| text(&u, "id").map(str::to_owned))
                .unwrap_or_default(),
        ),
        None => None,
    };
    let actions = app.db().read().all(kind::ACTION)?;
    let actions = actions
        .into_iter()
        .filter(|(_, a)| text(a, "status") == Some(status))
        .filter(|(_, a)| query.get("order_id").is_none_or(|o| text(a, "order_id") == Some(o)))
        .filter(|(_, a)| query.get("domain_id").is_none_or(|d| text(a, "domain_id") == Some(d)))
        .filter(|(_, a)| user.as_deref().is_none_or(|u| text(a, "user_id") == Some(u)))
        .collect();
    Ok(page(&app, &headers, "/orders/pending", &query, actions, |a| public_action(&a)))
}

pub async fn cancel(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    path_id(&id, prefix::ORDER, "order")?;
    let body = if body.iter().all(u8::is_ascii_whitespace) { Value::Null } else { body_json(&body)? };
    check(validate_cancellation(&body))?;
    let now = now_ms();
    let cancels_at_ms = now + app.scaled_ms(86_400.0);
    let receipt = app.db().write(|tx| crate::provision::cancel(tx, &id, &body, now, cancels_at_ms))?;
    app.wake_tasks.notify_one();
    app.wake_deliveries.notify_one();
    Ok(data(StatusCode::OK, receipt))
}
