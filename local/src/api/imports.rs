//! Imports of domains the customer already owns: 25 answered at once, 500
//! as a job; the same set gives the same job.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use peeker_core::contract::prefix;
use peeker_core::model::{Domain, ImportJob, NameserverGroup};
use peeker_core::validate::{normalize_domain, validate_import, validate_import_job};
use peeker_core::{Report, Rule, Severity, Violation};
use serde_json::Value;

use super::{body_json, check, data, path_id};
use crate::app::App;
use crate::error::{ApiErr, ApiResult};
use crate::page::pairs;
use crate::store::kind;
use crate::util::{new_id, now_ms, rfc3339};

/// The nameservers every import points at.
pub const NAMESERVERS: [&str; 2] = ["ns1.peeker-local.test", "ns2.peeker-local.test"];

pub async fn import(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    check(validate_import(&body))?;
    start(&app, &body, StatusCode::OK)
}

pub async fn import_job(State(app): State<App>, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    check(validate_import_job(&body))?;
    start(&app, &body, StatusCode::ACCEPTED)
}

fn start(app: &App, body: &Value, status: StatusCode) -> ApiResult {
    let mut names: Vec<String> = body
        .get("domains")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).filter_map(normalize_domain).collect())
        .unwrap_or_default();
    names.sort();
    let key = format!("set:{}", names.join(","));
    let now = now_ms();
    let (action_due, finish_due) = (now + app.scaled_ms(60.0), now + app.scaled_ms(1800.0));
    let job = app.db().write(|tx| {
        let read = tx.read();
        if let Some(job) = read.named(kind::IMPORT, &key)?.into_iter().next() {
            return Ok(job);
        }
        for (i, name) in names.iter().enumerate() {
            if super::domains::in_use(&read, name)? {
                return Err(ApiErr::conflict("a domain of this import is already in the account")
                    .field(&format!("domains[{i}]")));
            }
        }
        let job = ImportJob {
            id: new_id(prefix::IMPORT_JOB),
            status: Some("in_progress".into()),
            domains: Some(names.iter().map(|n| Value::String(n.clone())).collect()),
            nameserver_groups: Some(vec![NameserverGroup {
                nameservers: NAMESERVERS.iter().map(|s| (*s).to_owned()).collect(),
                domains: names.clone(),
                ..NameserverGroup::default()
            }]),
            created_at: Some(rfc3339(now)),
            ..ImportJob::default()
        };
        let value = serde_json::to_value(&job).unwrap_or_default();
        tx.put(kind::IMPORT, &job.id, None, Some(&key), &value)?;
        for name in &names {
            let domain = Domain {
                id: new_id(prefix::DOMAIN),
                domain: name.clone(),
                category: Some("inventory".into()),
                status: Some("pending_nameservers".into()),
                usable_for: Some(crate::registry::usable_for(name)),
                created_at: Some(rfc3339(now)),
                ..Domain::default()
            };
            tx.put(
                kind::DOMAIN,
                &domain.id,
                Some(&job.id),
                Some(name),
                &serde_json::to_value(&domain).unwrap_or_default(),
            )?;
        }
        tx.schedule(action_due, crate::provision::task::IMPORT_ACTION, &job.id, "")?;
        tx.schedule(finish_due, crate::provision::task::IMPORT_FINISH, &job.id, "")?;
        Ok(value)
    })?;
    app.wake_tasks.notify_one();
    Ok(data(status, job))
}

/// `GET /domains/import?domains=a.com,b.com`: the jobs holding any of them.
pub async fn find(State(app): State<App>, RawQuery(raw): RawQuery) -> ApiResult {
    let pairs = pairs(raw.as_deref());
    let Some((_, list)) = pairs.iter().rev().find(|(k, _)| k == "domains") else {
        return Err(ApiErr::bad_field("domains", "give the domains, comma-separated"));
    };
    let mut report = Report::default();
    let mut names = Vec::new();
    for (i, name) in list.split(',').enumerate() {
        match normalize_domain(name) {
            Some(name) => names.push(name),
            None => report.violations.push(Violation {
                code: Rule::InvalidDomain,
                path: format!("domains[{i}]"),
                message: "not a valid domain name".into(),
                severity: Severity::Error,
            }),
        }
    }
    if !report.is_valid() {
        let mut err = ApiErr::validation(&report);
        err.status = StatusCode::BAD_REQUEST;
        return Err(err);
    }
    let jobs = app.db().read().all(kind::IMPORT)?;
    let found: Vec<Value> = jobs
        .into_iter()
        .rev()
        .map(|(_, job)| job)
        .filter(|job| {
            job.get("domains")
                .and_then(Value::as_array)
                .is_some_and(|list| list.iter().any(|d| d.as_str().is_some_and(|d| names.iter().any(|n| n == d))))
        })
        .collect();
    Ok(data(StatusCode::OK, Value::Array(found)))
}

pub async fn get(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    path_id(&id, prefix::IMPORT_JOB, "import")?;
    let job = app.db().read().get(kind::IMPORT, &id)?.ok_or_else(|| ApiErr::not_found("import"))?;
    Ok(data(StatusCode::OK, job))
}
