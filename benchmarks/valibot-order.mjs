// The valibot peer of validate_order: the rules of order-rules.mjs, as the zod
// peer (zod-order.mjs) checks them, shared by the Node and Chromium benchmarks.
// `v` is passed in: a page cannot import "valibot".
import { DOMAIN, MAX_PERSONAS, MIN_PERSONAS, PROVIDER, contextIssues, duplicates, isHttpUrl, rowsByDomain } from './order-rules.mjs';

export function valibotSchemas(v) {
  const httpUrl = v.pipe(v.string(), v.check(isHttpUrl));
  const domainName = v.pipe(v.string(), v.regex(DOMAIN));
  const email = v.pipe(v.string(), v.email());
  const valibotOrder = v.object({
    user: email,
    bundle_id: v.pipe(v.string(), v.minLength(1)),
    sequencer: v.object({
      provider: v.literal(PROVIDER),
      client_id: v.pipe(v.number(), v.integer(), v.gtValue(0)),
      login_email: email,
      login_password: v.pipe(v.string(), v.minLength(1)),
    }),
    forwarding_url: v.optional(httpUrl),
    domains: v.pipe(
      v.array(v.union([domainName, v.object({ domain: domainName, forwarding_url: v.optional(httpUrl) })])),
      v.minLength(1),
      v.rawCheck(({ dataset, addIssue }) => {
        for (const i of duplicates(dataset.value)) addIssue({ message: `duplicate at ${i}` });
      }),
    ),
    personas: v.pipe(
      v.array(v.object({
        first_name: v.pipe(v.string(), v.minLength(1)),
        last_name: v.pipe(v.string(), v.minLength(1)),
        profile_picture_url: v.union([v.literal(''), v.null(), httpUrl]),
      })),
      v.minLength(MIN_PERSONAS),
      v.maxLength(MAX_PERSONAS),
    ),
  });
  // As zod's refinement: the context checks run on an order that passed the schema.
  const valibotOrderWith = (bundle, availability, rows = rowsByDomain(availability)) => v.pipe(valibotOrder, v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const [message] of contextIssues(dataset.value.domains, bundle, rows)) addIssue({ message });
  }));
  return { valibotOrder, valibotOrderWith };
}
