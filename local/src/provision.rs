//! The provisioning clock: tasks stored in SQLite with their due time, run
//! in a transaction with the changes and events they make, so a restart
//! (even after SIGKILL) goes on where it stopped.
//!
//! An order: `order.in_progress`, then `domain.connected` per domain
//! (registrar-bought domains skip the nameserver step, so they connect
//! first), then `order.completed` with the full order. A domain whose name
//! starts `fail` fails the order (`order.failed`). A persona picture Peeker
//! cannot fetch holds the order in `action_required` until the pending action
//! is resolved (`POST /_local/actions/{id}/resolve`).

use std::time::Duration;

use serde_json::{Value, json};

use crate::api::full_order;
use crate::app::App;
use crate::error::ApiErr;
use crate::store::{Task, Tx, kind};
use crate::util::{now_ms, rfc3339};
use crate::webhooks::emit;

/// Task kinds.
pub mod task {
    pub const ORDER_START: &str = "order_start";
    pub const DOMAIN_CONNECT: &str = "domain_connect";
    pub const ORDER_CANCEL: &str = "order_cancel";
    pub const DOMAINS_CANCEL: &str = "domains_cancel";
    pub const IMPORT_ACTION: &str = "import_action";
    pub const IMPORT_FINISH: &str = "import_finish";
    pub const FORWARDING: &str = "forwarding";
    pub const SWAP_START: &str = "swap_start";
    pub const SWAP_FINISH: &str = "swap_finish";
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

fn set(value: &mut Value, key: &str, to: impl Into<Value>) {
    if let Value::Object(map) = value {
        map.insert(key.to_owned(), to.into());
    }
}

/// The task worker: runs due tasks, forever.
pub async fn run(app: App) {
    loop {
        let due = app.db().read().due_tasks(now_ms(), 200).unwrap_or_default();
        for task in &due {
            let done = app.db().write(|tx| {
                step(&app, tx, task)?;
                Ok(tx.finish_task(task.id)?)
            });
            if done.is_err() {
                eprintln!("peeker-local: task {} failed; dropped", task.kind);
                let _ = app.db().write(|tx| Ok(tx.finish_task(task.id)?));
            }
        }
        if !due.is_empty() {
            app.wake_deliveries.notify_one();
            continue;
        }
        let next = app.db().read().next_due().ok().and_then(|(task, _)| task);
        let wait = next.map_or(1000, |due| (due - now_ms()).clamp(1, 1000));
        let wait = Duration::from_millis(u64::try_from(wait).unwrap_or(1));
        let _ = tokio::time::timeout(wait, app.wake_tasks.notified()).await;
    }
}

fn step(app: &App, tx: &Tx<'_>, task: &Task) -> Result<(), ApiErr> {
    let now = now_ms();
    match task.kind.as_str() {
        task::ORDER_START => order_start(tx, &task.target),
        task::DOMAIN_CONNECT => domain_connect(app, tx, &task.target, now),
        task::ORDER_CANCEL => order_cancelled(tx, &task.target),
        task::DOMAINS_CANCEL => domains_cancelled(tx, &task.target, &task.arg),
        task::IMPORT_ACTION => import_step(tx, &task.target, false),
        task::IMPORT_FINISH => import_step(tx, &task.target, true),
        task::FORWARDING => forwarding(tx, &task.target, &task.arg, now),
        task::SWAP_START => swap_step(tx, &task.target, false),
        task::SWAP_FINISH => swap_step(tx, &task.target, true),
        _ => Ok(()),
    }
}

fn save_order(tx: &Tx<'_>, order: &Value) -> Result<(), ApiErr> {
    let id = text(order, "id").unwrap_or_default();
    tx.put(kind::ORDER, id, text(order, "user_id"), None, order)?;
    Ok(())
}

fn order_start(tx: &Tx<'_>, id: &str) -> Result<(), ApiErr> {
    let mut order = full_order(&tx.read(), id)?;
    if text(&order, "status") != Some("in_progress") {
        return Ok(());
    }
    emit(tx, "order.in_progress", id, &order)?;
    let open = tx.read().children(kind::ACTION, id)?.into_iter().any(|a| text(&a, "status") == Some("open"));
    if open {
        set(&mut order, "status", "action_required");
        save_order(tx, &order)?;
        emit(tx, "order.action_required", id, &order)?;
    }
    Ok(())
}

fn domain_connect(app: &App, tx: &Tx<'_>, domain_id: &str, now: i64) -> Result<(), ApiErr> {
    let read = tx.read();
    let Some(mut domain) = read.get(kind::DOMAIN, domain_id)? else { return Ok(()) };
    let order_id = text(&domain, "order_id").unwrap_or_default().to_owned();
    let mut order = full_order(&read, &order_id)?;
    match text(&order, "status") {
        Some("in_progress") => {}
        Some("action_required") => {
            // Waits for the pending action; looks again later.
            tx.schedule(now + app.scaled_ms(600.0).max(50), task::DOMAIN_CONNECT, domain_id, "")?;
            return Ok(());
        }
        _ => return Ok(()),
    }
    let name = text(&domain, "domain").unwrap_or_default().to_owned();
    if crate::registry::fails(&name) {
        set(&mut domain, "status", "failed");
        tx.put(kind::DOMAIN, domain_id, Some(&order_id), Some(&name), &domain)?;
        set(&mut order, "status", "failed");
        save_order(tx, &order)?;
        emit(tx, "order.failed", &order_id, &order)?;
        return Ok(());
    }
    set(&mut domain, "status", "active");
    tx.put(kind::DOMAIN, domain_id, Some(&order_id), Some(&name), &domain)?;
    emit(tx, "domain.connected", domain_id, &domain)?;
    let domains = read.children(kind::DOMAIN, &order_id)?;
    if domains.iter().all(|d| text(d, "status") == Some("active")) {
        set(&mut order, "status", "completed");
        save_order(tx, &order)?;
        emit(tx, "order.completed", &order_id, &order)?;
    }
    Ok(())
}

/// Resolves a pending action; the order goes on when none is left open.
pub fn resolve_action(tx: &Tx<'_>, action_id: &str) -> Result<Value, ApiErr> {
    let read = tx.read();
    let mut action = read.get(kind::ACTION, action_id)?.ok_or_else(|| ApiErr::not_found("pending action"))?;
    set(&mut action, "status", "resolved");
    let order_id = text(&action, "order_id").unwrap_or_default().to_owned();
    tx.put(kind::ACTION, action_id, Some(&order_id), None, &action)?;
    let open = read.children(kind::ACTION, &order_id)?.into_iter().any(|a| text(&a, "status") == Some("open"));
    if let Ok(mut order) = full_order(&read, &order_id) {
        if !open && text(&order, "status") == Some("action_required") {
            set(&mut order, "status", "in_progress");
            save_order(tx, &order)?;
            emit(tx, "order.in_progress", &order_id, &order)?;
        }
    }
    Ok(action)
}

/// `POST /orders/{id}/cancel`: the whole order (`body` null) or some domains.
pub fn cancel(tx: &Tx<'_>, id: &str, body: &Value, now: i64, cancels_at_ms: i64) -> Result<Value, ApiErr> {
    let read = tx.read();
    let mut order = full_order(&read, id)?;
    let status = text(&order, "status").unwrap_or_default().to_owned();
    if status == "cancelled" {
        return Err(ApiErr::conflict("the order is already cancelled"));
    }
    let domains = read.children(kind::DOMAIN, id)?;
    let pair = |d: &Value| json!({"id": text(d, "id"), "domain": text(d, "domain")});
    let Some(entries) = body.get("domains").and_then(Value::as_array) else {
        if let Some(receipt) = read.get("cancellation", id)? {
            return Ok(receipt);
        }
        let receipt = json!({
            "id": id, "status": "cancel_scheduled", "cancellation_scheduled_at": rfc3339(now),
            "cancels_at": rfc3339(cancels_at_ms), "domains": domains.iter().map(pair).collect::<Vec<_>>(),
        });
        set(&mut order, "status", "cancel_scheduled");
        save_order(tx, &order)?;
        tx.put("cancellation", id, None, None, &receipt)?;
        emit(tx, "order.cancel_scheduled", id, &order)?;
        tx.schedule(cancels_at_ms, task::ORDER_CANCEL, id, "")?;
        return Ok(receipt);
    };
    let mut chosen = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let entry = entry.as_str().unwrap_or_default().trim();
        let name = peeker_core::validate::normalize_domain(entry);
        let found = domains
            .iter()
            .find(|d| text(d, "id") == Some(entry) || name.as_deref().is_some_and(|n| text(d, "domain") == Some(n)));
        let Some(domain) = found else {
            return Err(ApiErr::bad_field(&format!("domains[{i}]"), "not a domain of this order"));
        };
        if text(domain, "status") == Some("cancelled") {
            return Err(ApiErr::conflict("a domain is already cancelled").field(&format!("domains[{i}]")));
        }
        chosen.push(domain.clone());
    }
    let fresh: Vec<&Value> = chosen.iter().filter(|d| text(d, "status") != Some("cancel_scheduled")).collect();
    for domain in &fresh {
        let mut domain = (*domain).clone();
        set(&mut domain, "status", "cancel_scheduled");
        let (domain_id, name) =
            (text(&domain, "id").unwrap_or_default().to_owned(), text(&domain, "domain").map(str::to_owned));
        tx.put(kind::DOMAIN, &domain_id, Some(id), name.as_deref(), &domain)?;
    }
    let ids: Vec<&str> = chosen.iter().filter_map(|d| text(d, "id")).collect();
    if !fresh.is_empty() {
        emit(tx, "order.cancel_scheduled", id, &order)?;
        tx.schedule(cancels_at_ms, task::DOMAINS_CANCEL, id, &ids.join(","))?;
    }
    Ok(json!({
        "id": id, "status": status, "cancellation_scheduled_at": rfc3339(now), "cancels_at": rfc3339(cancels_at_ms),
        "domains": chosen.iter().map(pair).collect::<Vec<_>>(),
    }))
}

