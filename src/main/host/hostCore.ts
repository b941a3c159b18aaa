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
import { publishConsole } from './api/consolePublisher';
import { scopedFor } from './api/editorScope';
import { builtInConfig, configHandlers } from './api/configHandlers';
import { matchHandlers, matchState } from './api/matchHandlers';
import { clockHandlers } from './api/clockHandlers';
import {
  Match,
  recordMatchEnd,
  recordMatchStart,
  HostWindowLinks,
  hashToken,
  PlayerRoster,
  EngineHost,
} from './match/index';
import { ReplayRecorder } from './replay/replayRecorder';
import { ReplayHost } from './replay/replayHost';
import { replayHandlers } from './api/replayHandlers';
import { inviteHandlers } from './api/inviteHandlers';
import { llmHandlers } from './api/llmHandlers';
import { EDITOR_METHODS, friendAuthor } from './api/editorAccess';
import { playerHandlers } from './api/playerHandlers';
import { codeInviteHandlers } from './api/codeInviteHandlers';
import { CodeOffers } from './net/codeOffers';
import type { WebRtcConfig } from './net/playerLink.webrtc';
import { FriendServer } from './net/friendServer';
import { HudBroadcast } from './net/hudBroadcast';
import { InviteBook } from './net/invites';
import { hideFromLogs } from './server/index';
import { savesHandlers } from './api/savesHandlers';
import { openStateManager } from './persistence/openState';
import { createHostOps, HostMetrics, type HostOps } from './metrics/index';
import { metricsHandlers } from './api/metricsHandlers';
import { dashboardHandlers } from './api/dashboardHandlers';
import { networkHandlers } from './api/networkHandlers';
import { inspectHandlers } from './api/inspectHandlers';

export type { EventSink, HostCoreOptions } from './api/context';

/** One connected UI. `request` validates everything it is given. */
export interface HostSession {
  readonly id: number;
  request(method: unknown, params: unknown): Promise<unknown>;
  /** A packet from the window's binary lane (untrusted bytes: its player link's inputs). */
  receiveState(bytes: Uint8Array): void;
  close(): void;
}

/** Closes a session's transport when the host ends it (kick, ban, revoked invite), saying why. */
export type SessionEnder = (reason: string) => void;

/** What the host can do with a session's connection beyond sending it events. */
export interface SessionTransport {
  end?: SessionEnder;
  /** The connection's binary lane to the window (see stateLane.ts). */
  sendState?: (bytes: Uint8Array) => void;
}

