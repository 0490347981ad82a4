// The order form's server, playing the partner's backend: it serves the page
// (which imports the built package from /bindings-wasm/pkg/) and answers the
// page's /api/ calls by calling Peeker with the full peeker-core and the key,
// which never reaches the page. It makes sure that Peeker has the two demo
// bundles the form offers.
//   scripts/with-local.sh node examples/order-form/serve.mjs [port]   then open http://127.0.0.1:<port>/
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, Client, PeekerError, paginate, send } from '../../bindings-wasm/pkg/node.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const PAGE = '/examples/order-form/';
const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
/** The bundles the form offers, by name: 2 Google + 1 Microsoft domains, and 4 + 2. */
export const BUNDLES = [
  { name: 'Starter', monthly_sending_volume: 2000, google_inboxes_per_domain: 2 },
  { name: 'Growth', monthly_sending_volume: 10000, google_inboxes_per_domain: 3 },
];
const TIMEOUT_MS = 10_000;

async function listBundles(client) {
  const bundles = [];
  for await (const bundle of paginate(client, client.listBundles({ status: 'active', per_page: 100 }), { timeoutMs: TIMEOUT_MS })) bundles.push(bundle);
  return bundles;
}

/** The page's calls: what each answers, from the request's JSON body and the path's id. */
function routes(client, baseUrl) {
  return {
    'GET config': async () => ({ base_url: baseUrl, environment: client.environment }),
    'GET bundles': () => listBundles(client),
    'POST availability': async ({ domains }) => {
      const rows = [];
      for (const request of client.checkAvailability(domains)) rows.push(...(await send(request, { timeoutMs: TIMEOUT_MS })).data.domains);
      return rows;
    },
    // The builder validates the order again (with its bundle and availability) before anything is sent;
    // send retries the same bytes inside Peeker's dedupe window.
    'POST orders': async ({ order, context }) => (await send(client.createOrder(order, context), { timeoutMs: 15_000 })).data,
    'GET orders': async (_, id) => (await send(client.getOrder(id), { timeoutMs: TIMEOUT_MS })).data,
  };
}

/** An SDK error as the page sees it: its code and message (never a typed value, never the key). */
function answerError(res, err) {
  const status = err instanceof ApiError ? (err.status ?? 502) : err instanceof PeekerError ? 422 : 500;
  const error = err instanceof PeekerError ? { code: err.code, message: err.message } : { code: 'backend_error', message: err.name };
  res.writeHead(status, { 'content-type': TYPES['.json'] }).end(JSON.stringify({ error }));
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Starts the server on `port` (0: a free one) for the Peeker at `baseUrl` with the test key `apiKey`. */
export async function serveOrderForm({ baseUrl, apiKey, port = 0 }) {
  const client = new Client(apiKey, { baseUrl });
  // The demo places orders for whoever opens the page: never with a live key.
  if (client.environment !== 'test') throw new Error('serve.mjs: only a pk_test_ key may be used by the demo');
  const existing = new Set((await listBundles(client)).map((bundle) => bundle.name));
  for (const bundle of BUNDLES) if (!existing.has(bundle.name)) await send(client.createBundle(bundle));
  const api = routes(client, baseUrl);
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const [, name, id] = path.match(/^\/api\/(\w+)(?:\/(\w+))?$/) ?? [];
    if (name !== undefined) {
      const route = api[`${req.method} ${name}`];
      if (!route) return res.writeHead(404).end();
      try {
        const answer = await route(req.method === 'POST' ? await readJson(req) : {}, id);
        return res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' }).end(JSON.stringify(answer));
      } catch (err) {
        return answerError(res, err);
      }
    }
    // The page's relative imports need its own folder as the base.
    if (path === '/') return res.writeHead(302, { location: PAGE }).end();
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = await readFile(join(ROOT, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { PEEKER_BASE_URL: baseUrl, PEEKER_API_KEY: apiKey } = process.env;
  if (!baseUrl || !apiKey) {
    console.error('serve.mjs: no Peeker to talk to; run it under scripts/with-local.sh');
    process.exit(2);
  }
  const server = await serveOrderForm({ baseUrl, apiKey, port: Number(process.argv[2] ?? 8080) });
  console.log(`order form: http://127.0.0.1:${server.address().port}/ (orders go to ${baseUrl})`);
}
