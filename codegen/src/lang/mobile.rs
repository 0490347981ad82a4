//! UniFFI (Kotlin and Swift) spellings of contract types, for the records of
//! `bindings-mobile`: integers are `i64` (Kotlin `Long`, Swift `Int64`),
//! members of unknown shape are JSON text (`<name>_json`), and a member that
//! may be absent is an `Option` (null in Kotlin and Swift).

use minijinja::{Environment, Error, ErrorKind, Value};

use super::{attr, text};

pub fn register(env: &mut Environment<'_>) {
    env.add_filter("mobile_field", mobile_field);
    env.add_filter("mobile_type", |ty: Value| mobile_type(&ty));
}

fn unsupported(what: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, what)
}

/// Whether values of `ty` cross as JSON text: no schema (`any`, a free-form
/// object), alternatives (`union`), or a list of those.
fn is_json(ty: &Value) -> Result<bool, Error> {
    Ok(match text(ty, "kind")?.as_str() {
        "any" | "map" | "union" => true,
        "array" => is_json(&attr(ty, "item")?)?,
        _ => false,
    })
}

/// The record type of a value of `ty` (not optional).
fn mobile_type(ty: &Value) -> Result<String, Error> {
    if is_json(ty)? {
        return Ok("String".into());
    }
    Ok(match text(ty, "kind")?.as_str() {
        "string" => "String".into(),
        "int" | "uint" => "i64".into(),
        "bool" => "bool".into(),
        "array" => format!("Vec<{}>", mobile_type(&attr(ty, "item")?)?),
        "model" | "enum" => text(ty, "name")?,
        other => return Err(unsupported(format!("no record type for `{other}`"))),
    })
}

/// How a contract field is declared in a record, for `role` `model` (API
/// data, converted from the core's model) or `input` (a request body, read
/// from JSON text): `{ident, ty, serde, uniffi, lift}`. In an input, a member
/// that may be absent or null is `Option<NullableInt>`: absent leaves the
/// server's value alone, null resets it (a PATCH). `lift` converts the core
/// model's member (models only).
fn mobile_field(field: Value, role: String) -> Result<Value, Error> {
    let name = text(&field, "name")?;
    let ty = attr(&field, "ty")?;
    let required = attr(&field, "required")?.is_true();
    let nullable = attr(&ty, "nullable")?.is_true();
    let json = is_json(&ty)?;
    let place = || format!("field `{name}`");
    let ident = match (name.as_str(), json) {
        ("type", _) => "r#type".to_owned(),
        (_, true) => format!("{name}_json"),
        _ => name.clone(),
    };
    let base = mobile_type(&ty)?;
    let tristate = role == "input" && !required && nullable;
    let record_type = if tristate {
        if base != "i64" {
            return Err(unsupported(format!("{}: only integers may be absent or null in a request", place())));
        }
        "Option<NullableInt>".to_owned()
    } else if required && !nullable && !json {
        base
    } else {
        format!("Option<{base}>")
    };
    let mut serde = Vec::new();
    if json {
        if required {
            return Err(unsupported(format!("{}: a required member of unknown shape", place())));
        }
        serde.push(format!("rename = \"{name}\""));
        serde.push("with = \"crate::convert::json_text\"".to_owned());
    }
    if !required {
        serde.push("default".to_owned());
        serde.push("skip_serializing_if = \"Option::is_none\"".to_owned());
    } else if nullable {
        // Present but maybe null: `Option`'s own rule would let it be left out.
        serde.push("deserialize_with = \"Option::deserialize\"".to_owned());
    }
    if tristate {
        serde.push("deserialize_with = \"crate::convert::nullable\"".to_owned());
    }
    // Defaults make records easy to build: what may be absent, and a value the contract allows alone.
    let values: Vec<String> = attr(&ty, "values")?.try_iter()?.map(|v| v.to_string()).collect();
    let uniffi = if !required || nullable {
        "default = None".to_owned()
    } else if let [only] = values.as_slice() {
        format!("default = \"{only}\"")
    } else {
        String::new()
    };
    let core = if name == "type" { "kind" } else { name.as_str() };
    let lift =
        if required && nullable { format!("Some(self.{core}.to_host())") } else { format!("self.{core}.to_host()") };
    let declaration =
        [("ident", ident), ("ty", record_type), ("serde", serde.join(", ")), ("uniffi", uniffi), ("lift", lift)];
    Ok(Value::from(std::collections::BTreeMap::from(declaration)))
}
