/**
 * Messages between the host core and the engine worker thread. The worker
 * owns the simulation; the host core only asks and listens.
 */
import type { ItemDefData } from '../../../shared/gameConfig';
import type {
  AgentInspection,
  MapDef,
  MatchSettings,
  ScoreboardData,
} from '../../../shared/hostApi';
import type { UnitState } from '../../../../engine/index';
import type {
  AgentBehaviorEntry,
  AgentSay,
  BehaviorDriverEvent,
  BehaviorStatusEntry,
} from './behaviorDriver';
import type { AuthorStatus, HotLoadRequest, UnnamedConsoleLine } from '../behaviors/sandbox/index';
import type { ClientSays } from './netClients';
import type { RecordingEvent } from '../replay/replayFormat';

export type { UnitState };

export type WorkerCommand =
  /** Replies with `{ tick, recording }` (the recording's serial) once the match runs (or fails: a bad map, config or item table). */
  | {
      type: 'start';
      requestId: number;
      map: MapDef;
      settings: MatchSettings;
      items: ItemDefData[];
    }
  /** Replies with `{ tick }`, the last tick, once the match has stopped. */
  | { type: 'stop'; requestId: number }
  /** Holds the tick loop (the world stays); replies with `{ tick }`. Fails when no match runs. */
  | { type: 'pause'; requestId: number }
  /** Runs the held loop again from now (no catch-up for the pause); replies with `{ tick }`. */
  | { type: 'resume'; requestId: number }
  /** One tick of a paused match; replies with `{ tick }` after it. Fails unless paused. */
  | { type: 'step'; requestId: number }
  /** Simulation speed 0.25..4 (ticks run that much faster than the tick rate); replies `{ speed }`. */
  | { type: 'setSpeed'; requestId: number; speed: number }
  | { type: 'setAgentCount'; count: number }
  /** Adds an avatar; `state` restores a returning player's saved unit state. */
  | { type: 'addPlayer'; requestId: number; team: number; state: UnitState | null }
  /** Removes an avatar and replies with its final state, for saving. */
  | { type: 'removePlayer'; requestId: number; unitId: number }
  /** A command from the player who owns `unitId` (validated by the engine). */
  | { type: 'command'; unitId: number; command: unknown }
  /** A friend's netcode client for avatar `unitId` (snapshots, inputs). */
  | { type: 'addNetClient'; clientId: number; unitId: number; seesAll?: boolean }
  | { type: 'removeNetClient'; clientId: number }
  /** An input packet from a friend, untrusted bytes. */
  | { type: 'netInput'; clientId: number; bytes: Uint8Array }
  /** Asks for the current state of these avatars (write-behind sync). */
  | { type: 'exportPlayers'; requestId: number; unitIds: number[] }
  /** Validates (dry run) and swaps in a behavior version; replies with a HotLoadResult. */
  | { type: 'behaviorHotLoad'; requestId: number; request: HotLoadRequest }
  /** Only validates (strip, compile, dry run); replies with a ValidateResult. */
  | { type: 'behaviorValidate'; requestId: number; request: HotLoadRequest }
  /** Assigns a loaded behavior (or null: the built-in AI) to a team or one agent. */
  | {
      type: 'behaviorAssign';
      requestId: number;
      target: { team?: number; agentId?: number };
      behaviorId: string | null;
    }
  | { type: 'behaviorUnload'; requestId: number; behaviorId: string }
  /** Replies with a BehaviorStatusReply. */
  | { type: 'behaviorStatus'; requestId: number }
  /**
   * The agents to inspect from now on (every subscriber's one); `check`: an
   * agent that must exist (replies `{ found }`; when found, its inspection
   * follows at once).
   */
  | { type: 'inspect'; requestId: number; agentIds: number[]; check: number | null };

export interface BehaviorStatusReply {
  running: boolean;
  /** The world's tick when the status was taken (0 between matches). */
  tick: number;
  behaviors: BehaviorStatusEntry[];
  /** Team → behavior id. */
  teams: Record<number, string>;
  /** Each agent's behavior and last error (empty between matches). */
  agents: AgentBehaviorEntry[];
  /** Each author with a behavior loaded: its sandbox instance's memory. */
  authors: AuthorStatus[];
}

export interface WorkerStats {
  type: 'stats';
  tick: number;
  tickRate: number;
  measuredTickRate: number;
  entityCount: number;
  msPerTick: number;
  /** 99th percentile of the ms one tick took, over the recent window. */
  p99MsPerTick: number;
  stateHash: string;
  /** Each tick's duration since the previous stats, ms (for the metrics' histogram). */
  tickSamples: Float64Array;
  /** Friends' input-to-ack latencies since the previous stats, ms. */
  ackSamples: Float64Array;
}

export type WorkerEvent =
  | WorkerStats
  | { type: 'scoreboard'; scoreboard: ScoreboardData }
  /** This tick's snapshot packets for every friend: one batch (netPacketBatch.ts), transferred. */
  | { type: 'netPackets'; tick: number; batch: ArrayBuffer }
  | { type: 'reply'; requestId: number; ok: true; value: unknown }
  | { type: 'reply'; requestId: number; ok: false; message: string }
  /** A failure that answers no request (a tick threw, a one-way command failed). */
  | { type: 'error'; message: string }
  /** A behavior failed, was suspended, or the sandbox restarted. */
  | { type: 'behaviorEvent'; event: BehaviorDriverEvent }
  /** Behaviors' console lines that passed the limits (at most once a tick). */
  | { type: 'console'; lines: UnnamedConsoleLine[] }
  /** What agents said since the last one, per net client (its area of interest; at most MAX_SAYS each). */
  | { type: 'says'; tick: number; clients: ClientSays<AgentSay>[] }
  /** One inspected agent, unfiltered (the host core withholds what a viewer may not see). */
  | { type: 'inspect'; inspection: AgentInspection }
  /** The match's recording: input chunks, checkpoints, its end. */
  | RecordingEvent;
