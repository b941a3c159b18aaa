import type { Page } from '@playwright/test';

export interface DrawnAgent {
  id: number;
  x: number;
  y: number;
}

/** What the page exposes for tests (src/renderer/src/testHook.ts). */
export function drawnAgents(page: Page): Promise<DrawnAgent[]> {
  return page.evaluate(() => window.__arbiterTest?.agents() ?? []);
}

export function drawnCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__arbiterTest?.drawn ?? 0);
}

/** Where the arena is drawn: 'worker' (OffscreenCanvas), 'page' (main thread), null: not yet. */
export function arenaThread(page: Page): Promise<'worker' | 'page' | null> {
  return page.evaluate(() => window.__arbiterTest?.arenaThread ?? null);
}

export interface DrawnEntity extends DrawnAgent {
  kind: number;
  team: number;
  hp: number;
  alive: boolean;
}

interface TeamLine {
  team: number;
  name: string;
  kills: number;
  deaths: number;
  damage: number;
  /** Bots on the team now. */
  bots: number;
}

/** The fields of a snapshot the tests read (FrameView in src/renderer/src/testHook.ts). */
export interface FrameView {
  tick: number;
  ids: number[];
  kinds: number[];
  teams: number[];
  xy: number[];
  aim: number[];
  alive: number[];
}

/** The fields of the behaviors event the tests read. */
export interface BehaviorsView {
  /** Team index → the behavior id it runs. */
  teams: Record<string, string>;
  behaviors: { id: string; agents: number; lastError: { message: string } | null }[];
  agents: {
    id: number;
    team: number;
    behavior: string | null;
    assignedTo: 'agent' | 'team' | null;
    lastError: { message: string; line: number | null } | null;
  }[];
}

declare global {
  interface Window {
    __arbiterTest: {
      frames: number;
      drawn: number;
      arenaThread: 'worker' | 'page' | null;
      agents(): DrawnAgent[];
      /** Agents drawn (alive or waiting to respawn) with where they are on the page (client CSS px). */
      agentsOnScreen(): Array<DrawnAgent & { alive: boolean; clientX: number; clientY: number }>;
      entities(): DrawnEntity[];
      labels(): string[];
      /** Speech bubbles drawn in the last frame. */
      bubbles(): Array<{ unitId: number; text: string }>;
      scoreboard: { phase: string; secondsLeft: number | null; teams: TeamLine[] } | null;
      tick: number;
      lastFrame: FrameView | null;
      /** The newest decoded snapshot (its arrays are refilled by the next one), or null. */
      latestSnapshot(): {
        entities: { count: number; id: ArrayLike<number>; kind: ArrayLike<number> };
      } | null;
      behaviors: BehaviorsView | null;
      ownUnitId: number | null;
      transport: string;
      editor:
        | (() => {
            code: string;
            firstTextShownAt: number | null;
            state: string | null;
            shown: string | null;
          })
        | null;
    };
  }
}
