//! `GET /me` and the users (the partner's customers).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use peeker_core::contract::prefix;
use peeker_core::model::{ApiKeyInfo, Me, Partner, Sequencer, User};
use peeker_core::validate::{validate_user, validate_user_patch};
use serde_json::Value;

use super::{body_json, check, data, path_id};
use crate::app::App;
use crate::error::{ApiErr, ApiResult};
use crate::page::{Filter, list_query, page};
use crate::store::{Reader, kind};
use crate::util::{new_id, now_ms, rfc3339};

pub async fn me(State(_app): State<App>) -> ApiResult {
    let me = Me {
        api_key: ApiKeyInfo {
            environment: Some("test".into()),
            permission_preset: Some("full".into()),
            ..ApiKeyInfo::default()
        },
        partner: Partner {
            id: Some("org_local".into()),
            name: Some("Local Peeker partner".into()),
            ..Partner::default()
        },
        ..Me::default()
    };
    Ok(data(StatusCode::OK, serde_json::to_value(me).unwrap_or_default()))
}

/// The stored name of a user: the email, trimmed and lowercased.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The active user with this email, if any.
pub fn find_by_email(read: &Reader<'_>, email: &str) -> Result<Option<Value>, ApiErr> {
    let users = read.named(kind::USER, &email_key(email))?;
    Ok(users.into_iter().find(|u| u.get("status").and_then(Value::as_str) != Some("deleted")))
}

/// A new active user (stored by the caller).
pub fn new_user(email: &str) -> User {
    User {
        id: new_id(prefix::USER),
        email: Some(email.trim().to_owned()),
        status: Some("active".into()),
        created_at: Some(rfc3339(now_ms())),
        ..User::default()
    }
}

fn apply(user: &mut User, body: &Value) {
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(|s| s.trim().to_owned());
    if let Some(email) = text("email") {
        user.email = Some(email);
    }
    if let Some(first) = text("first_name") {
        user.first_name = Some(first);
    }
    if let Some(last) = text("last_name") {
        user.last_name = Some(last);
    }
    if let Some(route) = body.get("sequencer").filter(|s| s.is_object()) {
        user.sequencer = Some(Sequencer {
            provider: Some(route.get("provider").and_then(Value::as_str).unwrap_or("smartlead").to_owned()),
            client_id: route.get("client_id").and_then(Value::as_i64),
            ..Sequencer::default()
        });
    }
}

fn to_value(user: &User) -> Value {
    serde_json::to_value(user).unwrap_or_default()
}

pub async fn create(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    check(validate_user(&body))?;
    let email = body.get("email").and_then(Value::as_str).unwrap_or_default().to_owned();
    let user = app.db().write(|tx| {
        if find_by_email(&tx.read(), &email)?.is_some() {
            return Err(ApiErr::conflict("a user with this email already exists").field("email"));
        }
        let mut user = new_user(&email);
        apply(&mut user, &body);
        tx.put(kind::USER, &user.id, None, Some(&email_key(&email)), &to_value(&user))?;
        Ok(user)
    })?;
    Ok(data(StatusCode::CREATED, to_value(&user)))
}

pub async fn list(State(app): State<App>, headers: HeaderMap, RawQuery(raw): RawQuery) -> ApiResult {
    let query =
        list_query(raw.as_deref(), &[("email", Filter::Email), ("status", Filter::OneOf(&["active", "deleted"]))])?;
    let users = app.db().read().all(kind::USER)?;
    let email = query.get("email").map(email_key);
    let status = query.get("status");
    let field = |u: &Value, key: &str| u.get(key).and_then(Value::as_str).map(str::to_owned);
    let users = users
        .into_iter()
        .filter(|(_, u)| email.as_deref().is_none_or(|e| field(u, "email").is_some_and(|x| email_key(&x) == e)))
        .filter(|(_, u)| status.is_none_or(|s| field(u, "status").as_deref() == Some(s)))
        .collect();
    Ok(page(&app, &headers, "/users", &query, users, |u| u))
}

fn load(app: &App, id: &str) -> Result<User, ApiErr> {
    path_id(id, prefix::USER, "user")?;
    let user = app.db().read().get(kind::USER, id)?.ok_or_else(|| ApiErr::not_found("user"))?;
    serde_json::from_value(user).map_err(|_| ApiErr::internal())
}

pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    Ok(data(StatusCode::OK, to_value(&load(&app, &id)?)))
}

pub async fn update(State(app): State<App>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    path_id(&id, prefix::USER, "user")?;
    let body = body_json(&body)?;
    check(validate_user_patch(&body))?;
    let user = app.db().write(|tx| {
        let read = tx.read();
        let stored = read.get(kind::USER, &id)?.ok_or_else(|| ApiErr::not_found("user"))?;
        let mut user: User = serde_json::from_value(stored).map_err(|_| ApiErr::internal())?;
        if user.status.as_deref() == Some("deleted") {
            return Err(ApiErr::conflict("the user is deleted"));
        }
        if let Some(email) = body.get("email").and_then(Value::as_str) {
            if find_by_email(&read, email)?.is_some_and(|other| other.get("id").and_then(Value::as_str) != Some(&id)) {
                return Err(ApiErr::conflict("another user has this email").field("email"));
            }
        }
        apply(&mut user, &body);
        let key = email_key(user.email.as_deref().unwrap_or_default());
        tx.put(kind::USER, &id, None, Some(&key), &to_value(&user))?;
        Ok(user)
    })?;
    Ok(data(StatusCode::OK, to_value(&user)))
}

pub async fn delete(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    path_id(&id, prefix::USER, "user")?;
    let user = app.db().write(|tx| {
        let stored = tx.read().get(kind::USER, &id)?.ok_or_else(|| ApiErr::not_found("user"))?;
        let mut user: User = serde_json::from_value(stored).map_err(|_| ApiErr::internal())?;
        user.status = Some("deleted".into());
        let key = email_key(user.email.as_deref().unwrap_or_default());
        tx.put(kind::USER, &id, None, Some(&key), &to_value(&user))?;
        Ok(user)
    })?;
    Ok(data(StatusCode::OK, to_value(&user)))
}
