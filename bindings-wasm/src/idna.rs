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

    #[wasm_bindgen(catch, js_name = decodeURIComponent)]
    fn decode_uri_component(text: &str) -> Result<String, JsValue>;

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
    let url = Url::new(&format!("http://{name}{SUFFIX}/")).ok()?;
    let ascii = url.hostname().strip_suffix(SUFFIX)?.to_owned();
    // Chromium escapes some characters URL hosts allow (`*` as `%2A`); no `%`
    // reaches the engine or comes out of UTS 46 mapping (above), so every one is such an escape.
    if ascii.contains('%') { decode_uri_component(&ascii).ok() } else { Some(ascii) }
}
