"""The demonstration: canonicalize Peeker's example order, sign a webhook for it,
verify the delivery and reject a tampered copy."""

import json
from pathlib import Path

import peeker_core

order = (Path(__file__).parents[2] / "examples" / "order.json").read_text(encoding="utf-8")
body = peeker_core.canonicalize(order)
# The body is what to POST; it holds the Smartlead password, so mask it for display.
password = json.dumps(json.loads(order)["sequencer"]["login_password"])
print(f"[python] canonical order ({len(body.encode())} bytes, password masked here): "
      + body.replace(password, '"[redacted]"'))

secret, now = "whsec_demo_secret", 1767225600
headers = {"Peeker-Timestamp": str(now), "Peeker-Signature": peeker_core.sign_webhook(secret, now, body)}
print(f"[python] signed webhook: {headers['Peeker-Signature']}")
print(f"[python] verified: {peeker_core.verify_webhook(body, headers, secret, now=now + 5)!r}")
try:
    peeker_core.verify_webhook(body.replace("Sam", "Eve"), headers, secret, now=now + 5)
    print("[python] tampered body verified (this is a bug)")
except peeker_core.WebhookError as err:
    print(f"[python] tampered body rejected: {err.code} ({type(err).__name__})")
