package ai.peeker.core

import java.math.BigDecimal

/**
 * A small JSON reader for the vector files that keeps each value's exact source
 * text ([raw]): arguments go to the binding as the very text of the vector file,
 * as the Rust runner hands serde_json values to the core, with no re-serialization
 * by a JVM library in between (key order, number spelling and duplicates intact).
 * Comparisons use [plain]: maps, lists, strings, booleans, null and numbers as
 * [BigDecimal] compared by value.
 */
sealed class Json(val raw: String) {
    class Obj(val members: Map<String, Json>, raw: String) : Json(raw)
    class Arr(val items: List<Json>, raw: String) : Json(raw)
    class Str(val value: String, raw: String) : Json(raw)
    class Num(val value: BigDecimal, raw: String) : Json(raw)
    class Bool(val value: Boolean, raw: String) : Json(raw)
    class Null(raw: String) : Json(raw)

    operator fun get(key: String): Json? = (this as? Obj)?.members?.get(key)
    fun has(key: String) = this is Obj && key in members
    val string: String get() = (this as? Str)?.value ?: error("not a string: $raw")
    val long: Long get() = (this as? Num)?.value?.longValueExact() ?: error("not an integer: $raw")
    val int: Int get() = (this as? Num)?.value?.intValueExact() ?: error("not an integer: $raw")
    val double: Double get() = (this as? Num)?.value?.toDouble() ?: error("not a number: $raw")
    val list: List<Json> get() = (this as? Arr)?.items ?: error("not a list: $raw")
    val isNull: Boolean get() = this is Null

    /** The value as plain Kotlin data, for comparisons. */
    val plain: Any?
        get() = when (this) {
            is Obj -> members.mapValues { it.value.plain }
            is Arr -> items.map { it.plain }
            is Str -> value
            is Num -> value
            is Bool -> value
            is Null -> null
        }

    companion object {
        fun parse(text: String): Json = Reader(text).run {
            val value = value()
            skipSpace()
            check(pos == text.length) { "trailing text at $pos" }
            value
        }
    }

    private class Reader(val text: String) {
        var pos = 0

        fun skipSpace() {
            while (pos < text.length && text[pos] in " \t\r\n") pos++
        }

        fun value(): Json {
            skipSpace()
            check(pos < text.length) { "unexpected end" }
            val start = pos
            return when (text[pos]) {
                '{' -> {
                    pos++
                    val members = LinkedHashMap<String, Json>()
                    skipSpace()
                    if (text[pos] == '}') pos++ else while (true) {
                        skipSpace()
                        val key = string()
                        skipSpace()
                        expect(':')
                        check(members.put(key, value()) == null) { "duplicate key $key" }
                        skipSpace()
                        if (text[pos++] == '}') break
                        check(text[pos - 1] == ',') { "expected , at ${pos - 1}" }
                    }
                    Obj(members, text.substring(start, pos))
                }
                '[' -> {
                    pos++
                    val items = ArrayList<Json>()
                    skipSpace()
                    if (text[pos] == ']') pos++ else while (true) {
                        items.add(value())
                        skipSpace()
                        if (text[pos++] == ']') break
                        check(text[pos - 1] == ',') { "expected , at ${pos - 1}" }
                    }
                    Arr(items, text.substring(start, pos))
                }
                '"' -> {
                    val value = string()
                    Str(value, text.substring(start, pos))
                }
                't' -> { expectWord("true"); Bool(true, "true") }
                'f' -> { expectWord("false"); Bool(false, "false") }
                'n' -> { expectWord("null"); Null("null") }
                else -> {
                    while (pos < text.length && text[pos] in "+-0123456789.eE") pos++
                    val raw = text.substring(start, pos)
                    Num(BigDecimal(raw), raw)
                }
            }
        }

        fun expect(c: Char) {
            check(text[pos] == c) { "expected $c at $pos" }
            pos++
        }

        fun expectWord(word: String) {
            check(text.startsWith(word, pos)) { "expected $word at $pos" }
            pos += word.length
        }

        fun string(): String {
            expect('"')
            val out = StringBuilder()
            while (true) {
                when (val c = text[pos++]) {
                    '"' -> return out.toString()
                    '\\' -> when (val e = text[pos++]) {
                        'n' -> out.append('\n')
                        't' -> out.append('\t')
                        'r' -> out.append('\r')
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000c')
                        'u' -> {
                            out.append(text.substring(pos, pos + 4).toInt(16).toChar())
                            pos += 4
                        }
                        else -> out.append(e) // \" \\ \/
                    }
                    else -> out.append(c)
                }
            }
        }
    }
}

/** Whether two plain values are equal, numbers by value (1 == 1.0). */
fun jsonEquals(a: Any?, b: Any?): Boolean = when {
    a is BigDecimal && b is BigDecimal -> a.compareTo(b) == 0
    a is Map<*, *> && b is Map<*, *> -> a.keys == b.keys && a.keys.all { jsonEquals(a[it], b[it]) }
    a is List<*> && b is List<*> -> a.size == b.size && a.indices.all { jsonEquals(a[it], b[it]) }
    else -> a == b
}

/**
 * Whether [got] has everything [want] has (the `parse_response` convention of
 * core/tests/vectors/http.rs): objects may leave out members (a member given as
 * null must be null or absent), lists have the same length, numbers compare by value.
 */
fun jsonContains(got: Any?, want: Any?): Boolean = when {
    want is Map<*, *> -> got is Map<*, *> && want.all { (key, value) -> jsonContains(got[key], value) }
    want is List<*> -> got is List<*> && got.size == want.size && got.indices.all { jsonContains(got[it], want[it]) }
    got is BigDecimal && want is BigDecimal -> got.compareTo(want) == 0
    else -> got == want
}

/** Plain data from the binding's JSON-text results. */
fun plainJson(text: String): Any? = Json.parse(text).plain

/** [value] without its null members, at every depth (what `exact` compares: records cannot tell absent from null). */
fun dropNulls(value: Any?): Any? = when (value) {
    is Map<*, *> -> value.filterValues { it != null }.mapValues { dropNulls(it.value) }
    is List<*> -> value.map(::dropNulls)
    else -> value
}
