//! Filters the templates use: name cases and doc comments here, and how
//! each host spells a contract type in its own module (`rust_type`, ...).

mod mobile;
mod python;
mod rust;
mod ts;

use minijinja::{Environment, Error, Value};

pub fn register(env: &mut Environment<'_>) {
    env.add_filter("pascal", |s: String| pascal(&s));
    env.add_filter("camel", |s: String| camel(&s));
    env.add_filter("snake", |s: String| snake(&s));
    env.add_filter("upper", |s: String| snake(&s).to_uppercase());
    env.add_filter("doc", doc);
    rust::register(env);
    ts::register(env);
    python::register(env);
    mobile::register(env);
}

/// Words of a name in any case: `order.completed`, `user_name_swap`, `UserPage`.
fn words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in s.chars() {
        if !c.is_alphanumeric() {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub fn pascal(s: &str) -> String {
    words(s).iter().map(|w| capitalized(w)).collect()
}

pub fn camel(s: &str) -> String {
    let words = words(s);
    let mut out = words.first().cloned().unwrap_or_default();
    out.extend(words.iter().skip(1).map(|w| capitalized(w)));
    out
}

pub fn snake(s: &str) -> String {
    words(s).join("_")
}

/// `text` as comment lines, each starting with `prefix` (`/// `, `# `, ` * `).
fn doc(text: String, prefix: String) -> String {
    let bare = prefix.trim_end();
    text.trim()
        .lines()
        .map(|line| if line.trim().is_empty() { bare.to_owned() } else { format!("{prefix}{}", line.trim_end()) })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A member of a template value (a contract type's `item`, ...).
fn attr(value: &Value, name: &str) -> Result<Value, Error> {
    value.get_attr(name)
}

/// A text member of a template value, `""` when absent.
fn text(value: &Value, name: &str) -> Result<String, Error> {
    Ok(attr(value, name)?.as_str().map(str::to_owned).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(pascal("order.completed"), "OrderCompleted");
        assert_eq!(pascal("domain_import.action_required"), "DomainImportActionRequired");
        assert_eq!(camel("get_me"), "getMe");
        assert_eq!(snake("UserPage"), "user_page");
        assert_eq!(snake("Peeker-Request-Id"), "peeker_request_id");
    }
}
