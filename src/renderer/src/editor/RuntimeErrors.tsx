import type { BehaviorsEvent } from '../../../shared/hostApi';
import { ask } from './editorActions';
import { liveOfSelected, useEditorStore } from './editorStore';

type RunErrors = NonNullable<BehaviorsEvent['behaviors'][number]['runErrors']>;

/**
 * "TypeError: x is undefined — line 3: 40 errors since tick 120, reported for 2 agents (last:
 * agent #5)". The sandbox reports a few errors per interval, so `agents` counts those reported.
 */
export function describeRunErrors(errors: RunErrors): string {
  const where = errors.line !== null ? `line ${errors.line}` : 'no line known';
  const times = errors.count === 1 ? '1 error' : `${errors.count} errors`;
  const who = errors.agents === 1 ? '1 agent' : `${errors.agents} agents`;
  const last = errors.agentId !== null ? ` (last: agent #${errors.agentId})` : '';
  return `${errors.name}: ${errors.message} — ${where}: ${times} since tick ${errors.sinceTick}, reported for ${who}${last}`;
}

/** The observation an error was thrown on, as the marker's hover and the panel show it. */
export function describeObservation(errors: RunErrors): string | null {
  const seen = errors.observation;
  if (!seen) return null;
  return `Agent #${seen.agentId} observed at tick ${seen.tick} (obs):\n${seen.json}`;
}

/** What "Fix with the LLM" asks: the error, its line as written, who met it when, and what it saw. */
export function fixPrompt(errors: RunErrors, code: string): string {
  const text = errors.line !== null ? code.split('\n')[errors.line - 1]?.trim() : undefined;
  return [
    'This behavior passes the checks but throws while agents run it in the match.',
    `Error: ${errors.name}: ${errors.message}`,
    errors.line !== null
      ? `At line ${errors.line}${errors.column !== null ? `, column ${errors.column}` : ''}: ${text ?? ''}`
      : 'No line of the behavior is named in the stack.',
    `It was thrown for ${errors.agents} agent(s) since tick ${errors.sinceTick}` +
      (errors.agentId !== null ? `, last for agent #${errors.agentId}.` : '.'),
    ...(errors.observation
      ? [
          `The observation (obs) agent #${errors.observation.agentId} was given at tick ${errors.observation.tick}, when it threw:`,
          errors.observation.json,
        ]
      : []),
    'Fix it so it no longer throws for any observation (guard missing or empty fields), and keep what it does otherwise.',
  ].join('\n');
}

/**
 * The run-time errors of the version being edited, as the match reports
 * them, and "Fix with the LLM": the code, the error, its line and who met
 * it go to the provider through the usual stream, checks, repairs and diff.
 */
export function RuntimeErrors() {
  const live = useEditorStore(liveOfSelected);
  const busy = useEditorStore(
    (s) => s.generation?.state === 'asking' || s.generation?.state === 'streaming',
  );
  const errors = live?.runErrors;
  if (!errors) return null;
  return (
    <section className="runtime-errors" data-testid="runtime-errors" role="alert">
      <p className="error-text">
        Run-time error in v{live.version}
        {live.suspended ? ' (suspended)' : ''}: {describeRunErrors(errors)}
      </p>
      {errors.observation && (
        <details className="runtime-error-observation" data-testid="runtime-error-observation">
          <summary>
            What agent #{errors.observation.agentId} observed at tick {errors.observation.tick}
          </summary>
          <pre>{errors.observation.json}</pre>
        </details>
      )}
      <button
        type="button"
        disabled={busy}
        data-testid="fix-with-llm"
        onClick={() =>
          void ask(
            fixPrompt(errors, useEditorStore.getState().code),
            false,
            `Fix: ${errors.name}: ${errors.message}`,
          )
        }
      >
        Fix with the LLM
      </button>
    </section>
  );
}
