//! Rust: peeker-core against `serde_json_canonicalizer` (canonicalize) and raw
//! `hmac` + `sha2` (the verify floor), in one process. Reads the inputs that
//! benchmarks/inputs.mjs wrote to target/bench-inputs/ and writes
//! target/bench-results/rust.json. Same method as benchmarks/harness.mjs.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use peeker_core::{AvailabilityRow, AvailabilityRows, OrderContext, PreparedAvailability};
use serde_json::{Value, json};
use sha2::Sha256;
use subtle::ConstantTimeEq;

struct Bench {
    /// `BENCH_ONLY`: run only the workloads whose "<workload> <implementation>"
    /// contains this text (for profiling one); with `BENCH_EXACT=1`, equals it.
    only: Option<String>,
    exact: bool,
    /// `BENCH_CALLS`: call each selected workload exactly this many times, untimed
    /// (for `valgrind --tool=callgrind`, whose instruction counts are exact).
    calls: Option<u32>,
    samples: usize,
    sample_ns: f64,
    warm_ns: f64,
    max_ns: f64,
    rows: Vec<Value>,
}

impl Bench {
    fn run<T>(&mut self, workload: &str, implementation: &str, kind: &str, mut f: impl FnMut() -> T) {
        let name = format!("{workload} {implementation}");
        let selected = |only: &String| if self.exact { name == *only } else { name.contains(only.as_str()) };
        if self.only.as_ref().is_some_and(|only| !selected(only)) {
            return;
        }
        if let Some(calls) = self.calls {
            counted(calls, f);
            println!("{workload:<42} {implementation:<28} called {calls} times (BENCH_CALLS)");
            return;
        }
        // Warm up: call for `warm_ns`, then estimate one call from that.
        let (warm_start, mut calls) = (Instant::now(), 0u32);
        loop {
            black_box(f());
            calls += 1;
            if warm_start.elapsed().as_nanos() as f64 >= self.warm_ns || calls >= 100_000 {
                break;
            }
        }
        let once = (warm_start.elapsed().as_nanos() as f64 / f64::from(calls)).max(20.0);
        let budget = self.max_ns / self.samples as f64;
        let iterations = ((self.sample_ns / once).ceil() as usize).min((budget / once) as usize).max(1);
        let mut per_call: Vec<f64> = (0..self.samples)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..iterations {
                    black_box(f());
                }
                start.elapsed().as_nanos() as f64 / iterations as f64
            })
            .collect();
        per_call.sort_by(f64::total_cmp);
        let at = |q: f64| per_call[((q * (per_call.len() - 1) as f64).round() as usize).min(per_call.len() - 1)];
        let (median, p25, p75) = (at(0.5), at(0.25), at(0.75));
        println!("{workload:<42} {implementation:<28} {:12.2} µs  [{:.2}–{:.2}]", median / 1e3, p25 / 1e3, p75 / 1e3);
        self.rows.push(json!({
            "workload": workload, "impl": implementation, "kind": kind,
            "median_ns": median, "p25_ns": p25, "p75_ns": p75, "samples": per_call.len(), "iterations": iterations,
        }));
    }
}

