//! Conversions between the records and the core: core models to records
//! ([`ToHost`], used by the generated code), records to the core's JSON
//! values (their `Serialize` is the API's JSON), and JSON text arguments.

use serde::de::{DeserializeOwned, Deserializer};
use serde::ser::{Error as _, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{PeekerError, Report, Result, invalid_argument};

/// A core value as the record the host receives. Not `From`: the numbers
/// (`u64` -> `i64`) and the standard containers are foreign to both crates.
pub(crate) trait ToHost<T> {
    fn to_host(self) -> T;
}

macro_rules! same_type {
    ($($type:ty),*) => {$(
        impl ToHost<$type> for $type {
            fn to_host(self) -> $type {
                self
            }
        }
    )*};
}

same_type!(String, bool, i64);

/// Counts that do not fit saturate rather than wrap.
impl ToHost<i64> for u64 {
    fn to_host(self) -> i64 {
        i64::try_from(self).unwrap_or(i64::MAX)
    }
}

impl<A: ToHost<B>, B> ToHost<Option<B>> for Option<A> {
    fn to_host(self) -> Option<B> {
        self.map(ToHost::to_host)
    }
}

impl<A: ToHost<B>, B> ToHost<Vec<B>> for Vec<A> {
    fn to_host(self) -> Vec<B> {
        self.into_iter().map(ToHost::to_host).collect()
    }
}

/// A member of unknown shape, as JSON text.
impl ToHost<String> for Value {
    fn to_host(self) -> String {
        self.to_string()
    }
}

/// A list of members of unknown shape, as one JSON text.
impl ToHost<String> for Vec<Value> {
    fn to_host(self) -> String {
        Value::Array(self).to_string()
    }
}

/// Unknown members as a JSON object text, `None` when there are none.
impl ToHost<Option<String>> for Map<String, Value> {
    fn to_host(self) -> Option<String> {
        (!self.is_empty()).then(|| Value::Object(self).to_string())
    }
}

/// An integer member of a request that may also be sent as null: in a PATCH,
/// leaving the member out keeps the server's value, `Null` resets it (both
/// percents of a bundle back to the recommended split).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum NullableInt {
    /// Sent as JSON `null`.
    Null,
    /// Sent as this number.
    Value { value: i64 },
}

impl Serialize for NullableInt {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            NullableInt::Null => serializer.serialize_none(),
            NullableInt::Value { value } => serializer.serialize_i64(*value),
        }
    }
}

impl<'de> Deserialize<'de> for NullableInt {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(Option::<i64>::deserialize(deserializer)?.map_or(NullableInt::Null, |value| NullableInt::Value { value }))
    }
}

/// A present member, null included (`Option`'s own rule reads null as absent).
pub(crate) fn nullable<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<NullableInt>, D::Error> {
    NullableInt::deserialize(deserializer).map(Some)
}

/// Serde for enums written as their text: `as_str` and `From<String>`.
macro_rules! text_serde {
    ($type:ty) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from)
            }
        }
    };
}
pub(crate) use text_serde;

/// A JSON text member written as the JSON it holds (`<name>_json` fields).
pub(crate) mod json_text {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        text: &Option<String>,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let value = text.as_deref().map(parse).transpose().map_err(S::Error::custom)?;
        value.serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Option<String>, D::Error> {
        Ok(Option::<Value>::deserialize(deserializer)?.map(|value| value.to_string()))
    }

    /// Names the member kind, never quotes the text.
    pub(super) fn parse(text: &str) -> std::result::Result<Value, &'static str> {
        serde_json::from_str(text).map_err(|_| "a `_json` member is not JSON text")
    }
}

/// `extra_json`: the members it holds, written beside the record's own.
pub(crate) mod extra {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        text: &Option<String>,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let members = match text.as_deref().map(json_text::parse).transpose().map_err(S::Error::custom)? {
            None => Map::new(),
            Some(Value::Object(members)) => members,
            Some(_) => return Err(S::Error::custom("`extra_json` is not a JSON object text")),
        };
        members.serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Option<String>, D::Error> {
        Ok(Map::<String, Value>::deserialize(deserializer)?.to_host())
    }
}

/// A record as the core's JSON value. A record the host built with a
/// `_json` member that is not JSON is `invalid_argument`, naming the argument.
pub(crate) fn to_value(record: &impl Serialize, name: &str) -> Result<Value> {
    serde_json::to_value(record).map_err(|e| invalid_argument(format!("`{name}` cannot be written as JSON: {e}")))
}

