/**
 * The host API: the one contract between a UI (renderer) and a host core.
 *
 * Every request, response and event is declared here once, as a zod schema.
 * Two transports carry it: Electron IPC through the preload bridge, and a
 * WebSocket served by the headless host. The host validates every request's
 * params against these schemas where they enter (see rpcServer.ts).
 */
import { z } from 'zod';
import type { StateLane } from './stateLane';
import { MAX_CODE_CHARS } from './connectCodes';
import { matchConfigSchema } from './gameConfig';
import type { EventName, RequestName } from './hostApiNames';
import { metricsSnapshotSchema } from './metricsApi';
import { networkSettingsSchema, networkSettingsViewSchema } from './networkSettings';
import {
  behaviorValidationSchema,
  llmEventSchema,
  llmExplainSchema,
  llmGenerateSchema,
  llmSettingsSchema,
  llmStatusSchema,
} from './llmApi';
import { consoleEventSchema, consoleLineSchema } from './consoleApi';

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
  /** Item spawners: an item lies at (x, y) and comes back `respawnSeconds` after it is taken. */
  pickups: z
    .array(
      z.object({
        x: z.number(),
        y: z.number(),
        item: z.string().max(64),
        qty: z.number().int().min(1).optional(),
        respawnSeconds: z.number().min(0).optional(),
      }),
    )
    .max(1000)
    .optional(),
});

/** What a running match was started with: a full, validated config plus the seed. */
export const matchSettingsSchema = z.object({
  config: matchConfigSchema,
  seed: z.number().int().min(0).max(0xffffffff),
  /** Bots over all teams (overrides config.botsPerTeam × teams). */
  agents: z.number().int().min(HOST_API_LIMITS.minAgents).max(HOST_API_LIMITS.maxAgents),
});

/** match.start: a saved config by name (default: the default one), then overrides. */
export const matchStartSchema = z
  .object({
    configName: z.string().min(1).max(64).optional(),
    /** Fields that replace the named config's (validated as a whole afterwards). */
    overrides: z.record(z.string(), z.unknown()).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    agents: z
      .number()
      .int()
      .min(HOST_API_LIMITS.minAgents)
      .max(HOST_API_LIMITS.maxAgents)
      .optional(),
  })
  .strict();

export const matchStateSchema = z.object({
  running: z.boolean(),
  settings: matchSettingsSchema,
  map: mapSchema.nullable(),
  /** Where the match is in its lifecycle; `paused` while the host holds it. */
  phase: z.enum(['lobby', 'starting', 'running', 'paused', 'ended']).optional(),
  /** Simulation speed, times the tick rate (0.25..4). */
  speed: z.number().optional(),
  /** The tick the last pause, resume or step left the match at. */
  tick: z.number().int().nonnegative().optional(),
});

export const serverInfoSchema = z.object({
  name: z.literal('arbiter'),
  version: z.string(),
  /** 'electron' when the desktop app hosts, 'headless' for `npm run host`. */
  mode: z.enum(['electron', 'headless']),
  /** URL a browser can open to reach this host's UI, when it serves one. */
  url: z.string().nullable(),
  match: matchStateSchema,
  /** Set while the host cannot save (disk full, read-only folder); the match goes on in memory. */
  storageWarning: z.string().nullable(),
});

export const scoreLineSchema = z.object({
  kills: z.number(),
  deaths: z.number(),
  damage: z.number(),
  captures: z.number(),
});

export const scoreboardSchema = z.object({
  tick: z.number().int(),
  phase: z.enum(['running', 'ended']),
  ticksLeft: z.number().nullable(),
  secondsLeft: z.number().nullable(),
  winner: z.number().nullable(),
  teams: z.array(
    scoreLineSchema.extend({
      team: z.number(),
      name: z.string(),
      players: z.number(),
      bots: z.number(),
    }),
  ),
  entities: z.array(
    scoreLineSchema.extend({
      id: z.number(),
      kind: z.enum(['avatar', 'agent']),
      team: z.number(),
      alive: z.boolean(),
      /** The enemy unit credited with its last death (null: none). */
      killedBy: z.number().nullable().default(null),
    }),
  ),
});

