// Type-checked with `tsc --noEmit --strict` as CommonJS: both packages'
// declarations resolve for `require` (peeker-core: index.d.cts).
import wasm = require('peeker-core');
import native = require('peeker-core-native');

for (const api of [wasm, native]) {
  const request: { url: string } = new api.Client('pk_test_x').getOrder('ord_1');
  const response = api.parseResponse('list_orders', 200, {}, '{"data":[]}');
  const next: string | null = response.nextLink;
  const status: string | undefined = response.data.data[0]?.status;
  console.log(request.url, next, status, api.dedupeWindow(0).inside);
}
