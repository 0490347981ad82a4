// A Cloudflare Worker over the npm package `peeker-core` (its `workerd` entry),
// bundled the way wrangler bundles one (bindings-wasm/test/workerd.test.mjs).
//   GET  /vectors  runs every shared vector case; the files come from the
//                  FILES service (the test's server of the repository)
//   POST /webhook  verifies a delivery from the raw body, as a partner's Worker would
//   POST /readme   the Worker example of the package's README, as written
//   GET  /idna     the IDNA differential Worker (tests/js/workerd/idna.mjs), when bound
import * as peeker from 'peeker-core';
import readme from 'readme-worker'; // the test writes the README's block there
import { runAll } from '../cases.mjs';

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/readme') return readme.fetch(request, { PEEKER_WEBHOOK_SECRET: env.WEBHOOK_SECRET });
    if (pathname === '/idna') return env.IDNA.fetch(request);
    if (pathname === '/vectors') {
      const results = await runAll(peeker, async (path) => {
        const response = await env.FILES.fetch(`http://files/tests/vectors/${path}`);
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        return response.text();
      });
      const { headers } = new peeker.Client('pk_test_worker').getMe();
      const userAgent = Object.entries(headers).find(([name]) => name.toLowerCase() === 'user-agent')?.[1];
      return Response.json({ results, userAgent });
    }
    if (pathname === '/webhook' && request.method === 'POST') {
      const body = new Uint8Array(await request.arrayBuffer());
      try {
        const event = peeker.constructEvent(body, request.headers, env.WEBHOOK_SECRET);
        return Response.json({ received: event.id, type: event.type, order: event.type === 'unknown' ? null : event.data.id });
      } catch (err) {
        if (!(err instanceof peeker.WebhookError)) throw err;
        return Response.json({ error: err.code }, { status: 400 });
      }
    }
    return new Response('not found', { status: 404 });
  },
};
