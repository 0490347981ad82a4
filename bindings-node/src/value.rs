//! JavaScript values read as serde data for the core's bounded reader
//! (`canonical::bounded_value`). napi's own `De` turns every whole number into
//! a saturated i64 (2^64 became 2^63 - 1, 1e300 too); here a number is read as
//! serde-wasm-bindgen reads it in bindings-wasm: a safe integer as an integer,
//! any other number as its double (D14). The shared JS checks (checks.mjs)
//! let only plain JSON data through, so plain objects and arrays are all the
//! objects this reads.

use napi::bindgen_prelude::{JsObjectValue, Object, Unknown};
use napi::{Error, JsValue, Result, Status, ValueType};
use serde::de::value::StringDeserializer;
use serde::de::{DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

/// Number.MAX_SAFE_INTEGER: integers up to it are exact in a double.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// One JavaScript value.
pub(crate) struct Js<'env>(pub(crate) Unknown<'env>);

impl<'de> Deserializer<'de> for Js<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0.get_type()? {
            ValueType::Null | ValueType::Undefined => visitor.visit_unit(),
            ValueType::Boolean => visitor.visit_bool(self.0.coerce_to_bool()?),
            ValueType::Number => {
                let number = self.0.coerce_to_number()?.get_double()?;
                if number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER {
                    visitor.visit_i64(number as i64)
                } else {
                    visitor.visit_f64(number)
                }
            }
            ValueType::String => visitor.visit_string(self.0.coerce_to_string()?.into_utf8()?.into_owned()?),
            ValueType::Object => {
                let object = self.0.coerce_to_object()?;
                if object.is_array()? {
                    visitor.visit_seq(Elements::of(object)?)
                } else {
                    // Own and inherited enumerable string keys: a plain object inherits none.
                    let names = Elements::of(object.get_property_names()?)?;
                    visitor.visit_map(Members { object, names, key: None })
                }
            }
            _ => Err(Error::new(Status::InvalidArg, "not JSON data")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// A JavaScript array, read one element at a time.
struct Elements<'env> {
    array: Object<'env>,
    next: u32,
    len: u32,
}

impl<'env> Elements<'env> {
    fn of(array: Object<'env>) -> Result<Self> {
        let len = array.get_array_length_unchecked()?;
        Ok(Elements { array, next: 0, len })
    }

    fn next(&mut self) -> Result<Option<Unknown<'env>>> {
        if self.next >= self.len {
            return Ok(None);
        }
        let item = self.array.get_element::<Unknown<'env>>(self.next)?;
        self.next += 1;
        Ok(Some(item))
    }
}

impl<'de> SeqAccess<'de> for Elements<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.next()?.map(|item| seed.deserialize(Js(item))).transpose()
    }
}

struct Members<'env> {
    object: Object<'env>,
    /// The object's keys.
    names: Elements<'env>,
    /// The key just read, whose value comes next: the JS string itself, so
    /// the value is looked up without making the key again from UTF-8.
    key: Option<Unknown<'env>>,
}

impl<'de> MapAccess<'de> for Members<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(key) = self.names.next()? else { return Ok(None) };
        self.key = Some(key);
        let name: StringDeserializer<Error> = key.coerce_to_string()?.into_utf8()?.into_owned()?.into_deserializer();
        seed.deserialize(name).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let key = self.key.take().ok_or_else(|| Error::new(Status::InvalidArg, "a value before its key"))?;
        seed.deserialize(Js(self.object.get_property_unchecked::<Unknown, Unknown>(key)?))
    }
}
