//! The signature rules, through the core's HMAC and through a caller's.

use super::*;

const SECRET: &str = "whsec_test_secret";
const BODY: &[u8] = br#"{"id":"evt_1","type":"order.completed","data":{}}"#;

fn headers(timestamp: i64, signature: &str) -> Vec<(String, String)> {
    vec![
        ("peeker-timestamp".to_owned(), timestamp.to_string()),
        ("PEEKER-SIGNATURE".to_owned(), signature.to_owned()),
        ("Peeker-Event-Id".to_owned(), "evt_1".to_owned()),
    ]
}

fn verify(headers: Vec<(String, String)>, now: i64) -> Result<Verified> {
    verify_webhook(BODY, headers, &[SECRET], now, DEFAULT_TOLERANCE_SECONDS)
}

#[test]
fn sign_then_verify_round_trips() {
    let signature = sign_webhook(SECRET, 1_700_000_000, BODY);
    let signature = signature.unwrap_or_default();
    assert!(signature.starts_with("v1=") && signature.len() == 67);
    let verified = verify(headers(1_700_000_000, &signature), 1_700_000_000);
    assert_eq!(verified, Ok(Verified { timestamp: 1_700_000_000 }));
}

#[test]
fn tolerance_holds_in_both_directions_inclusive() {
    let ts = 1_700_000_000;
    let signature = sign_webhook(SECRET, ts, BODY).unwrap_or_default();
    assert!(verify(headers(ts, &signature), ts + 300).is_ok());
    assert!(verify(headers(ts, &signature), ts - 300).is_ok());
    let old = verify(headers(ts, &signature), ts + 301).map_err(|e| e.code);
    let future = verify(headers(ts, &signature), ts - 301).map_err(|e| e.code);
    assert_eq!(old, Err(Code::TimestampTooOld));
    assert_eq!(future, Err(Code::TimestampInFuture));
}

#[test]
fn extreme_clocks_do_not_overflow() {
    let signature = sign_webhook(SECRET, i64::MAX, BODY).unwrap_or_default();
    let result = verify(headers(i64::MAX, &signature), i64::MIN).map_err(|e| e.code);
    assert_eq!(result, Err(Code::TimestampInFuture));
}

#[test]
fn bad_arguments_are_config_errors() {
    let empty: [&str; 0] = [];
    let result = verify_webhook(BODY, headers(1, "v1=00"), &empty, 1, 300).map_err(|e| e.code);
    assert_eq!(result, Err(Code::InvalidArgument));
    let result = verify_webhook(BODY, headers(1, "v1=00"), &[SECRET], 1, -1).map_err(|e| e.code);
    assert_eq!(result, Err(Code::InvalidArgument));
    assert_eq!(sign_webhook("", 1, BODY).map_err(|e| e.code), Err(Code::InvalidArgument));
}

#[test]
fn messages_never_contain_the_secret() {
    let secret = " whsec_leaky ";
    let signature = sign_webhook("other", 5, BODY).unwrap_or_default();
    let err = verify_webhook(BODY, headers(5, &signature), &[secret], 5, 300).err();
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("whitespace"), "{message}");
    assert!(!message.contains("leaky"), "{message}");
}

#[test]
fn a_callers_mac_gets_each_secret_in_turn_until_one_matches() {
    let ts = 1_700_000_000;
    let signature = sign_webhook("whsec_b", ts, BODY).unwrap_or_default();
    let mut asked = Vec::new();
    let result = verify_webhook_with(
        headers(ts, &signature),
        &["whsec_a", "whsec_b", "whsec_c"],
        ts,
        300,
        |i, secret, signed| {
            asked.push((i, secret.to_owned(), signed.to_owned()));
            Ok(mac(secret, signed, BODY))
        },
    );
    assert_eq!(result, Ok(Verified { timestamp: ts }));
    let signed = ts.to_string();
    assert_eq!(asked, [(0, "whsec_a".to_owned(), signed.clone()), (1, "whsec_b".to_owned(), signed)]);
}

#[test]
fn a_callers_mac_is_asked_only_after_the_headers_and_its_error_is_returned() {
    let ts = 1_700_000_000;
    let signature = sign_webhook(SECRET, ts, BODY).unwrap_or_default();
    let failing = |_: usize, _: &str, _: &str| Err(Error::new(Code::InternalError, "no MAC"));
    let result = verify_webhook_with(headers(ts, &signature), &[SECRET], ts, 300, failing).map_err(|e| e.code);
    assert_eq!(result, Err(Code::InternalError));
    for (bad, code) in [(headers(ts, "v1=zz"), Code::InvalidHeader), (headers(ts, "v2=00"), Code::NoSupportedSignature)]
    {
        let result = verify_webhook_with(bad, &[SECRET], ts, 300, failing).map_err(|e| e.code);
        assert_eq!(result, Err(code));
    }
    // A wrong MAC is a mismatch, whatever the clock says.
    let wrong = |_: usize, _: &str, _: &str| Ok([0; SIGNATURE_BYTES]);
    let result = verify_webhook_with(headers(ts, &signature), &[SECRET], ts + 301, 300, wrong).map_err(|e| e.code);
    assert_eq!(result, Err(Code::SignatureMismatch));
}
