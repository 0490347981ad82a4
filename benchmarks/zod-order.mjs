// The zod peer of validate_order (the rules of order-rules.mjs: email, sequencer,
// domain names, duplicates, http(s) URLs, personas; with a bundle and availability
// rows, the count, each domain's availability and the Microsoft split), shared by
// the Node and Chromium benchmarks. `z` is passed in: a page cannot import "zod".
import { DOMAIN, HTTP_SCHEME, MAX_PERSONAS, MIN_PERSONAS, PROVIDER, contextIssues, duplicates, rowsByDomain } from './order-rules.mjs';

export function zodSchemas(z) {
  const httpUrl = z.url({ protocol: HTTP_SCHEME });
  const domainName = z.string().regex(DOMAIN);
  const zodOrder = z.object({
    user: z.email(),
    bundle_id: z.string().min(1),
    sequencer: z.object({
      provider: z.literal(PROVIDER),
      client_id: z.number().int().positive(),
      login_email: z.email(),
      login_password: z.string().min(1),
    }),
    forwarding_url: httpUrl.optional(),
    domains: z.array(z.union([domainName, z.object({ domain: domainName, forwarding_url: httpUrl.optional() })])).min(1)
      .superRefine((domains, ctx) => {
        for (const i of duplicates(domains)) ctx.addIssue({ code: 'custom', message: 'duplicate', path: [i] });
      }),
    personas: z.array(z.object({
      first_name: z.string().min(1),
      last_name: z.string().min(1),
      profile_picture_url: z.union([z.literal(''), z.null(), httpUrl]),
    })).min(MIN_PERSONAS).max(MAX_PERSONAS),
  });
  const zodOrderWith = (bundle, availability, rows = rowsByDomain(availability)) => zodOrder.superRefine((order, ctx) => {
    for (const [message, path] of contextIssues(order.domains, bundle, rows)) ctx.addIssue({ code: 'custom', message, path });
  });
  return { zodOrder, zodOrderWith };
}
