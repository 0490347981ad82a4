//! The parser's tree builder: a `serde_json::Value`, with the nesting counted
//! and duplicate keys refused.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use super::{DUPLICATE_KEY_MARKER, TOO_DEEP_MARKER};

/// Builds a `serde_json::Value`, counting the nesting and refusing duplicate keys.
pub(super) struct ValueSeed {
    pub(super) depth_left: usize,
}

/// The depth left one level down, or `too_deep`.
pub(super) fn nested<E: de::Error>(depth_left: usize) -> std::result::Result<usize, E> {
    depth_left.checked_sub(1).ok_or_else(|| E::custom(format!("{TOO_DEEP_MARKER}the limit")))
}

/// The key is not quoted (D8): the error's position points at it.
pub(super) fn duplicate<E: de::Error>() -> E {
    E::custom(format!("{DUPLICATE_KEY_MARKER}in an object (RFC 8785 cannot order two members with one name)"))
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::new();
        let depth_left = nested(self.depth_left)?;
        while let Some(item) = seq.next_element_seed(ValueSeed { depth_left })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut members = Map::new();
        let depth_left = nested(self.depth_left)?;
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(ValueSeed { depth_left })?;
            match members.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(_) => return Err(duplicate()),
            }
        }
        Ok(Value::Object(members))
    }
}
