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
  type Stats,
  type Topic,
  type EventData,
} from '../../shared/hostApi';
import type { WebSocket } from 'ws';
import { formatIssues } from '../../shared/rpcProtocol';
import { DEFAULT_SYNC_INTERVAL_MS } from './api/context';
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
import { endRecordedMatch, matchHandlers, matchState } from './api/matchHandlers';
import { inviteHandlers } from './api/inviteHandlers';
import { llmHandlers } from './api/llmHandlers';
import { EDITOR_METHODS, friendAuthor } from './api/editorAccess';
import { playerHandlers } from './api/playerHandlers';
import { codeInviteHandlers } from './api/codeInviteHandlers';
import { CodeOffers } from './net/codeOffers';
import { FriendServer } from './net/friendServer';
import { HostWindowLinks } from './hostWindowLinks';
import { InviteBook } from './net/invites';
import { savesHandlers } from './api/savesHandlers';
import { hashToken, PlayerRoster } from './playerRoster';
import { EngineHost } from './engineHost';
import { openStateManager } from './persistence/openState';

export type { EventSink, HostCoreOptions } from './api/context';

/** One connected UI. `request` validates everything it is given. */
export interface HostSession {
  readonly id: number;
  request(method: unknown, params: unknown): Promise<unknown>;
  /** A packet from the window's binary lane (untrusted bytes: its player link's inputs). */
  receiveState(bytes: Uint8Array): void;
  close(): void;
}

export interface HostCore {
  /** `sendState`: the connection's binary lane to the window, where it has one (see stateLane.ts). */
  openSession(sink: EventSink, sendState?: (bytes: Uint8Array) => void): HostSession;
  /** The player a friend's session token names, when their invite lets them edit behaviors. */
  editorFor(token: string): { playerId: number } | null;
  /** A session limited to the behavior library and the editor's LLM, as that friend. */
  openEditorSession(playerId: number, sink: EventSink): HostSession;
  /** Takes over a friend's `/signal` WebSocket. */
  handleFriendSocket(socket: WebSocket): void;
  /** URL a browser can open, once the headless host knows its port. */
  setUrl(url: string | null): void;
  matchState(): MatchState;
  /** Saves what is unsaved, stops the engine and closes the state file. */
  dispose(): Promise<void>;
}

/**
 * Creates the core. Throws (DatabaseOpenError) when the data folder holds a
 * file that is not an Arbiter database: it is never overwritten.
 */
export function createHostCore(options: HostCoreOptions): HostCore {
  const sessions = new Map<number, SessionEntry>();
  let nextSessionId = 1;
  let disposed = false;

  const publish = <E extends EventName>(topic: Topic | null, event: E, data: EventData<E>) => {
    for (const entry of sessions.values()) {
      if (topic === null || entry.topics.has(topic)) entry.sink(event, data);
    }
  };
  const state = openStateManager({
    dataDir: options.dataDir,
    nativeBinding: options.nativeBinding,
    syncIntervalMs: options.syncIntervalMs,
    onWarning: (message) => {
      if (message) options.logger.warn({ message }, 'persistence');
      publish(null, 'warning', { message });
    },
  });
  state.start();
  const engine = new EngineHost(options.workerUrl);
  const context: HostContext = {
    options,
    engine,
    state,
    roster: null as unknown as PlayerRoster,
    invites: new InviteBook(),
    friends: null as unknown as FriendServer,
    windows: null as unknown as HostWindowLinks,
    match: { running: false, settings: initialSettings(), map: null, recordId: null },
    url: null,
    lastScoreboard: null,
    publish,
  };

  const roster = new PlayerRoster(engine, state, options.logger, () =>
    Math.max(1, context.match.settings.config.teams.length),
  );
  context.roster = roster;
  const rtc = {
    iceServers: options.iceServers ?? [],
    portRangeBegin: options.udpPorts?.begin,
    portRangeEnd: options.udpPorts?.end,
  };
  const friends = new FriendServer({
    roster,
    invites: context.invites,
    engine,
    logger: options.logger,
    rtc,
    graceMs: options.reconnectGraceMs,
    match: () => ({
      running: context.match.running,
      tickRate: context.match.settings.config.tickRate,
      map: context.match.map,
    }),
  });
  context.friends = friends;
  context.windows = new HostWindowLinks({
    engine,
    roster,
    match: () => ({ tickRate: context.match.settings.config.tickRate, map: context.match.map }),
  });
  const codeOffers = new CodeOffers({
    invites: context.invites,
    rtc,
    join: (name, link) => friends.joinByCode(name, link),
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
      endRecordedMatch(context, winner, scoreboard);
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
  };
  const unhandled = REQUEST_NAMES.filter((name) => !handlers[name]);
  if (unhandled.length)
    throw new Error(`host API methods without a handler: ${unhandled.join(', ')}`);

  return {
    openSession: (sink, sendState) => open(sink, 'host', 'host', sendState ?? null),
    editorFor(token) {
      const player = state.players.findByTokenHash(hashToken(token));
      return player && friends.canEditBehaviors(player.id) ? { playerId: player.id } : null;
    },
    openEditorSession: (playerId, sink) => open(sink, 'editor', friendAuthor(playerId), null),
    handleFriendSocket(socket) {
      if (disposed) socket.close(1001, 'the host is shutting down');
      else friends.handleSocket(socket);
    },
    setUrl(next) {
      context.url = next;
    },
    matchState: () => matchState(context),
    async dispose() {
      if (disposed) return;
      disposed = true;
      sessions.clear();
      codeOffers.close();
      endRecordedMatch(context, 'host shut down', context.lastScoreboard);
      await roster.close();
      await engine.dispose();
      state.close();
    },
  };

  function open(
    sink: EventSink,
    role: SessionEntry['role'],
    author: string,
    sendState: SessionEntry['sendState'],
  ): HostSession {
    const id = nextSessionId++;
    const entry: SessionEntry = {
      id,
      role,
      author,
      sink,
      sendState,
      topics: new Set(),
      playerId: null,
    };
    sessions.set(id, entry);
    return {
      id,
      async request(method, params) {
        if (disposed) throw new HostApiError('closed', 'the host is shutting down');
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
        const handler = handlers[method] as Handler;
        try {
          return await handler(parsed.data as never, entry);
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
        llm.closeSession(id);
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

function round(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}
