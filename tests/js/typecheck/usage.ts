// Type-checked with `tsc --noEmit --strict` against the installed packages:
// calls every function of peeker-core, and checks peeker-core-native has the same API.
import * as wasm from 'peeker-core';
import * as native from 'peeker-core-native';

type Api = typeof wasm;
const apis: Api[] = [wasm, native];

export function exercise(api: Api): void {
  const text: string = api.canonicalize('{"b":1,"a":2}');
  const signature: string = api.signWebhook('whsec_x', 1767225600, text);
  const verified: { timestamp: number; eventId: string | null } = api.verifyWebhook(
    text,
    { 'Peeker-Timestamp': '1767225600', 'Peeker-Signature': signature },
    ['whsec_x'],
    { now: 1767225600, tolerance: 300 },
  );
  const event = api.constructEvent(text, new Map([['Peeker-Signature', signature]]), 'whsec_x');
  if (event.kind === 'order') {
    const total: number | null | undefined = event.data.costs?.total_cents;
    void total;
  }
  const parsed = api.parseEvent(new TextEncoder().encode(text));
  const report = api.validateOrder({ user: 'a@b.co' }, { bundle: { id: 'bun_1' }, availability: [] });
  for (const violation of report.violations) {
    const severity: 'error' | 'warning' = violation.severity;
    void severity;
  }
  const reports = [
    api.validateBundle({}), api.validateBundlePatch({}), api.validateUser({}), api.validateUserPatch({}),
    api.validateAvailabilityLookup({}), api.validateImport({}, { job: true }), api.validateForwarding({}),
    api.validateSwap({}), api.validateUserNameSwap({}), api.validateCancellation(null),
  ];
  const required: { google: number; microsoft: number; total: number } = api.estimateRequiredDomains({
    monthly_sending_volume: 25000,
  });
  const plan = api.planDomains(required, ['a.com'], [{ domain: 'a.com', available: true, usable_for: ['google'], premium: false }]);
  const body: Uint8Array = api.orderBody({ user: 'a@b.co' });
  const key: string = api.dedupeKey(body);
  const window: { inside: boolean; expiresAt: number; remainingSeconds: number } = api.dedupeWindow(1767225600);
  const client = new api.Client('pk_test_x', { baseUrl: null, userAgent: 'my-app/1.0' });
  const environment: 'live' | 'test' = client.environment;
  const requests: wasm.PeekerRequest[] = [
    client.getMe(), client.createUser({}), client.listUsers({ per_page: 10 }), client.getUser('usr_1'),
    client.updateUser('usr_1', {}), client.deleteUser('usr_1'), client.createBundle({}), client.listBundles(),
    client.getBundle('bun_1'), client.updateBundle('bun_1', {}), client.deleteBundle('bun_1'), client.listDomains(),
    ...client.checkAvailability(['a.com']), ...client.importDomains(['a.com']), ...client.importDomainsJob(['a.com']),
    client.getImport('imp_1'), client.getImportJob('imp_1'), client.findImports(['a.com']),
    ...client.updateForwarding(['a.com'], 'https://a.com'), client.getForwardingJob('fwj_1'),
    client.createOrder({}, { bundle: null }), client.listOrders(), client.getOrder('ord_1'),
    client.listPendingActions(), client.cancelOrder('ord_1', { domains: ['a.com'] }), client.createSwap({}),
    client.listSwaps(), client.getSwap('swp_1'), client.swapUserNames({}), client.nextPage('/orders?page_token=x'),
  ];
  const response = api.parseResponse('get_order', 200, [['Peeker-Request-Id', 'req_1']], '{"data":{"id":"ord_1"}}');
  const status: string | null | undefined = response.data.status;
  const page = api.parseResponse('list_users', 200, {}, '{"data":[]}');
  const next: string | null | undefined = page.data.links.next;
  const advice = api.retryAdvice('create_order', { status: 503 }, { attempt: 1, jitter: 0.5, dedupe: null });
  const delay: number = advice.delayMs;
  try {
    api.canonicalize('[');
  } catch (err) {
    if (err instanceof api.JsonError) console.log(err.code, err.line, err.column);
    else if (err instanceof api.ValidationError) console.log(err.report?.violations.length);
    else if (err instanceof api.ApiError) console.log(err.status, err.requestId, err.retryAfterSeconds);
    else if (err instanceof api.WebhookError || err instanceof api.ConfigError || err instanceof api.InternalError) {
      console.log(err.code);
    } else if (err instanceof api.PeekerError) console.log(err.code);
  }
  console.log(verified, parsed, reports, plan, key, window, environment, requests, status, next, delay, api.VERSION);
  console.log(api.DEFAULT_TOLERANCE_SECONDS);
}

apis.forEach(exercise);
