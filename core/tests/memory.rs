//! The memory budget of untrusted input (spec/DECISIONS.md D9), in Rust: each
//! hostile input of tests/vectors/memory.json through its function, with a
//! counting global allocator measuring what the call adds at its peak; the
//! legitimate ones (`parses`) must give a result.
//! One test only: the counters are global to this binary.
// A malformed memory.json should stop this test loudly, so it indexes and expects.
#![allow(clippy::indexing_slicing, clippy::expect_used, clippy::panic)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};

use peeker_core::webhook::{HEADER_SIGNATURE, HEADER_TIMESTAMP};
use peeker_core::{DEFAULT_TOLERANCE_SECONDS, Operation, OrderContext};
use serde_json::Value;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, forwarded as is.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most the call added above what was allocated when it began, and whether it gave a result.
fn peak_added(call: impl FnOnce() -> bool) -> (usize, bool) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let ok = call();
    (PEAK.load(Ordering::Relaxed) - base, ok)
}

fn text(input: &Value) -> String {
    let parts = input["parts"].as_array().expect("parts");
    parts.iter().map(|p| p[0].as_str().expect("piece").repeat(p[1].as_u64().expect("count") as usize)).collect()
}

#[test]
fn hostile_inputs_stay_within_the_memory_budget() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/memory.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("memory.json")).expect("JSON");
    let factor = doc["factor"].as_u64().expect("factor") as usize;
    let constant = doc["constant_bytes"].as_u64().expect("constant") as usize;
    let secret = doc["secret"].as_str().expect("secret");
    let timestamp = doc["timestamp"].as_i64().expect("timestamp");
    let operation = Operation::from_str(doc["operation"].as_str().expect("operation")).expect("an operation");
    let (mut over, mut refused) = (Vec::new(), Vec::new());
    for case in doc["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let input = text(&case["input"]);
        let body = input.as_bytes();
        let signature = peeker_core::sign_webhook(secret, timestamp, body).expect("signed");
        let headers = [(HEADER_SIGNATURE, signature), (HEADER_TIMESTAMP, timestamp.to_string())];
        let value: Option<Value> = serde_json::from_str(&input).ok();
        let (added, ok) = peak_added(|| match case["function"].as_str().expect("function") {
            "canonicalize" => peeker_core::canonicalize(&input).is_ok(),
            "parse_event" => peeker_core::parse_event(body).is_ok(),
            "construct_event" => {
                let secrets = [secret];
                peeker_core::construct_event(body, headers, &secrets, timestamp, DEFAULT_TOLERANCE_SECONDS).is_ok()
            }
            "parse_response" => peeker_core::parse_response(operation, 200, Vec::<(&str, &str)>::new(), body).is_ok(),
            // A report, whatever it holds, is the result.
            "validate_order" => {
                drop(peeker_core::validate_order(value.as_ref().expect("JSON"), OrderContext::default()));
                true
            }
            "order_body" => peeker_core::order_body(value.as_ref().expect("JSON")).is_ok(),
            other => panic!("no function {other}"),
        });
        let budget = factor * input.len() + constant;
        println!("{name}: {} bytes in, {} bytes at the peak (budget {budget})", input.len(), added);
        if added > budget {
            over.push(name.to_owned());
        }
        if case["parses"].as_bool() == Some(true) && !ok {
            refused.push(name.to_owned());
        }
    }
    assert!(over.is_empty(), "over the memory budget: {over:?}");
    assert!(refused.is_empty(), "legitimate inputs refused: {refused:?}");
}
