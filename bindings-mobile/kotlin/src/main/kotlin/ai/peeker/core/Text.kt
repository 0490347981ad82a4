package ai.peeker.core

// Called only from the generated API, as bindings-mobile/uniffi-bindgen
// (kotlin_text.rs) patches it: a Kotlin String may hold a lone surrogate,
// which UTF-8 cannot carry, and that is `invalid_argument` as in every host
// (spec/DECISIONS.md D14), never a MalformedInputException.

/** A lone surrogate found while walking an argument; [checkArgText] turns it into a PeekerException. */
internal class LoneSurrogate : RuntimeException(null, null, false, false)

/** Throws [LoneSurrogate] unless [value] is valid UTF-16 (every surrogate in a pair). */
internal fun checkText(value: String) {
    var i = 0
    while (i < value.length) {
        val c = value[i]
        if (Character.isHighSurrogate(c) && i + 1 < value.length && Character.isLowSurrogate(value[i + 1])) {
            i += 2
        } else if (Character.isSurrogate(c)) {
            throw LoneSurrogate()
        } else {
            i++
        }
    }
}

/**
 * Runs [walk] (UniFFI's `allocationSize` of argument [name], which visits its every
 * string) before the call lowers anything; the message names the argument, never its value.
 */
internal inline fun checkArgText(name: String, jsonText: Boolean, walk: () -> ULong) {
    try {
        walk()
    } catch (_: LoneSurrogate) {
        // canonicalize's JSON text: the core's code for the same surrogate written as an escape.
        throw if (jsonText) {
            PeekerException.Json("invalid_string", "the text holds a lone surrogate", null, null)
        } else {
            PeekerException.Config("invalid_argument", "`$name` must be text of valid Unicode: a string in it holds a lone surrogate")
        }
    }
}
