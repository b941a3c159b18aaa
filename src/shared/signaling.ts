/**
 * The signaling protocol on the host's `/signal` WebSocket: a friend joins
 * with an invite (or comes back with their session token), the host
 * offers a WebRTC connection, both trickle ICE candidates, then the socket
 * gets out of the way. Where WebRTC cannot connect, the friend asks for
 * the fallback and the same socket carries both lanes: text frames the
 * control lane, binary frames the state lane.
 *
 *   friend → host  {"t":"join","name":"Ada","invite":"…"}   or  "session":"…"
 *   host → friend  {"t":"welcome","session":"…","playerId":3,"unitId":41,"team":1,"tickRate":20,"map":{…}}
 *   host → friend  {"t":"offer","sdp":"…"}   {"t":"candidate","candidate":"…","mid":"0"}
 *   friend → host  {"t":"answer","sdp":"…"}  {"t":"candidate",…}  {"t":"fallback"}
 *   host → friend  {"t":"rejected","reason":"expired","message":"…"}  (then closes)
 *   host → friend  {"t":"webrtc-ready"} (then closes)   or   {"t":"fallback-ready"}
 *
 * The host alone decides which transport carries the friend, and says so:
 * `webrtc-ready` once both data channels are open on its side, or
 * `fallback-ready` when the friend's `fallback` arrived first. A friend
 * that asked for the fallback while its channels were opening follows
 * whichever the host says, so the two ends never pick different ones.
 */
import { z } from 'zod';
import { mapSchema } from './hostApi';

export const SIGNAL_PATH = '/signal';
/** Largest signaling message accepted, bytes (an SDP is a few kB). */
export const MAX_SIGNAL_BYTES = 16 * 1024;
/** How long a dropped friend keeps their avatar, inventory and score, ms. */
export const RECONNECT_GRACE_MS = 60_000;

const token = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/);

export const friendSignalSchema = z.discriminatedUnion('t', [
  z
    .object({
      t: z.literal('join'),
      name: z.string().trim().min(1).max(32),
      invite: token.optional(),
      session: token.optional(),
    })
    .strict()
    .refine((join) => (join.invite === undefined) !== (join.session === undefined), {
      error: 'a join names either an invite or a session, not both',
    }),
  z.object({ t: z.literal('answer'), sdp: z.string().min(1).max(MAX_SIGNAL_BYTES) }).strict(),
  z
    .object({
      t: z.literal('candidate'),
      candidate: z.string().max(1024),
      mid: z.string().max(64),
    })
    .strict(),
  z.object({ t: z.literal('fallback') }).strict(),
]);

/** The host seats a friend: on the signaling socket, or on the control lane after a code join. */
export const welcomeSchema = z.object({
  t: z.literal('welcome'),
  session: z.string(),
  playerId: z.number().int(),
  unitId: z.number().int().nullable(),
  team: z.number().int(),
  tickRate: z.number().int(),
  map: mapSchema.nullable(),
  resumed: z.boolean(),
  /** The invite lets this friend edit behaviors (over /api with their session token). */
  canEditBehaviors: z.boolean().optional(),
});

/** The host refuses a join (then closes): `reason` is a stable code, `message` for people. */
export const rejectedSchema = z.object({
  t: z.literal('rejected'),
  reason: z.string(),
  message: z.string(),
});

export const hostSignalSchema = z.discriminatedUnion('t', [
  welcomeSchema,
  z.object({ t: z.literal('offer'), sdp: z.string() }),
  z.object({ t: z.literal('candidate'), candidate: z.string(), mid: z.string() }),
  rejectedSchema,
  z.object({ t: z.literal('fallback-ready') }),
  z.object({ t: z.literal('webrtc-ready') }),
]);

export type FriendSignal = z.output<typeof friendSignalSchema>;
export type HostSignal = z.output<typeof hostSignalSchema>;
export type Welcome = z.output<typeof welcomeSchema>;
