/**
 * Pacing of live requests: at most `perSecond` requests start per second (evenly spaced, no
 * bursts), per API, so a contract run never hammers a vendor. Retries go through it too.
 */
import type { Transport } from "../../runtime/client/request-pipeline.js";

/** Default live rate: 5 requests per second per API. */
export const DEFAULT_RATE = 5;

/** `transport` with requests spaced at least `1000 / perSecond` ms apart; Infinity: unpaced. */
export function pacedTransport(transport: Transport, perSecond: number): Transport {
  if (!Number.isFinite(perSecond)) return transport;
  if (!(perSecond > 0)) throw new RangeError(`rate must be a positive number; got ${perSecond}`);
  const spacingMs = 1000 / perSecond;
  let nextSlot = 0;
  return async (request) => {
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + spacingMs;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    return transport(request);
  };
}