export interface HostCore {
  /** `transport`: how the host closes the connection and reaches its binary lane, where it can. */
  openSession(sink: EventSink, transport?: SessionTransport): HostSession;
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
  /**
   * A seat held for a player another fleet host sends here: a one-use invite
   * valid for `ttlMs` (its code kept out of the logs).
   */
  reserveSeat(ttlMs: number): { code: string; expiresAt: number };
  /** Whether a reserved seat is still held: its invite unused, unrevoked and unexpired. */
  seatHeld(code: string): boolean;
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
      // A friend's editor gets its own share (editorScope.ts); the host all of it.
      if (topic === null || entry.topics.has(topic))
        entry.sink(event, scopedFor(entry, event, data));
    }
    if (event === 'behaviors') ops.behaviorsReported(data);
  };
  const publishEach = <E extends EventName>(
    topic: Topic,
    event: E,
    dataFor: (session: SessionEntry) => EventData<E> | null,
  ) => {
    for (const entry of sessions.values()) {
      if (!entry.topics.has(topic)) continue;
      const data = dataFor(entry);
      if (data !== null) entry.sink(event, data);
    }
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
  const recorder = new ReplayRecorder(state);
  const replays = new ReplayHost(replayWorkerUrl(options.workerUrl));
  recorder.start(options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
  engine.on('recording', (event) => recorder.handle(event));
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
        windows.restartAll();
        // What each team ran goes on running in the new match (Stop → Start, Rematch).
        await behaviors.restoreTeams();
      },
      recordStart(settings, plan) {
        const matchId = recordMatchStart(state, settings);
        if (matchId !== null) recorder.begin(matchId, engine.recordingSerial, plan);
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
  // One object every new peer reads: network.save changes it in place for later connections.
  const rtc: WebRtcConfig = {
    iceServers: options.iceServers ?? [],
    portRangeBegin: options.udpPorts?.begin,
    portRangeEnd: options.udpPorts?.end,
    publicIp: options.publicIp,
  };
  const hud = new HudBroadcast(engine, roster);
  const friends = new FriendServer({
    roster,
    hud,
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
      paused: match.phase === 'paused',
      speed: match.speed,
    }),
  });
  const windows = new HostWindowLinks({
    engine,
    roster,
    hud,
    match: () => ({ tickRate: match.settings.config.tickRate, map: match.map }),
  });
  const context: HostContext = {
    options,
    engine,
    state,
    roster,
    invites,
    friends,
    windows,
    match,
    url: null,
    lastScoreboard: null,
    publish,
    publishEach,
    endEditorSessions,
    metrics,
  };
  const codeOffers = new CodeOffers({
    invites: context.invites,
    rtc,
    join: (name, link, session) => friends.joinByCode(name, link, session),
  });
  roster.start(options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS);

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
  publishConsole(context, behaviors.nameOf);
  const llm = llmHandlers(context);
  const inspect = inspectHandlers(context, () => sessions.values(), behaviors.nameOf);
  const handlers: HandlerMap = {
    ...behaviors.handlers,
    ...llm.handlers,
    ...inspect.handlers,
    ...matchHandlers(context),
    ...clockHandlers(context),
    ...configHandlers(context),
    ...playerHandlers(context),
    ...inviteHandlers(context),
    ...codeInviteHandlers(codeOffers),
    ...savesHandlers(context),
    ...replayHandlers(recorder, replays, behaviors.store),
    ...metricsHandlers(context),
    ...dashboardHandlers(context),
    ...networkHandlers(context, rtc),
  };
  const unhandled = REQUEST_NAMES.filter((name) => !handlers[name]);
  if (unhandled.length)
    throw new Error(`host API methods without a handler: ${unhandled.join(', ')}`);

  return {
    openSession: (sink, transport = {}) => open(sink, 'host', 'host', null, transport),
    editorFor(token) {
      const player = state.players.findByTokenHash(hashToken(token));
      return player && !player.banned && friends.canEditBehaviors(player.id)
        ? { playerId: player.id }
        : null;
    },
    openEditorSession: (playerId, sink, end) =>
      open(sink, 'editor', friendAuthor(playerId), playerId, { end }),
    handleFriendSocket(socket) {
      if (disposed) socket.close(1001, 'the host is shutting down');
      else friends.handleSocket(socket);
    },
    setUrl(next) {
      context.url = next;
    },
    matchState: () => matchState(context),
    playerCounts: () => roster.counts(),
    reserveSeat(ttlMs) {
      const { code, expiresAt } = invites.create({ ttlMs, maxUses: 1 });
      hideFromLogs(code);
      return { code, expiresAt };
    },
    seatHeld(code) {
      const checked = invites.check(code);
      return checked.ok && checked.invite.uses === 0;
    },
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
      await recorder.close();
      await replays.dispose();
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
      inspect.closeSession(id);
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
    editorOf: number | null,
    transport: SessionTransport,
  ): HostSession {
    const id = nextSessionId++;
    const entry: SessionEntry = {
      id,
      role,
      author,
      sink,
      sendState: transport.sendState ?? null,
      topics: new Set(),
      playerId: null,
      editorOf,
      endedBecause: null,
    };
    sessions.set(id, entry);
    if (transport.end) enders.set(id, transport.end);
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
      receiveState(bytes) {
        // The engine validates and counts bad packets, as it does a friend's.
        if (sessions.has(id)) context.windows.receiveState(id, bytes);
      },
      close() {
        sessions.delete(id);
        enders.delete(id);
        llm.closeSession(id);
        inspect.closeSession(id);
        context.windows.close(id);
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

/** The replay worker's entry from the engine worker's: beside it in out/main, or replay/ beside match/ in source. */
function replayWorkerUrl(engineWorkerUrl: URL): URL {
  const fromSource = engineWorkerUrl.pathname.endsWith('.ts');
  return new URL(fromSource ? '../replay/replayWorker.ts' : './replayWorker.js', engineWorkerUrl);
}
