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
 *   host → friend  {"t":"players","players":[{"id":3,"name":"Ada","team":1,"unitId":41}]}
 *                                          who plays: on link-up, join, leave, team change
 *   host → friend  {"t":"score","board":{…},"kills":[{"victim":41,…}]}
 *                                          scores and the match clock, about 2/s and soon
 *                                          after a death; `kills`: deaths since the last one
 *   host → friend  {"t":"say","says":[{"unitId":12,"text":"attack"}]}
 *                                          what agents near the friend said this tick (a
 *                                          behavior's `say`), shown as speech bubbles
 *
 * A friend sends nothing on the control lane yet (chat comes later). The
 * host's own window gets the same messages over its local link.
 */
import { z } from 'zod';
import { DISPLAY_NAME_MAX, displayName } from './displayName';
import { mapSchema, scoreboardSchema } from './hostApi';
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

/** Most lines a `players` or `score` message may carry: a friend's page keeps them all. */
export const MAX_HUD_PLAYERS = 64;
export const MAX_HUD_TEAMS = 16;
/** Agents on the wire scoreboard: the best few, for the end screen. */
export const MAX_HUD_AGENTS = 5;
export const MAX_HUD_KILLS = 32;

const unitIdSchema = z.number().int().nonnegative();
const teamSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_HUD_TEAMS - 1);

/** One player: who they are and which avatar is theirs (null between matches). */
export const hudPlayerSchema = z.object({
  id: z.number().int().positive(),
  // Only names already in the one display form (displayName.ts): a host that sends
  // anything else is not trusted to have cleaned it.
  name: z
    .string()
    .min(1)
    .max(DISPLAY_NAME_MAX * 2)
    .refine((name) => displayName(name, '') === name, 'a display name (see displayName.ts)'),
  team: teamSchema,
  unitId: unitIdSchema.nullable(),
});

export const playersSchema = z.object({
  t: z.literal('players'),
  players: z.array(hudPlayerSchema).max(MAX_HUD_PLAYERS),
});

const { teams, entities } = scoreboardSchema.shape;
const count = z.number().int().nonnegative();

/** The scoreboard as a friend gets it: bounded, avatars and the best agents only. */
export const hudBoardSchema = scoreboardSchema.extend({
  tick: count,
  teams: z
    .array(
      teams.element.extend({
        team: teamSchema,
        name: z.string().max(32),
        kills: count,
        deaths: count,
      }),
    )
    .max(MAX_HUD_TEAMS),
  entities: z
    .array(
      entities.element.extend({
        id: unitIdSchema,
        team: teamSchema,
        kills: count,
        deaths: count,
        killedBy: unitIdSchema.nullable(),
      }),
    )
    .max(MAX_HUD_PLAYERS + MAX_HUD_AGENTS),
  secondsLeft: z.number().nonnegative().nullable(),
  winner: teamSchema.nullable(),
});

/** A death since the last `score`: who fell, and the enemy who got the kill (null: none). */
export const hudKillSchema = z.object({
  victim: unitIdSchema,
  victimTeam: teamSchema,
  killer: unitIdSchema.nullable(),
  killerTeam: teamSchema.nullable(),
});

export const scoreSchema = z.object({
  t: z.literal('score'),
  board: hudBoardSchema,
  kills: z.array(hudKillSchema).max(MAX_HUD_KILLS),
});

/** Longest text of one `say`, in UTF-16 units: a bubble, not a chat log. */
export const SAY_TEXT_MAX = 80;
/** Most says one `say` message carries (the host sends at most one message per tick per friend). */
export const MAX_SAYS = 32;
/** How long a speech bubble shows, ms; an agent that says the same again sooner is not repeated. */
export const SAY_BUBBLE_MS = 2500;

/** Control characters, line and paragraph breaks, bidi overrides: never in a bubble. */
// eslint-disable-next-line no-control-regex
const UNSAYABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` as a bubble shows it: control and bidi characters become spaces,
 * runs of white space one, cut to SAY_TEXT_MAX without splitting a
 * surrogate pair; '' when nothing is left.
 */
export function sayText(text: string): string {
  let clean = text.replace(UNSAYABLE, ' ').replace(/\s+/g, ' ').trim();
  if (clean.length > SAY_TEXT_MAX) {
    let end = SAY_TEXT_MAX;
    const last = clean.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    clean = clean.slice(0, end).trimEnd();
  }
  return clean;
}

/** One agent's words: drawn as text over it (never markup). */
export const sayLineSchema = z.object({
  unitId: unitIdSchema,
  text: z
    .string()
    .min(1)
    .max(SAY_TEXT_MAX)
    .refine((text) => sayText(text) === text, 'text as sayText leaves it'),
});

export const saySchema = z.object({
  t: z.literal('say'),
  says: z.array(sayLineSchema).min(1).max(MAX_SAYS),
});

export const hostControlSchema = z.discriminatedUnion('t', [
  welcomeSchema,
  rejectedSchema,
  resetSchema,
  clockSchema,
  byeSchema,
  playersSchema,
  scoreSchema,
  saySchema,
]);

export type HostControl = z.output<typeof hostControlSchema>;
export type ResetMessage = z.output<typeof resetSchema>;
export type ClockMessage = z.output<typeof clockSchema>;
export type PlayersMessage = z.output<typeof playersSchema>;
export type HudPlayer = z.output<typeof hudPlayerSchema>;
export type ScoreMessage = z.output<typeof scoreSchema>;
export type HudKill = z.output<typeof hudKillSchema>;
export type SayLine = z.output<typeof sayLineSchema>;

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
