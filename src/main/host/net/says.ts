/**
 * Agents' `say`, to the players near them: the engine worker splits each
 * tick's says by net client (its area of interest, at most MAX_SAYS); each
 * client's link gets one `say` control message, its texts cleaned and cut
 * by `sayText` (a bubble is drawn as text, never markup).
 */
import { encodeHostControl, MAX_SAYS, sayText, type SayLine } from '../../../shared/controlLane';
import type { ClientSays } from '../match/netClients';

/** Sends each client in `clients` its says, on the link `linkOf` finds (none: not this sender's). */
export function sendSays(
  clients: readonly ClientSays<{ unitId: number; text: string }>[],
  linkOf: (clientId: number) => { sendControl(text: string): void } | undefined,
): void {
  for (const { clientId, says } of clients) {
    const link = linkOf(clientId);
    if (!link) continue;
    const text = encodeSays(says);
    if (text !== null) link.sendControl(text);
  }
}

/** One `say` message of `says` (cleaned, at most MAX_SAYS), or null when none is left to say. */
export function encodeSays(says: readonly { unitId: number; text: string }[]): string | null {
  const lines: SayLine[] = [];
  for (const say of says) {
    if (lines.length >= MAX_SAYS) break;
    const text = sayText(say.text);
    if (text !== '' && Number.isInteger(say.unitId) && say.unitId >= 0)
      lines.push({ unitId: say.unitId, text });
  }
  return lines.length > 0 ? encodeHostControl({ t: 'say', says: lines }) : null;
}
