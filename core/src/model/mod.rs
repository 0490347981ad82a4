//! The API's objects, generated from the contract's schemas (`generated.rs`),
//! and what the core computes with them. Read leniently (spec/DECISIONS.md
//! D10): only part of the API is documented, so strictness here would break
//! partners on Peeker's next release.
//!
//! - Unknown members are kept in `extra`, unknown enum values as `Other`.
//! - `null` reads like an absent member. An optional member is an `Option`
//!   that stays `None`, and is left out when the object is written back: what
//!   was absent stays absent. A member the contract requires takes its
//!   default (`""`, `[]`, `false`) when absent or `null`.
//! - A member of the wrong type (a number where a list belongs) still fails
//!   the parse: that is a different API, not a lenient one. A list response's
//!   own `data` is the envelope, not a member: `null` there is an unexpected
//!   response (see [`Page::data`]).

mod availability;
mod generated;

pub use availability::Unusable;
pub use generated::*;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// Unknown members of an object, kept as sent (and written back when the
/// object is serialized).
pub type Extra = Map<String, Value>;

/// Deserializes a member that is not an `Option`: `null` gives the type's
/// default, like a missing member does with `#[serde(default)]`. Use both:
/// `#[serde(default, deserialize_with = "null_as_default")]`.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A model read from JSON. On failure only that it failed: serde's message
/// quotes the value (spec/DECISIONS.md D8), and tracking the JSON path
/// instead would cost the WebAssembly module 18 KB gzip (measured).
pub(crate) fn read<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, WrongType> {
    serde_json::from_value(value).map_err(|_| WrongType)
}

/// A member of the wrong type somewhere in a model (which one is not said: D8).
#[derive(Debug)]
pub(crate) struct WrongType;

/// A page of a list endpoint: `{data, links, meta}`. Fetch the next page with
/// `Client::next_page(links.next)` until `links.next` is `None`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page (at most `meta.per_page`). A `null` here is not
    /// read as empty: a list response without its list is unexpected.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Links to the first and the next page.
    #[serde(default, deserialize_with = "null_as_default")]
    pub links: Links,
    /// How the page was cut.
    #[serde(default, deserialize_with = "null_as_default")]
    pub meta: PageMeta,
}

/// Declares a string enum that keeps values it does not know as `Other`.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$doc:meta])* $variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$doc])* #[doc = concat!("\n\nJSON value `", $text, "`.")] #[serde(rename = $text)] $variant,)*
            /// A value this SDK does not know yet, kept as sent.
            #[serde(untagged)]
            Other(String),
        }

        impl $name {
            /// The value as the API spells it (an `Other` value as it was sent).
            pub fn as_str(&self) -> &str {
                match self { $($name::$variant => $text,)* $name::Other(other) => other }
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                match text.as_str() { $($text => $name::$variant,)* _ => $name::Other(text) }
            }
        }
    };
}
pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse<T: serde::de::DeserializeOwned>(value: Value) -> serde_json::Result<T> {
        serde_json::from_value(value)
    }

    #[test]
    fn null_is_absent_and_required_members_take_their_default() -> serde_json::Result<()> {
        let user: User = parse(json!({"id": null, "email": "a@example.com"}))?;
        assert_eq!((user.id.as_str(), user.email.as_deref()), ("", Some("a@example.com")));
        let domain: Domain = parse(json!({"id": "dom_1", "domain": null, "usable_for": null}))?;
        assert_eq!((domain.domain.as_str(), domain.usable_for), ("", None));
        let order: Order = parse(json!({"id": "ord_1", "personas": null,
            "costs": {"line_items": null}, "domains": {"registered": null, "imported": null}}))?;
        assert_eq!(order.personas, None);
        assert_eq!(order.costs.map(|c| c.line_items), Some(None));
        let older: Order = parse(json!({"id": "ord_1", "users": [{"first_name": "Sam"}]}))?;
        assert_eq!(older.personas.map(|p| p.len()), Some(1));
        let item: LineItem = parse(json!({"type": null, "quantity": 2}))?;
        assert_eq!((item.kind.as_str(), item.quantity), ("", Some(2)));
        let group: NameserverGroup = parse(json!({"nameservers": null}))?;
        assert_eq!((group.nameservers.len(), group.domains.len()), (0, 0));
        let swaps: UserNameSwaps = parse(json!({"swaps": null}))?;
        assert!(swaps.swaps.is_empty());
        let swap: Swap = parse(json!({"id": null, "status": "completed"}))?;
        assert_eq!((swap.id.as_str(), swap.status), ("", Some(SwapStatus::Completed)));
        let me: Me = parse(json!({"api_key": null, "partner": null}))?;
        assert_eq!(me, Me::default());
        let page: Page<User> = parse(json!({"data": [], "links": null, "meta": null}))?;
        assert_eq!(page, Page::default());
        Ok(())
    }

    #[test]
    fn absent_members_stay_absent_when_written_back() -> serde_json::Result<()> {
        let sent = json!({"id": "ord_2", "status": "in_progress"});
        let order: Order = parse(sent.clone())?;
        assert_eq!(serde_json::to_value(&order)?, sent);
        let sent = json!({"id": "ord_3", "personas": null, "costs": null, "note": "kept"});
        assert_eq!(serde_json::to_value(parse::<Order>(sent)?)?, json!({"id": "ord_3", "note": "kept"}));
        Ok(())
    }

    #[test]
    fn availability_rows_read_null_as_the_default() -> serde_json::Result<()> {
        let row: AvailabilityRow =
            parse(json!({"domain": "a.com", "available": null, "usable_for": null, "premium": null}))?;
        assert_eq!((row.available, row.usable_for.len(), row.premium), (false, 0, false));
        let row: AvailabilityRow = parse(json!({"domain": null, "available": true}))?;
        assert_eq!(row.domain, "");
        Ok(())
    }

    #[test]
    fn the_wrong_type_still_fails() {
        assert!(parse::<Domain>(json!({"id": "dom_1", "usable_for": "google"})).is_err());
        assert!(parse::<User>(json!({"id": 7})).is_err());
        assert!(parse::<Page<User>>(json!({"data": null})).is_err());
    }

    #[test]
    fn bundle_split_keeps_unknown_members() -> serde_json::Result<()> {
        let bundle: Bundle =
            parse(json!({"id": "bun_1", "effective": {"google_percent": 50, "microsoft_percent": 50, "basis": "x"}}))?;
        let effective = bundle.effective.unwrap_or_default();
        assert_eq!((effective.google_percent, effective.extra.get("basis")), (Some(50), Some(&json!("x"))));
        assert_eq!(
            serde_json::to_value(&effective)?,
            json!({"google_percent": 50, "microsoft_percent": 50, "basis": "x"})
        );
        Ok(())
    }
}