/// The calls of `BENCH_CALLS` mode, in a function of their own so that
/// `valgrind --tool=callgrind --toggle-collect=*counted*` counts only them
/// (benchmarks/instructions.py).
#[inline(never)]
fn counted<T>(calls: u32, mut f: impl FnMut() -> T) {
    for _ in 0..calls {
        black_box(f());
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let inputs = root.join("target/bench-inputs");
    let read = |name: &str| {
        std::fs::read(inputs.join(name)).unwrap_or_else(|e| panic!("{name}: {e} (run benchmarks/inputs.mjs)"))
    };
    let text = |name: &str| String::from_utf8(read(name)).expect("utf-8");
    let quick = std::env::var("BENCH_QUICK").as_deref() == Ok("1");
    let (samples, sample_ms, max_s, warm_ms) = if quick { (5, 3.0, 0.5, 5.0) } else { (21, 25.0, 8.0, 150.0) };
    let mut bench = Bench {
        only: std::env::var("BENCH_ONLY").ok(),
        exact: std::env::var("BENCH_EXACT").as_deref() == Ok("1"),
        calls: std::env::var("BENCH_CALLS").ok().and_then(|n| n.parse().ok()),
        samples,
        sample_ns: sample_ms * 1e6,
        warm_ns: warm_ms * 1e6,
        max_ns: max_s * 1e9,
        rows: Vec::new(),
    };
    let mut notes: Vec<String> = Vec::new();

    // canonicalize: text in, canonical text out (the peer takes a value, so it gets serde_json::from_str(text)).
    for (size, file) in [("1 KB", "canon-1k.json"), ("100 KB", "canon-100k.json"), ("5 MB", "canon-5m.json")] {
        let source = text(file);
        let workload = format!("canonicalize {size}");
        let ours = peeker_core::canonicalize(&source).expect("canonicalize");
        let peer = |s: &str| {
            let value: Value = serde_json::from_str(s).expect("json");
            serde_json_canonicalizer::to_string(&value).expect("canonicalize")
        };
        bench.run(&workload, "peeker-core", "ours", || peeker_core::canonicalize(&source));
        if peer(&source) == ours {
            bench.run(&workload, "serde_json_canonicalizer", "peer", || peer(&source));
        } else {
            notes.push(format!("serde_json_canonicalizer disagrees with peeker-core on {workload}"));
            bench.rows.push(
                json!({"workload": workload, "impl": "serde_json_canonicalizer", "kind": "peer", "disagrees": true}),
            );
        }
    }

    // verify_webhook: raw body bytes + headers, valid and wrong signature.
    let manifest: Value = serde_json::from_slice(&read("manifest.json")).expect("manifest");
    let secret = manifest["webhook_secret"].as_str().expect("secret").to_owned();
    let ts = SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_secs() as i64;
    for (size, file) in [("1 KB", "webhook-1k.json"), ("64 KB", "webhook-64k.json"), ("1 MB", "webhook-1m.json")] {
        let body = read(file);
        let signature = peeker_core::sign_webhook(&secret, ts, &body).expect("sign");
        for valid in [true, false] {
            let workload = format!("verify_webhook {size} {}", if valid { "valid" } else { "wrong sig" });
            let mut sig = signature.clone();
            if !valid {
                let last = if sig.ends_with('0') { "1" } else { "0" };
                sig.truncate(sig.len() - 1);
                sig.push_str(last);
            }
            let headers = [("peeker-signature", sig.clone()), ("peeker-timestamp", ts.to_string())];
            let ours = || {
                peeker_core::verify_webhook(
                    &body,
                    headers.iter().map(|(k, v)| (*k, v.as_str())),
                    &[secret.as_str()],
                    ts,
                    300,
                )
            };
            assert_eq!(ours().is_ok(), valid, "{workload}");
            bench.run(&workload, "peeker-core", "ours", ours);
            let floor = || {
                let given = hex::decode(&headers[0].1[3..]).unwrap_or_default();
                let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("key");
                mac.update(headers[1].1.as_bytes());
                mac.update(b".");
                mac.update(&body);
                bool::from(mac.finalize().into_bytes().as_slice().ct_eq(&given))
            };
            assert_eq!(floor(), valid);
            bench.run(&workload, "hmac + sha2 (floor)", "floor", floor);
        }
    }

    // validate_order, order_body + dedupe_key: no Rust peer; the core's own time, for the bindings' overhead.
    let big_order: Value = serde_json::from_slice(&read("order-500.json")).expect("order");
    let bundle: Value = serde_json::from_slice(&read("order-500-bundle.json")).expect("bundle");
    let availability: Vec<AvailabilityRow> =
        serde_json::from_slice(&read("order-500-availability.json")).expect("rows");
    for (workload, file) in
        [("validate_order example (valid)", "order-valid.json"), ("validate_order 8 violations", "order-8.json")]
    {
        let order: Value = serde_json::from_slice(&read(file)).expect("order");
        let found = peeker_core::validate_order(&order, OrderContext::default()).violations.len();
        notes.push(format!("{workload}: peeker-core finds {found} violations"));
        bench.run(workload, "peeker-core", "ours", || peeker_core::validate_order(&order, OrderContext::default()));
    }
    let prepared = PreparedAvailability::new(availability);
    let context = OrderContext { bundle: Some(&bundle), availability: Some(AvailabilityRows::Prepared(&prepared)) };
    bench.run("validate_order 500 domains + availability", "peeker-core", "ours", || {
        peeker_core::validate_order(&big_order, context)
    });
    let rows_json = text("order-500-availability.json");
    bench.run("validate_order 500 domains + availability", "peeker-core incl. parsing the rows", "ours", || {
        let rows: Vec<AvailabilityRow> = serde_json::from_str(&rows_json).expect("rows");
        peeker_core::validate_order(
            &big_order,
            OrderContext { bundle: Some(&bundle), availability: Some(AvailabilityRows::Rows(&rows)) },
        )
        .violations
        .len()
    });
    // What the bindings add: the context read from host values (host::Context)
    // and the report serialized (its wire shape), to split the bindings' cost.
    let context_value =
        json!({"bundle": bundle, "availability": serde_json::from_str::<Value>(&rows_json).expect("rows")});
    bench.run(
        "validate_order 500 domains + availability",
        "peeker-core host::Context + report serialized (as the bindings)",
        "ours",
        || {
            let context = peeker_core::host::Context::of(&context_value);
            serde_json::to_value(peeker_core::validate_order(&big_order, context.get())).expect("report")
        },
    );
    // What the native Node package runs (bindings-wasm/js/checks.mjs `asText`): JSON text in and out.
    const TEXT_PATH: &str = "peeker-core host::validate_order_text (JSON text in and out, as the native Node package)";
    const TEXT_PREPARED: &str = "peeker-core host::validate_order_text, prepared availability (as the native Node package)";
    let context_text = context_value.to_string();
    let big_order_text = big_order.to_string();
    bench.run("validate_order 500 domains + availability", TEXT_PATH, "ours", || {
        peeker_core::host::validate_order_text(&big_order_text, &context_text, None).expect("report")
    });
    // The same with the rows prepared once (`prepareAvailability`), as the Node benchmark times it.
    let bundle_text = json!({"bundle": bundle}).to_string();
    bench.run("validate_order 500 domains + availability", TEXT_PREPARED, "ours", || {
        peeker_core::host::validate_order_text(&big_order_text, &bundle_text, Some(&prepared)).expect("report")
    });
    let example_text = text("order-valid.json");
    bench.run("validate_order example (valid)", TEXT_PATH, "ours", || {
        peeker_core::host::validate_order_text(&example_text, "null", None).expect("report")
    });
    let order8: Value = serde_json::from_slice(&read("order-8.json")).expect("order");
    bench.run("validate_order 8 violations", "peeker-core report serialized (as the bindings)", "ours", || {
        serde_json::to_value(peeker_core::validate_order(&order8, OrderContext::default())).expect("report")
    });
    let order1k: Value = serde_json::from_slice(&read("order-1k.json")).expect("order");
    bench.run("order_body + dedupe_key 1 KB", "peeker-core", "ours", || {
        peeker_core::dedupe_key(&peeker_core::order_body(&order1k).expect("body"))
    });

    bench.run("trivial call: dedupe_window", "peeker-core", "ours", || {
        peeker_core::dedupe_window(black_box(0), black_box(1))
    });

    let versions = json!({
        "rustc": option_env!("BENCH_RUSTC_VERSION").unwrap_or("see rustc --version"),
    });
    let out = root.join("target/bench-results");
    std::fs::create_dir_all(&out).expect("mkdir");
    let settings = json!({"samples": samples, "sampleMs": sample_ms, "maxSeconds": max_s, "warmMs": warm_ms});
    let report = json!({"host": "rust", "quick": quick, "settings": settings, "versions": versions, "notes": notes, "rows": bench.rows});
    std::fs::write(out.join("rust.json"), serde_json::to_string_pretty(&report).expect("json")).expect("write");
    for note in notes {
        println!("note: {note}");
    }
}
