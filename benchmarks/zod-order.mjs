// The zod peer of validate_order (the same rules as peeker-core: email, sequencer,
// domain names, duplicates, http(s) URLs, personas; with a bundle and availability
// rows, the count, each domain's availability and the Microsoft split), shared by
// the Node and Chromium benchmarks. `z` is passed in: a page cannot import "zod".
export function zodSchemas(z) {
  const httpUrl = z.url({ protocol: /^https?$/ });
  const domainName = z.string().regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i);
  const zodOrder = z.object({
    user: z.email(),
    bundle_id: z.string().min(1),
    sequencer: z.object({
      provider: z.literal('smartlead'),
      client_id: z.number().int().positive(),
      login_email: z.email(),
      login_password: z.string().min(1),
    }),
    forwarding_url: httpUrl.optional(),
    domains: z.array(z.union([domainName, z.object({ domain: domainName, forwarding_url: httpUrl.optional() })])).min(1)
      .superRefine((domains, ctx) => {
        const seen = new Set();
        domains.forEach((d, i) => {
          const name = (typeof d === 'string' ? d : d.domain).toLowerCase();
          if (seen.has(name)) ctx.addIssue({ code: 'custom', message: 'duplicate', path: [i] });
          seen.add(name);
        });
      }),
    personas: z.array(z.object({
      first_name: z.string().min(1),
      last_name: z.string().min(1),
      profile_picture_url: z.union([z.literal(''), z.null(), httpUrl]),
    })).min(1).max(10),
  });
  // With a bundle and availability rows: the count, each domain's availability and the Microsoft split.
  const zodOrderWith = (bundle, availability) => zodOrder.superRefine((order, ctx) => {
    const rows = new Map(availability.map((row) => [row.domain, row]));
    const names = order.domains.map((d) => (typeof d === 'string' ? d : d.domain));
    if (names.length !== bundle.required_domains.total) ctx.addIssue({ code: 'custom', message: 'domain_count_mismatch', path: ['domains'] });
    let microsoft = 0;
    names.forEach((name, i) => {
      const row = rows.get(name);
      if (!row) ctx.addIssue({ code: 'custom', message: 'availability_unknown', path: ['domains', i] });
      else if (!row.available) ctx.addIssue({ code: 'custom', message: 'domain_unavailable', path: ['domains', i] });
      else if (row.premium) ctx.addIssue({ code: 'custom', message: 'premium_domain', path: ['domains', i] });
      else if (row.usable_for.includes('microsoft')) microsoft += 1;
    });
    if (microsoft < bundle.required_domains.microsoft) ctx.addIssue({ code: 'custom', message: 'microsoft_split_unmet', path: ['domains'] });
  });
  return { zodOrder, zodOrderWith };
}
