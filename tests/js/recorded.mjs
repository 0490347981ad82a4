// Recorded Peeker answers for the README example, served by a stand-in for
// fetch: the example does its HTTP exactly as written, only the network is replaced.
const json = (status, body) => ({ status, body: JSON.stringify(body) });

export const RECORDED = {
  'GET /partner/v1/bundles/bun_123': json(200, {
    data: {
      id: 'bun_123', name: 'Starter', monthly_sending_volume: 2000, google_percent: null, microsoft_percent: null,
      send_on_weekends: false, google_inboxes_per_domain: 2, status: 'active',
      required_domains: { google: 2, microsoft: 1, total: 3 }, created_at: '2026-05-08T12:00:00Z',
    },
  }),
  'POST /partner/v1/domains/availability': json(200, {
    data: {
      domains: [
        { domain: 'acme-outreach.com', available: true, price_cents: 1200, currency: 'usd', usable_for: ['google', 'microsoft'], premium: false },
        { domain: 'acme-mail.com', available: true, price_cents: 1200, currency: 'usd', usable_for: ['google'], premium: false },
        { domain: 'acme-team.com', available: true, price_cents: 1400, currency: 'usd', usable_for: ['google'], premium: false },
      ],
    },
  }),
  'POST /partner/v1/orders': json(200, {
    data: {
      id: 'ord_01HZX0OR1A2B3C4D5E6F7G8H', user_id: 'usr_01HZX0C6Z3K4M5N6P7Q8R9S0', email: 'client@example.com',
      bundle_id: 'bun_123', status: 'in_progress', domain_count: 3, costs: { total_cents: 9800, currency: 'usd' },
      created_at: '2026-11-27T12:00:00Z',
    },
  }),
};

/** A fetch that answers from RECORDED and records what was sent. */
export function recordedFetch(sent) {
  return async (url, init) => {
    const { pathname } = new URL(url);
    sent.push({ method: init.method, url, headers: init.headers, body: init.body ?? null });
    const answer = RECORDED[`${init.method} ${pathname}`] ?? json(404, { error: { code: 'not_found', message: 'not recorded' } });
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': 'application/json', 'peeker-request-id': 'req_recorded' },
    });
  };
}