export const inviteSchema = z.object({
  code: z.string(),
  /** Link a friend opens in a browser (null where the host serves no page). */
  link: z.string().nullable(),
  createdAt: z.number(),
  expiresAt: z.number(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  revoked: z.boolean(),
  canEditBehaviors: z.boolean(),
  /** 'code': an offer code for one friend who pastes it (no link). */
  kind: z.enum(['link', 'code']),
});

export const configEntrySchema = z.object({
  name: z.string(),
  isDefault: z.boolean(),
  config: matchConfigSchema,
});

export const statsSchema = z.object({
  tick: z.number().int().nonnegative(),
  tickRate: z.number(),
  /** Ticks actually simulated per second over the last second. */
  measuredTickRate: z.number().nonnegative(),
  entityCount: z.number().int().nonnegative(),
  /** Median ms spent simulating one tick over the last second. */
  msPerTick: z.number().nonnegative(),
  /** 99th percentile of the ms one tick took, over the last ~10 s. */
  p99MsPerTick: z.number().nonnegative(),
  stateHash: z.string(),
});

/**
 * `snapshots` opens this session's player link (the host's own window plays
 * as a friend does): control messages come as `link` events, snapshot and
 * input packets travel on the session's binary lane (see stateLane.ts).
 */
export const topicSchema = z.enum(['snapshots', 'stats', 'scoreboard', 'behaviors', 'console']);

/**
 * One control message of a session's player link (topic `snapshots`): the
 * same JSON text a friend's control lane carries (`reset` with the avatar,
 * tick rate and map; `bye`).
 */
export const linkEventSchema = z.string().max(65_536);

export const playerSummarySchema = z.object({
  id: z.number().int(),
  displayName: z.string(),
  role: z.enum(['host', 'player']),
  banned: z.boolean(),
  xp: z.number(),
  level: z.number().int(),
  createdAt: z.number(),
  lastSeen: z.number().nullable(),
});

export const matchRecordSchema = z.object({
  id: z.number().int(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  result: z.string().nullable(),
  config: z.unknown(),
  scoreboard: z.unknown(),
});

/** A backup file's name in the host's backups folder: no paths, nothing to escape. */
export const backupNameSchema = z
  .string()
  .regex(/^arbiter-[0-9TZ-]{1,40}\.db$/, 'a backup name looks like arbiter-<time>.db');

export const savesSchema = z.object({
  /** Where the state lives, or ':memory:' when it cannot be saved. */
  file: z.string(),
  /** Set while saving fails; the match goes on in memory. */
  warning: z.string().nullable(),
  players: z.array(playerSummarySchema),
  matches: z.array(matchRecordSchema),
  backups: z.array(z.string()),
});

const empty = z.object({}).strict();

/** A recorded match in the Saves view's replay list. */
export const replaySummarySchema = z.object({
  matchId: z.number().int(),
  startedAt: z.number(),
  /** The last tick, once the match ended recorded; null while it runs or when the host stopped first. */
  endTick: z.number().int().nullable(),
  /** Ticks recorded so far (what plays). */
  recordedTicks: z.number().int(),
  format: z.number().int(),
});

/** An opened replay: how far it plays and what it holds. */
export const replayInfoSchema = z.object({
  matchId: z.number().int(),
  tickRate: z.number().int(),
  endTick: z.number().int(),
  /** The state hash recorded when the match ended; null when it did not end recorded. */
  endHash: z.string().nullable(),
  /** Why it stops before the match's end (cut off, damaged, still running), or null. */
  truncated: z.string().nullable(),
  agents: z.number().int(),
  behaviors: z.array(
    z.object({ tick: z.number().int(), behaviorId: z.string(), version: z.number().int() }),
  ),
  checkpoints: z.number().int(),
  /** The arena it was played on. */
  map: mapSchema,
});

/** A replay's world at one tick (parallel arrays as in `world`) with its state hash and team scores. */
export const replayFrameSchema = z.object({
  tick: z.number().int(),
  hash: z.string(),
  ids: z.array(z.number()),
  kinds: z.array(z.number()),
  teams: z.array(z.number()),
  xy: z.array(z.number()),
  hp: z.array(z.number()),
  alive: z.array(z.number()),
  radius: z.number(),
  teamScores: z.array(
    z.object({ team: z.number(), kills: z.number(), deaths: z.number(), damage: z.number() }),
  ),
  /** How long the seek took in the replay worker, ms. */
  seekMs: z.number(),
});

const teamOutcomeSchema = z.object({
  team: z.number(),
  kills: z.number(),
  deaths: z.number(),
  damage: z.number(),
  /** World units walked by the team's agents running the behavior. */
  distance: z.number(),
  agents: z.number(),
});

/** A what-if run: outcomes per team from `fromTick` to `toTick`, recorded version vs the other. */
export const whatIfResultSchema = z.object({
  fromTick: z.number().int(),
  toTick: z.number().int(),
  behaviorId: z.string(),
  recordedVersion: z.number().int(),
  version: z.number().int(),
  recorded: z.array(teamOutcomeSchema),
  variant: z.array(teamOutcomeSchema),
});

/** A behavior library id: a lowercase slug. */
export const behaviorIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'behavior ids are 1-64 of a-z, 0-9 and -');

/** Where a behavior failed: the position is in its own source (1-based), when known. */
export const behaviorErrorSchema = z.object({
  phase: z.string(),
  name: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});

export const behaviorSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  language: z.enum(['javascript', 'typescript']),
  author: z.string(),
  tags: z.array(z.string()),
  complexity: z.enum(['simple', 'moderate', 'advanced']),
  createdAt: z.string(),
  updatedAt: z.string(),
  restoredFrom: z.number().int().optional(),
  /** A short note on this version: the LLM prompt, or the modder's own words. */
  note: z.string(),
  /** Typed in the editor, written by the LLM, or a rollback to an older version. */
  origin: z.enum(['hand', 'llm', 'rollback']),
  /** The first run-time error this version met in a match, when it ever crashed. */
  crash: z
    .object({ message: z.string(), line: z.number().int().nullable(), at: z.string() })
    .optional(),
});