fn order_cancelled(tx: &Tx<'_>, id: &str) -> Result<(), ApiErr> {
    let read = tx.read();
    let mut order = full_order(&read, id)?;
    if text(&order, "status") != Some("cancel_scheduled") {
        return Ok(());
    }
    for mut domain in read.children(kind::DOMAIN, id)? {
        set(&mut domain, "status", "cancelled");
        let (domain_id, name) =
            (text(&domain, "id").unwrap_or_default().to_owned(), text(&domain, "domain").map(str::to_owned));
        tx.put(kind::DOMAIN, &domain_id, Some(id), name.as_deref(), &domain)?;
    }
    set(&mut order, "status", "cancelled");
    save_order(tx, &order)?;
    emit(tx, "order.cancelled", id, &order)?;
    Ok(())
}

fn domains_cancelled(tx: &Tx<'_>, id: &str, ids: &str) -> Result<(), ApiErr> {
    let read = tx.read();
    let mut order = full_order(&read, id)?;
    for mut domain in read.children(kind::DOMAIN, id)? {
        let domain_id = text(&domain, "id").unwrap_or_default().to_owned();
        if ids.split(',').any(|x| x == domain_id) {
            set(&mut domain, "status", "cancelled");
            let name = text(&domain, "domain").map(str::to_owned);
            tx.put(kind::DOMAIN, &domain_id, Some(id), name.as_deref(), &domain)?;
        }
    }
    let all = read.children(kind::DOMAIN, id)?;
    if !all.is_empty()
        && all.iter().all(|d| text(d, "status") == Some("cancelled"))
        && text(&order, "status") != Some("cancelled")
    {
        set(&mut order, "status", "cancelled");
        save_order(tx, &order)?;
        emit(tx, "order.cancelled", id, &order)?;
    }
    Ok(())
}

