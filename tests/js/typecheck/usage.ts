// Type-checked with `tsc --noEmit --strict` against the installed packages:
// calls every function of peeker-core with typed arguments and results, and
// checks peeker-core-native has the same API.
import * as wasm from 'peeker-core';
import * as native from 'peeker-core-native';
import type { Bundle, Me, OperationData, Order, OrderCreate, Page, PeekerRequest, Report, User } from 'peeker-core';

type Api = typeof wasm;
const apis: Api[] = [wasm, native];
// Loading: nothing to pass, or the .wasm from elsewhere.
await Promise.all([wasm.ready(), native.ready(), wasm.ready(new URL('https://cdn.example/peeker.wasm')), wasm.ready(new Uint8Array(8))]);

const order: OrderCreate = {
  user: 'a@b.co',
  bundle_id: 'bun_1',
  sequencer: { provider: 'smartlead', client_id: null, login_email: 'l@b.co', login_password: 'p' },
  domains: ['a.com', { domain: 'b.com', forwarding_url: 'https://b.com' }],
  personas: [{ first_name: 'Sam', last_name: 'Lee', profile_picture_url: null }],
};

export function exercise(api: Api): void {
  const text: string = api.canonicalize('{"b":1,"a":2}');
  const signature: string = api.signWebhook('whsec_x', 1767225600, text);
  const verified: { timestamp: number } = api.verifyWebhook(
    text,
    { 'Peeker-Timestamp': '1767225600', 'Peeker-Signature': signature },
    ['whsec_x'],
    { now: 1767225600, tolerance: 300 },
  );
  // @ts-expect-error the unsigned Peeker-Event-Id header is not returned (D6)
  void verified.eventId;
  const event = api.constructEvent(text, new Map([['Peeker-Signature', signature]]), 'whsec_x');
  if (event.type === 'order.completed') {
    const total: number | undefined = event.data.costs?.total_cents;
    void total;
  }
  const parsed = api.parseEvent(new TextEncoder().encode(text));
  const report: Report = api.validateOrder({ user: 'a@b.co' }, { bundle: { id: 'bun_1' }, availability: [] });
  for (const violation of report.violations) {
    const severity: 'error' | 'warning' = violation.severity;
    const code: wasm.ViolationCode = violation.code;
    void [severity, code];
  }
  const reports: Report[] = [
    api.validateBundle({}), api.validateBundlePatch({}), api.validateUser({}), api.validateUserPatch({}),
    api.validateSizing({}), api.validateAvailabilityLookup({}), api.validateImport({}), api.validateImportJob({}),
    api.validateForwarding({}), api.validateSwap({}), api.validateUserNameSwap({}), api.validateCancellation(null),
  ];
  const required: { google: number; microsoft: number; total: number } = api.estimateRequiredDomains({
    monthly_sending_volume: 25000,
  });
  const plan = api.planDomains(required, ['a.com'], [{ domain: 'a.com', available: true, usable_for: ['google'], premium: false }]);
  const prepared: wasm.PreparedAvailability = api.prepareAvailability({ domains: [] });
  const againstPrepared: Report = api.validateOrder({ user: 'a@b.co' }, { availability: prepared });
  void [api.planDomains(required, ['a.com'], prepared), againstPrepared, prepared.free()];
  const body: Uint8Array = api.orderBody(order);
  const key: string = api.dedupeKey(body);
  const window: { inside: boolean; expiresAt: number; remainingSeconds: number } = api.dedupeWindow(1767225600);
  const client = new api.Client('pk_test_x', { baseUrl: null, userAgent: 'my-app/1.0' });
  const environment: 'live' | 'test' = client.environment;
  const requests: PeekerRequest[] = [
    client.getMe(), client.createUser({ email: 'a@b.co' }), client.listUsers({ per_page: 10, status: 'active' }),
    client.getUser('usr_1'), client.updateUser('usr_1', { first_name: 'Sam' }), client.deleteUser('usr_1'),
    client.createBundle({ name: 'Starter', monthly_sending_volume: 25000, google_inboxes_per_domain: 2 }),
    client.listBundles(), client.getBundle('bun_1'), client.updateBundle('bun_1', { google_percent: null }),
    client.deleteBundle('bun_1'), client.listDomains({ usable_for: 'microsoft' }),
    ...client.checkAvailability(['a.com']), ...client.importDomains(['a.com']), ...client.importDomainsJob(['a.com']),
    client.getImport('imp_1'), client.getImportJob('imp_1'), client.findImports(['a.com']),
    ...client.updateForwarding(['a.com'], 'https://a.com'), client.getForwardingJob('fwj_1'),
    client.createOrder(order, { bundle: null }), client.createOrder(order), client.listOrders({ status: 'completed' }),
    client.getOrder('ord_1'), client.listPendingActions(), client.cancelOrder('ord_1', { domains: ['a.com'] }),
    client.cancelOrder('ord_1'), client.createSwap({ type: 'standard', domain_id: 'dom_1', replacement_domain: 'c.com' }),
    client.listSwaps(), client.getSwap('swp_1'),
    client.swapUserNames({ domain_id: 'dom_1', personas: [{ first_name: 'A', last_name: 'B', profile_picture_url: '' }] }),
    client.nextPage('/orders?page_token=x'),
  ];
  // @ts-expect-error a request body's members are typed: `email` is a string
  client.createUser({ email: 5 });
  // @ts-expect-error list filters are typed: `status` is one of the contract's values
  client.listOrders({ status: 'done' });

  // Response data is typed by operation; pages carry `nextLink`.
  const response = api.parseResponse('get_order', 200, [['Peeker-Request-Id', 'req_1']], '{"data":{"id":"ord_1"}}');
  const status: wasm.OrderStatus | undefined = response.data.status;
  const page = api.parseResponse('list_users', 200, {}, '{"data":[]}');
  const users: User[] = page.data.data;
  const next: string | null = page.nextLink;
  const bundle: Bundle = api.parseResponse('get_bundle', 200, {}, '{"data":{"id":"bun_1"}}').data;
  const deleted: Bundle | null = api.parseResponse('delete_bundle', 204, {}, '').data;
  const orders: OperationData['list_orders'] extends Page<wasm.Order> ? true : false = true;
  const advice = api.retryAdvice('create_order', { status: 503 }, { attempt: 1, jitter: 0.5, dedupe: { first_sent_at: 1767225600 } });
  const delay: number = advice.delayMs;
  const reason: wasm.RetryReason = advice.reason;
  try {
    api.canonicalize('[');
  } catch (err) {
    if (err instanceof api.JsonError) console.log(err.code, err.line, err.column);
    else if (err instanceof api.ValidationError) console.log(err.report?.violations.length);
    else if (err instanceof api.ApiError) {
      console.log(err.status, err.requestId, err.retryAfterSeconds, api.retryAdvice('get_me', err).retry);
    } else if (err instanceof api.WebhookError || err instanceof api.ConfigError || err instanceof api.InternalError) {
      console.log(err.code);
    } else if (err instanceof api.PeekerError) console.log(err.code);
  }
  console.log(verified, parsed, reports, plan, key, window, environment, requests, status, users, next, bundle, deleted);
  console.log(orders, delay, reason, api.VERSION, api.DEFAULT_TOLERANCE_SECONDS);
}