export const behaviorRecordSchema = behaviorSummarySchema.extend({ code: z.string() });

/** Code kept though it does not pass yet: stored with its errors, never loaded into a match. */
export const behaviorDraftSchema = z.object({
  /** The behavior's id, or "new:" and the name for a behavior not saved yet. */
  key: z.string(),
  /** The behavior it is a draft of; null for a new one. */
  id: z.string().nullable(),
  name: z.string(),
  code: z.string(),
  language: z.enum(['javascript', 'typescript']),
  errors: z.array(behaviorErrorSchema),
  savedAt: z.number(),
});

/** What a save or rollback did: stored and hot-loaded, or refused with errors (nothing changed). */
export const behaviorSaveResultSchema = z.object({
  ok: z.boolean(),
  behavior: behaviorRecordSchema.nullable(),
  /** Whether it was swapped into the running match (a match is running and it passed). */
  loaded: z.boolean(),
  /** The first tick whose observations the new version decided on (when it was loaded). */
  runningFromTick: z.number().int().nullable(),
  errors: z.array(behaviorErrorSchema),
  /**
   * Set when a friend saved over a behavior they did not write: the id of
   * that behavior, which stays as it was; `behavior` is their new copy.
   */
  copiedFrom: z.string().nullable(),
  /** What the version printed in its dry run (absent when the save stopped before one). */
  console: z.array(consoleLineSchema).optional(),
});

/** ~1 Hz: every behavior in the running match, and which team and agent runs which. */
export const behaviorsEventSchema = z.object({
  running: z.boolean(),
  /** The match tick when this was taken: an assignment made now runs from the next tick. */
  tick: z.number().int().nonnegative().optional(),
  /** Team index → behavior id (teams not listed run the built-in AI). */
  teams: z.record(z.string(), z.string()),
  behaviors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** Whose version runs ('host', 'arbiter' for the shipped ones, 'friend-<id>'). */
      author: z.string().optional(),
      version: z.number().int(),
      /** Live agents it drives now. */
      agents: z.number().int(),
      suspended: z.boolean(),
      lastError: behaviorErrorSchema.pick({ message: true, line: true, column: true }).nullable(),
      /**
       * Run-time errors of the running version (null: none yet; a new version starts clean):
       * the tick of the first, how many agents met one, how many in all, the last one and the
       * agent it was thrown for.
       */
      runErrors: z
        .object({
          sinceTick: z.number().int(),
          agents: z.number().int().nonnegative(),
          count: z.number().int().nonnegative(),
          name: z.string(),
          message: z.string(),
          line: z.number().int().nullable(),
          column: z.number().int().nullable(),
          agentId: z.number().int().nullable(),
          /**
           * What the first agent an error was reported for observed when it threw: its tick,
           * the agent and the observation as JSON, cut to a few KB (it may end in "… (cut)").
           * Absent where it is not known, and for a friend's editor when the behavior is not theirs.
           */
          observation: z
            .object({
              tick: z.number().int().nonnegative(),
              agentId: z.number().int(),
              json: z.string().max(8000),
            })
            .nullable()
            .optional(),
        })
        .nullable()
        .optional(),
    }),
  ),
  /**
   * Each author with a behavior in the match: the memory their sandbox
   * instance holds now and its hard cap, bytes (past the cap the author's
   * behaviors are suspended: "memory limit exceeded").
   */
  authors: z
    .array(
      z.object({
        author: z.string(),
        memoryBytes: z.number().int().nonnegative(),
        limitBytes: z.number().int().positive(),
      }),
    )
    .optional(),
  /** Each agent (at most 1,024, by id): the behavior it runs and its own last error in it. */
  agents: z.array(
    z.object({
      id: z.number().int(),
      team: z.number().int(),
      /** Behavior id; null: the built-in AI. */
      behavior: z.string().nullable(),
      /** Assigned to this agent, or inherited from its team (null: nobody assigned one). */
      assignedTo: z.enum(['agent', 'team']).nullable(),
      lastError: behaviorErrorSchema.pick({ message: true, line: true, column: true }).nullable(),
    }),
  ),
});

