// Type-checked with `tsc --noEmit --strict`: the form entry `peeker-core/form`
// from ESM (its declarations: form.d.ts), with the package's types.
import { ValidationError, dedupeKey, orderBody, planDomains, prepareAvailability, ready, validateOrder, type OrderCreate, type Report } from 'peeker-core/form';

await ready();
const order: OrderCreate = {
  user: 'a@b.co',
  bundle_id: 'bun_1',
  sequencer: { provider: 'smartlead', client_id: null, login_email: 'l@b.co', login_password: 'p' },
  domains: ['a.com'],
  personas: [{ first_name: 'Sam', last_name: 'Lee', profile_picture_url: null }],
};
// The availability response prepared once, for every validation of the form.
const availability = prepareAvailability({ domains: [{ domain: 'a.com', available: true, usable_for: ['google'], premium: false }] });
const report: Report = validateOrder(order, { availability });
const key: string = dedupeKey(orderBody(order));
console.log(report.valid, key, planDomains({ google: 1, microsoft: 0, total: 1 }, ['a.com'], []), ValidationError.name);
