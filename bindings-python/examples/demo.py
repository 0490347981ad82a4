"""The demonstration: canonicalize Peeker's example order, sign a webhook for it,
verify the delivery and reject a tampered copy; then the same order through
validation, the client and a typed event (bindings-python/README.md has the
whole buying-domains flow)."""

import json
from pathlib import Path

import peeker_core

order_text = (Path(__file__).parents[2] / "examples" / "order.json").read_text(encoding="utf-8")
body = peeker_core.canonicalize(order_text)
# The body is what to POST; it holds the Smartlead password, so mask it for display.
order = json.loads(order_text)
password = json.dumps(order["sequencer"]["login_password"])
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

bundle = {"id": "bun_123", "required_domains": {"google": 8, "microsoft": 4, "total": 12}}
report = peeker_core.validate_order(order, bundle=bundle)
print(f"[python] against a 12-domain bundle: valid={report.valid}, "
      + ", ".join(f"{v.code} at {v.path!r}" for v in report.violations))
client = peeker_core.Client("pk_test_demo_key")
request = client.create_order(order)
assert request.body == peeker_core.order_body(order)
print(f"[python] {request!r}")
delivery = b'{"id":"evt_demo","type":"order.completed","data":{"id":"ord_demo","status":"completed"}}'
headers = {"Peeker-Timestamp": str(now), "Peeker-Signature": peeker_core.sign_webhook(secret, now, delivery)}
event = peeker_core.construct_event(delivery, headers, secret, now=now + 5)
if event["type"] == "order.completed":  # narrows event["data"] to an Order
    print(f"[python] webhook event: {event['type']} for order {event['data']['id']}")