/// An optional record as an optional JSON value.
pub(crate) fn optional_value(record: &Option<impl Serialize>, name: &str) -> Result<Option<Value>> {
    record.as_ref().map(|r| to_value(r, name)).transpose()
}

/// A record's `to_json`.
pub(crate) fn to_json(record: &impl Serialize) -> Result<String> {
    Ok(to_value(record, "the record")?.to_string())
}

/// A JSON-text argument as a value, read by the core's parser as every JSON
/// text is: a key given twice is refused, within the size limits. Its
/// messages give the position and quote at most a key, never a value.
pub(crate) fn json_arg(text: &str, name: &str) -> Result<Value> {
    let parsed = peeker_core::canonical::parse_json(text, peeker_core::canonical::Limits::default());
    parsed.map_err(|e| invalid_argument(format!("`{name}` is not valid JSON text: {}", e.message)))
}

/// `validate_<name>(input)`: the report on a JSON text of any shape.
pub(crate) fn validate_json(input: &str, validate: fn(&Value) -> peeker_core::Report) -> Result<Report> {
    Ok(Report::from(&validate(&json_arg(input, "input")?)))
}

/// A record's `validate()`.
pub(crate) fn report_of(record: &impl Serialize, validate: fn(&Value) -> peeker_core::Report) -> Result<Report> {
    Ok(Report::from(&validate(&to_value(record, "the record")?)))
}

/// `<record>_from_json`: a record from JSON text. What the record cannot
/// hold is refused with the validator's report (the builder would refuse it
/// the same way), or else as `invalid_argument` naming the record's type.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str, validate: fn(&Value) -> peeker_core::Report) -> Result<T> {
    let value = json_arg(text, "json")?;
    T::deserialize(&value).map_err(|_| {
        let report = validate(&value);
        let type_name = std::any::type_name::<T>().rsplit("::").next().unwrap_or("record");
        match report.into_result() {
            Err(err) => PeekerError::from(err),
            Ok(()) => invalid_argument(format!("`json` does not fit a {type_name} (a member of another type)")),
        }
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::{BundleUpdate, ImportJob, UserCreate};

    #[test]
    fn extra_members_round_trip_beside_the_record_s_own() -> Result<()> {
        let user: UserCreate = from_json(r#"{"email": "a@example.com", "nickname": "JJ"}"#, |_| Default::default())?;
        assert_eq!(user.extra_json.as_deref(), Some(r#"{"nickname":"JJ"}"#));
        assert_eq!(to_value(&user, "body")?, json!({"email": "a@example.com", "nickname": "JJ"}));
        let wrong = UserCreate { extra_json: Some("[1]".into()), ..user };
        let err = to_value(&wrong, "body").err();
        assert!(matches!(&err, Some(PeekerError::Config { detail, .. }) if detail.contains("extra_json")), "{err:?}");
        Ok(())
    }

    #[test]
    fn a_patch_tells_absent_from_null() -> Result<()> {
        let patch: BundleUpdate =
            from_json(r#"{"google_percent": null, "microsoft_percent": 30}"#, |_| Default::default())?;
        assert_eq!(patch.google_percent, Some(NullableInt::Null));
        assert_eq!(patch.microsoft_percent, Some(NullableInt::Value { value: 30 }));
        assert_eq!(patch.name, None);
        assert_eq!(to_value(&patch, "body")?, json!({"google_percent": null, "microsoft_percent": 30}));
        Ok(())
    }

    #[test]
    fn members_of_unknown_shape_are_json_text() -> Result<()> {
        let job: ImportJob =
            from_json(r#"{"id": "imp_1", "domains": ["a.com", {"domain": "b.com"}]}"#, |_| Default::default())?;
        assert_eq!(job.domains_json.as_deref(), Some(r#"["a.com",{"domain":"b.com"}]"#));
        assert_eq!(to_value(&job, "job")?, json!({"id": "imp_1", "domains": ["a.com", {"domain": "b.com"}]}));
        Ok(())
    }

    #[test]
    fn what_a_record_cannot_hold_gets_the_validator_s_report() {
        let err = from_json::<BundleUpdate>(r#"{"name": 7}"#, peeker_core::validate::validate_bundle_patch).err();
        let first = match &err {
            Some(PeekerError::Validation { report, .. }) => report.violations.first(),
            _ => None,
        };
        assert_eq!(first.map(|v| (v.code.as_str(), v.path.as_str())), Some(("invalid_type", "name")), "{err:?}");
    }
}
