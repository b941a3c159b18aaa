/**
 * The editor's LLM: provider settings (stored in SQLite; the key only in
 * the key vault), and generations that stream to the session that asked.
 * One generation per session at a time: a new one stops the old.
 */
import { randomUUID } from 'node:crypto';
import {
  llmSettingsSchema,
  type LlmEvent,
  type LlmExplain,
  type LlmGenerate,
  type LlmSettings,
  type LlmStatus,
} from '../../../shared/llmApi';
import { HostApiError } from '../../../shared/hostApi';
import { runExplanation } from '../llm/explanation';
import { runGeneration } from '../llm/generation';
import { envKeyVault, type KeyVault } from '../llm/keyVault';
import { hideFromLogs } from '../server/index';
import { describeMatch } from '../llm/matchSummary';
import { redactingLlmSink } from '../llm/redaction';
import { checkOnly } from './behaviorHandlers';
import type { HandlerMap, HostContext, SessionEntry } from './context';

const SETTINGS_NAME = 'llm';

export interface LlmHandlers {
  handlers: HandlerMap;
  /** Stops the generations of a session that went away. */
  closeSession(sessionId: number): void;
}

export function llmHandlers(context: HostContext): LlmHandlers {
  const vault: KeyVault = context.options.keyVault ?? envKeyVault();
  hideFromLogs(vault.get());
  const running = new Map<string, { controller: AbortController; sessionId: number }>();

  const readSettings = (): LlmSettings | null => {
    const parsed = llmSettingsSchema.safeParse(context.state.settings.get(SETTINGS_NAME));
    return parsed.success ? parsed.data : null;
  };
  const status = (): LlmStatus => ({
    settings: readSettings(),
    keySet: vault.get() !== null,
    keySource: vault.source(),
    keyPersists: vault.persists,
  });

  async function matchSummary(): Promise<string | null> {
    if (!context.match.running) return null;
    const behaviors = await context.engine.behaviorStatus().catch(() => null);
    return describeMatch({
      settings: context.match.settings,
      map: context.match.map,
      scoreboard: context.lastScoreboard,
      behaviors: (behaviors?.behaviors ?? []).map((b) => ({
        name: b.behaviorId,
        version: b.version,
        agents: b.agents,
      })),
    });
  }

  function stopSession(sessionId: number): void {
    for (const [id, job] of running) {
      if (job.sessionId === sessionId) {
        job.controller.abort();
        running.delete(id);
      }
    }
  }

  /**
   * Starts one LLM job for `session` (stopping its previous one): its events
   * pass the redaction step and the metrics on their way to that session only.
   */
  function startJob(
    session: SessionEntry,
    run: (requestId: string, emit: (event: LlmEvent) => void, signal: AbortSignal) => Promise<void>,
  ): { requestId: string } {
    stopSession(session.id);
    const requestId = randomUUID();
    const controller = new AbortController();
    running.set(requestId, { controller, sessionId: session.id });
    const show = redactingLlmSink(
      session.role === 'host' ? 'host' : 'friend',
      () => [vault.get()],
      (event) => session.sink('llm', event),
    );
    const measure = context.metrics.llmRequestStarted();
    const emit = (event: LlmEvent) => {
      measure(event);
      if (!controller.signal.aborted || event.type === 'failed') show(event);
    };
    // Answer first, so the session knows the id before the first event arrives.
    setImmediate(() => {
      void run(requestId, emit, controller.signal).finally(() => running.delete(requestId));
    });
    return { requestId };
  }

  const handlers: HandlerMap = {
    'llm.status': async () => status(),
    'llm.settings.save': async (params: { settings: LlmSettings }) => {
      try {
        context.state.writeNow('the LLM settings', () =>
          context.state.settings.set(SETTINGS_NAME, params.settings, Date.now()),
        );
      } catch (error) {
        throw new HostApiError('handler_failed', (error as Error).message);
      }
      return status();
    },
    'llm.key.set': async (params: { key: string }) => {
      hideFromLogs(params.key);
      try {
        vault.set(params.key);
      } catch (error) {
        throw new HostApiError(
          'handler_failed',
          `could not keep the key: ${(error as Error).message}`,
        );
      }
      return status();
    },
    'llm.key.clear': async () => {
      vault.clear();
      return status();
    },
    'llm.generate': async (params: LlmGenerate, session: SessionEntry) =>
      startJob(session, (requestId, emit, signal) =>
        runGeneration(
          requestId,
          params,
          {
            settings: readSettings(),
            apiKey: vault.get(),
            validate: (code, language) => checkOnly(context, code, language),
            matchSummary,
            emit,
          },
          signal,
        ),
      ),
    'llm.explain': async (params: LlmExplain, session: SessionEntry) =>
      startJob(session, (requestId, emit, signal) =>
        runExplanation(
          requestId,
          params,
          { settings: readSettings(), apiKey: vault.get(), emit },
          signal,
        ),
      ),
    'llm.stop': async (params: { requestId: string }, session: SessionEntry) => {
      const job = running.get(params.requestId);
      if (!job || job.sessionId !== session.id) return { stopped: false };
      job.controller.abort();
      return { stopped: true };
    },
  };
  return { handlers, closeSession: stopSession };
}
