/**
 * The host core: owns the match, the engine worker and the state manager,
 * and serves the host API to any number of sessions (the desktop window
 * over IPC, browsers over WebSocket, tests over memory pairs). It never
 * imports electron.
 */
import {
  HostApiError,
  hostRequests,
  isRequestName,
  REQUEST_NAMES,
  type EventName,
  type MatchSettings,
  type MatchState,
  type RequestName,
  type Stats,
  type Topic,
  type WorldFrame,
  type EventData,
} from '../../shared/hostApi';
import type { WebSocket } from 'ws';
import { formatIssues } from '../../shared/rpcProtocol';
import { assertNotEnded, DEFAULT_SYNC_INTERVAL_MS } from './api/context';
import type {
  EventSink,
  Handler,
  HandlerMap,
  HostContext,
  HostCoreOptions,
  SessionEntry,
} from './api/context';
import { behaviorHandlers } from './api/behaviorHandlers';
import { builtInConfig, configHandlers } from './api/configHandlers';
import { matchHandlers, matchState } from './api/matchHandlers';
import { Match } from './match';
import { recordMatchEnd, recordMatchStart } from './matchRecords';
import { inviteHandlers } from './api/inviteHandlers';
import { llmHandlers } from './api/llmHandlers';
import { EDITOR_METHODS, friendAuthor } from './api/editorAccess';
import { playerHandlers } from './api/playerHandlers';
import { codeInviteHandlers } from './api/codeInviteHandlers';
import { CodeOffers } from './net/codeOffers';
import { FriendServer } from './net/friendServer';
import type { WebRtcConfig } from './net/playerLink.webrtc';
import { LocalViews } from './localViews';
import { InviteBook } from './net/invites';
import { savesHandlers } from './api/savesHandlers';
import { hashToken, PlayerRoster } from './playerRoster';
import { EngineHost } from './engineHost';
import type { WorkerFrame } from './engineWorkerProtocol';
import { openStateManager } from './persistence/openState';
import { createHostOps, HostMetrics, type HostOps } from './metrics/index';
import { metricsHandlers } from './api/metricsHandlers';

export type { EventSink, HostCoreOptions } from './api/context';

/** One connected UI. `request` validates everything it is given. */
export interface HostSession {
  readonly id: number;
  request(method: unknown, params: unknown): Promise<unknown>;
  close(): void;
}

/** Closes a session's transport when the host ends it (kick, ban, revoked invite), saying why. */
export type SessionEnder = (reason: string) => void;

export interface HostCore {
  openSession(sink: EventSink, end?: SessionEnder): HostSession;
  /**
   * The player a friend's session token names, when they may edit behaviors
   * now: an editing invite the host has not revoked, not kicked, not banned.
   */
  editorFor(token: string): { playerId: number } | null;
  /** A session limited to the behavior library and the editor's LLM, as that friend. */
  openEditorSession(playerId: number, sink: EventSink, end?: SessionEnder): HostSession;
  /** Takes over a friend's `/signal` WebSocket. */
  handleFriendSocket(socket: WebSocket): void;
  /** URL a browser can open, once the headless host knows its port. */
  setUrl(url: string | null): void;
  matchState(): MatchState;
  /** Players in the match now: the host's own windows (local) and friends. */
  playerCounts(): { local: number; friends: number };
  /** The public IP for WebRTC offers from now on (Agones tells it after start). */
  setPublicIp(ip: string): void;
  /** Metrics and health of this host, for `/metrics`, `/healthz` and `/readyz`. */
  readonly ops: HostOps;
  /** Saves what is unsaved, stops the engine and closes the state file. */
  dispose(): Promise<void>;
}

/**
 * Creates the core. Throws (DatabaseOpenError) when the data folder holds a
 * file that is not an Arbiter database: it is never overwritten.
 */
