//! tests/vectors/marked.json: every case with a marker in every string of its
//! input, run through the same ops; the results are not compared, but no error
//! the core raised (Display, Debug, JSON) and no violation message may show
//! the marker (spec/DECISIONS.md D8).

use std::cell::RefCell;

use libtest_mimic::Failed;
use serde_json::Value;

thread_local! {
    /// What the ops raised while a marked case runs; `None` otherwise.
    static SEEN: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Records an error's texts while a marked case runs (the ops call it where
/// they receive an error or a report).
pub(super) fn seen(shown: impl FnOnce() -> String) {
    SEEN.with(|seen| {
        if let Some(list) = seen.borrow_mut().as_mut() {
            list.push(shown());
        }
    });
}

/// Every text of an error: Display, Debug and the JSON hosts receive.
pub(super) fn error<E: std::fmt::Display + std::fmt::Debug + serde::Serialize>(err: &E) -> String {
    format!("{err} {err:?} {}", serde_json::to_string(err).unwrap_or_default())
}

/// Runs every marked case; fails listing the cases whose errors show the marker.
pub(super) fn run(cases: &[Value], marker: &str) -> Result<(), Failed> {
    let (mut leaks, mut errors) = (Vec::new(), 0);
    for case in cases {
        SEEN.with(|seen| *seen.borrow_mut() = Some(Vec::new()));
        // Only what was raised matters: a marked case rarely gives its expected result.
        let _ = super::run(case);
        let raised = SEEN.with(|seen| seen.borrow_mut().take()).unwrap_or_default();
        errors += raised.len();
        leaks.extend(
            raised
                .into_iter()
                .filter(|text| text.contains(marker))
                .map(|text| format!("{}: {text}", case["name"].as_str().unwrap_or("?"))),
        );
    }
    if errors < cases.len() / 2 {
        return Err(
            format!("only {errors} errors raised by {} marked cases: the hooks are not called", cases.len()).into()
        );
    }
    if leaks.is_empty() { Ok(()) } else { Err(leaks.join("\n").into()) }
}
