// Type-checked with `tsc --noEmit --strict`: webhook events are a union
// discriminated by `type`, so `switch (event.type)` narrows `data`, and a
// misspelt type does not compile.
import { constructEvent, type Domain, type Order, type PeekerEvent } from 'peeker-core';

export function describe(event: PeekerEvent): string {
  switch (event.type) {
    case 'order.completed': {
      const order: Order = event.data; // narrowed: `data` is the full order
      return `${order.id} ${order.costs?.total_cents ?? 0}`;
    }
    case 'domain.connected': {
      const domain: Domain = event.data;
      return domain.domain;
    }
    case 'swap.failed':
      return event.data.replacement_domain ?? event.data.id;
    case 'unknown':
      // A type this SDK does not know: as sent, with raw data.
      return `${event.unknown_type}: ${JSON.stringify(event.data)}`;
    default:
      return event.type;
  }
}

export function misspelt(body: string, headers: Headers): boolean {
  const event = constructEvent(body, headers, 'whsec_x');
  // @ts-expect-error 'order.complete' is not an event type: the comparison cannot be true
  return event.type === 'order.complete';
}

export function unnarrowed(event: PeekerEvent): string {
  // @ts-expect-error without narrowing, `data` may be an unknown event's (unknown)
  return event.data.id;
}
