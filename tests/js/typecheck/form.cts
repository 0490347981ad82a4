// Type-checked with `tsc --noEmit --strict` as CommonJS: `peeker-core/form` resolves
// for `require` (form.d.cts).
import form = require('peeker-core/form');

const report: form.Report = form.validateOrder({});
console.log(report.valid, form.dedupeWindow(0).inside, form.validateSizing({}).valid);
