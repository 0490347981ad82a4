//! The parser's tree builder: a `serde_json::Value`, with the nesting and the
//! memory it takes charged (budget.rs) and duplicate keys refused.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::error::Code;

use super::budget::TreeBudget;
use super::{DUPLICATE_KEY_MARKER, TOO_DEEP_MARKER, TOO_MANY_MARKER};

/// Builds a `serde_json::Value`, counting the nesting, charging what each part
/// costs against a [`TreeBudget`] before building it, and refusing duplicate keys.
#[derive(Clone, Copy)]
pub(super) struct ValueSeed<'a> {
    pub(super) depth_left: usize,
    pub(super) budget: &'a TreeBudget,
}

/// `Ok` when `charged`, else `too_large` (the budget records it).
fn within<E: de::Error>(charged: bool) -> std::result::Result<(), E> {
    if charged { Ok(()) } else { Err(E::custom(TOO_MANY_MARKER)) }
}

impl ValueSeed<'_> {
    fn below<E: de::Error>(self) -> std::result::Result<Self, E> {
        let depth_left = nested(self.depth_left).inspect_err(|_| self.budget.exceed(Code::TooDeep))?;
        Ok(ValueSeed { depth_left, ..self })
    }
}

/// The depth left one level down, or `too_deep`.
pub(super) fn nested<E: de::Error>(depth_left: usize) -> std::result::Result<usize, E> {
    depth_left.checked_sub(1).ok_or_else(|| E::custom(format!("{TOO_DEEP_MARKER}the limit")))
}

/// The key is not quoted (D8): the error's position points at it.
pub(super) fn duplicate<E: de::Error>() -> E {
    E::custom(format!("{DUPLICATE_KEY_MARKER}in an object (RFC 8785 cannot order two members with one name)"))
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Value, E> {
        within(self.budget.text(v.len()))?;
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Value, E> {
        within(self.budget.text(v.len()))?;
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::new();
        let below = self.below()?;
        while let Some(item) = seq.next_element_seed(below)? {
            within(self.budget.item(items.len(), items.capacity()))?;
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut members = Map::new();
        let below = self.below()?;
        while let Some(key) = map.next_key::<String>()? {
            within(self.budget.member(members.len(), key.len()))?;
            let value = map.next_value_seed(below)?;
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