/// An import: `domain_import.action_required` (point the nameservers), then
/// `domain_import.completed` (or `.failed` when a name starts `fail`).
fn import_step(tx: &Tx<'_>, id: &str, finish: bool) -> Result<(), ApiErr> {
    let read = tx.read();
    let Some(mut job) = read.get(kind::IMPORT, id)? else { return Ok(()) };
    let key = {
        let mut names: Vec<String> = job
            .get("domains")
            .and_then(Value::as_array)
            .map(|l| l.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        names.sort();
        format!("set:{}", names.join(","))
    };
    if !finish {
        set(&mut job, "status", "action_required");
        tx.put(kind::IMPORT, id, None, Some(&key), &job)?;
        emit(tx, "domain_import.action_required", id, &job)?;
        return Ok(());
    }
    let domains = read.children(kind::DOMAIN, id)?;
    let failed = domains.iter().any(|d| crate::registry::fails(text(d, "domain").unwrap_or_default()));
    for mut domain in domains {
        if text(&domain, "category") != Some("inventory") {
            continue; // already moved into an order
        }
        set(&mut domain, "status", if failed { "failed" } else { "active" });
        let (domain_id, name) =
            (text(&domain, "id").unwrap_or_default().to_owned(), text(&domain, "domain").map(str::to_owned));
        tx.put(kind::DOMAIN, &domain_id, Some(id), name.as_deref(), &domain)?;
    }
    set(&mut job, "status", if failed { "failed" } else { "completed" });
    tx.put(kind::IMPORT, id, None, Some(&key), &job)?;
    emit(tx, if failed { "domain_import.failed" } else { "domain_import.completed" }, id, &job)?;
    Ok(())
}

/// A forwarding job: each known domain forwards (`domain.forwarding_updated`)
/// unless the target's host starts `unreachable` (`domain.forwarding_failed`).
fn forwarding(tx: &Tx<'_>, id: &str, entries: &str, now: i64) -> Result<(), ApiErr> {
    let read = tx.read();
    let Some(mut job) = read.get(kind::FORWARDING, id)? else { return Ok(()) };
    let url = text(&job, "forwarding_url").unwrap_or_default().to_owned();
    let unreachable = url.split("://").nth(1).is_some_and(|rest| rest.starts_with("unreachable"));
    let entries: Vec<String> = serde_json::from_str(entries).unwrap_or_default();
    let (mut completed, mut failed) = (Vec::new(), Vec::new());
    for entry in entries {
        let domain = if entry.starts_with(peeker_core::contract::prefix::DOMAIN) {
            read.get(kind::DOMAIN, &entry)?
        } else {
            read.named(kind::DOMAIN, &entry)?.into_iter().next()
        };
        let Some(mut domain) = domain.filter(|d| text(d, "status") != Some("cancelled")) else {
            failed.push(json!({"domain": entry, "reason": "dns_lookup_failed"}));
            continue;
        };
        let name = text(&domain, "domain").unwrap_or_default().to_owned();
        let domain_id = text(&domain, "id").unwrap_or_default().to_owned();
        if unreachable {
            failed.push(json!({"domain": name, "reason": "target_unreachable"}));
            emit(tx, "domain.forwarding_failed", &domain_id, &domain)?;
            continue;
        }
        set(&mut domain, "forwarding_url", url.clone());
        tx.update(kind::DOMAIN, &domain_id, &domain)?;
        emit(tx, "domain.forwarding_updated", &domain_id, &domain)?;
        completed.push(Value::String(name));
    }
    let status = match (completed.is_empty(), failed.is_empty()) {
        (false, true) => "completed",
        (true, _) => "failed",
        (false, false) => "partial_success",
    };
    set(&mut job, "status", status);
    set(&mut job, "completed_count", completed.len());
    set(&mut job, "failed_count", failed.len());
    set(&mut job, "completed", completed);
    set(&mut job, "failed", failed);
    set(&mut job, "completed_at", rfc3339(now));
    tx.put(kind::FORWARDING, id, None, None, &job)?;
    Ok(())
}

/// A swap: `swap.in_progress`, then `swap.completed` (the domain renamed) or
/// `swap.failed` when the replacement's name starts `fail`.
fn swap_step(tx: &Tx<'_>, id: &str, finish: bool) -> Result<(), ApiErr> {
    let read = tx.read();
    let Some(mut swap) = read.get(kind::SWAP, id)? else { return Ok(()) };
    let domain_id = text(&swap, "domain_id").unwrap_or_default().to_owned();
    if !finish {
        set(&mut swap, "status", "in_progress");
        tx.put(kind::SWAP, id, Some(&domain_id), None, &swap)?;
        emit(tx, "swap.in_progress", id, &swap)?;
        return Ok(());
    }
    let replacement = text(&swap, "replacement_domain").map(str::to_owned);
    if replacement.as_deref().is_some_and(crate::registry::fails) {
        set(&mut swap, "status", "failed");
        tx.put(kind::SWAP, id, Some(&domain_id), None, &swap)?;
        emit(tx, "swap.failed", id, &swap)?;
        return Ok(());
    }
    if let (Some(name), Some(mut domain)) = (replacement, read.get(kind::DOMAIN, &domain_id)?) {
        set(&mut domain, "domain", name.clone());
        let order_id = text(&domain, "order_id").map(str::to_owned);
        tx.put(kind::DOMAIN, &domain_id, order_id.as_deref(), Some(&name), &domain)?;
    }
    set(&mut swap, "status", "completed");
    tx.put(kind::SWAP, id, Some(&domain_id), None, &swap)?;
    emit(tx, "swap.completed", id, &swap)?;
    Ok(())
}
