//! Clocks, ids and small text helpers.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch (0 if the clock is before it).
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// RFC 3339 in UTC with whole seconds, e.g. `2026-05-08T12:00:00Z`.
pub fn rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// `n` random bytes from the operating system (zeros if it has none to give).
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness: fall back to the clock, still unique enough for a local server.
        let seed = now_ms().to_le_bytes();
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = seed.get(i % seed.len()).copied().unwrap_or_default() ^ (i as u8);
        }
    }
    bytes
}

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// `len` random characters of a lowercase base-32 alphabet.
pub fn random_token(len: usize) -> String {
    let bytes: [u8; 32] = random_bytes();
    (0..len)
        .map(|i| {
            let byte = bytes.get(i % bytes.len()).copied().unwrap_or_default();
            let index = usize::from(byte.rotate_left((i / bytes.len()) as u32) % 32);
            char::from(ALPHABET.get(index).copied().unwrap_or(b'0'))
        })
        .collect()
}

/// A new opaque id: `prefix` and 20 random characters.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}{}", random_token(20))
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of lowercase or uppercase hex text, if it is that.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_778_241_600_000), "2026-05-08T12:00:00Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn ids_have_their_prefix_and_differ() {
        let (a, b) = (new_id("ord_"), new_id("ord_"));
        assert!(a.starts_with("ord_") && a.len() == 24 && a != b);
        assert_eq!(unhex(&hex(b"v1.42")), Some(b"v1.42".to_vec()));
        assert_eq!(unhex("zz"), None);
    }
}
