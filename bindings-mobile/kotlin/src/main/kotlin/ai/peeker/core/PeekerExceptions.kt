package ai.peeker.core

// Every case of the generated sealed PeekerException carries `code` and
// `detail`; these let callers read them from the base type (`catch (e:
// PeekerException) { e.code }`) without a `when`.

/** The stable snake_case code, identical in every host (`signature_mismatch`, ...). */
val PeekerException.code: String
    get() = when (this) {
        is PeekerException.Config -> code
        is PeekerException.Validation -> code
        is PeekerException.Json -> code
        is PeekerException.Webhook -> code
        is PeekerException.Api -> code
        is PeekerException.Internal -> code
    }

/** What went wrong, for people. May change between versions; branch on [code]. */
val PeekerException.detail: String
    get() = when (this) {
        is PeekerException.Config -> detail
        is PeekerException.Validation -> detail
        is PeekerException.Json -> detail
        is PeekerException.Webhook -> detail
        is PeekerException.Api -> detail
        is PeekerException.Internal -> detail
    }
