//! Buying domains end to end against a Peeker over real HTTP: by default the
//! local Peeker (`scripts/with-local.sh cargo run -p peeker-core --example
//! buy_domains`). The core builds every request and reads every answer; this
//! program only sends them (ureq) and listens for the webhooks (tiny_http).
//!
//! Reads PEEKER_BASE_URL, PEEKER_API_KEY, PEEKER_WEBHOOK_SECRET and
//! PEEKER_LOCAL_URL (where to register the webhook endpoint), as
//! `scripts/with-local.sh` exports them.

use std::error::Error;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use peeker_core::{
    AvailabilityRow, AvailabilityRows, Client, ClientOptions, DEFAULT_TOLERANCE_SECONDS, Data, EventData, EventType,
    HttpRequest, Operation, OrderContext, PreparedAvailability, Response, construct_event, parse_response,
    plan_domains, validate_order,
};
use serde_json::json;

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

fn env(name: &str) -> Result<String> {
    std::env::var(name).map_err(|_| format!("{name} is not set: run me through scripts/with-local.sh").into())
}

/// Sends a request the core built, exactly as built, and parses the answer
/// for `operation` (an error answer becomes the core's `ApiError`).
fn send(agent: &ureq::Agent, operation: Operation, request: &HttpRequest) -> Result<Response> {
    let mut builder = ureq::http::Request::builder().method(request.method.as_str()).uri(&request.url);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let mut answer = agent.run(builder.body(request.body.clone().unwrap_or_default())?)?;
    let headers: Vec<(String, String)> = answer
        .headers()
        .iter()
        .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_owned())))
        .collect();
    let body = answer.body_mut().read_to_vec()?;
    Ok(parse_response(operation, answer.status().as_u16(), headers, &body)?)
}

fn now() -> Result<i64> {
    Ok(i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs())?)
}

fn main() -> Result<()> {
    let (base_url, key, secret) = (env("PEEKER_BASE_URL")?, env("PEEKER_API_KEY")?, env("PEEKER_WEBHOOK_SECRET")?);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let client =
        Client::new(&key, ClientOptions { base_url: Some(base_url.clone()), user_agent: Some("demo".into()) })?;

    // Deliveries come to this endpoint; the local Peeker is told where it is.
    let webhooks = tiny_http::Server::http("127.0.0.1:0")?;
    let port = webhooks.server_addr().to_ip().ok_or("the webhook listener has no port")?.port();
    let endpoint = json!({ "url": format!("http://127.0.0.1:{port}/webhooks") });
    let register = format!("{}/webhook-endpoints", env("PEEKER_LOCAL_URL")?);
    agent.post(register).header("Content-Type", "application/json").send(endpoint.to_string())?;

    // 1. A bundle: its required_domains size the order.
    let bundle = json!({"name": "Starter", "monthly_sending_volume": 2000});
    let Data::Bundle(bundle) = send(&agent, Operation::CreateBundle, &client.create_bundle(&bundle)?)?.data else {
        return Err("create_bundle gave no bundle".into());
    };
    let required = bundle.required_domains.ok_or("the bundle has no required_domains")?;
    println!("bundle {}: {} Google + {} Microsoft domains", bundle.id, required.google, required.microsoft);

    // 2. Availability of the customer's picks, then which serve which provider.
    let picked = ["acme-mail.com", "acme-team.com", "acme-hq.io", "taken-acme.com"].map(String::from);
    let mut rows: Vec<AvailabilityRow> = Vec::new();
    for request in client.check_availability(&json!(picked))? {
        if let Data::Availability(answer) = send(&agent, Operation::CheckAvailability, &request)?.data {
            rows.extend(answer.domains);
        }
    }
    // Prepared once (names normalized, indexed) for the plan and every validation after it.
    let availability = PreparedAvailability::new(rows);
    let plan = plan_domains(required, &picked, &availability);
    println!("plan: google {:?}, microsoft {:?}, unusable {}", plan.google, plan.microsoft, plan.unusable.len());

    // 3. The order, validated against the bundle and the rows, sent as its exact bytes.
    let domains: Vec<&String> = plan.microsoft.iter().chain(&plan.google).collect();
    let order = json!({
        "user": "client@example.com", "bundle_id": bundle.id,
        "sequencer": {"provider": "smartlead", "client_id": 366903,
                      "login_email": "login@example.com", "login_password": "s3cret-password"},
        "domains": domains,
        "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": ""}],
    });
    let bundle_json = serde_json::to_value(&bundle)?;
    let context =
        OrderContext { bundle: Some(&bundle_json), availability: Some(AvailabilityRows::Prepared(&availability)) };
    let report = validate_order(&order, context);
    println!("validation: valid {}, {} violation(s)", report.is_valid(), report.violations.len());
    let Data::Order(receipt) = send(&agent, Operation::CreateOrder, &client.create_order(&order, context)?)?.data
    else {
        return Err("create_order gave no order".into());
    };
    println!("order {} placed: {}", receipt.id, receipt.status.as_ref().map_or("?", |s| s.as_str()));

    // 4. Wait for order.completed: every delivery verified on its raw body.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.checked_duration_since(Instant::now()).ok_or("no order.completed within 30 s")?;
        let Some(mut delivery) = webhooks.recv_timeout(left)? else { continue };
        let mut body = Vec::new();
        delivery.as_reader().read_to_end(&mut body)?;
        let headers: Vec<(String, String)> =
            delivery.headers().iter().map(|h| (h.field.to_string(), h.value.to_string())).collect();
        let event = construct_event(&body, headers, &[secret.as_str()], now()?, DEFAULT_TOLERANCE_SECONDS);
        delivery.respond(tiny_http::Response::empty(if event.is_ok() { 200 } else { 400 }))?;
        let event = event?;
        println!("webhook {} verified", event.event_type.as_str());
        if let (EventType::OrderCompleted, EventData::Order(order)) = (&event.event_type, &event.data) {
            if order.id == receipt.id {
                break;
            }
        }
    }

    // 5. The full order.
    let Data::Order(order) = send(&agent, Operation::GetOrder, &client.get_order(&receipt.id)?)?.data else {
        return Err("get_order gave no order".into());
    };
    let personas = order.personas.as_ref().map_or(0, Vec::len);
    println!(
        "order {} {}: {} domains, {personas} persona(s)",
        order.id,
        order.status.as_ref().map_or("?", |s| s.as_str()),
        order.domain_count.unwrap_or(0)
    );
    Ok(())
}
