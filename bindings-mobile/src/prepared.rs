//! `PreparedAvailability`: availability rows read and indexed once, for a
//! form that validates the same order on every keystroke (spec/DECISIONS.md D16).

use peeker_core::host::Context;

use crate::convert::{optional_value, to_value};
use crate::{AvailabilityRow, Bundle, Plan, Report, RequiredDomains, Result, guard, plan_of, report_of};

/// Availability rows (`check_availability`'s `data.domains`) read and indexed
/// by domain name once: validate an order against them, or plan with them,
/// any number of times. Immutable, so one instance serves many threads.
#[derive(uniffi::Object)]
pub struct PreparedAvailability(peeker_core::PreparedAvailability);

#[uniffi::export]
impl PreparedAvailability {
    /// Prepares `rows`; of several rows for one name the last counts.
    #[uniffi::constructor]
    pub fn new(rows: Vec<AvailabilityRow>) -> Result<Self> {
        guard(|| Ok(PreparedAvailability(peeker_core::host::prepare_availability(&to_value(&rows, "rows")?)?)))
    }

    /// `validate_order` against these rows (and `bundle` when given).
    #[uniffi::method(default(bundle = None))]
    pub fn validate_order(&self, order: String, bundle: Option<Bundle>) -> Result<Report> {
        guard(|| report_of(&order, &Context::new(optional_value(&bundle, "bundle")?, None).prepared(Some(&self.0))))
    }

    /// `plan_domains` with these rows.
    pub fn plan_domains(&self, required: RequiredDomains, picked: Vec<String>) -> Result<Plan> {
        guard(|| plan_of(required, picked, &self.0))
    }
}
