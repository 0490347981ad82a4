//! The body of `POST /orders` as a record: `NewOrder`, built from native
//! values (a hand-built string template breaks on the first name with a
//! quote in it) with the contract's `OrderSequencer`, `OrderDomain` and
//! `PersonaInput`. Hand-written because its `domains` are names or objects
//! (the contract's `oneOf`): a domain without its own forwarding URL is
//! written as a plain name.

use std::fmt;

use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::convert::{extra, from_json, to_json, to_value};
use crate::{AvailabilityRow, Bundle, OrderDomain, OrderSequencer, PersonaInput, Report, Result, guard, order_context};

/// The body of `POST /orders`: a bundle (`bundle_id`) or the custom licence
/// trio (`google_licenses`, `microsoft_licenses`, `google_inboxes_per_domain`).
/// The record checks nothing itself: `validate()` reports every violation,
/// and `Client.create_order` refuses an invalid order. `toString()`/
/// `description` never show the Smartlead password.
#[derive(Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct NewOrder {
    /// The customer: an email address (finds or creates the customer) or a `usr_` id.
    pub user: String,
    /// The Smartlead account the inboxes go to.
    pub sequencer: OrderSequencer,
    /// The picked domains (Unicode names are fine: the core applies IDNA).
    #[serde(with = "picks")]
    pub domains: Vec<OrderDomain>,
    /// 1 to 10 senders.
    pub personas: Vec<PersonaInput>,
    /// The bundle (`bun_...`), or null for a custom order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub bundle_id: Option<String>,
    /// Custom orders: Google licences (one per Google inbox).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub google_licenses: Option<i64>,
    /// Custom orders: Microsoft licences (one per Microsoft domain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub microsoft_licenses: Option<i64>,
    /// Custom orders: Google inboxes per Google domain (2 or 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub google_inboxes_per_domain: Option<i64>,
    /// Where visitors of every domain are sent (a domain's own URL wins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub forwarding_url: Option<String>,
    /// Members the API does not define, as a JSON object text (sent as they are; `validate()` warns).
    #[serde(flatten, with = "extra")]
    #[uniffi(default = None)]
    pub extra_json: Option<String>,
}

crate::debug_as_display!(NewOrder);

/// `NewOrder(user=..., bundle_id=bun_123, domains=2, personas=1, sequencer=OrderSequencer(...))`.
impl fmt::Display for NewOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shape = match &self.bundle_id {
            Some(bundle) => format!("bundle_id={bundle}"),
            None => format!(
                "google_licenses={:?}, microsoft_licenses={:?}, google_inboxes_per_domain={:?}",
                self.google_licenses, self.microsoft_licenses, self.google_inboxes_per_domain
            ),
        };
        write!(
            f,
            "NewOrder(user={}, {shape}, domains={}, personas={}, sequencer={})",
            self.user,
            self.domains.len(),
            self.personas.len(),
            self.sequencer
        )
    }
}

#[uniffi::export]
impl NewOrder {
    /// Every violation of the order alone (never only the first).
    pub fn validate(&self) -> Result<Report> {
        self.validate_against(None, None)
    }

    /// Every violation of the order, checked also against `bundle` (its
    /// `required_domains` size the order) and the `availability` rows of the
    /// picked domains, each when given: what `Client.create_order` checks.
    pub fn validate_against(
        &self,
        bundle: Option<Bundle>,
        availability: Option<Vec<AvailabilityRow>>,
    ) -> Result<Report> {
        guard(|| {
            let context = order_context(bundle, availability)?;
            Ok(Report::from(&peeker_core::validate_order(&to_value(self, "order")?, context.get())))
        })
    }

    /// The order as JSON text (it holds the password: never log it). The
    /// bytes to send are `order_body(order)`.
    pub fn to_json(&self) -> Result<String> {
        to_json(self)
    }
}

/// A NewOrder from a JSON text. A text the record cannot hold (a member of
/// the wrong type, a required one missing) is `PeekerError.Validation` with
/// the order validator's report.
#[uniffi::export]
pub fn new_order_from_json(json: String) -> Result<NewOrder> {
    guard(|| from_json(&json, |value| peeker_core::validate_order(value, Default::default())))
}

/// `domains`: a name, or `{domain, forwarding_url}` when the domain has its own URL.
mod picks {
    use super::*;

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Pick {
        Name(String),
        Domain(OrderDomain),
    }

    pub(super) fn serialize<S: Serializer>(
        domains: &[OrderDomain],
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let plain = |d: &OrderDomain| d.forwarding_url.is_none() && d.extra_json.is_none();
        serializer.collect_seq(
            domains.iter().map(|d| if plain(d) { Pick::Name(d.domain.clone()) } else { Pick::Domain(d.clone()) }),
        )
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Vec<OrderDomain>, D::Error> {
        let picks = Vec::<Pick>::deserialize(deserializer)?;
        Ok(picks
            .into_iter()
            .map(|pick| match pick {
                Pick::Name(domain) => OrderDomain { domain, forwarding_url: None, extra_json: None },
                Pick::Domain(domain) => domain,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn order() -> NewOrder {
        NewOrder {
            user: "client@example.com".into(),
            sequencer: OrderSequencer {
                provider: "smartlead".into(),
                client_id: None,
                login_email: "login@example.com".into(),
                login_password: "s3cret\"MARK\\".into(),
                extra_json: None,
            },
            domains: vec![
                OrderDomain { domain: "acme-mail.com".into(), forwarding_url: None, extra_json: None },
                OrderDomain {
                    domain: "acme-team.com".into(),
                    forwarding_url: Some("https://acme.example/".into()),
                    extra_json: None,
                },
            ],
            personas: vec![PersonaInput {
                first_name: "Zoë \"Z\"".into(),
                last_name: "O'Brien".into(),
                profile_picture_url: None,
                extra_json: None,
            }],
            bundle_id: Some("bun_123".into()),
            google_licenses: None,
            microsoft_licenses: None,
            google_inboxes_per_domain: None,
            forwarding_url: None,
            extra_json: None,
        }
    }

    #[test]
    fn writes_the_body_the_api_defines() -> Result<()> {
        let value: Value = serde_json::from_str(&order().to_json()?).unwrap_or_default();
        let expected = json!({
            "user": "client@example.com",
            "bundle_id": "bun_123",
            "sequencer": {"provider": "smartlead", "login_email": "login@example.com", "login_password": "s3cret\"MARK\\"},
            "domains": ["acme-mail.com", {"domain": "acme-team.com", "forwarding_url": "https://acme.example/"}],
            "personas": [{"first_name": "Zoë \"Z\"", "last_name": "O'Brien", "profile_picture_url": null}],
        });
        assert_eq!(value, expected);
        assert!(order().validate()?.valid);
        assert!(new_order_from_json(expected.to_string())? == order());
        Ok(())
    }

    #[test]
    fn printing_never_shows_the_password() {
        let order = order();
        for printed in [order.to_string(), format!("{order:?}"), order.sequencer.to_string()] {
            assert!(!printed.contains("MARK") && printed.contains("[redacted]"), "{printed}");
        }
    }
}
