// The order form's dev server: serves the repository on 127.0.0.1 (the page
// imports the built package from /bindings-wasm/pkg/) and tells the page which
// Peeker to talk to (peeker.json), after making sure that Peeker has the two
// demo bundles the form offers. Only a `pk_test_` key is ever handed to a page.
//   scripts/with-local.sh node examples/order-form/serve.mjs [port]   then open http://127.0.0.1:<port>/
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, paginate, send } from '../../bindings-wasm/pkg/node.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const PAGE = '/examples/order-form/';
const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
/** The bundles the form offers, by name: 2 Google + 1 Microsoft domains, and 4 + 2. */
export const BUNDLES = [
  { name: 'Starter', monthly_sending_volume: 2000, google_inboxes_per_domain: 2 },
  { name: 'Growth', monthly_sending_volume: 10000, google_inboxes_per_domain: 3 },
];

/** Creates the demo bundles the Peeker does not have yet (by name). */
async function seedBundles(client) {
  const names = new Set();
  for await (const bundle of paginate(client, client.listBundles({ status: 'active', per_page: 100 }))) names.add(bundle.name);
  for (const bundle of BUNDLES) if (!names.has(bundle.name)) await send(client.createBundle(bundle));
}

/** Starts the server on `port` (0: a free one) for the Peeker at `baseUrl` with the test key `apiKey`. */
export async function serveOrderForm({ baseUrl, apiKey, port = 0 }) {
  const client = new Client(apiKey, { baseUrl });
  // A page's code and memory are readable by whoever uses it: a live key must never get there.
  if (client.environment !== 'test') throw new Error('serve.mjs: only a pk_test_ key may be given to a page');
  await seedBundles(client);
  const config = JSON.stringify({ base_url: baseUrl, api_key: apiKey });
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    // The page's relative imports need its own folder as the base.
    if (path === '/') return res.writeHead(302, { location: PAGE }).end();
    if (path.endsWith('/')) path += 'index.html';
    if (path === `${PAGE}peeker.json`) return res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' }).end(config);
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
