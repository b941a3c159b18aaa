/**
 * The host's side of the console's bounds: each author's behaviors
 * together may print CONSOLE_LINES_PER_AUTHOR_SECOND lines a second (the
 * guest already keeps each batch small, see guestPrelude.ts). What is cut
 * here, and what the guest counted as dropped, becomes one "N lines
 * dropped" notice per behavior when the author's second is over, so a
 * flood is visible and never silent, and costs the match a few lines.
 */
import { performance } from 'node:perf_hooks';
import {
  CONSOLE_LINES_PER_AUTHOR_SECOND,
  droppedText,
  type ConsoleLine,
} from '../../../../shared/consoleApi';
import type { GuestLogLine } from './behaviorInstance';

/** A console line before the host names its behavior (the library holds the names). */
export type UnnamedConsoleLine = Omit<ConsoleLine, 'behaviorName'>;

/** One behavior's console output of one batch, as the runner reports it. */
export interface ConsoleBatch {
  behaviorId: string;
  version: number;
  author: string;
  tick: number;
  lines: GuestLogLine[];
  /** Lines the guest dropped (per-agent and per-batch limits). */
  dropped: number;
}

const WINDOW_MS = 1000;

interface Drops {
  version: number;
  tick: number;
  count: number;
}

interface AuthorWindow {
  start: number;
  used: number;
  /** Behavior id → what was dropped in this window. */
  drops: Map<string, Drops>;
}

export class ConsoleLimiter {
  private readonly authors = new Map<string, AuthorWindow>();

  constructor(
    private readonly perSecond = CONSOLE_LINES_PER_AUTHOR_SECOND,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The lines of `batch` its author may still print this second (after any notice now due). */
  admit(batch: ConsoleBatch): UnnamedConsoleLine[] {
    const out = this.flush();
    const window = this.windowOf(batch.author);
    const room = Math.max(0, this.perSecond - window.used);
    const kept = batch.lines.slice(0, room);
    window.used += kept.length;
    for (const line of kept) {
      out.push({
        tick: batch.tick,
        agentId: line.agentId,
        behaviorId: batch.behaviorId,
        version: batch.version,
        author: batch.author,
        level: line.level,
        text: line.text,
        source: 'match',
      });
    }
    const dropped = batch.lines.length - kept.length + batch.dropped;
    if (dropped > 0) {
      const drops = window.drops.get(batch.behaviorId);
      if (drops) {
        drops.count += dropped;
        drops.tick = batch.tick;
        drops.version = batch.version;
      } else {
        window.drops.set(batch.behaviorId, {
          version: batch.version,
          tick: batch.tick,
          count: dropped,
        });
      }
    }
    return out;
  }

  /** Notices for the drops of every author whose second is over (call at least once a tick). */
  flush(): UnnamedConsoleLine[] {
    const out: UnnamedConsoleLine[] = [];
    const now = this.now();
    for (const [author, window] of this.authors) {
      if (now - window.start < WINDOW_MS) continue;
      for (const [behaviorId, drops] of window.drops) {
        out.push({
          tick: drops.tick,
          agentId: null,
          behaviorId,
          version: drops.version,
          author,
          level: 'warn',
          text: droppedText(drops.count, 'over the console limits'),
          source: 'match',
          dropped: drops.count,
        });
      }
      // A quiet author is forgotten; the next line opens a new window.
      this.authors.delete(author);
    }
    return out;
  }

  private windowOf(author: string): AuthorWindow {
    let window = this.authors.get(author);
    if (!window) {
      window = { start: this.now(), used: 0, drops: new Map() };
      this.authors.set(author, window);
    }
    return window;
  }
}
