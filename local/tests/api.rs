//! Every endpoint over real HTTP: happy paths, errors, dedupe, pagination.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{Server, order, small_bundle};
use peeker_core::Operation as Op;
use serde_json::{Value, json};

fn codes(answer: &common::Answer) -> Vec<(String, String)> {
    let body = answer.json();
    body["error"]["details"]["violations"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|v| (v["code"].as_str().unwrap().to_owned(), v["path"].as_str().unwrap().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn me_and_users() {
    let server = Server::start(&[]);
    let me = server.call(Op::GetMe, "/me", None).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["data"]["api_key"]["environment"], "test");

    let created = server
        .call(
            Op::CreateUser,
            "/users",
            Some(json!({"email": "Ann@Example.com", "first_name": "Ann",
            "sequencer": {"provider": "smartlead", "client_id": 7}})),
        )
        .await;
    assert_eq!(created.status, 201);
    let user = created.json()["data"].clone();
    let id = user["id"].as_str().unwrap();
    assert!(id.starts_with("usr_"));
    assert_eq!(user["sequencer"], json!({"provider": "smartlead", "client_id": 7}));

    let again = server.call(Op::CreateUser, "/users", Some(json!({"email": "ann@example.com"}))).await;
    assert_eq!((again.status, again.code()), (409, "conflict".into()));
    assert_eq!(again.json()["error"]["field"], "email");

    let bad = server.call(Op::CreateUser, "/users", Some(json!({"email": "not-an-email", "nickname": 1}))).await;
    assert_eq!((bad.status, bad.code()), (422, "invalid_request".into()));
    assert_eq!(codes(&bad), [("unknown_field".into(), "nickname".into()), ("invalid_email".into(), "email".into())]);
    assert!(!String::from_utf8_lossy(&bad.body).contains("not-an-email"), "an error quotes the input");

    let got = server.call(Op::GetUser, &format!("/users/{id}"), None).await;
    assert_eq!(got.json()["data"]["email"], "Ann@Example.com");
    let patched = server.call(Op::UpdateUser, &format!("/users/{id}"), Some(json!({"last_name": "Lee"}))).await;
    assert_eq!(patched.json()["data"]["last_name"], "Lee");
    let filtered = server.call(Op::ListUsers, "/users?email=ann%40example.com", None).await;
    assert_eq!(filtered.json()["data"].as_array().unwrap().len(), 1);
    let deleted = server.call(Op::DeleteUser, &format!("/users/{id}"), None).await;
    assert_eq!(deleted.json()["data"]["status"], "deleted");
    let active = server.call(Op::ListUsers, "/users?status=active", None).await;
    assert_eq!(active.json()["data"], json!([]));

    for path in ["/users/usr_missing", "/users/bun_1", "/users/usr_%2E%2E"] {
        let missing = server.call(Op::GetUser, path, None).await;
        assert_eq!((missing.status, missing.code()), (404, "not_found".into()), "{path}");
    }
    let unreadable = server.call(Op::GetUser, "/users/%FF", None).await;
    assert_eq!((unreadable.status, unreadable.code()), (400, "invalid_request".into()));
    let bad_filter = server.call(Op::ListUsers, "/users?status=gone", None).await;
    assert_eq!((bad_filter.status, bad_filter.json()["error"]["field"].clone()), (400, json!("status")));
}

#[tokio::test]
async fn bundles_are_sized_by_the_core() {
    let server = Server::start(&[]);
    let created = server
        .call(Op::CreateBundle, "/bundles", Some(json!({"name": "Starter", "monthly_sending_volume": 25000})))
        .await;
    assert_eq!(created.status, 201);
    let bundle = created.json()["data"].clone();
    assert_eq!(bundle["required_domains"], json!({"google": 15, "microsoft": 4, "total": 19}));
    assert_eq!(bundle["effective"], json!({"google_percent": 50, "microsoft_percent": 50}));
    let id = bundle["id"].as_str().unwrap();
    let patched = server
        .call(
            Op::UpdateBundle,
            &format!("/bundles/{id}"),
            Some(json!({"monthly_sending_volume": 100000,
            "google_percent": 70, "microsoft_percent": 30})),
        )
        .await;
    assert_eq!(patched.json()["data"]["required_domains"], json!({"google": 80, "microsoft": 10, "total": 90}));
    let back = server
        .call(
            Op::UpdateBundle,
            &format!("/bundles/{id}"),
            Some(json!({"google_percent": null, "microsoft_percent": null})),
        )
        .await;
    assert_eq!(back.json()["data"]["effective"], json!({"google_percent": 50, "microsoft_percent": 50}));
    assert!(back.json()["data"].get("google_percent").is_none());
    let half = server.call(Op::UpdateBundle, &format!("/bundles/{id}"), Some(json!({"google_percent": 60}))).await;
    assert_eq!((half.status, codes(&half)[0].0.as_str()), (422, "percent_pair"));
    let got = server.call(Op::GetBundle, &format!("/bundles/{id}"), None).await;
    assert_eq!(got.json()["data"]["monthly_sending_volume"], 100000);
    let list = server.call(Op::ListBundles, "/bundles?status=active", None).await;
    assert_eq!(list.json()["data"].as_array().unwrap().len(), 1);
    let deleted = server.call(Op::DeleteBundle, &format!("/bundles/{id}"), None).await;
    assert_eq!(deleted.json()["data"]["status"], "archived");
    let archived = server.call(Op::UpdateBundle, &format!("/bundles/{id}"), Some(json!({"name": "x"}))).await;
    assert_eq!(archived.status, 409);
    let bad = server.call(Op::CreateBundle, "/bundles", Some(json!({"name": "", "monthly_sending_volume": 0}))).await;
    assert_eq!(
        codes(&bad),
        [("empty".into(), "name".into()), ("out_of_range".into(), "monthly_sending_volume".into())]
    );
}

#[tokio::test]
async fn availability_follows_the_fake_registry() {
    let server = Server::start(&[]);
    let names =
        json!(["Acme-Mail.com", "premium-deal.com", "taken-one.net", "acme-mail.io", "errored-x.org", "stale-y.co"]);
    let answer = server.call(Op::CheckAvailability, "/domains/availability", Some(json!({"domains": names}))).await;
    assert_eq!(answer.status, 200);
    let rows = answer.json()["data"]["domains"].clone();
    let row = |i: usize| rows[i].clone();
    assert_eq!(row(0)["domain"], "acme-mail.com");
    assert_eq!(
        (row(0)["available"].clone(), row(0)["usable_for"].clone()),
        (json!(true), json!(["google", "microsoft"]))
    );
    assert_eq!((row(1)["premium"].clone(), row(1)["reason"].clone()), (json!(true), json!("premium")));
    assert_eq!(row(2)["reason"], "taken");
    assert_eq!(row(3)["usable_for"], json!(["google"]));
    assert_eq!(row(4)["reason"], "errored");
    assert_eq!(row(5)["reason"], "stale");
    let many: Vec<String> = (0..51).map(|i| format!("name{i}.com")).collect();
    let too_many = server.call(Op::CheckAvailability, "/domains/availability", Some(json!({"domains": many}))).await;
    assert_eq!((too_many.status, codes(&too_many)), (422, vec![("too_many".into(), "domains".into())]));
}

#[tokio::test]
async fn orders_validate_dedupe_and_read_back() {
    let server = Server::start(&[]);
    let bundle = small_bundle(&server).await;
    let body = order(&bundle, &["acme-mail.com", "acme-team.io"]);
    let first = server.call(Op::CreateOrder, "/orders", Some(body.clone())).await;
    assert_eq!(first.status, 200, "{first:?}");
    let receipt = first.json()["data"].clone();
    let id = receipt["id"].as_str().unwrap().to_owned();
    assert!(receipt.get("personas").is_none() && receipt["costs"].get("line_items").is_none(), "lean receipt");
    assert_eq!(receipt["domain_count"], 2);
    // The same content (other key order and spacing) returns the same order.
    let text = format!("  {}  ", serde_json::to_string_pretty(&body).unwrap());
    let again = server.send(Op::CreateOrder, "/orders", text.into_bytes()).await;
    assert_eq!(again.json()["data"]["id"], id.as_str());
    let orders = server.call(Op::ListOrders, "/orders", None).await;
    assert_eq!(orders.json()["data"].as_array().unwrap().len(), 1, "no second order");

    let full = server.call(Op::GetOrder, &format!("/orders/{id}"), None).await.json()["data"].clone();
    assert_eq!(full["domains"]["registered"], json!(["acme-mail.com", "acme-team.io"]));
    assert_eq!(full["personas"], json!([{"first_name": "Sam", "last_name": "Lee"}]));
    let items: Vec<&str> =
        full["costs"]["line_items"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert_eq!(items, ["google_license", "microsoft_license", "domain_registration"]);
    assert!(
        !String::from_utf8_lossy(&server.call(Op::GetOrder, &format!("/orders/{id}"), None).await.body)
            .contains("s3cret")
    );

    // The domains are now the partner's: taken for anyone else.
    let rows =
        server.call(Op::CheckAvailability, "/domains/availability", Some(json!({"domains": ["acme-mail.com"]}))).await;
    assert_eq!(rows.json()["data"]["domains"][0]["reason"], "taken");
    let user = full["user_id"].as_str().unwrap();
    let connected = server.call(Op::ListDomains, &format!("/domains?category=connected&user_id={user}"), None).await;
    assert_eq!(connected.json()["data"].as_array().unwrap().len(), 2);
    let by_user = server.call(Op::ListOrders, "/orders?user_email=client%40example.com&status=in_progress", None).await;
    assert!(by_user.json()["data"].as_array().unwrap().len() <= 1);
}

#[tokio::test]
async fn order_errors_carry_the_cores_codes() {
    let server = Server::start(&[]);
    let bundle = small_bundle(&server).await;
    let shape = server
        .call(
            Op::CreateOrder,
            "/orders",
            Some({
                let mut o = order(&bundle, &["a-one.com", "a-two.com"]);
                o["google_licenses"] = json!(2);
                o
            }),
        )
        .await;
    assert_eq!((shape.status, shape.code()), (400, "order_shape_conflict".into()));
    let count = server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["a-one.com"]))).await;
    assert_eq!((count.status, count.code()), (400, "domain_count_mismatch".into()));
    let details = count.json()["error"]["details"].clone();
    assert_eq!(
        (details["required_count"].clone(), details["submitted_count"].clone(), details["missing_count"].clone()),
        (json!(2), json!(1), json!(1))
    );
    let unavailable =
        server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["taken-x.com", "premium-y.com"]))).await;
    assert_eq!(unavailable.status, 422);
    assert_eq!(
        codes(&unavailable),
        [
            ("domain_unavailable".into(), "domains[0]".into()),
            ("premium_domain".into(), "domains[1]".into()),
            ("microsoft_split_unmet".into(), "domains".into())
        ]
    );
    let split = server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["g-one.io", "g-two.io"]))).await;
    assert!(codes(&split).iter().any(|(c, _)| c == "microsoft_split_unmet"), "{:?}", codes(&split));
    let shaped = server
        .call(
            Op::CreateOrder,
            "/orders",
            Some(json!({"user": "x", "bundle_id": "nope", "domains": [], "personas": []})),
        )
        .await;
    assert_eq!(shaped.status, 422);
    let got: Vec<String> = codes(&shaped).into_iter().map(|(c, _)| c).collect();
    for code in ["invalid_email", "invalid_id", "required", "too_few"] {
        assert!(got.iter().any(|c| c == code), "{code} missing from {got:?}");
    }
    let missing =
        server.call(Op::CreateOrder, "/orders", Some(order("bun_unknown", &["a-one.com", "a-two.com"]))).await;
    assert_eq!((missing.status, missing.json()["error"]["field"].clone()), (404, json!("bundle_id")));
    let leaked = String::from_utf8_lossy(&unavailable.body).to_string() + &String::from_utf8_lossy(&shaped.body);
    assert!(!leaked.contains("s3cret") && !leaked.contains("taken-x"), "an error quotes the input");
    let none = server.call(Op::GetOrder, "/orders/ord_none", None).await;
    assert_eq!(none.status, 404);
}

