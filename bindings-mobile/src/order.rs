//! An order built from native values: `NewOrder` and its parts, written as
//! the JSON text the other functions take by [`order_json`]. Building the text
//! by hand (string templates) breaks on the first name with a quote in it; this
//! writes it with proper escaping. The records check nothing themselves:
//! `validateOrder(orderJson(order))` reports every violation, as for any text.

use std::fmt;

use serde_json::{Map, Value, json};

#[cfg(test)]
use peeker_core::validate;

debug_as_display!(Sequencer, NewOrder);

/// The Smartlead account the inboxes go to. `toString()`/`description` never
/// show `login_password`.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct Sequencer {
    /// The Smartlead login email.
    pub login_email: String,
    /// The Smartlead login password (sent as typed, never trimmed).
    pub login_password: String,
    /// The Smartlead client id; null for the partner's default route.
    #[uniffi(default = None)]
    pub client_id: Option<i64>,
    /// Only `smartlead` is supported.
    #[uniffi(default = "smartlead")]
    pub provider: String,
}

/// `Sequencer(provider=smartlead, client_id=366903, login_email=..., login_password=[redacted])`.
impl fmt::Display for Sequencer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let client_id = self.client_id.map_or_else(|| "null".to_owned(), |id| id.to_string());
        write!(
            f,
            "Sequencer(provider={}, client_id={client_id}, login_email={}, login_password=[redacted])",
            self.provider, self.login_email
        )
    }
}

/// A picked domain, with its own forwarding URL when it should differ from the order's.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct DomainPick {
    /// The domain name (Unicode names are fine: the core applies IDNA).
    pub domain: String,
    /// Where visitors of this domain are sent.
    #[uniffi(default = None)]
    pub forwarding_url: Option<String>,
}

/// A person the inboxes are created for.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Persona {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// A public http(s) URL of a picture, or null for none.
    #[uniffi(default = None)]
    pub profile_picture_url: Option<String>,
}

/// The body of `POST /orders`: a bundle (`bundle_id`) or the custom licence
/// trio (`google_licenses`, `microsoft_licenses`, `google_inboxes_per_domain`).
/// `toString()`/`description` never show the Smartlead password.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct NewOrder {
    /// The customer: an email address or a `usr_` id.
    pub user: String,
    /// The Smartlead account.
    pub sequencer: Sequencer,
    /// The picked domains.
    pub domains: Vec<DomainPick>,
    /// 1 to 10 personas.
    pub personas: Vec<Persona>,
    /// The bundle (`bun_...`), or null for a custom order.
    #[uniffi(default = None)]
    pub bundle_id: Option<String>,
    /// Custom orders: Google licences.
    #[uniffi(default = None)]
    pub google_licenses: Option<i64>,
    /// Custom orders: Microsoft licences.
    #[uniffi(default = None)]
    pub microsoft_licenses: Option<i64>,
    /// Custom orders: Google inboxes per domain (2 or 3).
    #[uniffi(default = None)]
    pub google_inboxes_per_domain: Option<i64>,
    /// Where visitors of every domain are sent (a domain's own URL wins).
    #[uniffi(default = None)]
    pub forwarding_url: Option<String>,
}

/// `NewOrder(user=..., bundle_id=bun_123, domains=2, personas=1, sequencer=Sequencer(...))`.
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

/// The order as the JSON text `validateOrder`, `orderBody` and
/// `Client.createOrder` take. Absent optional fields are left out (so the
/// order's shape is what was set); a domain without its own forwarding URL is
/// written as a plain name.
#[uniffi::export]
pub fn order_json(order: NewOrder) -> String {
    let mut body = Map::new();
    body.insert("user".into(), json!(order.user));
    let sequencer = order.sequencer;
    let mut account = json!({
        "provider": sequencer.provider,
        "login_email": sequencer.login_email,
        "login_password": sequencer.login_password,
    });
    if let (Some(id), Some(account)) = (sequencer.client_id, account.as_object_mut()) {
        account.insert("client_id".into(), json!(id));
    }
    body.insert("sequencer".into(), account);
    let domains = order.domains.into_iter().map(|pick| match pick.forwarding_url {
        Some(url) => json!({"domain": pick.domain, "forwarding_url": url}),
        None => json!(pick.domain),
    });
    body.insert("domains".into(), Value::Array(domains.collect()));
    let personas = order.personas.into_iter().map(
        |p| json!({"first_name": p.first_name, "last_name": p.last_name, "profile_picture_url": p.profile_picture_url}),
    );
    body.insert("personas".into(), Value::Array(personas.collect()));
    let optional = [
        ("bundle_id", order.bundle_id.map(Value::from)),
        ("google_licenses", order.google_licenses.map(Value::from)),
        ("microsoft_licenses", order.microsoft_licenses.map(Value::from)),
        ("google_inboxes_per_domain", order.google_inboxes_per_domain.map(Value::from)),
        ("forwarding_url", order.forwarding_url.map(Value::from)),
    ];
    body.extend(optional.into_iter().filter_map(|(key, value)| Some((key.to_owned(), value?))));
    Value::Object(body).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order() -> NewOrder {
        NewOrder {
            user: "client@example.com".into(),
            sequencer: Sequencer {
                login_email: "login@example.com".into(),
                login_password: "s3cret\"MARK\\".into(),
                client_id: None,
                provider: "smartlead".into(),
            },
            domains: vec![
                DomainPick { domain: "acme-mail.com".into(), forwarding_url: None },
                DomainPick { domain: "acme-team.com".into(), forwarding_url: Some("https://acme.example/".into()) },
            ],
            personas: vec![Persona {
                first_name: "Zoë \"Z\"".into(),
                last_name: "O'Brien".into(),
                profile_picture_url: None,
            }],
            bundle_id: Some("bun_123".into()),
            google_licenses: None,
            microsoft_licenses: None,
            google_inboxes_per_domain: None,
            forwarding_url: None,
        }
    }

    #[test]
    fn writes_the_body_the_api_defines() {
        let text = order_json(order());
        let value: Value = serde_json::from_str(&text).unwrap_or_default();
        let expected = json!({
            "user": "client@example.com",
            "bundle_id": "bun_123",
            "sequencer": {"provider": "smartlead", "login_email": "login@example.com", "login_password": "s3cret\"MARK\\"},
            "domains": ["acme-mail.com", {"domain": "acme-team.com", "forwarding_url": "https://acme.example/"}],
            "personas": [{"first_name": "Zoë \"Z\"", "last_name": "O'Brien", "profile_picture_url": null}],
        });
        assert_eq!(value, expected, "{text}");
        let report = validate::validate_order(&value, validate::OrderContext::default());
        assert!(report.is_valid(), "{:?}", report.violations);
    }

    #[test]
    fn printing_never_shows_the_password() {
        let order = order();
        for printed in [order.to_string(), format!("{order:?}"), order.sequencer.to_string()] {
            assert!(!printed.contains("MARK") && printed.contains("[redacted]"), "{printed}");
        }
    }
}
