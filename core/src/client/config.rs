//! What a client is made from: the API key (its environment), the base URL
//! and the user agent, each checked once when the client is made.

use serde::Serialize;

use crate::contract::{LIVE_KEY_PREFIX, TEST_KEY_PREFIX};
use crate::error::{Code, Error, Result};

/// The product token that starts every `User-Agent` the core writes.
pub const USER_AGENT_PRODUCT: &str = "peeker-core";

/// Which Peeker environment a key belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// `pk_live_` keys: real provisioning, billed.
    Live,
    /// `pk_test_` keys: the sandbox.
    Test,
}

impl Environment {
    /// `live` or `test`, as `GET /me` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Live => "live",
            Environment::Test => "test",
        }
    }
}

/// Options of [`Client::new`](crate::Client::new); every field may be left `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientOptions {
    /// An absolute `https` URL; defaults to [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL).
    pub base_url: Option<String>,
    /// The host's own user agent (e.g. `python/3.11`), appended to `peeker-core/<version>`.
    pub user_agent: Option<String>,
}

pub(super) fn environment_of(key: &str) -> Result<Environment> {
    let invalid = |why: &str| Error::new(Code::InvalidApiKey, format!("the API key {why}"));
    let (environment, rest) = if let Some(rest) = key.strip_prefix(LIVE_KEY_PREFIX) {
        (Environment::Live, rest)
    } else if let Some(rest) = key.strip_prefix(TEST_KEY_PREFIX) {
        (Environment::Test, rest)
    } else {
        let hint = if key.trim() != key { " (it starts with whitespace)" } else { "" };
        return Err(invalid(&format!("must start with `{LIVE_KEY_PREFIX}` or `{TEST_KEY_PREFIX}`{hint}")));
    };
    if rest.is_empty() {
        return Err(invalid("has nothing after its prefix"));
    }
    // A key travels in a header: whitespace (a pasted trailing newline) or
    // control characters would be dropped or refused by the host's HTTP stack.
    if !rest.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid(
            "contains whitespace or characters that cannot go in an HTTP header (a trailing newline?)",
        ));
    }
    Ok(environment)
}

pub(super) fn user_agent(host: Option<&str>) -> Result<String> {
    let own = format!("{USER_AGENT_PRODUCT}/{}", crate::VERSION);
    match host.map(str::trim).filter(|h| !h.is_empty()) {
        None => Ok(own),
        Some(host) if host.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) => Ok(format!("{own} {host}")),
        Some(_) => Err(Error::new(Code::InvalidArgument, "the user agent must be printable ASCII on one line")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::Client;

    #[test]
    fn debug_never_shows_the_key() {
        let client = Client::new("pk_live_do_not_print", ClientOptions::default());
        let shown = format!("{client:?}");
        assert!(!shown.contains("do_not_print"), "{shown}");
        let err = Client::new("sk_live_do_not_print", ClientOptions::default()).err();
        let shown = format!("{err:?}");
        assert!(!shown.contains("do_not_print") && shown.contains("InvalidApiKey"), "{shown}");
    }

    /// The part of the test key that must never be shown.
    const KEY_MARK: &str = "K3yDoNotPrint";
    const KEY: &str = "pk_live_K3yDoNotPrint";

    fn assert_no_key(err: &Error) {
        let shown = format!("{err} {err:?} {}", serde_json::to_string(err).unwrap_or_default());
        assert!(!shown.contains(KEY_MARK), "{shown}");
    }

    #[test]
    fn client_new_errors_never_quote_the_key() {
        let bad_keys = [
            "sk_live_K3yDoNotPrint",
            "K3yDoNotPrint",
            " pk_live_K3yDoNotPrint",
            "pk_live_K3yDoNotPrint\n",
            "pk_test_K3yDoNotPrint with spaces",
            "pk_test_K3yDoNotPrint\u{7f}",
            "pk_live_K3yDoNotPrint\u{e9}",
            "Bearer pk_live_K3yDoNotPrint",
            "PK_LIVE_K3yDoNotPrint",
        ];
        for key in bad_keys {
            let err = Client::new(key, ClientOptions::default()).err();
            assert_eq!(err.as_ref().map(|e| e.code), Some(Code::InvalidApiKey), "{key:?}");
            err.iter().for_each(assert_no_key);
        }
        let bad_options = [
            ClientOptions { base_url: Some("http://api.peeker.ai/partner/v1".into()), user_agent: None },
            ClientOptions { base_url: Some("https://user:K3yDoNotPrint@api.peeker.ai".into()), user_agent: None },
            ClientOptions { base_url: Some("https://api.peeker.ai/?key=K3yDoNotPrint".into()), user_agent: None },
            ClientOptions { base_url: Some("K3yDoNotPrint".into()), user_agent: None },
            ClientOptions { base_url: None, user_agent: Some("K3yDoNotPrint\r\nX-Evil: 1".into()) },
        ];
        for options in bad_options {
            let err = Client::new(KEY, options.clone()).err();
            assert!(err.is_some(), "{options:?}");
            err.iter().for_each(assert_no_key);
        }
    }

    #[test]
    fn base_url_keeps_its_path_and_drops_a_trailing_slash() -> Result<()> {
        let options =
            ClientOptions { base_url: Some("https://api.peeker.ai/api/partner/v1/".into()), user_agent: None };
        let client = Client::new("pk_test_abc", options)?;
        assert_eq!(client.base_url(), "https://api.peeker.ai/api/partner/v1");
        assert_eq!(client.get_me()?.url, "https://api.peeker.ai/api/partner/v1/me");
        let root =
            Client::new("pk_test_abc", ClientOptions { base_url: Some("https://mock.test".into()), user_agent: None })?;
        assert_eq!(root.get_user("usr_1")?.url, "https://mock.test/users/usr_1");
        assert_eq!(
            root.next_page("https://mock.test/anything?page_token=x")?.url,
            "https://mock.test/anything?page_token=x"
        );
        Ok(())
    }
}
