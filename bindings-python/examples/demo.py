"""The demonstration, against the local Peeker whose coordinates are in the
environment (PEEKER_BASE_URL, PEEKER_API_KEY, PEEKER_WEBHOOK_SECRET,
PEEKER_LOCAL_URL: scripts/with-local.sh exports them): a bundle, availability
and a plan, a real order sent with the optional urllib helpers
(``peeker_core.send``, ``peeker_core.paginate``), its ``order.completed``
received and verified by a Starlette app under uvicorn, the full order read
back, and a tampered copy of the delivery refused. bindings-python/README.md
has the same flow with a hand-written urllib transport."""

import json
import os
import secrets
import socket
import threading
import time
import urllib.request
from typing import Dict, List, Tuple

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

import peeker_core
from peeker_core import send

WEBHOOK_SECRET = os.environ["PEEKER_WEBHOOK_SECRET"]
client = peeker_core.Client(os.environ["PEEKER_API_KEY"], base_url=os.environ["PEEKER_BASE_URL"])

# The webhook endpoint keeps each order.completed's raw delivery, to show a tampered copy refused.
deliveries: Dict[str, Tuple[bytes, List[Tuple[str, str]]]] = {}
arrived = threading.Condition()


async def webhook(request: Request) -> JSONResponse:
    body = await request.body()
    try:
        event = peeker_core.construct_event(body, request.headers, WEBHOOK_SECRET)
    except peeker_core.WebhookError as err:
        return JSONResponse({"error": {"code": err.code}}, status_code=400)
    if event["type"] == "order.completed":
        with arrived:
            deliveries[event["data"]["id"]] = (body, request.headers.items())
            arrived.notify_all()
    return JSONResponse({"received": event["id"]})


listener = socket.socket()
listener.bind(("127.0.0.1", 0))
server = uvicorn.Server(uvicorn.Config(Starlette(routes=[Route("/webhooks", webhook, methods=["POST"])]),
                                       log_level="warning"))
threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True).start()
while not server.started:
    time.sleep(0.01)
endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}/webhooks"
urllib.request.urlopen(urllib.request.Request(
    os.environ["PEEKER_LOCAL_URL"] + "/webhook-endpoints", data=json.dumps({"url": endpoint}).encode(),
    headers={"Content-Type": "application/json"}, method="POST"), timeout=10).close()

bundle = send("create_bundle", client.create_bundle({"name": "Demo", "monthly_sending_volume": 2000})).data
required = bundle["required_domains"]
print(f"[python] bundle {bundle['id']}: 2,000 emails a month need {required['total']} domains "
      f"({required['google']} Google, {required['microsoft']} Microsoft)")

run = secrets.token_hex(3)  # fresh names: the server may have seen this demo before
picked = [f"pydemo-{run}.com", f"pydemo-{run}-team.io", f"pydemo-{run}-hq.io", f"taken-{run}.com"]
rows: List[peeker_core.AvailabilityRow] = []
for lookup in client.check_availability(picked):
    rows += send("check_availability", lookup).data["domains"]
plan = peeker_core.plan_domains(required, picked, rows)
print(f"[python] plan: Microsoft {list(plan.microsoft)}, Google {list(plan.google)}, "
      f"unusable {[(u.domain, u.reason) for u in plan.unusable]}")

order: peeker_core.OrderCreate = {
    "user": "client@example.com",
    "bundle_id": bundle["id"],
    "sequencer": {"provider": "smartlead", "client_id": 366903,
                  "login_email": "smartlead-login@example.com", "login_password": "demo-password"},
    "domains": [*plan.microsoft, *plan.google],
    "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": None}],
}
request = client.create_order(order, bundle=bundle, availability=rows)
receipt = send("create_order", request).data  # retried only inside the 24-hour dedupe window
print(f"[python] order {receipt['id']} placed with urllib: {receipt.get('status')} "
      f"({len(request.body or b'')} canonical bytes, dedupe key {peeker_core.dedupe_key(request.body or b'')[:12]})")

with arrived:
    if not arrived.wait_for(lambda: receipt["id"] in deliveries, timeout=60):
        raise SystemExit("[python] no order.completed within 60 s")
body, headers = deliveries[receipt["id"]]
event = peeker_core.construct_event(body, headers, WEBHOOK_SECRET)  # verified again here, to show it
if event["type"] == "order.completed":  # narrows event["data"] to the full Order
    registered = event["data"].get("domains", {}).get("registered", [])
    print(f"[python] webhook {event['type']} ({event['id']}) verified in Starlette under uvicorn: "
          f"{event['data'].get('status')}, {len(registered)} domains registered")
full = send("get_order", client.get_order(receipt["id"])).data
costs = full.get("costs", {})
print(f"[python] GET /orders/{full['id']}: {full.get('status')}, {costs.get('total_cents')} cents "
      f"{costs.get('currency')}, same as the webhook: {full == event['data']}")
try:
    peeker_core.construct_event(body.replace(b'"completed"', b'"cancelled"', 1), headers, WEBHOOK_SECRET)
    print("[python] a tampered delivery verified (this is a bug)")
except peeker_core.WebhookError as err:
    print(f"[python] a tampered copy of that delivery: refused ({err.code})")
orders = list(peeker_core.paginate(client, "list_orders", client.list_orders(per_page=10)))
print(f"[python] paginate, 10 a page: {len(orders)} order(s) in the account")
server.should_exit = True
