// A server app bundled into one file with esbuild --platform=node (serverless):
// both entries from Node, printed for tests/js/bundlers.test.mjs.
import { canonicalize, validateOrder } from 'peeker-core';
import * as form from 'peeker-core/form';

const order = { user: 'a@b.co', domains: ['a.com', 'bad domain'] };
console.log(JSON.stringify({
  canonical: canonicalize('{"b":1,"a":2}'),
  codes: form.validateOrder(order).violations.map((v) => v.code).sort(),
  same: JSON.stringify(form.validateOrder(order)) === JSON.stringify(validateOrder(order)),
}));