/** The action an inspected agent's intents held in the latest tick. */
export const inspectedActionSchema = z.object({
  /** 'behavior': what its behavior decided (on the previous tick's observation); 'built-in': the built-in AI's movement and aim (its fire is consumed inside the tick). */
  source: z.enum(['behavior', 'built-in']),
  move: z.object({ x: z.number(), y: z.number() }),
  aim: z.object({ x: z.number(), y: z.number() }),
  fire: z.boolean(),
  pickup: z.boolean(),
  item: z.object({ action: z.string(), slot: z.union([z.number(), z.string()]) }).nullable(),
});

/**
 * `inspect`, to the session that asked (`agent.inspect`): one agent as its
 * behavior sees it, about 10 a second while the match runs and once per
 * step while paused.
 */
export const inspectEventSchema = z.object({
  agentId: z.number().int(),
  tick: z.number().int(),
  paused: z.boolean(),
  alive: z.boolean(),
  team: z.number().int(),
  x: z.number(),
  y: z.number(),
  aimX: z.number(),
  aimY: z.number(),
  /** How far it sees, world units (the circle the arena draws). */
  perception: z.number(),
  /** The behavior it runs (null: the built-in AI). */
  behavior: z
    .object({
      id: z.string(),
      /** Its name in the library. */
      name: z.string(),
      version: z.number().int(),
      author: z.string(),
      suspended: z.boolean(),
    })
    .nullable(),
  /** The observation as the behavior receives it this tick (see the behavior API). */
  observation: z.record(z.string(), z.unknown()),
  /** Entities in its line of sight (its observation's `nearby`), for the arena's rays. */
  visible: z.array(z.object({ id: z.number(), kind: z.string(), x: z.number(), y: z.number() })),
  lastAction: inspectedActionSchema.nullable(),
  /** Its memory as JSON, cut at MEMORY_BYTE_LIMIT (null: none, or withheld). */
  memory: z.string().nullable(),
  memoryTruncated: z.boolean(),
  /** The last run-time error its behavior threw for it (null: none, or withheld). */
  lastError: behaviorErrorSchema.nullable(),
  /** Why memory and errors are not shown to this viewer (another author's behavior); null when shown. */
  withheld: z.string().nullable(),
});

/**
 * One player in the match, for the host dashboard. Figures the transport
 * does not measure are null (the host's own window has no network link).
 */
export const playerRowSchema = z.object({
  playerId: z.number().int(),
  name: z.string(),
  team: z.number().int(),
  role: z.enum(['host', 'player']),
  /** How they are connected now; 'reconnecting' while their grace period runs. */
  transport: z.enum(['local', 'webrtc', 'websocket', 'reconnecting']),
  /** Round-trip time the transport measured, ms. */
  rttMs: z.number().nullable(),
  /** Packets lost, percent; null where the transport does not count them. */
  lossPercent: z.number().nullable(),
  /** Bytes per second from and to them since the last `player.list`. */
  bytesInPerSecond: z.number().nullable(),
  bytesOutPerSecond: z.number().nullable(),
  /** Epoch ms. */
  joinedAt: z.number(),
});