// The optional send helpers: answers typed by the request's operation, items by the list's.
export async function sending(api: Api): Promise<void> {
  const client = new api.Client('pk_test_x', { baseUrl: 'http://127.0.0.1:4010/partner/v1' });
  const me: Me = (await api.send(client.getMe(), { fetch, timeoutMs: 1000, retries: 2, signal: null })).data;
  const placed: Order = (await api.send(client.createOrder(order), { firstSentAt: 1767225600, signal: AbortSignal.timeout(5000) })).data;
  for await (const user of api.paginate(client, client.listUsers({ per_page: 100 }))) {
    const email: string | undefined = user.email;
    void email;
  }
  for await (const page of api.paginate(client, client.listOrders(), { pages: true, timeoutMs: 500 })) {
    const orders: Order[] = page.data.data;
    const next: string | null = page.nextLink;
    void [orders, next];
  }
  const next: PeekerRequest<'list_users'> = client.nextPage('/users?page_token=x', 'list_users');
  const timeout: 30000 = api.DEFAULT_TIMEOUT_MS;
  // @ts-expect-error a nextPage request without its list's operation cannot be sent
  await api.send(client.nextPage('/users?page_token=x'));
  // @ts-expect-error only list operations are paginated
  api.paginate(client, client.getMe());
  // @ts-expect-error nextPage takes a list operation
  client.nextPage('/users?page_token=x', 'get_me');
  console.log(me, placed, next, timeout);
}

apis.forEach(exercise);