#[tokio::test]
async fn bad_input_of_any_shape_is_a_json_error() {
    let server = Server::start(&[]);
    let cases: Vec<(Vec<u8>, u16)> = vec![
        (b"".to_vec(), 400),
        (b"{".to_vec(), 400),
        (b"[1,2]".to_vec(), 422),
        (b"\"text\"".to_vec(), 422),
        (br#"{"name": "a", "name": "b", "monthly_sending_volume": 1}"#.to_vec(), 400),
        ([b'['; 200].to_vec(), 400),
        (vec![0xff, 0xfe], 400),
        (b"1e400".to_vec(), 400),
    ];
    for (body, status) in cases {
        let answer = server.send(Op::CreateBundle, "/bundles", body.clone()).await;
        assert_eq!(answer.status, status, "{}", String::from_utf8_lossy(&body));
    }
    let mut big = b"{\"domains\": [\"".to_vec();
    big.extend(std::iter::repeat_n(b'a', 10 * 1024 * 1024 + 10));
    big.extend(b"\"]}");
    let answer = server.send(Op::CheckAvailability, "/domains/availability", big).await;
    assert_eq!(answer.status, 413);

    let url = format!("{}/me", server.base);
    for auth in [
        "",
        "Bearer ",
        "Bearer sk_test_x",
        "Bearer pk_test_",
        "Bearer pk_live_abc",
        "Bearer pk_test_other",
        "Basic abc",
    ] {
        let headers: Vec<(&str, &str)> = if auth.is_empty() { vec![] } else { vec![("authorization", auth)] };
        let answer = server.raw("GET", &url, &headers, Vec::new()).await.unwrap();
        common::check_parse(Op::GetMe, &answer);
        assert_eq!((answer.status, answer.code()), (401, "unauthorized".into()), "{auth}");
        let sent = auth.trim_start_matches("Bearer ").trim_start_matches("Basic ");
        assert!(
            sent.len() <= "pk_test_".len() || !String::from_utf8_lossy(&answer.body).contains(sent),
            "the key is quoted"
        );
    }
    let unknown = server.raw("GET", &format!("{}/nowhere", server.base), &[], Vec::new()).await.unwrap();
    assert_eq!(unknown.status, 401);
    let auth = format!("Bearer {}", server.key);
    let unknown =
        server.raw("GET", &format!("{}/nowhere", server.base), &[("authorization", &auth)], Vec::new()).await.unwrap();
    assert_eq!((unknown.status, unknown.code()), (404, "not_found".into()));
    let method =
        server.raw("PUT", &format!("{}/me", server.base), &[("authorization", &auth)], Vec::new()).await.unwrap();
    assert_eq!(method.status, 405);
    assert_eq!(method.json()["error"]["code"], "invalid_request");
}

#[tokio::test]
async fn pages_follow_links_next() {
    let server = Server::start(&[]);
    for i in 0..7 {
        let answer = server.call(Op::CreateUser, "/users", Some(json!({"email": format!("u{i}@example.com")}))).await;
        assert_eq!(answer.status, 201);
    }
    let mut next = Some(format!("{}/users?per_page=3", server.base));
    let (mut seen, mut pages) = (Vec::new(), 0);
    while let Some(url) = next {
        let page = server.call(Op::ListUsers, &url, None).await.json();
        pages += 1;
        assert_eq!(page["meta"]["per_page"], 3);
        assert_eq!(page["meta"]["returned"].as_u64().unwrap() as usize, page["data"].as_array().unwrap().len());
        seen.extend(page["data"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap().to_owned()));
        next = page["links"].get("next").and_then(Value::as_str).map(str::to_owned);
        assert!(pages < 10);
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = (0..7).rev().map(|i| format!("u{i}@example.com")).collect();
    assert_eq!(seen, expected, "newest first, each once");
    let bad = server.call(Op::ListUsers, "/users?page_token=forged", None).await;
    assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (400, json!("page_token")));
    let bad = server.call(Op::ListUsers, "/users?per_page=101", None).await;
    assert_eq!((bad.status, bad.json()["error"]["field"].clone()), (400, json!("per_page")));
}

#[tokio::test]
async fn imports_forwarding_swaps_and_cancellations() {
    let server = Server::start(&["--time-scale", "200000"]);
    // Imports: the same set gives the same job; then it completes.
    let first = server
        .call(Op::ImportDomains, "/domains/import", Some(json!({"domains": ["Owned-One.com", "owned-two.com"]})))
        .await;
    assert_eq!(first.status, 200);
    let job = first.json()["data"].clone();
    let job_id = job["id"].as_str().unwrap().to_owned();
    assert_eq!(job["nameserver_groups"][0]["domains"], json!(["owned-one.com", "owned-two.com"]));
    let same = server
        .call(Op::ImportDomains, "/domains/import", Some(json!({"domains": ["owned-two.com", "owned-one.com"]})))
        .await;
    assert_eq!(same.json()["data"]["id"], job_id.as_str());
    let big: Vec<String> = (0..26).map(|i| format!("bulk{i}.com")).collect();
    let too_many = server.call(Op::ImportDomains, "/domains/import", Some(json!({"domains": big}))).await;
    assert_eq!(too_many.status, 422);
    let queued = server.call(Op::ImportDomainsJob, "/domains/import/jobs", Some(json!({"domains": big}))).await;
    assert_eq!((queued.status, queued.json()["data"]["status"].clone()), (202, json!("in_progress")));
    let queued_id = queued.json()["data"]["id"].as_str().unwrap().to_owned();
    let found = server.call(Op::FindImports, "/domains/import?domains=owned-one.com,bulk3.com", None).await;
    assert_eq!(found.json()["data"].as_array().unwrap().len(), 2);
    let bad = server.call(Op::FindImports, "/domains/import?domains=not%20a%20domain", None).await;
    assert_eq!(bad.status, 400);
    let mut done = false;
    for _ in 0..200 {
        let job = server.call(Op::GetImport, &format!("/domains/import/{job_id}"), None).await.json();
        let queued = server.call(Op::GetImportJob, &format!("/domains/import/jobs/{queued_id}"), None).await.json();
        if job["data"]["status"] == "completed" && queued["data"]["status"] == "completed" {
            done = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(done, "imports complete");
    let inventory = server.call(Op::ListDomains, "/domains?category=inventory&per_page=100", None).await;
    assert_eq!(inventory.json()["data"].as_array().unwrap().len(), 28);

    // An order with an imported domain and a bought one.
    let bundle = small_bundle(&server).await;
    let placed =
        server.call(Op::CreateOrder, "/orders", Some(order(&bundle, &["owned-one.com", "bought-one.io"]))).await;
    assert_eq!(placed.status, 200, "{placed:?}");
    let order_id = placed.json()["data"]["id"].as_str().unwrap().to_owned();
    let full = server.call(Op::GetOrder, &format!("/orders/{order_id}"), None).await.json()["data"].clone();
    assert_eq!(full["domains"], json!({"registered": ["bought-one.io"], "imported": ["owned-one.com"]}));

    // Forwarding: known domains forward, unknown ones fail.
    let change = json!({"domains": ["owned-two.com", "unknown-zz.com"], "forwarding_url": "https://example.com/x"});
    let fwd = server.call(Op::UpdateForwarding, "/domains/forwarding", Some(change)).await;
    assert_eq!(fwd.status, 202);
    let fwd_id = fwd.json()["data"]["id"].as_str().unwrap().to_owned();
    let mut status = Value::Null;
    for _ in 0..200 {
        status = server.call(Op::GetForwardingJob, &format!("/domains/forwarding/{fwd_id}"), None).await.json()["data"]
            .clone();
        if status["status"] != "in_progress" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(status["status"], "partial_success");
    assert_eq!(status["completed"], json!(["owned-two.com"]));
    assert_eq!(status["failed"], json!([{"domain": "unknown-zz.com", "reason": "dns_lookup_failed"}]));

    // Swaps on a connected domain.
    let domains = server.call(Op::ListDomains, "/domains?category=connected", None).await.json()["data"].clone();
    let owned = domains.as_array().unwrap().iter().find(|d| d["domain"] == "owned-one.com").unwrap();
    let domain_id = owned["id"].as_str().unwrap().to_owned();
    let swap = server
        .call(
            Op::CreateSwap,
            "/swaps",
            Some(json!({"type": "standard", "domain_id": domain_id, "replacement_domain": "fresh-name.com"})),
        )
        .await;
    assert_eq!(swap.status, 201, "{swap:?}");
    let swap_id = swap.json()["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        server.call(Op::GetSwap, &format!("/swaps/{swap_id}"), None).await.json()["data"]["domain_id"],
        domain_id.as_str()
    );
    let taken = server
        .call(
            Op::CreateSwap,
            "/swaps",
            Some(json!({"type": "standard", "domain_id": domain_id, "replacement_domain": "taken-q.com"})),
        )
        .await;
    assert_eq!((taken.status, codes(&taken)), (422, vec![("domain_unavailable".into(), "replacement_domain".into())]));
    let ghost = server
        .call(
            Op::CreateSwap,
            "/swaps",
            Some(json!({"type": "standard", "domain_id": "dom_ghost", "replacement_domain": "x-y.com"})),
        )
        .await;
    assert_eq!(ghost.status, 404);
    let names = server.call(Op::SwapUserNames, "/swaps/user_names", Some(json!({"domain_id": domain_id,
        "personas": [{"first_name": "A", "last_name": "B", "profile_picture_url": null}, {"first_name": "C", "last_name": "D", "profile_picture_url": ""}]}))).await;
    assert_eq!(names.json()["data"]["swaps"].as_array().unwrap().len(), 2);
    let listed = server.call(Op::ListSwaps, &format!("/swaps?order_id={order_id}"), None).await;
    assert_eq!(listed.json()["data"].as_array().unwrap().len(), 3);

    // Cancellations: some domains, then the whole order; the same one again is harmless.
    let partial = server
        .call(Op::CancelOrder, &format!("/orders/{order_id}/cancel"), Some(json!({"domains": ["bought-one.io"]})))
        .await;
    assert_eq!(partial.status, 200, "{partial:?}");
    assert_eq!(partial.json()["data"]["domains"][0]["domain"], "bought-one.io");
    let foreign = server
        .call(Op::CancelOrder, &format!("/orders/{order_id}/cancel"), Some(json!({"domains": ["other-x.com"]})))
        .await;
    assert_eq!(foreign.status, 400);
    let whole = server.send(Op::CancelOrder, &format!("/orders/{order_id}/cancel"), Vec::new()).await;
    assert_eq!(whole.json()["data"]["status"], "cancel_scheduled");
    let twice = server.send(Op::CancelOrder, &format!("/orders/{order_id}/cancel"), Vec::new()).await;
    assert_eq!(twice.json()["data"], whole.json()["data"]);
    let mut cancelled = false;
    for _ in 0..300 {
        let order = server.call(Op::GetOrder, &format!("/orders/{order_id}"), None).await.json();
        if order["data"]["status"] == "cancelled" {
            cancelled = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(cancelled);
    let after = server.send(Op::CancelOrder, &format!("/orders/{order_id}/cancel"), Vec::new()).await;
    assert_eq!((after.status, after.code()), (409, "conflict".into()));
}

#[tokio::test]
async fn pending_actions_hold_an_order_until_resolved() {
    let server = Server::start(&["--time-scale", "200000"]);
    let bundle = small_bundle(&server).await;
    let mut body = order(&bundle, &["pic-one.com", "pic-two.io"]);
    body["personas"][0]["profile_picture_url"] = json!("http://127.0.0.1/me.png");
    let placed = server.call(Op::CreateOrder, "/orders", Some(body)).await;
    assert_eq!(placed.status, 200, "{placed:?}");
    let order_id = placed.json()["data"]["id"].as_str().unwrap().to_owned();
    let pending =
        server.call(Op::ListPendingActions, &format!("/orders/pending?order_id={order_id}"), None).await.json();
    let action = pending["data"][0].clone();
    assert_eq!(action["type"], "profile_picture_not_accessible");
    assert_eq!(action["status"], "open");
    let by_user = server.call(Op::ListPendingActions, "/orders/pending?user=client%40example.com", None).await.json();
    assert_eq!(by_user["data"].as_array().unwrap().len(), 1);
    let mut held = false;
    for _ in 0..200 {
        if order_status(&server, &order_id).await == "action_required" {
            held = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(held);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(order_status(&server, &order_id).await, "action_required", "held until resolved");
    let resolved = server.local("POST", &format!("/actions/{}/resolve", action["id"].as_str().unwrap()), None).await;
    assert_eq!(resolved.json()["data"]["status"], "resolved");
    let mut completed = false;
    for _ in 0..300 {
        if order_status(&server, &order_id).await == "completed" {
            completed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(completed);
    let open = server.call(Op::ListPendingActions, "/orders/pending", None).await.json();
    assert_eq!(open["data"], json!([]));
    let resolved = server.call(Op::ListPendingActions, "/orders/pending?status=resolved", None).await.json();
    assert_eq!(resolved["data"].as_array().unwrap().len(), 1);
}

async fn order_status(server: &Server, id: &str) -> Value {
    server.call(Op::GetOrder, &format!("/orders/{id}"), None).await.json()["data"]["status"].clone()
}

#[tokio::test]
async fn the_other_endpoints_refuse_bad_input_too() {
    let server = Server::start(&[]);
    let a = server.call(Op::CreateUser, "/users", Some(json!({"email": "a@example.com"}))).await.json();
    server.call(Op::CreateUser, "/users", Some(json!({"email": "b@example.com"}))).await;
    let a_id = a["data"]["id"].as_str().unwrap();
    let taken = server.call(Op::UpdateUser, &format!("/users/{a_id}"), Some(json!({"email": "B@example.com"}))).await;
    assert_eq!(
        (taken.status, taken.code(), taken.json()["error"]["field"].clone()),
        (409, "conflict".into(), json!("email"))
    );
    let bad = server
        .call(Op::UpdateUser, &format!("/users/{a_id}"), Some(json!({"sequencer": {"provider": "mailchimp"}})))
        .await;
    assert_eq!(codes(&bad), [("unsupported_provider".into(), "sequencer.provider".into())]);
    let fwd = server
        .call(
            Op::UpdateForwarding,
            "/domains/forwarding",
            Some(json!({"domains": ["dom_!", "x.com"], "forwarding_url": "ftp://x"})),
        )
        .await;
    assert_eq!(fwd.status, 422);
    assert_eq!(
        codes(&fwd),
        [("invalid_id".into(), "domains[0]".into()), ("invalid_url".into(), "forwarding_url".into())]
    );
    let names = server
        .call(Op::SwapUserNames, "/swaps/user_names", Some(json!({"domain_id": "dom_none", "personas": [{"first_name": "A", "last_name": "B", "profile_picture_url": null}]})))
        .await;
    assert_eq!((names.status, names.json()["error"]["field"].clone()), (404, json!("domain_id")));
    let names =
        server.call(Op::SwapUserNames, "/swaps/user_names", Some(json!({"domain_id": "dom_x", "personas": []}))).await;
    assert_eq!(codes(&names), [("too_few".into(), "personas".into())]);
    let swap = server
        .call(
            Op::CreateSwap,
            "/swaps",
            Some(json!({"type": "gold", "domain_id": "dom_x", "replacement_domain": "y.com"})),
        )
        .await;
    assert_eq!(codes(&swap), [("out_of_range".into(), "type".into())]);
    for (op, path) in [
        (Op::GetForwardingJob, "/domains/forwarding/fwj_none"),
        (Op::GetSwap, "/swaps/swp_none"),
        (Op::GetImport, "/domains/import/imp_none"),
        (Op::GetImportJob, "/domains/import/jobs/imp_none"),
        (Op::GetBundle, "/bundles/bun_none"),
        (Op::DeleteUser, "/users/usr_none"),
        (Op::CancelOrder, "/orders/ord_none/cancel"),
    ] {
        let answer = server.call(op, path, None).await;
        assert_eq!((answer.status, answer.code()), (404, "not_found".into()), "{path}");
    }
    for (op, path, field) in [
        (Op::ListDomains, "/domains?usable_for=yahoo", "usable_for"),
        (Op::ListDomains, "/domains?user_id=usr_", "user_id"),
        (Op::ListOrders, "/orders?bundle_id=ord_1", "bundle_id"),
        (Op::ListPendingActions, "/orders/pending?user=nobody", "user"),
        (Op::ListSwaps, "/swaps?status=done", "status"),
        (Op::FindImports, "/domains/import", "domains"),
    ] {
        let answer = server.call(op, path, None).await;
        assert_eq!((answer.status, answer.json()["error"]["field"].clone()), (400, json!(field)), "{path}");
    }
}
