/**
 * The host API: the one contract between a UI (renderer) and a host core.
 *
 * Every request, response and event is declared here once, as a zod schema.
 * Two transports carry it: Electron IPC through the preload bridge, and a
 * WebSocket served by the headless host. The host validates every request's
 * params against these schemas where they enter (see rpcServer.ts).
 */
import { z } from 'zod';
import type { EventName, RequestName } from './hostApiNames';

export { EVENT_NAMES, REQUEST_NAMES, isEventName, isRequestName } from './hostApiNames';
export type { EventName, RequestName } from './hostApiNames';

/** Limits a request is checked against before any handler sees it. */
export const HOST_API_LIMITS = {
  /** Largest accepted message, in bytes of its JSON text. */
  maxMessageBytes: 64 * 1024,
  minAgents: 0,
  maxAgents: 20_000,
  minTickRate: 10,
  maxTickRate: 60,
} as const;

export const wallSchema = z.object({
  x: z.number(),
  y: z.number(),
  w: z.number().positive(),
  h: z.number().positive(),
});

export const spawnZoneSchema = z.object({
  team: z.number().int().min(0).max(15),
  x: z.number(),
  y: z.number(),
  w: z.number().positive(),
  h: z.number().positive(),
});

/** A map as stored in resources/maps/*.json; world units, origin top-left. */
export const mapSchema = z.object({
  name: z.string().min(1).max(64),
  width: z.number().positive().max(100_000),
  height: z.number().positive().max(100_000),
  walls: z.array(wallSchema).max(10_000),
  spawns: z.array(spawnZoneSchema).min(1).max(64),
});

export const matchSettingsSchema = z.object({
  /** Simulation ticks per second. */
  tickRate: z.number().int().min(HOST_API_LIMITS.minTickRate).max(HOST_API_LIMITS.maxTickRate),
  agents: z.number().int().min(HOST_API_LIMITS.minAgents).max(HOST_API_LIMITS.maxAgents),
  seed: z.number().int().min(0).max(0xffffffff),
  map: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'a map name is lowercase letters, digits, - and _'),
});

export const matchStateSchema = z.object({
  running: z.boolean(),
  settings: matchSettingsSchema,
  map: mapSchema.nullable(),
});

export const serverInfoSchema = z.object({
  name: z.literal('arbiter'),
  version: z.string(),
  /** 'electron' when the desktop app hosts, 'headless' for `npm run host`. */
  mode: z.enum(['electron', 'headless']),
  /** URL a browser can open to reach this host's UI, when it serves one. */
  url: z.string().nullable(),
  match: matchStateSchema,
});

/**
 * One world update: parallel arrays, one element per entity (or two for xy).
 * Positions are world units rounded to 1/100.
 */
export const worldFrameSchema = z.object({
  tick: z.number().int().nonnegative(),
  /** Simulation time of this frame in ms (tick * 1000 / tickRate). */
  timeMs: z.number().nonnegative(),
  ids: z.array(z.number().int().nonnegative()),
  xy: z.array(z.number()),
  teams: z.array(z.number().int().nonnegative()),
  radius: z.number().positive(),
});

export const statsSchema = z.object({
  tick: z.number().int().nonnegative(),
  tickRate: z.number(),
  /** Ticks actually simulated per second over the last second. */
  measuredTickRate: z.number().nonnegative(),
  entityCount: z.number().int().nonnegative(),
  /** Median ms spent simulating one tick over the last second. */
  msPerTick: z.number().nonnegative(),
  stateHash: z.string(),
});

export const topicSchema = z.enum(['world', 'stats']);

const empty = z.object({}).strict();

/** Every request: method name → params and result schemas. */
export const hostRequests = {
  'server.info': { params: empty, result: serverInfoSchema },
  'match.start': {
    params: matchSettingsSchema.partial().strict(),
    result: matchStateSchema,
  },
  'match.stop': { params: empty, result: matchStateSchema },
  'match.setAgentCount': {
    params: z.object({ count: matchSettingsSchema.shape.agents }).strict(),
    result: matchStateSchema,
  },
  subscribe: {
    params: z.object({ topics: z.array(topicSchema).min(1).max(8) }).strict(),
    result: z.object({ topics: z.array(topicSchema) }),
  },
  unsubscribe: {
    params: z.object({ topics: z.array(topicSchema).min(1).max(8) }).strict(),
    result: z.object({ topics: z.array(topicSchema) }),
  },
} as const satisfies Record<RequestName, { params: z.ZodType; result: z.ZodType }>;

/** Every event the host pushes: event name → payload schema. */
export const hostEvents = {
  world: worldFrameSchema,
  stats: statsSchema,
  match: matchStateSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type HostRequests = typeof hostRequests;
export type HostEvents = typeof hostEvents;
// Both directions: every listed name has a schema (satisfies above) and every schema a name.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const requestNamesMatch: Exact<keyof HostRequests, RequestName> = true;
const eventNamesMatch: Exact<keyof HostEvents, EventName> = true;
void requestNamesMatch;
void eventNamesMatch;
export type RequestParams<M extends RequestName> = z.input<HostRequests[M]['params']>;
export type RequestResult<M extends RequestName> = z.output<HostRequests[M]['result']>;
export type EventData<E extends EventName> = z.output<HostEvents[E]>;

export type MapDef = z.output<typeof mapSchema>;
export type MatchSettings = z.output<typeof matchSettingsSchema>;
export type MatchState = z.output<typeof matchStateSchema>;
export type ServerInfo = z.output<typeof serverInfoSchema>;
export type WorldFrame = z.output<typeof worldFrameSchema>;
export type Stats = z.output<typeof statsSchema>;
export type Topic = z.output<typeof topicSchema>;

/**
 * What a UI holds: the typed client of the host API, whatever carries it.
 * `on` returns a function that removes the listener.
 */
export interface HostClient {
  request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>>;
  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void;
}

/** Error codes a request can fail with; `message` says the rest in words. */
export type HostErrorCode =
  'bad_message' | 'unknown_method' | 'invalid_params' | 'too_large' | 'handler_failed' | 'closed';

export class HostApiError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostApiError';
  }
}
