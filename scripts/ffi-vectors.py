"""The UniFFI library of the release jar, loaded with Python ctypes on a platform
this machine only emulates (scripts/platform-test.sh ffi-arm64), runs the shared
canonicalization vectors and RFC 8785 samples through its C ABI, as the Kotlin
and Swift bindings call it: a string goes in and out as a RustBuffer of UTF-8,
an error comes back as the serialized PeekerError (variant, then its `code`).
(uniffi-bindgen's Python output cannot be used: 0.32.2 writes a default argument
before a required one for retry_advice.)
    python3 ffi-vectors.py LIBRARY VECTORS_DIR
Last line: `peeker-summary ffi <N> passed`; exit 1 when a case fails."""

import ctypes
import json
import struct
import sys
from pathlib import Path


class RustBuffer(ctypes.Structure):
    _fields_ = [("capacity", ctypes.c_uint64), ("len", ctypes.c_uint64), ("data", ctypes.POINTER(ctypes.c_char))]


class ForeignBytes(ctypes.Structure):
    _fields_ = [("len", ctypes.c_int32), ("data", ctypes.POINTER(ctypes.c_char))]


class CallStatus(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int8), ("error_buf", RustBuffer)]


lib = ctypes.CDLL(sys.argv[1])
vectors = Path(sys.argv[2])
lib.ffi_peeker_core_ffi_rustbuffer_from_bytes.argtypes = (ForeignBytes, ctypes.POINTER(CallStatus))
lib.ffi_peeker_core_ffi_rustbuffer_from_bytes.restype = RustBuffer
lib.ffi_peeker_core_ffi_rustbuffer_free.argtypes = (RustBuffer, ctypes.POINTER(CallStatus))
lib.ffi_peeker_core_ffi_rustbuffer_free.restype = None
lib.uniffi_peeker_core_ffi_fn_func_canonicalize.argtypes = (RustBuffer, ctypes.POINTER(CallStatus))
lib.uniffi_peeker_core_ffi_fn_func_canonicalize.restype = RustBuffer


def call(function, *args):
    status = CallStatus()
    result = function(*args, ctypes.byref(status))
    return status, result


def take(buffer):
    """The bytes of a buffer the library returned, which is then freed."""
    data = ctypes.string_at(buffer.data, buffer.len) if buffer.len else b""
    call(lib.ffi_peeker_core_ffi_rustbuffer_free, buffer)
    return data


def canonicalize(source):
    raw = source.encode("utf-8")
    status, argument = call(lib.ffi_peeker_core_ffi_rustbuffer_from_bytes,
                            ForeignBytes(len(raw), ctypes.cast(ctypes.c_char_p(raw), ctypes.POINTER(ctypes.c_char))))
    assert status.code == 0
    status, result = call(lib.uniffi_peeker_core_ffi_fn_func_canonicalize, argument)
    if status.code == 0:
        return {"output": take(result).decode("utf-8")}
    if status.code != 1:  # 2: a panic crossed the boundary
        return {"panic": status.code}
    error = take(status.error_buf)
    (length,) = struct.unpack(">i", error[4:8])  # after the variant: the code string
    return {"error": error[8:8 + length].decode("utf-8")}


passed = failed = 0


def text(value):
    """A vector text: a string, or {"parts": [[piece, count], ...]} joined."""
    if isinstance(value, dict):
        return "".join(piece * count for piece, count in value["parts"])
    return value


cases = [(c["name"], text(c["input"]), c["expect"]) for c in json.loads((vectors / "canonicalize.json").read_text())]
for sample in sorted((vectors / "rfc8785" / "input").glob("*.json")):
    expected = (vectors / "rfc8785" / "output" / sample.name).read_text(encoding="utf-8")
    cases.append((f"RFC 8785 {sample.stem}", sample.read_text(encoding="utf-8"), {"output": expected}))
for name, source, expect in cases:
    got = canonicalize(source)
    if got == expect:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {str(got)[:120]} != {str(expect)[:120]}")
print(f"peeker-summary ffi {passed} passed")
sys.exit(1 if failed else 0)
