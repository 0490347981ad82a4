//! The contract as an ordered YAML tree: key order is the order of the
//! operations, fields and enum values in every generated file.

use indexmap::IndexMap;
use serde::Deserialize;

/// A YAML value with its mappings in document order.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Yaml>),
    Map(IndexMap<String, Yaml>),
}

static NULL: Yaml = Yaml::Null;

impl Yaml {
    /// The member `key` of a mapping (null for anything else).
    pub fn get(&self, key: &str) -> &Yaml {
        match self {
            Yaml::Map(map) => map.get(key).unwrap_or(&NULL),
            _ => &NULL,
        }
    }

    /// Follows a path of keys.
    pub fn at(&self, path: &[&str]) -> &Yaml {
        path.iter().fold(self, |node, key| node.get(key))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Yaml::Null)
    }

    pub fn str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a scalar (numbers and booleans as written), or `""`.
    pub fn text(&self) -> String {
        match self {
            Yaml::Str(s) => s.clone(),
            Yaml::Int(n) => n.to_string(),
            Yaml::Bool(b) => b.to_string(),
            Yaml::Float(f) => f.to_string(),
            _ => String::new(),
        }
    }

    pub fn int(&self) -> Option<i64> {
        match self {
            Yaml::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn bool(&self) -> bool {
        matches!(self, Yaml::Bool(true))
    }

    pub fn seq(&self) -> &[Yaml] {
        match self {
            Yaml::Seq(items) => items,
            _ => &[],
        }
    }

    /// The entries of a mapping, in document order.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Yaml)> {
        let map = match self {
            Yaml::Map(map) => Some(map),
            _ => None,
        };
        map.into_iter().flatten()
    }

    /// A sequence of strings.
    pub fn strings(&self) -> Vec<String> {
        self.seq().iter().map(Yaml::text).collect()
    }
}
