//! Which picked domains serve Google and which Microsoft, and what is still
//! missing (the counts come from a bundle or from
//! [`crate::validate::estimate_required_domains`]).

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::model::{AvailabilityRow, Provider, RequiredDomains, Unusable};
use crate::validate::{PreparedAvailability, name_map, normalize_domain};

/// Which picked domains serve which provider, and what is still missing.
/// Serializes as the contract's `Plan`: `unusable` as `[{domain, reason}]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Normalized names assigned to Google, in the order they were picked.
    pub google: Vec<String>,
    /// Normalized names assigned to Microsoft.
    pub microsoft: Vec<String>,
    /// Domains still to pick, per provider.
    pub missing: RequiredDomains,
    /// Picked domains that serve nothing, with why.
    pub unusable: Vec<(String, Unusable)>,
}

impl Serialize for Plan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct UnusableDomain<'a> {
            domain: &'a str,
            reason: &'a str,
        }
        let unusable: Vec<UnusableDomain<'_>> =
            self.unusable.iter().map(|(domain, why)| UnusableDomain { domain, reason: why.as_str() }).collect();
        let mut out = serializer.serialize_struct("Plan", 4)?;
        out.serialize_field("google", &self.google)?;
        out.serialize_field("microsoft", &self.microsoft)?;
        out.serialize_field("missing", &self.missing)?;
        out.serialize_field("unusable", &unusable)?;
        out.end()
    }
}

/// Assigns `picked` domains to Microsoft first (its requirement is the hard
/// one: fewer domains can serve it), preferring domains that serve only
/// Microsoft, then fills Google. Names compare after IDNA, case-insensitively.
pub fn plan_domains(required: RequiredDomains, picked: &[String], availability: &PreparedAvailability) -> Plan {
    let mut plan = Plan::default();
    // The validators' maps of names (keyed hashes; one map type in the .wasm), as sets.
    let mut seen = name_map(picked.len());
    let mut candidates: Vec<(String, &AvailabilityRow)> = Vec::new();
    for name in picked {
        let Some(normalized) = normalize_domain(name) else {
            plan.unusable.push((name.clone(), Unusable::Invalid));
            continue;
        };
        if let Entry::Vacant(slot) = seen.entry(Cow::Owned(normalized.clone())) {
            slot.insert(0);
        } else {
            plan.unusable.push((normalized, Unusable::Duplicate));
            continue;
        }
        match availability.get(&normalized) {
            None => plan.unusable.push((normalized, Unusable::Unknown)),
            Some(row) => match row.problem() {
                Some(problem) => plan.unusable.push((normalized, problem)),
                None => candidates.push((normalized, row)),
            },
        }
    }

    // Microsoft first, domains that cannot serve Google before those that can,
    // each in the given order (a stable partition: a sort costs the .wasm ~3 KB).
    let (microsoft_only, both): (Vec<&(String, &AvailabilityRow)>, Vec<_>) = candidates
        .iter()
        .filter(|(_, row)| row.serves(&Provider::Microsoft))
        .partition(|(_, row)| !row.serves(&Provider::Google));
    let mut taken = name_map::<usize>(candidates.len());
    for (name, _) in
        microsoft_only.into_iter().chain(both).take(usize::try_from(required.microsoft).unwrap_or(usize::MAX))
    {
        taken.entry(Cow::Borrowed(name.as_str())).or_default();
        plan.microsoft.push(name.clone());
    }
    for (name, row) in &candidates {
        if taken.contains_key(name.as_str()) {
            continue;
        }
        if row.serves(&Provider::Google) && (plan.google.len() as u64) < required.google {
            plan.google.push(name.clone());
        } else {
            plan.unusable.push((name.clone(), Unusable::NotNeeded));
        }
    }
    let google_missing = required.google.saturating_sub(plan.google.len() as u64);
    let microsoft_missing = required.microsoft.saturating_sub(plan.microsoft.len() as u64);
    plan.missing = RequiredDomains::new(google_missing, microsoft_missing);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plan_fills_microsoft_with_microsoft_only_domains_first() {
        let row = |domain: &str, usable: &[&str]| AvailabilityRow {
            domain: domain.to_owned(),
            available: true,
            usable_for: usable.iter().map(|p| serde_json::from_value(json!(p)).unwrap_or(Provider::Google)).collect(),
            ..AvailabilityRow::default()
        };
        let rows =
            [row("both.com", &["google", "microsoft"]), row("ms.com", &["microsoft"]), row("g.com", &["google"])];
        let picked = ["Both.com", "ms.com", "g.com"].map(String::from);
        let plan = plan_domains(RequiredDomains::new(2, 1), &picked, &PreparedAvailability::new(rows));
        assert_eq!(plan.microsoft, ["ms.com"]);
        assert_eq!(plan.google, ["both.com", "g.com"]);
        assert_eq!(plan.missing, RequiredDomains::new(0, 0));
        // Interleaved: Microsoft-only names first, then the others, each in the order picked.
        let (ms, both) = (&["microsoft"][..], &["google", "microsoft"][..]);
        let rows = [row("m1.com", ms), row("b1.com", both), row("m2.com", ms), row("b2.com", both), row("m3.com", ms)];
        let picked = ["b2.com", "m3.com", "b1.com", "m1.com", "m2.com"].map(String::from);
        let plan = plan_domains(RequiredDomains::new(2, 4), &picked, &PreparedAvailability::new(rows));
        assert_eq!(plan.microsoft, ["m3.com", "m1.com", "m2.com", "b2.com"]);
        assert_eq!(plan.google, ["b1.com"]);
        assert_eq!(plan.missing, RequiredDomains::new(1, 0));
    }
}
