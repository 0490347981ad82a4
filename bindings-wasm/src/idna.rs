//! UTS 46 ToASCII from the JavaScript engine, for the form module: WHATWG URL
//! host parsing (nontransitional, CheckBidi, CheckJoiners) is the engine's own
//! IDNA, so the browser does not download a second Unicode table. The core
//! refuses beforehand every ASCII character that URL parsing would treat
//! specially (`%`, `/`, `?`, `#`, `@`, `:`, `\`, controls) and applies the
//! STD3, hyphen and length rules to the answer (`peeker_core::uts46`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = URL)]
    type Url;

    #[wasm_bindgen(constructor, js_class = "URL", catch)]
    fn new(url: &str) -> Result<Url, JsValue>;

    #[wasm_bindgen(method, getter, js_class = "URL")]
    fn hostname(this: &Url) -> String;

    #[wasm_bindgen(js_name = String)]
    type JsString;

    #[wasm_bindgen(method, js_class = "String")]
    fn normalize(this: &JsString, form: &str) -> String;
}

/// A label that is not a number (in any base the URL parser reads), appended
/// so that a name whose last label maps to digits is not read as an IPv4
/// address; it is stripped from the answer.
const SUFFIX: &str = ".peeker";

/// The engine's ToASCII of `name`, or `None` where URL host parsing fails.
pub fn to_ascii(name: &str) -> Option<String> {
    // Some engines escape (Chromium: U+00A0 becomes `%20`) or unescape (U+FF05
    // U+FF14 U+FF11 becomes `a`) what UTS 46 maps to a character URL hosts
    // forbid, where `idna` refuses the name; NFKC shows those characters first.
    let nfkc = JsValue::from_str(name).unchecked_into::<JsString>().normalize("NFKC");
    if nfkc.bytes().any(|b| b <= b' ' || b == 0x7f || b"%#/:<>?@[\\]^|".contains(&b)) {
        return None;
    }
    // Chromium writes `*` in a host as `%2A`, in a Unicode label before Punycode
    // too (`xn--%2ax-9oa` for `\u{e9}*x`). So `*` and what maps to it cross as a
    // stand-in the engine keeps and UTS 46 leaves alone, put back after:
    // Punycode depends on where ASCII characters are, not on which they are.
    let star = |c: char| matches!(c, '*' | '\u{fe61}' | '\u{ff0a}');
    let stand_in = match name.chars().any(star) {
        true => *STAND_INS.iter().find(|c| !nfkc.contains(**c))?,
        false => '*',
    };
    let name: String = name.chars().map(|c| if star(c) { stand_in } else { c }).collect();
    let url = Url::new(&format!("http://{name}{SUFFIX}/")).ok()?;
    let ascii = url.hostname().strip_suffix(SUFFIX)?.chars().map(|c| if c == stand_in { '*' } else { c }).collect();
    Some(ascii)
}

/// Characters URL hosts allow and Chromium keeps as they are, to stand in for
/// `*`: of its bidi class (ON), so CheckBidi judges the name alike. A name holding
/// `*` and every one of them is refused (`idna` takes it: the one known difference).
const STAND_INS: &[char] = &['!', '"', '&', '\'', '(', ')', ';', '=', '_', '`', '{', '}', '~'];
