/**
 * The control lane (reliable, ordered; text): every message the host sends a
 * friend there, one schema each. Over WebRTC it is the `control` data
 * channel; over the WebSocket fallback, the socket's text frames.
 *
 *   host → friend  {"t":"welcome",…}      a code join is seated (see signaling.ts)
 *   host → friend  {"t":"rejected",…}     a code join is refused, then the link closes
 *   host → friend  {"t":"reset","unitId":41,"tickRate":20,"map":{…}}
 *                                          a new match: snapshot ticks start over
 *   host → friend  {"t":"clock","paused":true,"speed":1}   the host paused, resumed or
 *                                          changed the speed
 *   host → friend  {"t":"bye","reason":"kicked"}   the host ends the link
 *
 * A friend sends nothing on the control lane yet (chat comes later).
 */
import { z } from 'zod';
import { mapSchema } from './hostApi';
import { rejectedSchema, welcomeSchema } from './signaling';

/** A new match: the friend starts a new snapshot decoder for the new world. */
export const resetSchema = z.object({
  t: z.literal('reset'),
  /** The friend's new avatar, or null when they watch this match. */
  unitId: z.number().int().nullable(),
  /** Snapshots per second of the new match. */
  tickRate: z.number().int().positive(),
  map: mapSchema.nullable(),
});

/** The host holds (pause) or runs the match, at `speed` × its tick rate. */
export const clockSchema = z.object({
  t: z.literal('clock'),
  paused: z.boolean(),
  speed: z.number().min(0.25).max(4),
});

/** The host ends the link; `reason` is shown to the friend. */
export const byeSchema = z.object({ t: z.literal('bye'), reason: z.string().max(200) });

export const hostControlSchema = z.discriminatedUnion('t', [
  welcomeSchema,
  rejectedSchema,
  resetSchema,
  clockSchema,
  byeSchema,
]);

export type HostControl = z.output<typeof hostControlSchema>;
export type ResetMessage = z.output<typeof resetSchema>;
export type ClockMessage = z.output<typeof clockSchema>;

/** The text the host sends for `message` (the type keeps it to the schema's shapes). */
export function encodeHostControl(message: HostControl): string {
  return JSON.stringify(message);
}

/**
 * A control-lane text from the host as one of its messages, or the reason it
 * is none (not JSON, or no schema matches): the caller drops it and goes on.
 */
export function parseHostControl(
  text: string,
): { ok: true; message: HostControl } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'a control message must be JSON' };
  }
  const parsed = hostControlSchema.safeParse(json);
  return parsed.success
    ? { ok: true, message: parsed.data }
    : { ok: false, error: z.prettifyError(parsed.error) };
}
