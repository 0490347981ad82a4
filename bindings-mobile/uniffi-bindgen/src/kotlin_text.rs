//! One change to the Kotlin that UniFFI writes (spec/DECISIONS.md D14): a
//! Kotlin `String` can hold a lone surrogate, which UTF-8 cannot carry, and
//! UniFFI's encoder then throws `MalformedInputException`, not a
//! `PeekerException`. Before each call crosses into Rust, every argument that
//! can hold a string is walked (UniFFI's own `allocationSize` visits every
//! string of a record, list or map), and a lone surrogate becomes the coded
//! error naming the argument, before any argument is lowered, so nothing
//! allocated for the call leaks. The helpers are in
//! bindings-mobile/kotlin/src/main/kotlin/ai/peeker/core/Text.kt.

/// UniFFI's string size function: checking there covers strings at any depth.
const STRING_SIZE: &str = "override fun allocationSize(value: String): ULong {";

/// Where a call's arguments are lowered, inside `uniffiRustCall...{ _status ->`.
const CALL_OPEN: &str = "{ _status ->";

/// The patched Kotlin source, or why the source is not what this patch expects
/// (a UniFFI upgrade must revisit it rather than ship strings unchecked).
pub fn patch(source: &str) -> Result<String, String> {
    if source.matches(STRING_SIZE).count() != 1 {
        return Err(format!("expected one `{STRING_SIZE}`"));
    }
    let source = source.replace(STRING_SIZE, &format!("{STRING_SIZE}\n        checkText(value)"));
    let lines: Vec<&str> = source.lines().collect();
    let mut out = Vec::with_capacity(lines.len() + 400);
    let mut checked = 0;
    let mut i = 0;
    while i < lines.len() {
        out.push(lines[i].to_owned());
        if lines[i].contains("uniffiRustCall") && lines[i].trim_end().ends_with(CALL_OPEN) {
            // The call runs from the next line to the one passing `_status)`.
            let end =
                (i + 1..lines.len()).find(|&j| lines[j].contains("_status)")).ok_or("a call without `_status)`")?;
            let call = lines[i + 1..=end].join("\n");
            // canonicalize's text is JSON text: there a lone surrogate is the
            // core's `invalid_string`, as its escape `\ud800` is (D14).
            let json_text = call.contains("_fn_func_canonicalize(");
            for (converter, argument) in lowered(&call) {
                let name =
                    if argument == "this" { converter.trim_start_matches("Type") } else { argument.trim_matches('`') };
                out.push(format!(
                    "    checkArgText(\"{name}\", {json_text}) {{ FfiConverter{converter}.allocationSize({argument}) }}"
                ));
                checked += 1;
            }
        }
        i += 1;
    }
    if checked == 0 {
        return Err("no argument holding a string found".to_owned());
    }
    let mut patched = out.join("\n");
    patched.push('\n');
    Ok(patched)
}

/// `(converter, argument)` of each `FfiConverter<converter>.lower(<argument>)`
/// in a call whose value can hold a string: a record (`Type...`) or any
/// option, list or map of `String` or of records; never a number or bytes.
fn lowered(call: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    for (at, _) in call.match_indices("FfiConverter") {
        let rest = &call[at + "FfiConverter".len()..];
        let Some((converter, rest)) = rest.split_once(".lower(") else { continue };
        let Some((argument, _)) = rest.split_once(')') else { continue };
        let simple = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '`');
        if simple(converter) && simple(argument) && (converter.contains("String") || converter.contains("Type")) {
            found.push((converter, argument));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRING_HELPER: &str = "object FfiConverterString {\n    override fun allocationSize(value: String): ULong {\n        return 4UL\n    }\n}\n";

    fn source(call: &str) -> String {
        format!(
            "{STRING_HELPER}fun f() {{\n    uniffiRustCallWithError(PeekerException) {{ _status ->\n{call}\n}}\n}}\n"
        )
    }

    #[test]
    fn checks_every_argument_that_can_hold_a_string_before_the_call() {
        let call = "    UniffiLib.uniffi_x_fn_func_verify_webhook(\n        FfiConverterByteArray.lower(`body`),\n        \
                    FfiConverterMapStringString.lower(`headers`),\n        FfiConverterSequenceString.lower(`secrets`),\n        \
                    FfiConverterOptionalLong.lower(`now`),\n        FfiConverterLong.lower(`tolerance`),_status)";
        let patched = patch(&source(call)).unwrap();
        let open = patched.find(CALL_OPEN).unwrap();
        let checks: Vec<&str> = patched[open..].lines().filter(|l| l.contains("checkArgText")).collect();
        assert_eq!(
            checks,
            [
                "    checkArgText(\"headers\", false) { FfiConverterMapStringString.allocationSize(`headers`) }",
                "    checkArgText(\"secrets\", false) { FfiConverterSequenceString.allocationSize(`secrets`) }",
            ]
        );
        // The checks come before the FFI call lowers anything.
        assert!(patched.find("checkArgText").unwrap() < patched.find("UniffiLib.").unwrap());
        assert!(patched.contains("ULong {\n        checkText(value)\n        return 4UL"));
    }

    #[test]
    fn a_record_method_names_its_record_and_canonicalize_keeps_invalid_string() {
        let method =
            "    UniffiLib.uniffi_x_fn_method_neworder_to_json(FfiConverterTypeNewOrder.lower(this),\n        _status)";
        let patched = patch(&source(method)).unwrap();
        assert!(
            patched.contains("checkArgText(\"NewOrder\", false) { FfiConverterTypeNewOrder.allocationSize(this) }")
        );
        let canonicalize =
            "    UniffiLib.uniffi_x_fn_func_canonicalize(\n        FfiConverterString.lower(`text`),_status)";
        assert!(patch(&source(canonicalize)).unwrap().contains("checkArgText(\"text\", true)"));
    }

    #[test]
    fn refuses_a_source_it_does_not_recognise() {
        assert!(patch("fun f() {}\n").is_err());
        let no_strings = "    UniffiLib.uniffi_x_fn_func_f(\n        FfiConverterLong.lower(`n`),_status)";
        assert!(patch(&source(no_strings)).is_err());
        assert!(patch(&format!("{STRING_HELPER}    uniffiRustCall() {{ _status ->\n    never closed\n")).is_err());
    }
}
