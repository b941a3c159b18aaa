/**
 * Validation before a hot-load: strip TypeScript, compile in a throwaway
 * runtime with the author's limits, and play the sample observations for a
 * few ticks. The new version passes when nothing threw, nothing timed out,
 * every return was an action and the host's validation rejected nothing.
 * Runs in the validator worker, so a version that stalls its dry run costs
 * that worker, never the live match.
 */
import { performance } from 'node:perf_hooks';
import {
  ACTION_STATUS_BAD_RETURN,
  ACTION_STRIDE,
  GROUP_AGENTS,
  GROUP_LENGTH,
  GROUP_START,
  REJECT_REASON_COUNT,
  REJECT_REASON_NAMES,
  decodeActions,
} from '../../../../../engine/behavior/index';
import { AuthorRuntime } from './authorRuntime';
import type { CappedQuickJs } from './cappedQuickJs';
import { sandboxError, type BehaviorError } from './behaviorError';
import { compileBehavior } from './behaviorInstance';
import { batchSeed, hashString, packGroupInput } from './groupInput';
import { droppedText } from '../../../../shared/consoleApi';
import type {
  DryRunLogLine,
  SandboxSettings,
  ValidateRequest,
  ValidateResult,
} from './sandboxProtocol';
import { BEHAVIOR_FILENAME } from './sandboxEngine';
import { SAMPLE_AGENTS, SAMPLE_TICKS, sampleObservations } from './sampleObservations';
import { toJavaScript } from './stripTypes';

/** Most errors a failed dry run returns. */
const MAX_ERRORS = 8;
/** Most console lines a dry run returns (each sample tick is bounded by the guest as in a match). */
export const DRY_RUN_CONSOLE_LINES = 40;

/**
 * Strips, compiles and dry-runs `request` in a fresh runtime of `instance`
 * (see the file comment for what passes). `instanceUsable` is false when
 * the dry run ended the instance (memory cap, fault): use a new one next.
 */
export function validateBehavior(
  instance: CappedQuickJs,
  settings: SandboxSettings,
  request: ValidateRequest,
): { result: ValidateResult; instanceUsable: boolean } {
  const runtime = new AuthorRuntime(instance, request.author, settings.limits, settings.budget);
  const result = dryRun(runtime, settings, request);
  const instanceUsable = !runtime.ended;
  runtime.dispose();
  return { result, instanceUsable };
}

function dryRun(
  runtime: AuthorRuntime,
  settings: SandboxSettings,
  request: ValidateRequest,
): ValidateResult {
  const started = performance.now();
  const printed: DryRunLogLine[] = [];
  let dropped = 0;
  let lastTick = 0;
  const done = (code: string, errors: BehaviorError[]): ValidateResult => {
    const lines = printed.slice();
    if (dropped > 0) {
      lines.push({
        tick: lastTick,
        agentId: null,
        level: 'warn',
        text: droppedText(dropped, 'console limit'),
        dropped,
      });
    }
    return {
      ok: errors.length === 0,
      code,
      errors: errors.slice(0, MAX_ERRORS),
      console: lines,
      elapsedMs: performance.now() - started,
    };
  };
  const stripped = toJavaScript(request.source, request.language);
  if (!stripped.ok) return done('', [stripped.error]);
  const compiled = compileBehavior(runtime, stripped.code, BEHAVIOR_FILENAME, settings.itemIds);
  if (!compiled.ok) return done(stripped.code, [compiled.error]);
  try {
    const errors: BehaviorError[] = [];
    const intents = createIntents(SAMPLE_AGENTS);
    const rejections = new Uint32Array(REJECT_REASON_COUNT);
    const hash = hashString(request.behaviorId);
    for (let t = 0; t < SAMPLE_TICKS && errors.length === 0 && !runtime.ended; t++) {
      const batch = sampleObservations(t);
      const agents = batch.groups[GROUP_AGENTS];
      const input = packGroupInput(
        batch.records,
        batch.groups[GROUP_START],
        batch.groups[GROUP_LENGTH],
        agents,
        batch,
        batchSeed(settings.matchSeed, batch.tick, hash),
      );
      const actions = new Float64Array(agents * ACTION_STRIDE);
      const outcome = compiled.instance.run(input, agents, actions, 0, settings.dryRunMs);
      lastTick = batch.tick;
      dropped += outcome.logDropped;
      for (const line of outcome.log) {
        if (printed.length < DRY_RUN_CONSOLE_LINES) printed.push({ ...line, tick: batch.tick });
        else dropped++;
      }
      // Agents' own errors first: when a batch is cut (say, each agent overflowing its stack until
      // the deadline), what they threw says more than the cut, and carries their line.
      for (const error of outcome.errors) errors.push({ ...error, phase: 'dry-run' });
      if (outcome.fatal) errors.push({ ...outcome.fatal, phase: 'dry-run' });
      for (let k = 0; k < agents; k++) {
        if (actions[k * ACTION_STRIDE] === ACTION_STATUS_BAD_RETURN) {
          errors.push(
            sandboxError('dry-run', 'TypeError', 'returned a value that is not an action object'),
          );
          break;
        }
      }
      rejections.fill(0);
      decodeActions(batch, actions, intents, rejections);
      for (let r = 0; r < REJECT_REASON_COUNT; r++) {
        if (rejections[r] === 0) continue;
        errors.push(
          sandboxError(
            'dry-run',
            'InvalidAction',
            `${rejections[r]} action field(s) rejected: ${REJECT_REASON_NAMES[r]} (tick ${batch.tick})`,
          ),
        );
      }
    }
    return done(stripped.code, errors);
  } finally {
    compiled.instance.dispose();
  }
}

function createIntents(count: number) {
  return {
    moveX: new Float64Array(count),
    moveY: new Float64Array(count),
    aimX: new Float64Array(count),
    aimY: new Float64Array(count),
    flags: new Uint8Array(count),
    action: new Uint8Array(count),
    slot: new Int16Array(count),
    say: new Int16Array(count),
  };
}
