/**
 * What request handlers share: the core's options, its engine, its state
 * manager and the event fan-out. Handlers are grouped by area (match,
 * saves…), each a file in this folder.
 */
import { HostApiError } from '../../../shared/hostApi';
import type { z } from 'zod';
import type {
  EventData,
  EventName,
  HostRequests,
  RequestName,
  RequestResult,
  ScoreboardData,
  ServerInfo,
  Topic,
} from '../../../shared/hostApi';
import type { EngineHost, Match, PlayerRoster, HostWindowLinks } from '../match/index';
import type { Logger } from '../server/index';
import type { StateManager } from '../persistence/stateManager';
import type { FriendServer } from '../net/friendServer';
import type { InviteBook } from '../net/invites';
import type { KeyVault } from '../llm/keyVault';
import type { HostMetrics } from '../metrics/index';

export interface HostCoreOptions {
  mode: ServerInfo['mode'];
  version: string;
  /** Folder holding maps/, items.json, behaviors/. */
  resourcesDir: string;
  /** Folder for arbiter.db and backups/. */
  dataDir: string;
  /** Where the engine worker's entry lives (built .js, or .ts under tests). */
  workerUrl: URL;
  logger: Logger;
  /** better-sqlite3 build for Electron's ABI (see scripts/electronNative.mjs). */
  nativeBinding?: string;
  /** Write-behind interval, ms (default 2000). */
  syncIntervalMs?: number;
  /** STUN/TURN servers for friends' WebRTC; none by default. */
  iceServers?: string[];
  /** Where the LLM API key is kept (default: ARBITER_LLM_API_KEY, or memory). */
  keyVault?: KeyVault;
  /** UDP ports WebRTC may use (inclusive); any free port when absent. */
  udpPorts?: { begin: number; end: number };
  /** The public IP put in WebRTC offers in place of private host addresses (`--public-ip`). */
  publicIp?: string;
  /** How long a dropped friend keeps their avatar, ms (default 60 s). */
  reconnectGraceMs?: number;
}

export const DEFAULT_SYNC_INTERVAL_MS = 2000;

/** Receives the events a session subscribed to. */
export type EventSink = <E extends EventName>(event: E, data: EventData<E>) => void;

export interface SessionEntry {
  id: number;
  /** 'host': the host key's UI; 'editor': a friend whose invite lets them edit behaviors. */
  role: 'host' | 'editor';
  /** Whose runtime and name the session's behavior versions get ('host', or 'friend-<id>'). */
  author: string;
  sink: EventSink;
  /** The session's binary lane to its window; null where its transport carries text only. */
  sendState: ((bytes: Uint8Array) => void) | null;
  topics: Set<Topic>;
  /** The durable player this session plays as, once it joined. */
  playerId: number | null;
  /** For an editor: the friend whose session token opened it. */
  editorOf: number | null;
  /** Why the host ended this session (kick, ban, revoked invite), once it did. */
  endedBecause: string | null;
}

/** Throws when the host ended the session while its request was under way: it must change nothing. */
export function assertNotEnded(session: SessionEntry): void {
  if (session.endedBecause !== null) {
    throw new HostApiError('closed', `the host ended this session: ${session.endedBecause}`);
  }
}

/** Why the host ends a friend's sessions; the text each of their connections is closed with. */
export const SESSION_END_REASONS = {
  kicked: 'kicked by the host',
  banned: 'banned by the host',
  revoked: 'the host revoked the invite that let you edit behaviors',
} as const;

export interface HostContext {
  options: HostCoreOptions;
  engine: EngineHost;
  state: StateManager;
  roster: PlayerRoster;
  invites: InviteBook;
  friends: FriendServer;
  /** Host windows playing over local links (topic `snapshots`). */
  windows: HostWindowLinks;
  match: Match;
  url: string | null;
  /** The newest scoreboard the engine reported (about once a second). */
  lastScoreboard: ScoreboardData | null;
  /**
   * Closes every editor session the friend `playerId` holds, at once: their
   * in-flight and later requests are refused and their sockets close with `reason`.
   */
  endEditorSessions(playerId: number, reason: string): number;
  /** Sends to every session subscribed to `topic` (or to all when null). */
  publish<E extends EventName>(topic: Topic | null, event: E, data: EventData<E>): void;
  /** Sends to each session subscribed to `topic` what `dataFor` gives it (nothing for null). */
  publishEach<E extends EventName>(
    topic: Topic,
    event: E,
    dataFor: (session: SessionEntry) => EventData<E> | null,
  ): void;
  /** Where handlers report what operations count (LLM requests…). */
  metrics: HostMetrics;
}

/**
 * The handler of request `M`, typed from the contract (src/shared/hostApi.ts):
 * it gets the params as the schema parsed them (defaults applied) and
 * resolves to the result the schema describes.
 */
export type Handler<M extends RequestName> = (
  params: z.output<HostRequests[M]['params']>,
  session: SessionEntry,
) => Promise<RequestResult<M>>;
/** Handlers by method; hostCore checks at start that every method has one. */
export type HandlerMap = { [M in RequestName]?: Handler<M> };
