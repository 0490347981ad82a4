//! Python spellings of contract types.

use minijinja::{Environment, Error, ErrorKind, Value};

use super::{attr, text};

/// Python's keywords: a TypedDict member with one of these names cannot be
/// declared in class syntax, so the contract must not use them.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

pub fn register(env: &mut Environment<'_>) {
    env.add_filter("py_type", py_type);
    env.add_filter("py_name", py_name);
    env.add_filter("py_str", |s: String| py_str(&s));
    env.add_filter("py_doc", py_doc);
}

/// The Python annotation of a contract type (see `contract::Type`). `input`
/// spells arrays as `Sequence` (what a caller passes), else `List` (what the
/// SDK returns).
fn py_type(ty: Value, input: Option<bool>) -> Result<String, Error> {
    let input = input.unwrap_or(false);
    let values: Vec<String> =
        attr(&ty, "values")?.try_iter()?.map(|v| v.as_str().unwrap_or_default().to_owned()).collect();
    let kind = text(&ty, "kind")?;
    let inner = match kind.as_str() {
        "string" | "int" | "uint" if !values.is_empty() => {
            let quote = |v: &String| if kind == "string" { py_str(v) } else { v.clone() };
            format!("Literal[{}]", values.iter().map(quote).collect::<Vec<_>>().join(", "))
        }
        "string" => "str".into(),
        "int" | "uint" => "int".into(),
        "bool" => "bool".into(),
        "any" => "JSON".into(),
        "map" => "Dict[str, JSON]".into(),
        "array" => {
            format!("{}[{}]", if input { "Sequence" } else { "List" }, py_type(attr(&ty, "item")?, Some(input))?)
        }
        "model" | "enum" => text(&ty, "name")?,
        "union" => {
            let variants = attr(&ty, "variants")?;
            let names = variants.try_iter()?.map(|v| py_type(v, Some(input))).collect::<Result<Vec<_>, _>>()?;
            format!("Union[{}]", names.join(", "))
        }
        other => return Err(Error::new(ErrorKind::InvalidOperation, format!("no Python type for `{other}`"))),
    };
    let nullable = attr(&ty, "nullable")?.is_true();
    Ok(if nullable { format!("Optional[{inner}]") } else { inner })
}

/// A member name as it is, refused when Python cannot declare it.
fn py_name(name: String) -> Result<String, Error> {
    if KEYWORDS.contains(&name.as_str()) || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Error::new(ErrorKind::InvalidOperation, format!("`{name}` is not a Python identifier")));
    }
    Ok(name)
}

/// A Python string literal (double quotes).
fn py_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A docstring of `text`, its lines after the first indented by `indent` spaces.
fn py_doc(text: String, indent: usize) -> String {
    let text = text.trim().replace('\\', "\\\\").replace("\"\"\"", "\\\"\"\"");
    let pad = " ".repeat(indent);
    let lines: Vec<String> =
        text.lines()
            .enumerate()
            .map(|(i, line)| {
                if i == 0 || line.trim().is_empty() { line.trim().to_owned() } else { format!("{pad}{}", line.trim()) }
            })
            .collect();
    let body = lines.join("\n");
    // A quote just before the closing `"""` would end the string early.
    let body = match body.strip_suffix('"') {
        Some(head) => format!("{head}\\\""),
        None => body,
    };
    format!("\"\"\"{body}\"\"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_and_keywords_refused() {
        assert_eq!(py_str(r#"a"b\"#), r#""a\"b\\""#);
        assert!(py_name("class".into()).is_err());
        assert_eq!(py_name("type".into()).ok(), Some("type".into()));
        assert_eq!(py_doc(" One\n two \"\"\" x".into(), 4), "\"\"\"One\n    two \\\"\"\" x\"\"\"");
        assert_eq!(py_doc("say \"hi\"".into(), 0), "\"\"\"say \"hi\\\"\"\"\"");
    }
}
