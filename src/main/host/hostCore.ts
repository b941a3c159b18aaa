/**
 * The host core: owns the match and the engine worker, and serves the host
 * API to any number of sessions (the desktop window over IPC, browsers over
 * WebSocket, tests over memory pairs). It never imports electron.
 */
import {
  HostApiError,
  hostRequests,
  isRequestName,
  type EventData,
  type EventName,
  type MapDef,
  type MatchSettings,
  type MatchState,
  type RequestName,
  type ServerInfo,
  type Stats,
  type Topic,
  type WorldFrame,
} from '../../shared/hostApi';
import { formatIssues } from '../../shared/rpcProtocol';
import { EngineHost } from './engineHost';
import type { WorkerFrame } from './engineWorkerProtocol';
import type { Logger } from './logger';
import { loadMap } from './maps';

export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
  tickRate: 20,
  agents: 100,
  seed: 1,
  map: 'arena',
};

export interface HostCoreOptions {
  mode: ServerInfo['mode'];
  version: string;
  /** Folder holding maps/, items.json, behaviors/. */
  resourcesDir: string;
  /** Where the engine worker's entry lives (built .js, or .ts under tests). */
  workerUrl: URL;
  logger: Logger;
}

/** Receives the events a session subscribed to. */
export type EventSink = <E extends EventName>(event: E, data: EventData<E>) => void;

/** One connected UI. `request` validates everything it is given. */
export interface HostSession {
  readonly id: number;
  request(method: unknown, params: unknown): Promise<unknown>;
  close(): void;
}

export interface HostCore {
  openSession(sink: EventSink): HostSession;
  /** URL a browser can open, once the headless host knows its port. */
  setUrl(url: string | null): void;
  matchState(): MatchState;
  dispose(): Promise<void>;
}

interface SessionEntry {
  sink: EventSink;
  topics: Set<Topic>;
}

export function createHostCore(options: HostCoreOptions): HostCore {
  const engine = new EngineHost(options.workerUrl);
  const sessions = new Map<number, SessionEntry>();
  let nextSessionId = 1;
  let url: string | null = null;
  let settings: MatchSettings = { ...DEFAULT_MATCH_SETTINGS };
  let map: MapDef | null = null;
  let running = false;
  let disposed = false;

  const matchState = (): MatchState => ({ running, settings: { ...settings }, map });

  function publish<E extends EventName>(topic: Topic | null, event: E, data: EventData<E>): void {
    for (const entry of sessions.values()) {
      if (topic === null || entry.topics.has(topic)) entry.sink(event, data);
    }
  }

  engine.on('frame', (frame) => publish('world', 'world', toWorldFrame(frame)));
  engine.on('stats', (stats) => {
    const data: Stats = {
      tick: stats.tick,
      tickRate: stats.tickRate,
      measuredTickRate: round(stats.measuredTickRate, 100),
      entityCount: stats.entityCount,
      msPerTick: round(stats.msPerTick, 1000),
      stateHash: stats.stateHash,
    };
    publish('stats', 'stats', data);
  });
  engine.on('error', (error) => options.logger.error({ err: error }, 'engine worker error'));

  const handlers: { [M in RequestName]: (params: never, entry: SessionEntry) => Promise<unknown> } =
    {
      'server.info': async (): Promise<ServerInfo> => ({
        name: 'arbiter',
        version: options.version,
        mode: options.mode,
        url,
        match: matchState(),
      }),
      'match.start': async (params: Partial<MatchSettings>) => {
        const next = { ...settings, ...params };
        const nextMap = await loadMap(options.resourcesDir, next.map);
        await engine.start(nextMap, next);
        settings = next;
        map = nextMap;
        running = true;
        options.logger.info({ settings }, 'match started');
        publish(null, 'match', matchState());
        return matchState();
      },
      'match.stop': async () => {
        if (running) await engine.stop();
        running = false;
        options.logger.info('match stopped');
        publish(null, 'match', matchState());
        return matchState();
      },
      'match.setAgentCount': async (params: { count: number }) => {
        settings = { ...settings, agents: params.count };
        if (running) engine.setAgentCount(params.count);
        publish(null, 'match', matchState());
        return matchState();
      },
      subscribe: async (params: { topics: Topic[] }, entry) => {
        for (const topic of params.topics) entry.topics.add(topic);
        return { topics: [...entry.topics] };
      },
      unsubscribe: async (params: { topics: Topic[] }, entry) => {
        for (const topic of params.topics) entry.topics.delete(topic);
        return { topics: [...entry.topics] };
      },
    };

  return {
    openSession(sink) {
      const id = nextSessionId++;
      const entry: SessionEntry = { sink, topics: new Set() };
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
          const parsed = hostRequests[method].params.safeParse(params ?? {});
          if (!parsed.success) {
            throw new HostApiError('invalid_params', `${method}: ${formatIssues(parsed.error)}`);
          }
          try {
            return await handlers[method](parsed.data as never, entry);
          } catch (error) {
            if (error instanceof HostApiError) throw error;
            throw new HostApiError('handler_failed', `${method}: ${(error as Error).message}`);
          }
        },
        close() {
          sessions.delete(id);
        },
      };
    },
    setUrl(next) {
      url = next;
    },
    matchState,
    async dispose() {
      if (disposed) return;
      disposed = true;
      sessions.clear();
      await engine.dispose();
    },
  };
}

function round(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}

function toWorldFrame(frame: WorkerFrame): WorldFrame {
  const xy = new Array<number>(frame.xy.length);
  for (let i = 0; i < frame.xy.length; i++) xy[i] = Math.round(frame.xy[i] * 100) / 100;
  return {
    tick: frame.tick,
    timeMs: frame.timeMs,
    ids: Array.from(frame.ids),
    xy,
    teams: Array.from(frame.teams),
    radius: frame.radius,
  };
}
