/**
 * What one host writes into the Redis directory, and how a reader checks it.
 * One key per host (`arbiter:host:<id>`) holds the host and its matches as
 * JSON with a TTL, so a host that dies leaves with its matches in one expiry.
 */
import { z } from 'zod';

/** The entry format; a reader skips (and counts) entries of any other format. */
export const DIRECTORY_FORMAT = 1;

/** Redis key prefix of host entries. */
export const HOST_KEY_PREFIX = 'arbiter:host:';
/** The channel a host listens on for seat reservations. */
export const reserveChannel = (hostId: string) => `arbiter:reserve:${hostId}`;
/** The channel a host hears its reservation replies on. */
export const replyChannel = (hostId: string) => `arbiter:reply:${hostId}`;
export const hostKey = (hostId: string) => `${HOST_KEY_PREFIX}${hostId}`;

/** Host ids: what `--host-id` accepts and what a reader trusts. */
export const HOST_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

const matchEntrySchema = z
  .object({
    id: z.string().min(1).max(64),
    config: z.string().max(64),
    map: z.string().max(64),
    players: z.number().int().min(0),
    limit: z.number().int().min(0),
    joinable: z.boolean(),
    /** Epoch ms. */
    startedAt: z.number(),
  })
  .strict();

const hostEntrySchema = z
  .object({
    format: z.literal(DIRECTORY_FORMAT),
    id: z.string().regex(HOST_ID_PATTERN),
    /** Random per process: tells a restarted or colliding host from this one. */
    instance: z.string().min(8).max(64),
    /** The URL browsers open to reach this host, e.g. http://203.0.113.7:7777/. */
    address: z.string().url().max(256),
    version: z.string().max(64),
    /** Players this host takes in all its matches. */
    capacity: z.number().int().min(0),
    matches: z.array(matchEntrySchema).max(64),
  })
  .strict();

export type MatchEntry = z.output<typeof matchEntrySchema>;
export type HostEntry = z.output<typeof hostEntrySchema>;

/** A directory match as `GET /matches` lists it: the match and where its host is. */
export interface ListedMatch extends MatchEntry {
  hostId: string;
  address: string;
  version: string;
}

/** Reads one stored entry; a wrong format or malformed JSON is a reason, never a throw. */
export function parseHostEntry(
  text: string,
): { ok: true; entry: HostEntry } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== DIRECTORY_FORMAT)
    return { ok: false, reason: `format ${String(format)}, this host reads ${DIRECTORY_FORMAT}` };
  const parsed = hostEntrySchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'invalid' };
  return { ok: true, entry: parsed.data };
}

/** Every match of every entry, flattened for a lobby. */
export function listMatches(entries: HostEntry[]): ListedMatch[] {
  return entries.flatMap((host) =>
    host.matches.map((match) => ({
      ...match,
      hostId: host.id,
      address: host.address,
      version: host.version,
    })),
  );
}