export function createHostCore(options: HostCoreOptions): HostCore {
  const sessions = new Map<number, SessionEntry>();
  /** How to close each session's transport, where it gave one. */
  const enders = new Map<number, SessionEnder>();
  let nextSessionId = 1;
  let disposed = false;

  const publish = <E extends EventName>(topic: Topic | null, event: E, data: EventData<E>) => {
    for (const entry of sessions.values()) {
      if (topic === null || entry.topics.has(topic)) entry.sink(event, data);
    }
    if (event === 'behaviors') ops.behaviorsReported(data);
  };
  const metrics = new HostMetrics();
  const state = openStateManager({
    dataDir: options.dataDir,
    nativeBinding: options.nativeBinding,
    syncIntervalMs: options.syncIntervalMs,
    onWarning: (message) => {
      if (message) options.logger.warn({ message }, 'persistence');
      publish(null, 'warning', { message });
    },
    onSync: (ms, ok) => metrics.sqliteSync(ms, ok),
    onSaveFailed: (message) => options.logger.error({ reason: message }, 'save failed'),
  });
  state.start();
  const engine = new EngineHost(options.workerUrl);
  // Built in dependency order; the match's hooks run only once a request starts a match,
  // when everything below exists.
  const match: Match = new Match(
    engine,
    {
      stopping: () => roster.matchStopping(),
      async started() {
        context.lastScoreboard = null;
        // Everyone already joined gets an avatar in the new world, with their saved state.
        await roster.matchStarted();
        friends.matchStarted();
        localViews.restartAll();
      },
      recordStart(settings) {
        const matchId = recordMatchStart(state, settings);
        options.logger.info(
          {
            matchId,
            config: settings.config.name,
            map: settings.config.map,
            seed: settings.seed,
            agents: settings.agents,
          },
          'match started',
        );
        return matchId;
      },
      recordEnd(matchId, result) {
        options.logger.info({ matchId, result }, 'match ended');
        recordMatchEnd(state, matchId, result, context.lastScoreboard);
      },
    },
    initialSettings(),
  );
  match.on('transition', ({ from, to }) => options.logger.info({ from, to }, `match ${to}`));
  const roster = new PlayerRoster(engine, state, options.logger, () =>
    Math.max(1, match.settings.config.teams.length),
  );
  const invites = new InviteBook();
  const ops = createHostOps({ metrics, engine, state, players: () => roster.counts() });
  const rtc: WebRtcConfig = {
    iceServers: options.iceServers ?? [],
    portRangeBegin: options.udpPorts?.begin,
    portRangeEnd: options.udpPorts?.end,
    publicIp: options.publicIp,
  };
  const friends = new FriendServer({
    roster,
    invites,
    engine,
    logger: options.logger,
    metrics,
    rtc,
    graceMs: options.reconnectGraceMs,
    match: () => ({
      running: match.running,
      tickRate: match.settings.config.tickRate,
      map: match.map,
    }),
  });
  const localViews = new LocalViews(engine, roster);
  const context: HostContext = {
    options,
    engine,
    state,
    roster,
    invites,
    friends,
    localViews,
    match,
    url: null,
    lastScoreboard: null,
    publish,
    endEditorSessions,
    metrics,
  };
  engine.on('netPackets', ({ sends }) => context.localViews.deliver(sends));
  const codeOffers = new CodeOffers({
    invites: context.invites,
    rtc,
    join: (name, link) => friends.joinByCode(name, link),
  });
  roster.start(options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS);

  engine.on('frame', (frame) => {
    // Building a frame costs arrays as long as the world: only when someone watches.
    for (const entry of sessions.values()) {
      if (entry.topics.has('world')) return publish('world', 'world', toWorldFrame(frame));
    }
  });
  engine.on('stats', (stats) => {
    const data: Stats = {
      tick: stats.tick,
      tickRate: stats.tickRate,
      measuredTickRate: round(stats.measuredTickRate, 100),
      entityCount: stats.entityCount,
      msPerTick: round(stats.msPerTick, 1000),
      p99MsPerTick: round(stats.p99MsPerTick, 1000),
      stateHash: stats.stateHash,
    };
    publish('stats', 'stats', data);
  });
  engine.on('scoreboard', (scoreboard) => {
    const ended = scoreboard.phase === 'ended' && context.lastScoreboard?.phase !== 'ended';
    context.lastScoreboard = scoreboard;
    publish('scoreboard', 'scoreboard', scoreboard);
    if (ended) {
      const winner = scoreboard.winner === null ? 'draw' : `team ${scoreboard.winner} won`;
      match.closeRecord(winner);
    }
  });
  engine.on('error', (error) => options.logger.error({ err: error }, 'engine worker error'));

  const behaviors = behaviorHandlers(context);
  const llm = llmHandlers(context);
  const handlers: HandlerMap = {
    ...behaviors.handlers,
    ...llm.handlers,
    ...matchHandlers(context),
    ...configHandlers(context),
    ...playerHandlers(context),
    ...inviteHandlers(context),
    ...codeInviteHandlers(codeOffers),
    ...savesHandlers(context),
    ...metricsHandlers(context),
  };
  const unhandled = REQUEST_NAMES.filter((name) => !handlers[name]);
  if (unhandled.length)
    throw new Error(`host API methods without a handler: ${unhandled.join(', ')}`);

  return {
    openSession: (sink, end) => open(sink, 'host', 'host', null, end),
    editorFor(token) {
      const player = state.players.findByTokenHash(hashToken(token));
      return player && !player.banned && friends.canEditBehaviors(player.id)
        ? { playerId: player.id }
        : null;
    },
    openEditorSession: (playerId, sink, end) =>
      open(sink, 'editor', friendAuthor(playerId), playerId, end),
    handleFriendSocket(socket) {
      if (disposed) socket.close(1001, 'the host is shutting down');
      else friends.handleSocket(socket);
    },
    setUrl(next) {
      context.url = next;
    },
    matchState: () => matchState(context),
    playerCounts: () => roster.counts(),
    setPublicIp(ip) {
      // Read at each new peer: friends who join from now on get the public address.
      rtc.publicIp = ip;
    },
    ops,
    async dispose() {
      if (disposed) return;
      disposed = true;
      sessions.clear();
      codeOffers.close();
      match.closeRecord('host shut down');
      await roster.close();
      await engine.dispose();
      state.close();
      ops.dispose();
    },
  };

  function endEditorSessions(playerId: number, reason: string): number {
    let ended = 0;
    for (const [id, entry] of sessions) {
      if (entry.editorOf !== playerId) continue;
      // Out of the map first: a request already on its way is refused as closed.
      sessions.delete(id);
      entry.endedBecause = reason;
      llm.closeSession(id);
      enders.get(id)?.(reason);
      enders.delete(id);
      ended++;
    }
    return ended;
  }

  function open(
    sink: EventSink,
    role: SessionEntry['role'],
    author: string,
    editorOf: number | null = null,
    end?: SessionEnder,
  ): HostSession {
    const id = nextSessionId++;
    const entry: SessionEntry = {
      id,
      role,
      author,
      sink,
      topics: new Set(),
      playerId: null,
      editorOf,
      endedBecause: null,
    };
    sessions.set(id, entry);
    if (end) enders.set(id, end);
    return {
      id,
      async request(method, params) {
        if (disposed) throw new HostApiError('closed', 'the host is shutting down');
        assertNotEnded(entry);
        if (!sessions.has(id)) throw new HostApiError('closed', 'this session is closed');
        if (!isRequestName(method)) {
          throw new HostApiError(
            'unknown_method',
            `unknown method "${String(method).slice(0, 64)}"`,
          );
        }
        if (role === 'editor' && !EDITOR_METHODS.has(method)) {
          throw new HostApiError('forbidden', `${method} is for the host only`);
        }
        const parsed = hostRequests[method].params.safeParse(params ?? {});
        if (!parsed.success) {
          throw new HostApiError('invalid_params', `${method}: ${formatIssues(parsed.error)}`);
        }
        // The map is checked complete at start; one method's handler takes that method's params.
        const handler = handlers[method] as Handler<typeof method>;
        try {
          const result = await handler(parsed.data as never, entry);
          if (CHECK_RESULTS) checkResult(method, result);
          return result;
        } catch (error) {
          if (error instanceof HostApiError) throw error;
          throw new HostApiError('handler_failed', `${method}: ${(error as Error).message}`);
        }
      },
      close() {
        sessions.delete(id);
        enders.delete(id);
        llm.closeSession(id);
        context.localViews.detach(id);
        // A dropped connection leaves the match; its avatar is saved first.
        if (entry.playerId !== null) void roster.leave(entry.playerId, 'disconnected');
      },
    };
  }
}

