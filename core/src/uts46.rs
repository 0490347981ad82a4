//! UTS 46 ToASCII from the host, for builds without the `unicode-idna` feature
//! (the WebAssembly modules, whose JavaScript engine already holds the Unicode
//! IDNA tables behind `URL`: shipping `idna`'s again would double them).
//!
//! The host does the Unicode part only: mapping, normalization and Punycode,
//! nontransitional, with no STD3 rules, no CheckHyphens and no DNS lengths
//! (what WHATWG URL host parsing does), and CheckBidi and CheckJoiners where it
//! has them; the validation applies the rest (`validate/idn_host.rs`, and with
//! the `idn-rules` feature CheckBidi, CheckJoiners and the leading-mark rule too).

use std::sync::OnceLock;

/// UTS 46 ToASCII as described above: the lowercase ASCII form of a name, or
/// `None` where it fails. Names given to it hold no ASCII outside letters,
/// digits, `-`, `.` and the characters URL hosts allow (`_`, `~`, `!`, `$`,
/// `&`, `'`, `(`, `)`, `*`, `+`, `,`, `;`, `=`, `"`, `{`, `}`, `` ` ``).
pub type ToAscii = fn(&str) -> Option<String>;

// A process-wide hook: validation runs deep inside calls whose signatures the
// hosts share, and the host installs one function once, at start.
static HOST_TO_ASCII: OnceLock<ToAscii> = OnceLock::new();

/// Installs the host's UTS 46 ToASCII; later calls keep the first. Until one is
/// installed, every name that needs Unicode IDNA is refused. Builds with
/// `unicode-idna` never ask it (`idna` answers there).
pub fn set_to_ascii(to_ascii: ToAscii) {
    // Ignored when already set: the first host function stays.
    let _ = HOST_TO_ASCII.set(to_ascii);
}

/// The installed host's answer, when it is ASCII.
#[cfg(any(test, not(feature = "unicode-idna")))]
pub(crate) fn host_to_ascii(name: &str) -> Option<String> {
    let ascii = HOST_TO_ASCII.get()?(name)?;
    ascii.is_ascii().then_some(ascii)
}
