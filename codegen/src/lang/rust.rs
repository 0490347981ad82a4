//! Rust spellings of contract types.

use minijinja::{Environment, Error, ErrorKind, Value};

use super::{attr, text};

pub fn register(env: &mut Environment<'_>) {
    env.add_filter("rust_type", rust_type);
}

/// The Rust type of a contract type (see `contract::Type`).
fn rust_type(ty: Value) -> Result<String, Error> {
    Ok(match text(&ty, "kind")?.as_str() {
        "string" => "String".into(),
        "int" => "i64".into(),
        "uint" => "u64".into(),
        "bool" => "bool".into(),
        "any" => "Value".into(),
        "map" => "Extra".into(),
        "array" => format!("Vec<{}>", rust_type(attr(&ty, "item")?)?),
        "model" | "enum" => text(&ty, "name")?,
        other => return Err(Error::new(ErrorKind::InvalidOperation, format!("no Rust type for `{other}`"))),
    })
}
