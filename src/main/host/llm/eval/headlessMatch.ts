/**
 * Headless, deterministic matches for the evaluation harness: the real
 * engine world and the real behavior sandbox (BehaviorDriver, as the engine
 * worker runs it), stepped as fast as the sandbox answers. Every tick waits
 * for the sandbox's actions and the runner's deadlines and budgets are wide,
 * so a busy machine changes how long a match takes, never what happens in it.
 *
 * An arena keeps one sandbox runner per seed and plays match after match on
 * it: starting sandbox workers costs about a second, a short match less.
 * A match's outcome does not depend on what ran before it: behaviors are
 * loaded afresh with empty memory, and the sandbox seeds Math.random from
 * the seed, the tick and the behavior, all the same on every replay.
 */
import { createWorld, stepWorld, type ItemDef, type MapDef } from '../../../../../engine/index';
import type { MatchConfig, World } from '../../../../../engine/index';
import { BehaviorDriver, type BehaviorDriverEvent } from '../../match/index';
import type { HotLoadRequest, ValidateResult } from '../../behaviors/sandbox/index';
import { MatchRecorder, type MatchRecord } from './matchRecord';

/** One team's behavior: module source, or null for the engine's built-in AI. */
export interface TeamBehavior {
  team: number;
  source: string | null;
}

export interface HeadlessMatchSpec {
  map: MapDef;
  items: readonly ItemDef[];
  config: Partial<MatchConfig>;
  seed: number;
  ticks: number;
  /** The team whose record this is (the one under test). */
  team: number;
  teams: TeamBehavior[];
}

export interface HeadlessMatchResult {
  record: MatchRecord;
  /** Ticks on which the tested team's behavior threw, ran out of time or was suspended. */
  runtimeErrors: number;
  /** The first runtime error's message, when there was one. */
  firstError: string | null;
  /** Why the tested behavior did not load (null: it loaded). */
  loadError: string | null;
}

/** Most a tick waits for the sandbox, ms: a hang-catcher, far above any honest tick. */
const TICK_WAIT_MS = 10_000;

/** Plays headless matches; `dispose` ends every sandbox worker it started. */
export class HeadlessArena {
  private readonly drivers = new Map<number, BehaviorDriver>();
  private listener: ((event: BehaviorDriverEvent) => void) | null = null;
  private version = 0;

  constructor(private readonly itemIds: readonly string[]) {}

  async play(spec: HeadlessMatchSpec): Promise<HeadlessMatchResult> {
    const driver = this.driverFor(spec.seed);
    const world = createWorld(spec.map, {
      seed: spec.seed,
      config: spec.config,
      items: spec.items,
    });
    const tested = behaviorId(spec.team);
    let runtimeErrors = 0;
    let firstError: string | null = null;
    this.listener = (event) => {
      if (event.behaviorId !== tested || event.kind === 'restarted') return;
      runtimeErrors++;
      firstError ??= event.message;
    };
    try {
      const loadError = await this.load(driver, spec);
      const recorder = new MatchRecorder(world, spec.team);
      driver.afterStep(world);
      for (let t = 0; t < spec.ticks; t++) {
        driver.beforeStep(world);
        recorder.beforeStep(world);
        stepWorld(world);
        recorder.afterStep(world);
        driver.afterStep(world);
        // The runner hears from its workers on this thread's event loop.
        await tick();
      }
      await drain(driver, world);
      return { record: recorder.record, runtimeErrors, firstError, loadError };
    } finally {
      this.listener = null;
    }
  }

  /** The editor's dry run of `request`, in the sandbox of `seed`'s matches (started if need be). */
  validate(request: HotLoadRequest, seed: number): Promise<ValidateResult> {
    return this.driverFor(seed).validate(request);
  }

  async dispose(): Promise<void> {
    const drivers = [...this.drivers.values()];
    this.drivers.clear();
    await Promise.all(drivers.map((d) => d.dispose()));
  }

  private driverFor(seed: number): BehaviorDriver {
    let driver = this.drivers.get(seed);
    if (!driver) {
      driver = new BehaviorDriver(
        seed,
        this.itemIds,
        (event) => this.listener?.(event),
        TICK_WAIT_MS,
        {},
        {
          workers: 1,
          errorEventIntervalTicks: 1,
          hardDeadlineMs: 60_000,
          validateTimeoutMs: 60_000,
          budget: { tickBudgetMs: 1_000, bucketMaxMs: 10_000, batchLimitMs: 5_000 },
        },
      );
      this.drivers.set(seed, driver);
    }
    return driver;
  }

  /** Loads each team's behavior with empty memory; returns why the tested one failed to load. */
  private async load(driver: BehaviorDriver, spec: HeadlessMatchSpec): Promise<string | null> {
    let loadError: string | null = null;
    for (const { team, source } of spec.teams) {
      const id = behaviorId(team);
      if (source === null) {
        driver.assign({ team }, null);
        continue;
      }
      const loaded = await driver.hotLoad({
        behaviorId: id,
        version: ++this.version,
        author: id,
        source,
        keepMemory: false,
      });
      if (!loaded.ok) {
        const message = loaded.errors.map((e) => `${e.name}: ${e.message}`).join('; ');
        if (team !== spec.team) throw new Error(`team ${team}'s behavior did not load: ${message}`);
        loadError = message;
        driver.assign({ team }, null);
        continue;
      }
      driver.assign({ team }, id);
    }
    return loadError;
  }
}

/** Collects the batch still in flight, so the next match starts with none. */
async function drain(driver: BehaviorDriver, world: World): Promise<void> {
  driver.beforeStep(world);
  await tick();
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function behaviorId(team: number): string {
  return `eval-team-${team}`;
}
