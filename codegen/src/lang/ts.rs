//! TypeScript spellings of contract types, and JSDoc comments.

use minijinja::{Environment, Error, ErrorKind, Value};

use super::{attr, text};

pub fn register(env: &mut Environment<'_>) {
    env.add_filter("ts_type", ts_type);
    env.add_filter("ts_query", ts_query);
    env.add_filter("ts_literals", ts_literals);
    env.add_filter("jsdoc", jsdoc);
}

/// The TypeScript type of a contract type (see `contract::Type`); `null` is
/// added where the contract allows it (request bodies).
fn ts_type(ty: Value) -> Result<String, Error> {
    let kind = text(&ty, "kind")?;
    let values = strings(&attr(&ty, "values")?)?;
    let spelled = match kind.as_str() {
        "string" | "int" | "uint" if !values.is_empty() => literals(&values, kind == "string"),
        "string" => "string".into(),
        "int" | "uint" => "number".into(),
        "bool" => "boolean".into(),
        "any" => "unknown".into(),
        "map" => "Record<string, unknown>".into(),
        "array" => {
            let item = ts_type(attr(&ty, "item")?)?;
            if item.contains(' ') { format!("Array<{item}>") } else { format!("{item}[]") }
        }
        "model" | "enum" => text(&ty, "name")?,
        "union" => {
            let variants = attr(&ty, "variants")?;
            let spelled: Result<Vec<String>, Error> = variants.try_iter()?.map(ts_type).collect();
            spelled?.join(" | ")
        }
        other => return Err(Error::new(ErrorKind::InvalidOperation, format!("no TypeScript type for `{other}`"))),
    };
    let nullable = attr(&ty, "nullable")?.is_true();
    Ok(if nullable { format!("{spelled} | null") } else { spelled })
}

/// The type of a query option (see `contract::QueryParam`).
fn ts_query(param: Value) -> Result<String, Error> {
    Ok(match text(&param, "filter")?.as_str() {
        "one_of" => literals(&strings(&attr(&param, "values")?)?, true),
        "per_page" => "number".into(),
        _ => "string".into(),
    })
}

/// A union of string literals, `'a' | 'b'`, from strings or named values (codes).
fn ts_literals(values: Value) -> Result<String, Error> {
    let name = |v: Value| v.as_str().map_or_else(|| text(&v, "name"), |s| Ok(s.to_owned()));
    let names: Result<Vec<String>, Error> = values.try_iter()?.map(name).collect();
    Ok(literals(&names?, true))
}

fn literals(values: &[String], quoted: bool) -> String {
    let spell = |v: &String| if quoted { format!("'{v}'") } else { v.clone() };
    values.iter().map(spell).collect::<Vec<_>>().join(" | ")
}

fn strings(values: &Value) -> Result<Vec<String>, Error> {
    values.try_iter()?.map(|v| Ok(v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()))).collect()
}

/// `text` as a JSDoc comment indented by `indent` spaces: `/** one line */`
/// or a block; nothing for an empty text.
fn jsdoc(text: String, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let lines: Vec<&str> = text.trim().lines().map(str::trim_end).collect();
    match lines.as_slice() {
        [] | [""] => String::new(),
        [line] => format!("{pad}/** {line} */\n"),
        lines => {
            let body: String = lines
                .iter()
                .map(|l| if l.is_empty() { format!("{pad} *\n") } else { format!("{pad} * {l}\n") })
                .collect();
            format!("{pad}/**\n{body}{pad} */\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsdoc_is_one_line_or_a_block() {
        assert_eq!(jsdoc("One customer.".into(), 2), "  /** One customer. */\n");
        assert_eq!(jsdoc("a\n\nb".into(), 0), "/**\n * a\n *\n * b\n */\n");
        assert_eq!(jsdoc(String::new(), 2), "");
    }
}
