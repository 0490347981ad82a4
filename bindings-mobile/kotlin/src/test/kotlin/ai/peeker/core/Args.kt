package ai.peeker.core

/**
 * A case's argument that the typed API cannot take: not a string where the
 * builder takes text, an unknown query option, JSON that a request record
 * cannot hold ([cause]: its `<record>FromJson` error). Kotlin code cannot
 * write such a call, so the case passes when it expects an error (the core
 * refuses the same input from hosts that can pass it), and must match it
 * when the record's refusal has the code the case expects.
 */
class NotExpressible(why: String, cause: PeekerException? = null) : Exception(why, cause)

/** A parse function's result: the `data` as the API's JSON (null for a deletion without a body). */
data class Parsed(val status: Int, val requestId: String?, val dataJson: String?, val nextLink: String?)

/** A case's named arguments, read as the typed API takes them (see [Dispatch]). */
class Args(private val args: Json) {
    fun text(name: String): String = (args[name] as? Json.Str)?.value ?: throw NotExpressible("`$name` is not a string")

    fun strings(name: String): List<String> =
        (args[name] as? Json.Arr)?.items?.map { (it as? Json.Str)?.value ?: throw NotExpressible("`$name` holds a non-string") }
            ?: throw NotExpressible("`$name` is not a list")

    /** A body read by its record's `FromJson` (JSON null when absent: what the core sees). */
    fun <T> record(name: String, read: (String) -> T): T = refusing(args[name]?.raw ?: "null", read)

    /** An optional body; absent and null are no body. */
    fun <T> optionalRecord(name: String, read: (String) -> T): T? = args[name]?.takeUnless { it.isNull }?.let { refusing(it.raw, read) }

    /** The whole arguments object read as a record (a batch body `{domains, ...}`). */
    fun <T> whole(read: (String) -> T): T = refusing(args.raw, read)

    private fun <T> refusing(json: String, read: (String) -> T): T = try {
        read(json)
    } catch (e: PeekerException) {
        throw NotExpressible("the record cannot hold it (${e.code})", e)
    }

    /** Query options, when given as an object of [options]. */
    fun query(name: String, vararg options: String): Args? {
        val query = args[name]?.takeUnless { it.isNull } ?: return null
        val members = (query as? Json.Obj)?.members ?: throw NotExpressible("`$name` is not an object")
        members.keys.firstOrNull { it !in options }?.let { throw NotExpressible("`$it` is not an option") }
        return Args(query)
    }

    fun optText(name: String): String? = args[name]?.takeUnless { it.isNull }?.let {
        (it as? Json.Str)?.value ?: throw NotExpressible("`$name` is not a string")
    }

    fun optLong(name: String): Long? = args[name]?.takeUnless { it.isNull }?.let {
        (it as? Json.Num)?.value?.takeIf { n -> n.stripTrailingZeros().scale() <= 0 }?.longValueExact()
            ?: throw NotExpressible("`$name` is not a whole number")
    }

    /** `context.bundle`, as the Bundle a `get_bundle` response gives. */
    fun bundle(): Bundle? = args["context"]?.get("bundle")?.let(::bundleOf)

    /** `context.availability`, as the rows a `check_availability` response gives. */
    fun availability(): List<AvailabilityRow>? = args["context"]?.get("availability")?.let(::rowsOf)
}

/** A bundle's JSON as the typed Bundle, read the way a response is. */
fun bundleOf(bundle: Json): Bundle =
    parseGetBundleResponse(200, emptyMap(), """{"data": ${bundle.raw}}""".toByteArray()).data

/** Availability rows' JSON (a list) as typed rows, read the way a response is. */
fun rowsOf(rows: Json): List<AvailabilityRow> =
    parseCheckAvailabilityResponse(200, emptyMap(), """{"data": {"domains": ${rows.raw}}}""".toByteArray()).data.domains
