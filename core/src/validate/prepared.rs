//! Availability rows prepared once (spec/DECISIONS.md D16): a form validates
//! the same order against the same availability response on every keystroke,
//! and reading the rows and normalizing their names was most of that call.

use std::borrow::Cow;

use serde_json::Value;

use super::fields::normalize_domain;
use super::names::NameMap;
use crate::model::AvailabilityRow;

/// Availability rows by normalized domain name: each row read and its name
/// normalized once, for any number of `validate_order`, `create_order` and
/// `plan_domains` calls. Of several rows for one name the last is kept; a
/// row whose name is not a domain name can match no pick and is dropped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PreparedAvailability {
    /// The rows whose name is a domain name, in the order given.
    rows: Vec<AvailabilityRow>,
    /// Each normalized name -> the position in `rows` of its last row
    /// (names.rs: why a hash map, and its keys). Positions, not rows: the
    /// same map type as the validator's picked names, so the WebAssembly
    /// module holds its code once.
    by_name: NameMap<'static, usize>,
}

impl PreparedAvailability {
    /// From rows as they were read.
    pub fn new(rows: impl IntoIterator<Item = AvailabilityRow>) -> Self {
        let mut prepared = PreparedAvailability::default();
        for row in rows {
            if let Some(name) = normalize_domain(&row.domain) {
                // Through `entry`, as the validator's maps: one code path in the WebAssembly module.
                *prepared.by_name.entry(Cow::Owned(name)).or_default() = prepared.rows.len();
                prepared.rows.push(row);
            }
        }
        prepared
    }

    /// From a list of rows or a whole availability response (its `domains`,
    /// or `data.domains`), read as [`AvailabilityRow::parse_rows`] reads them.
    pub fn parse(value: &Value) -> Self {
        PreparedAvailability::new(AvailabilityRow::parse_rows(value))
    }

    /// The row of a normalized name.
    pub fn get(&self, normalized: &str) -> Option<&AvailabilityRow> {
        self.by_name.get(normalized).and_then(|&position| self.rows.get(position))
    }

    /// How many distinct names have a row.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether no name has a row.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

/// Availability rows as [`OrderContext`](super::OrderContext) takes them.
#[derive(Clone, Copy, Debug)]
pub enum AvailabilityRows<'a> {
    /// Rows read for one call: only the picked names are matched (a row's
    /// name is normalized only when it is not already a picked name), which
    /// costs a call less than preparing every row.
    Rows(&'a [AvailabilityRow]),
    /// Rows prepared once, for many calls.
    Prepared(&'a PreparedAvailability),
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn names_are_normalized_once_and_the_last_row_wins() {
        let response = json!({"domains": [
            {"domain": "Example.COM", "available": false, "reason": "taken"},
            {"domain": "bücher.de", "available": true},
            {"domain": "example.com", "available": true},
            {"domain": "not a name", "available": true},
            {"available": true},
        ]});
        let prepared = PreparedAvailability::parse(&response);
        assert_eq!(prepared.len(), 2);
        assert!(prepared.get("example.com").is_some_and(|row| row.available));
        assert!(prepared.get("xn--bcher-kva.de").is_some());
        assert!(prepared.get("Example.COM").is_none(), "looked up by the normalized name only");
        assert_eq!(PreparedAvailability::parse(&json!({"data": response})), prepared);
        assert!(PreparedAvailability::parse(&json!(5)).is_empty());
    }
}
