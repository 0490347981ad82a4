//! No request, printed request or builder error shows the API key or the
//! Smartlead password, for every builder of the contract and arguments of
//! every wrong shape (spec/DECISIONS.md D8).

#[path = "vectors/builders.rs"]
#[allow(dead_code)] // the vector runner uses the rest
mod builders;

use peeker_core::{Client, ClientOptions, Error};
use serde_json::{Value, json};

/// The part of the test key that must never be shown.
const KEY_MARK: &str = "K3yDoNotPrint";
const KEY: &str = "pk_live_K3yDoNotPrint";

fn assert_no_key(err: &Error) {
    let shown = format!("{err} {err:?} {}", serde_json::to_string(err).unwrap_or_default());
    assert!(!shown.contains(KEY_MARK), "{shown}");
}

/// Arguments with which every builder succeeds.
fn good_args(name: &str) -> Value {
    let id = match name {
        "get_user" | "update_user" | "delete_user" => "usr_1",
        "get_bundle" | "update_bundle" | "delete_bundle" => "bun_1",
        "get_import" | "get_import_job" => "imp_1",
        "get_forwarding_job" => "fwj_1",
        "get_order" | "cancel_order" => "ord_1",
        _ => "swp_1",
    };
    let body = match name {
        "create_user" | "update_user" => json!({"email": "client@example.com"}),
        "create_bundle" | "update_bundle" => json!({"name": "Starter", "monthly_sending_volume": 25000}),
        "create_swap" => json!({"type": "standard", "domain_id": "dom_1", "replacement_domain": "b.com"}),
        "swap_user_names" => json!({"domain_id": "dom_1",
            "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": null}]}),
        _ => Value::Null,
    };
    json!({
        "id": id, "body": body, "domains": ["a.com", "b.com"], "forwarding_url": "https://acme.example",
        "links_next": "https://api.peeker.ai/partner/v1/users?page_token=abc", "query": {"per_page": 10},
        "order": {
            "user": "client@example.com", "bundle_id": "bun_1", "domains": ["a.com"],
            "sequencer": {"provider": "smartlead", "login_email": "l@example.com", "login_password": "s3cret-pw"},
            "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": ""}],
        },
    })
}

#[test]
fn requests_and_builder_errors_never_show_the_key() -> Result<(), Error> {
    let client = Client::new(KEY, ClientOptions::default())?;
    let shown = format!("{client:?}");
    assert!(!shown.contains(KEY_MARK) && shown.contains("[redacted]"), "{shown}");
    for name in builders::OPERATIONS.iter().copied().chain(["next_page"]) {
        let requests = builders::build(&client, name, &good_args(name))?;
        assert!(!requests.is_empty(), "{name}");
        for request in requests {
            assert_eq!(request.header("authorization"), Some(format!("Bearer {KEY}").as_str()));
            let shown = format!("{request:?}");
            assert!(!shown.contains(KEY_MARK) && !shown.contains("s3cret-pw"), "{name}: {shown}");
        }
        // Arguments of every wrong shape, some of them holding the key itself.
        let bad = [
            json!({}),
            json!(null),
            json!({"id": KEY, "body": KEY, "domains": KEY, "forwarding_url": KEY, "order": KEY, "query": KEY}),
            json!({"id": "usr_", "body": {"email": KEY, "name": KEY, "x": KEY}, "domains": [KEY, KEY],
                   "forwarding_url": "", "query": {"email": KEY, "status": KEY, "per_page": KEY},
                   "order": {"user": KEY, "sequencer": {"login_password": KEY}},
                   "links_next": format!("https://evil.example/?k={KEY}")}),
        ];
        for args in bad {
            match builders::build(&client, name, &args) {
                Err(err) => assert_no_key(&err),
                Ok(requests) => {
                    for request in requests {
                        let shown = format!("{request:?}");
                        // The URL may hold what the caller passed; the header never shows.
                        assert!(!shown.contains(&format!("Bearer {KEY}")), "{name}: {shown}");
                    }
                }
            }
        }
    }
    let err = builders::build(&client, "no_such_builder", &json!({})).err();
    err.iter().for_each(assert_no_key);
    Ok(())
}
