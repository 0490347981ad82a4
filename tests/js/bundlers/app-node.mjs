// A server app bundled into one file with esbuild --platform=node (serverless):
// both entries from Node, printed for tests/js/bundlers.test.mjs; a webhook verified
// through the Node entry's node:crypto HMAC.
import { canonicalize, signWebhook, validateOrder, verifyWebhook } from 'peeker-core';
import * as form from 'peeker-core/form';

const order = { user: 'a@b.co', domains: ['a.com', 'bad domain'] };
console.log(JSON.stringify({
  canonical: canonicalize('{"b":1,"a":2}'),
  codes: form.validateOrder(order).violations.map((v) => v.code).sort(),
  same: JSON.stringify(form.validateOrder(order)) === JSON.stringify(validateOrder(order)),
  verified: verifyWebhook('{}', { 'Peeker-Timestamp': '1767225600', 'Peeker-Signature': signWebhook('whsec_b', 1767225600, '{}') }, 'whsec_b', { now: 1767225600 }),
}));