/** A map the host can run: its name and the teams it has spawn zones for. */
export const mapEntrySchema = z.object({
  name: z.string(),
  teams: z.array(z.number().int()),
});

/** Every request: method name → params and result schemas. */
export const hostRequests = {
  'server.info': { params: empty, result: serverInfoSchema },
  'match.start': { params: matchStartSchema, result: matchStateSchema },
  'match.stop': { params: empty, result: matchStateSchema },
  'match.setAgentCount': {
    params: z.object({ count: matchSettingsSchema.shape.agents }).strict(),
    result: matchStateSchema,
  },
  /** Host only: hold the running match (friends see it paused). */
  'match.pause': { params: empty, result: matchStateSchema },
  'match.resume': { params: empty, result: matchStateSchema },
  /** Host only, while paused: run exactly one tick; the result's `tick` is the tick after it. */
  'match.step': { params: empty, result: matchStateSchema },
  'match.setSpeed': {
    params: z.object({ speed: z.number().min(0.25).max(4) }).strict(),
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
  'player.join': {
    params: z
      .object({
        name: z.string().trim().min(1).max(32),
        /** The token a previous join returned, to come back as the same player. */
        token: z
          .string()
          .regex(/^[A-Za-z0-9_-]{43}$/, 'not a player token')
          .optional(),
      })
      .strict(),
    result: z.object({
      playerId: z.number().int(),
      unitId: z.number().int().nullable(),
      team: z.number().int(),
      role: z.enum(['host', 'player']),
      token: z.string(),
      problems: z.array(z.string()),
    }),
  },
  'player.leave': { params: empty, result: z.object({ left: z.boolean() }) },
  'player.command': {
    params: z.object({ command: z.record(z.string(), z.unknown()) }).strict(),
    result: z.object({ queued: z.boolean() }),
  },
  'invite.create': {
    params: z
      .object({
        ttlMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
          .optional(),
        maxUses: z.number().int().min(1).max(64).optional(),
        canEditBehaviors: z.boolean().optional(),
      })
      .strict(),
    result: inviteSchema,
  },
  /** A copy-paste offer code, for a friend who cannot reach this host's port. */
  'invite.offerCode': {
    params: z.object({ ttlMinutes: z.number().int().min(1).max(60).optional() }).strict(),
    result: z.object({ code: z.string(), inviteCode: z.string(), expiresAt: z.number() }),
  },
  /** The friend's answer to an offer code; resolves once they are connected and joined. */
  'invite.acceptAnswer': {
    params: z
      .object({
        // Room for the line breaks a chat program adds; the code itself is checked by its reader.
        answerCode: z.string().max(MAX_CODE_CHARS * 2),
      })
      .strict(),
    result: z.object({ playerId: z.number().int(), name: z.string() }),
  },
  'invite.list': { params: empty, result: z.object({ invites: z.array(inviteSchema) }) },
  'invite.revoke': {
    params: z.object({ code: z.string().max(64) }).strict(),
    result: z.object({ revoked: z.boolean() }),
  },
  'player.kick': {
    params: z.object({ playerId: z.number().int().positive() }).strict(),
    result: z.object({ kicked: z.boolean() }),
  },
  'player.ban': {
    params: z.object({ playerId: z.number().int().positive(), banned: z.boolean() }).strict(),
    result: z.object({ banned: z.boolean() }),
  },
  'config.list': { params: empty, result: z.object({ configs: z.array(configEntrySchema) }) },
  'config.save': {
    params: z
      .object({ config: z.record(z.string(), z.unknown()), makeDefault: z.boolean().optional() })
      .strict(),
    result: configEntrySchema,
  },
  'config.delete': {
    params: z.object({ name: z.string().min(1).max(64) }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  'saves.list': { params: empty, result: savesSchema },
  'saves.backup': { params: empty, result: z.object({ name: z.string() }) },
  'saves.restore': { params: z.object({ name: backupNameSchema }).strict(), result: savesSchema },
  'replay.list': { params: empty, result: z.object({ replays: z.array(replaySummarySchema) }) },
  /** Decodes a recorded match in the replay worker; refuses a newer format, says where a damaged one stops. */
  'replay.open': {
    params: z.object({ matchId: z.number().int().positive() }).strict(),
    result: replayInfoSchema,
  },
  /** The world at `tick` of an opened replay (re-simulated from the nearest checkpoint). */
  'replay.seek': {
    params: z
      .object({ matchId: z.number().int().positive(), tick: z.number().int().min(0) })
      .strict(),
    result: replayFrameSchema,
  },
  /** Re-runs an opened replay from `fromTick` for `seconds` with another version of a behavior. */
  'replay.whatIf': {
    params: z
      .object({
        matchId: z.number().int().positive(),
        fromTick: z.number().int().min(0),
        seconds: z.number().int().min(1).max(120),
        behaviorId: behaviorIdSchema,
        version: z.number().int().positive(),
      })
      .strict(),
    result: whatIfResultSchema,
  },
  'behavior.list': {
    params: z
      .object({ name: z.string().max(80).optional(), tag: z.string().max(32).optional() })
      .strict(),
    result: z.object({ behaviors: z.array(behaviorSummarySchema) }),
  },
  'behavior.get': {
    params: z
      .object({ id: behaviorIdSchema, version: z.number().int().min(1).optional() })
      .strict(),
    result: z.object({ behavior: behaviorRecordSchema.nullable() }),
  },
  'behavior.save': {
    params: z
      .object({
        /** Absent: a new behavior (its id a slug of the name). */
        id: behaviorIdSchema.optional(),
        name: z.string().trim().min(1).max(80),
        description: z.string().max(2000).optional(),
        code: z
          .string()
          .min(1)
          .max(64 * 1024),
        language: z.enum(['javascript', 'typescript']).optional(),
        tags: z.array(z.string().max(32)).max(16).optional(),
        complexity: z.enum(['simple', 'moderate', 'advanced']).optional(),
        /** A note on this version (the LLM prompt, or the modder's words). */
        note: z.string().max(500).optional(),
        /** 'llm' when the code is an accepted LLM answer. */
        origin: z.enum(['hand', 'llm']).optional(),
        /** Refuse (conflict) if the latest version is another one. */
        expectedVersion: z.number().int().min(1).optional(),
      })
      .strict(),
    result: behaviorSaveResultSchema,
  },
  'behavior.delete': {
    params: z.object({ id: behaviorIdSchema }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  'behavior.versions': {
    params: z.object({ id: behaviorIdSchema }).strict(),
    result: z.object({ versions: z.array(behaviorSummarySchema) }),
  },
  'behavior.rollback': {
    params: z.object({ id: behaviorIdSchema, version: z.number().int().min(1) }).strict(),
    result: behaviorSaveResultSchema,
  },
  'behavior.assign': {
    params: z
      .object({
        team: z.number().int().min(0).max(15).optional(),
        agentId: z.number().int().min(1).optional(),
        /** A behavior's id or name; null for the built-in AI. */
        name: z.string().min(1).max(80).nullable(),
      })
      .strict()
      .refine((p) => (p.team === undefined) !== (p.agentId === undefined), {
        message: 'give exactly one of team and agentId',
      }),
    result: behaviorsEventSchema,
  },
  /** Keeps the buffer as the caller's draft with the errors it has now; nothing is loaded. */
  'behavior.draft.save': {
    params: z
      .object({
        id: behaviorIdSchema.nullable(),
        name: z.string().trim().min(1).max(80),
        code: z
          .string()
          .min(1)
          .max(64 * 1024),
        language: z.enum(['javascript', 'typescript']),
      })
      .strict(),
    result: z.object({ draft: behaviorDraftSchema }),
  },
  /** The caller's own drafts, newest first. */
  'behavior.draft.list': {
    params: empty,
    result: z.object({ drafts: z.array(behaviorDraftSchema) }),
  },
  'behavior.draft.delete': {
    params: z.object({ key: z.string().min(1).max(120) }).strict(),
    result: z.object({ deleted: z.boolean() }),
  },
  /** Strip, compile, static checks and a dry run on sample observations; nothing is stored. */
  'behavior.validate': {
    params: z
      .object({ code: z.string().max(48_000), language: z.enum(['javascript', 'typescript']) })
      .strict(),
    result: behaviorValidationSchema,
  },
  'llm.status': { params: empty, result: llmStatusSchema },
  'llm.settings.save': {
    params: z.object({ settings: llmSettingsSchema }).strict(),
    result: llmStatusSchema,
  },
  /** The key goes to the main process only; no answer ever carries it back. */
  'llm.key.set': {
    params: z.object({ key: z.string().trim().min(1).max(500) }).strict(),
    result: llmStatusSchema,
  },
  'llm.key.clear': { params: empty, result: llmStatusSchema },
  /** Starts a generation; its progress comes as `llm` events to this session only. */
  'llm.generate': { params: llmGenerateSchema, result: z.object({ requestId: z.string() }) },
  /** Streams a short explanation of `code` as `llm` events to this session only. */
  'llm.explain': { params: llmExplainSchema, result: z.object({ requestId: z.string() }) },
  'llm.stop': {
    params: z.object({ requestId: z.string().max(64) }).strict(),
    result: z.object({ stopped: z.boolean() }),
  },
  /** Host only: the figures `/metrics` serves, as JSON, and recent per-second points for charts. */
  'metrics.snapshot': { params: empty, result: metricsSnapshotSchema },
  /** Host only: who is in the match now, and the banned players (to unban). */
  'player.list': {
    params: empty,
    result: z.object({
      players: z.array(playerRowSchema),
      banned: z.array(z.object({ playerId: z.number().int(), name: z.string() })),
    }),
  },
  'map.list': { params: empty, result: z.object({ maps: z.array(mapEntrySchema) }) },
  /**
   * Follows one agent (null: none) for this session: `inspect` events from
   * now on. The host, and friends who may edit behaviors (who see memory and
   * errors only of behaviors they wrote).
   */
  'agent.inspect': {
    params: z.object({ agentId: z.number().int().min(1).nullable() }).strict(),
    result: z.object({ agentId: z.number().int().nullable() }),
  },
  /** Host only: STUN/TURN and UDP ports; TURN passwords come back masked. */
  'network.get': { params: empty, result: networkSettingsViewSchema },
  /** Stores the settings and uses them for every connection made from now on. */
  'network.save': {
    params: z.object({ settings: networkSettingsSchema }).strict(),
    result: networkSettingsViewSchema,
  },
} as const satisfies Record<RequestName, { params: z.ZodType; result: z.ZodType }>;

/** Every event the host pushes: event name → payload schema. */
export const hostEvents = {
  link: linkEventSchema,
  stats: statsSchema,
  match: matchStateSchema,
  scoreboard: scoreboardSchema,
  /** Persistence trouble (disk full, read-only folder) or null when it clears. */
  warning: z.object({ message: z.string().nullable() }),
  behaviors: behaviorsEventSchema,
  llm: llmEventSchema,
  /**
   * Behaviors' console lines (topic `console`): the host sees every line, a
   * friend's editor only the lines of behaviors that friend wrote.
   */
  console: consoleEventSchema,
  inspect: inspectEventSchema,
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
export type Stats = z.output<typeof statsSchema>;
export type Topic = z.output<typeof topicSchema>;
export type Saves = z.output<typeof savesSchema>;
export type ScoreboardData = z.output<typeof scoreboardSchema>;
export type ConfigEntry = z.output<typeof configEntrySchema>;
export type MatchStart = z.output<typeof matchStartSchema>;
export type PlayerSummary = z.output<typeof playerSummarySchema>;
export type BehaviorsEvent = z.output<typeof behaviorsEventSchema>;
export type ReplaySummary = z.output<typeof replaySummarySchema>;
export type ReplayInfo = z.output<typeof replayInfoSchema>;
export type ReplayFrame = z.output<typeof replayFrameSchema>;
export type WhatIfResult = z.output<typeof whatIfResultSchema>;
export type BehaviorSummaryData = z.output<typeof behaviorSummarySchema>;
export type BehaviorSaveResult = z.output<typeof behaviorSaveResultSchema>;
export type BehaviorDraft = z.output<typeof behaviorDraftSchema>;
export type PlayerRow = z.output<typeof playerRowSchema>;
export type MapEntry = z.output<typeof mapEntrySchema>;
export type AgentInspection = z.output<typeof inspectEventSchema>;
export type InspectedAction = z.output<typeof inspectedActionSchema>;

/**
 * What a UI holds: the typed client of the host API, whatever carries it.
 * `on` returns a function that removes the listener.
 */
export interface HostClient {
  request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>>;
  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void;
  /** The binary lane of this connection: the host window's snapshot and input packets. */
  readonly stateLane: StateLane;
}

/** Error codes a request can fail with; `message` says the rest in words. */
export type HostErrorCode =
  | 'bad_message'
  | 'unknown_method'
  | 'invalid_params'
  | 'too_large'
  | 'handler_failed'
  | 'forbidden'
  | 'closed';

export class HostApiError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostApiError';
  }
}