function initialSettings(): MatchSettings {
  const config = builtInConfig();
  return { config, seed: 1, agents: config.botsPerTeam * config.teams.length };
}

/**
 * Results are checked against the contract in tests and development builds
 * (a handler that drifts from its schema fails loudly there); production
 * trusts the types and saves the parse.
 */
const CHECK_RESULTS = process.env.NODE_ENV !== 'production';

function checkResult(method: RequestName, result: unknown): void {
  const checked = hostRequests[method].result.safeParse(result);
  if (!checked.success) {
    throw new HostApiError(
      'handler_failed',
      `${method} answered outside the contract: ${formatIssues(checked.error)}`,
    );
  }
}

function round(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}

function toWorldFrame(frame: WorkerFrame): WorldFrame {
  const n = frame.ids.length;
  const xy = new Array<number>(n * 2);
  for (let i = 0; i < n * 2; i++) xy[i] = Math.round(frame.xy[i] * 100) / 100;
  const aim = new Array<number>(n);
  const hp = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    aim[i] = Math.round(frame.aim[i] * 100) / 100;
    hp[i] = Math.round(Math.min(1, Math.max(0, frame.hp[i])) * 100);
  }
  return {
    tick: frame.tick,
    timeMs: frame.timeMs,
    ids: Array.from(frame.ids),
    kinds: Array.from(frame.kinds),
    teams: Array.from(frame.teams),
    xy,
    aim,
    hp,
    alive: Array.from(frame.alive),
    radius: frame.radius,
  };
}
