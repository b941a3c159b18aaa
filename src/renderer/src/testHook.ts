import { FLAG_ALIVE, type DecodedSnapshot } from '../../../engine/index';
import type { BehaviorsEvent, ScoreboardData } from '../../shared/hostApi';
import type { DrawnEntity } from './game/arenaRenderer';

/**
 * What the end-to-end tests read from the page. Installed in every build:
 * Playwright drives the same bundle users get, and the hook holds only
 * counters and positions the page already shows.
 */
export interface ArbiterTestHook {
  /** Snapshots received since the page loaded. */
  frames: number;
  /** Live units (avatars and agents) drawn in the last rendered frame. */
  drawn: number;
  /** Where the arena is drawn: 'worker' (an OffscreenCanvas), 'page', or null when not shown. */
  arenaThread: 'worker' | 'page' | null;
  /** World positions (world units) of the live units currently drawn. */
  agents(): Array<{ id: number; x: number; y: number }>;
  /** Agents drawn now (alive or waiting to respawn): world units and where they are on the page (client CSS px). */
  agentsOnScreen(): Array<{
    id: number;
    x: number;
    y: number;
    alive: boolean;
    clientX: number;
    clientY: number;
  }>;
  /** Every entity currently drawn: units (alive or waiting to respawn), projectiles, items. */
  entities(): DrawnEntity[];
  /** The labels drawn over units in the last rendered frame ("you", players' names…). */
  labels(): string[];
  /** The speech bubbles drawn in the last rendered frame: whose, and what they say. */
  bubbles(): Array<{ unitId: number; text: string }>;
  /** Tick of the newest snapshot received (0 before the first). */
  tick: number;
  /** The newest snapshot as received (exact positions, not interpolated), or null. */
  readonly lastFrame: FrameView | null;
  /** Where `lastFrame` comes from: the arena view's newest decoded snapshot. */
  latestSnapshot: () => DecodedSnapshot | null;
  /** The newest behaviors event (per behavior and per agent), or null. */
  behaviors: BehaviorsEvent | null;
  /** The newest scoreboard the host sent, or null. */
  scoreboard: ScoreboardData | null;
  /** The avatar this page plays, or null. */
  ownUnitId: number | null;
  /** 'electron-ipc', 'websocket', or 'none' before the host is reached. */
  transport: string;
  /** The behavior editor's buffer and generation, once it has opened (null before). */
  editor:
    | (() => {
        code: string;
        firstTextShownAt: number | null;
        state: string | null;
        shown: string | null;
      })
    | null;
}

/** A snapshot as tests read it: parallel arrays, hp in whole percent, alive 0/1. */
export interface FrameView {
  tick: number;
  ids: number[];
  kinds: number[];
  teams: number[];
  /** x0, y0, x1, y1, … world units. */
  xy: number[];
  /** Facing, radians. */
  aim: number[];
  hp: number[];
  alive: number[];
}

/** Built only when a test reads `lastFrame`: the page itself draws from the snapshot. */
function frameViewOf(snapshot: DecodedSnapshot): FrameView {
  const { entities } = snapshot;
  const n = entities.count;
  const view: FrameView = {
    tick: snapshot.tick,
    ids: [],
    kinds: [],
    teams: [],
    xy: [],
    aim: [],
    hp: [],
    alive: [],
  };
  for (let i = 0; i < n; i++) {
    view.ids.push(entities.id[i]);
    view.kinds.push(entities.kind[i]);
    view.teams.push(entities.team[i]);
    view.xy.push(entities.x[i], entities.y[i]);
    view.aim.push(entities.angle[i]);
    view.hp.push(Math.round(Math.min(1, Math.max(0, entities.hp[i])) * 100));
    view.alive.push(entities.flags[i] & FLAG_ALIVE ? 1 : 0);
  }
  return view;
}

declare global {
  interface Window {
    __arbiterTest: ArbiterTestHook;
  }
}

export const testHook: ArbiterTestHook = {
  frames: 0,
  drawn: 0,
  arenaThread: null,
  agents: () => [],
  agentsOnScreen: () => [],
  entities: () => [],
  labels: () => [],
  bubbles: () => [],
  tick: 0,
  latestSnapshot: () => null,
  get lastFrame() {
    const snapshot = this.latestSnapshot();
    return snapshot ? frameViewOf(snapshot) : null;
  },
  behaviors: null,
  scoreboard: null,
  ownUnitId: null,
  transport: 'none',
  editor: null,
};

window.__arbiterTest = testHook;
