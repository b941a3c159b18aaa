/**
 * The behavior library and the behaviors of the running match: list, get,
 * save (dry-run in the sandbox first; stored and hot-loaded only if it
 * passes), delete, versions, rollback, assign to a team or an agent; and
 * the `behaviors` event (~1 Hz, with the engine's stats): per loaded
 * behavior its version, agents, suspension and last error.
 */
import {
  HostApiError,
  type BehaviorSaveResult,
  type BehaviorsEvent,
} from '../../../shared/hostApi';
import type { ConsoleLine } from '../../../shared/consoleApi';
import { staticChecks, type BehaviorError, type DryRunLogLine } from '../behaviors/sandbox/index';
import {
  loadDefaultBehaviors,
  seedLibrary,
  BehaviorStoreError,
  slug,
  type BehaviorRecord,
  type BehaviorStore,
} from '../behaviors/library/index';
import { SqliteBehaviorStore } from '../persistence/behaviorStore.sqlite';
import { DraftLimitError, DraftStore, deleteDraftsOf, draftKey } from '../persistence/draftStore';
import { assertNotEnded, type HandlerMap, type HostContext, type SessionEntry } from './context';

/** Whose runtime the editor's checks run in (no version is stored under it). */
const HOST_AUTHOR = 'host';

type ErrorView = BehaviorSaveResult['errors'][number];

interface SaveParams {
  id?: string;
  name: string;
  description?: string;
  code: string;
  language?: 'javascript' | 'typescript';
  tags?: string[];
  complexity?: 'simple' | 'moderate' | 'advanced';
  note?: string;
  origin?: 'hand' | 'llm';
  expectedVersion?: number;
}

export interface BehaviorHandlers {
  handlers: HandlerMap;
  /** The library name of behavior `id` (the id itself when unknown). */
  nameOf(id: string): string;
  store: BehaviorStore;
  /** Resolves once the shipped behaviors are in the library (when it was empty). */
  seeded: Promise<void>;
  /**
   * Assigns each team of a new match the behavior it was last assigned (in
   * this run of the host), so Stop → Start and a rematch keep them. Teams
   * the new match lacks, and behaviors since deleted, are skipped (logged).
   */
  restoreTeams(): Promise<void>;
  /** A library behavior's name by id (the id while the library does not know it). */
  nameOf(id: string): string;
}

export function behaviorHandlers(context: HostContext): BehaviorHandlers {
  const store = new SqliteBehaviorStore(context.state);
  const drafts = new DraftStore(context.state);
  const names = new Map<string, string>();
  /** Last error per behavior id: from a refused save, or from the match. */
  const lastErrors = new Map<string, ErrorView>();

  const seeded = (async () => {
    if ((await store.list()).length === 0) {
      await seedLibrary(store, loadDefaultBehaviors(context.options.resourcesDir));
    }
    for (const b of await store.list()) names.set(b.id, b.name);
  })().catch((error: unknown) => {
    context.options.logger.warn({ err: error }, 'could not seed the behavior library');
  });

  context.engine.on('behavior', (event) => {
    if (event.kind === 'restarted') {
      context.options.logger.warn(
        { culprit: event.behaviorId, message: event.message },
        'behavior sandbox restarted',
      );
      return;
    }
    if (event.kind === 'suspended')
      context.options.logger.warn(
        { behaviorId: event.behaviorId, version: event.version, message: event.message },
        'behavior suspended',
      );
    if (event.behaviorId && event.error) {
      lastErrors.set(event.behaviorId, errorView(event.error));
      rememberCrash(event.behaviorId, event.version, event.error);
    }
  });

  /** Versions already marked as crashed in this run: one write per version, not per error. */
  const crashed = new Set<string>();
  function rememberCrash(id: string, version: number, error: BehaviorError): void {
    const key = `${id}@${version}`;
    if (crashed.has(key)) return;
    crashed.add(key);
    const { message, line } = errorView(error);
    store.markCrashed(id, version, { message, line }).catch((failure: unknown) => {
      context.options.logger.warn(
        { err: failure, behaviorId: id, version },
        'could not mark crash',
      );
    });
  }
  context.engine.on('stats', () => {
    if (!context.match.running) return;
    void snapshot()
      .then((data) => context.publish('behaviors', 'behaviors', data))
      .catch(() => {});
  });

  async function snapshot(): Promise<BehaviorsEvent> {
    const status = await context.engine.behaviorStatus();
    return {
      running: context.match.running,
      tick: status.tick,
      teams: Object.fromEntries(Object.entries(status.teams).map(([t, id]) => [String(t), id])),
      behaviors: status.behaviors.map((b) => {
        const error = b.lastError ? errorView(b.lastError) : (lastErrors.get(b.behaviorId) ?? null);
        return {
          id: b.behaviorId,
          name: names.get(b.behaviorId) ?? b.behaviorId,
          author: b.author,
          version: b.version,
          agents: b.agents,
          suspended: b.suspended !== null,
          lastError: error && { message: error.message, line: error.line, column: error.column },
          runErrors: b.runErrors && {
            sinceTick: b.runErrors.sinceTick,
            agents: b.runErrors.agents,
            count: b.runErrors.count,
            name: b.runErrors.last.name,
            message: b.runErrors.last.message,
            line: b.runErrors.last.line,
            column: b.runErrors.last.column,
            agentId: b.runErrors.last.agentId ?? null,
            observation: b.runErrors.observation,
          },
        };
      }),
      authors: status.authors.map((a) => ({
        author: a.author,
        memoryBytes: a.memoryBytes,
        limitBytes: a.limitBytes,
      })),
      agents: status.agents.map((a) => ({
        id: a.id,
        team: a.team,
        behavior: a.behaviorId,
        assignedTo: a.assignedTo,
        lastError: a.lastError && {
          message: a.lastError.message,
          line: a.lastError.line ?? null,
          column: a.lastError.column ?? null,
        },
      })),
    };
  }

  /** Static checks, then a dry run of `code` (swapped into the running match when it passes). */
  async function validate(
    id: string,
    version: number,
    code: string,
    language: 'javascript' | 'typescript',
    author: string,
  ): Promise<{ errors: ErrorView[]; runningFromTick: number | null; console: ConsoleLine[] }> {
    const found = staticChecks(code);
    if (found.length) return { errors: found.map(errorView), runningFromTick: null, console: [] };
    const result = await context.engine.behaviorHotLoad({
      behaviorId: id,
      version,
      author,
      source: code,
      language,
    });
    context.options.logger.info(
      { behaviorId: id, version, author, loaded: result.ok && result.runningFromTick !== null },
      result.ok ? 'behavior loaded' : 'behavior refused',
    );
    const printed = dryRunConsole(result.console, id, names.get(id) ?? id, version, author);
    return result.ok
      ? { errors: [], runningFromTick: result.runningFromTick, console: printed }
      : { errors: result.errors.map(errorView), runningFromTick: null, console: printed };
  }

  /** Team → the behavior id last assigned to it (null: the built-in AI), across matches. */
  const keptTeams = new Map<number, string | null>();

  const restoreTeams = (): Promise<void> =>
    serialAssign(async () => {
      const teams = context.match.settings.config.teams.length;
      for (const [team, id] of keptTeams) {
        if (id === null || team >= teams) continue;
        try {
          const record = await store.get(id);
          if (!record) throw new Error(`behavior "${id}" is no longer in the library`);
          await ensureLoaded(record);
          await context.engine.behaviorAssign({ team }, id);
        } catch (error) {
          context.options.logger.warn({ err: error, team, behaviorId: id }, 'could not restore');
        }
      }
    });

  /** The end of the queue of `behavior.assign` calls (each runs after the one before ends). */
  let assigning: Promise<unknown> = Promise.resolve();
  function serialAssign<T>(run: () => Promise<T>): Promise<T> {
    const next = assigning.then(run, run);
    assigning = next.catch(() => {});
    return next;
  }

  /** Loads `record`'s newest version unless the match runs it already (asks the engine: no cache). */
  async function ensureLoaded(record: BehaviorRecord): Promise<void> {
    const status = await context.engine.behaviorStatus();
    const loaded = status.behaviors.find((b) => b.behaviorId === record.id);
    if (loaded && loaded.version === record.version) return;
    const { errors } = await validate(
      record.id,
      record.version,
      record.code,
      record.language,
      record.author,
    );
    if (errors.length) {
      lastErrors.set(record.id, errors[0]);
      throw new HostApiError('handler_failed', `${record.name}: ${describe(errors[0])}`);
    }
  }

  async function resolve(nameOrId: string): Promise<BehaviorRecord> {
    const byId = /^[a-z0-9][a-z0-9-]{0,63}$/.test(nameOrId) ? await store.get(nameOrId) : null;
    if (byId) return byId;
    const match = (await store.list({ name: nameOrId })).find((b) => b.name === nameOrId);
    const record = match && (await store.get(match.id));
    if (!record) throw new HostApiError('handler_failed', `no behavior named "${nameOrId}"`);
    return record;
  }

  const saved = (
    behavior: BehaviorRecord,
    runningFromTick: number | null,
    copiedFrom: string | null = null,
  ): BehaviorSaveResult => {
    names.set(behavior.id, behavior.name);
    lastErrors.delete(behavior.id);
    return {
      ok: true,
      behavior,
      loaded: context.match.running,
      runningFromTick: context.match.running ? runningFromTick : null,
      errors: [],
      copiedFrom,
    };
  };
  const refused = (id: string | null, errors: ErrorView[]): BehaviorSaveResult => {
    if (id && names.has(id)) lastErrors.set(id, errors[0]);
    return {
      ok: false,
      behavior: null,
      loaded: false,
      runningFromTick: null,
      errors,
      copiedFrom: null,
    };
  };

  /**
   * What a save writes to: the behavior itself, or — for a friend saving
   * over one they did not write — a new copy under their name, so a friend
   * never changes what the host (or another friend) runs.
   */
  async function saveTarget(
    params: SaveParams,
    session: SessionEntry,
  ): Promise<{ latest: BehaviorRecord | null; name: string; copiedFrom: string | null }> {
    const latest = params.id ? await store.get(params.id) : null;
    if (params.id && !latest) throw new BehaviorStoreError('not_found', `no behavior ${params.id}`);
    if (!latest || !foreignTo(session, latest)) {
      return { latest, name: params.name, copiedFrom: null };
    }
    const taken = new Set((await store.list()).map((b) => b.name));
    return {
      latest: null,
      name: copyName(params.name, session.author, taken),
      copiedFrom: latest.id,
    };
  }

  const handlers: HandlerMap = {
    'behavior.list': async (params: { name?: string; tag?: string }) =>
      storeCall(async () => ({ behaviors: await store.list(params) })),
    'behavior.get': async (params: { id: string; version?: number }) =>
      storeCall(async () => ({ behavior: await store.get(params.id, params.version) })),
    'behavior.save': async (params: SaveParams, session: SessionEntry) =>
      storeCall(async () => {
        const author = session.author;
        const { latest, name, copiedFrom } = await saveTarget(params, session);
        if (
          latest &&
          params.expectedVersion !== undefined &&
          params.expectedVersion !== latest.version
        ) {
          throw new BehaviorStoreError(
            'conflict',
            `behavior ${latest.id} is at version ${latest.version}, not ${params.expectedVersion}`,
          );
        }
        if (!latest && (await store.list({ name })).some((b) => b.name === name)) {
          throw new BehaviorStoreError('conflict', `a behavior is already named "${name}"`);
        }
        const id = latest?.id ?? freeSlug(name, names);
        const language = params.language ?? latest?.language ?? 'javascript';
        const checked = await validate(
          id,
          (latest?.version ?? 0) + 1,
          params.code,
          language,
          author,
        );
        const { errors, runningFromTick } = checked;
        if (errors.length)
          return { ...refused(latest?.id ?? null, errors), console: checked.console };
        const { id: _id, expectedVersion, ...rest } = params;
        const fields = { ...rest, name, language, author };
        assertNotEnded(session);
        const record = latest
          ? await store.update(latest.id, fields, expectedVersion)
          : await store.create(fields, id);
        // Saved for real: the author's draft of it (or of the new name) has served its turn.
        drafts.delete(author, draftKey(params.id ?? null, params.name));
        const result = saved(record, runningFromTick, copiedFrom);
        // Named now: a new behavior's name was not known to `validate`.
        const printed = checked.console.map((line) => ({ ...line, behaviorName: record.name }));
        return { ...result, console: printed };
      }),
    'behavior.delete': async (params: { id: string }) =>
      storeCall(async () => {
        const deleted = await store.delete(params.id);
        if (deleted) {
          deleteDraftsOf(context.state, params.id);
          names.delete(params.id);
          lastErrors.delete(params.id);
          await context.engine.behaviorUnload(params.id).catch(() => {});
        }
        return { deleted };
      }),
    'behavior.versions': async (params: { id: string }) =>
      storeCall(async () => ({
        versions: (await store.versions(params.id)).map(({ code: _code, ...summary }) => summary),
      })),
    'behavior.rollback': async (params: { id: string; version: number }, session: SessionEntry) =>
      storeCall(async () => {
        const latest = await store.get(params.id);
        const target = await store.get(params.id, params.version);
        if (!latest || !target) {
          throw new BehaviorStoreError(
            'not_found',
            `behavior ${params.id} has no version ${params.version}`,
          );
        }
        if (foreignTo(session, latest)) {
          throw new HostApiError(
            'forbidden',
            `you can roll back only behaviors you wrote; ${latest.name} is ${latest.author}'s`,
          );
        }
        const { errors, runningFromTick } = await validate(
          latest.id,
          latest.version + 1,
          target.code,
          target.language,
          session.author,
        );
        if (errors.length) return refused(latest.id, errors);
        assertNotEnded(session);
        return saved(
          await store.rollback(params.id, params.version, session.author),
          runningFromTick,
        );
      }),
    'behavior.draft.save': async (
      params: {
        id: string | null;
        name: string;
        code: string;
        language: 'javascript' | 'typescript';
      },
      session: SessionEntry,
    ) => {
      if (params.id !== null && !(await store.get(params.id))) {
        throw new HostApiError('handler_failed', `no behavior ${params.id} to keep a draft of`);
      }
      // The errors it has now, kept beside it; a draft is never loaded, so it never runs.
      const errors = await checkOnly(context, params.code, params.language);
      try {
        return { draft: drafts.save(session.author, { ...params, errors }) };
      } catch (error) {
        if (error instanceof DraftLimitError)
          throw new HostApiError('handler_failed', error.message);
        throw error;
      }
    },
    'behavior.draft.list': async (_params: Record<string, never>, session: SessionEntry) => ({
      drafts: drafts.list(session.author),
    }),
    'behavior.draft.delete': async (params: { key: string }, session: SessionEntry) => ({
      deleted: drafts.delete(session.author, params.key),
    }),
    'behavior.validate': async (
      params: { code: string; language: 'javascript' | 'typescript' },
      session: SessionEntry,
    ) => {
      const checked = await checkWithConsole(context, params.code, params.language, session.author);
      return { ok: checked.errors.length === 0, ...checked };
    },
    'behavior.assign': async (params: { team?: number; agentId?: number; name: string | null }) =>
      // One at a time: an assign unloads whatever is left unassigned, which must not land
      // between another assign's load and its assignment.
      serialAssign(() =>
        storeCall(async () => {
          if (!context.match.running) {
            throw new HostApiError('handler_failed', 'no match is running');
          }
          let id: string | null = null;
          if (params.name !== null) {
            const record = await resolve(params.name);
            // Loads it again when an earlier assign unloaded it (nobody ran it).
            await ensureLoaded(record);
            id = record.id;
          }
          await context.engine.behaviorAssign({ team: params.team, agentId: params.agentId }, id);
          if (params.team !== undefined) keptTeams.set(params.team, id);
          const data = await snapshot();
          context.publish('behaviors', 'behaviors', data);
          return data;
        }),
      ),
  };
  return {
    handlers,
    nameOf: (id) => names.get(id) ?? id,
    store,
    seeded: seeded.then(() => {}),
    restoreTeams,
  };
}

/** Static checks and a dry run, changing nothing: the editor's markers and the LLM's answers. */
export async function checkOnly(
  context: { engine: Pick<HostContext['engine'], 'behaviorValidate'> },
  code: string,
  language: 'javascript' | 'typescript',
): Promise<ErrorView[]> {
  return (await checkWithConsole(context, code, language, HOST_AUTHOR)).errors;
}

/** The id and name a dry run's console lines carry (the code checked is not a library version). */
export const DRY_RUN_BEHAVIOR = { id: 'editor-check', name: 'dry run' } as const;

/** `checkOnly`, with what the code printed in its dry run (as `author`'s lines). */
export async function checkWithConsole(
  context: { engine: Pick<HostContext['engine'], 'behaviorValidate'> },
  code: string,
  language: 'javascript' | 'typescript',
  author: string,
): Promise<{ errors: ErrorView[]; console: ConsoleLine[] }> {
  const found = staticChecks(code);
  if (found.length) return { errors: found.map(errorView), console: [] };
  const result = await context.engine.behaviorValidate({
    behaviorId: DRY_RUN_BEHAVIOR.id,
    version: 0,
    author: HOST_AUTHOR,
    source: code,
    language,
  });
  return {
    errors: result.ok ? [] : result.errors.map(errorView),
    console: dryRunConsole(result.console, DRY_RUN_BEHAVIOR.id, DRY_RUN_BEHAVIOR.name, 0, author),
  };
}

/** A dry run's lines as console lines of `behaviorId` v`version` by `author`. */
export function dryRunConsole(
  lines: readonly DryRunLogLine[],
  behaviorId: string,
  behaviorName: string,
  version: number,
  author: string,
): ConsoleLine[] {
  return lines.map((line) => ({
    tick: line.tick,
    agentId: line.agentId,
    behaviorId,
    behaviorName,
    version,
    author,
    level: line.level,
    text: line.text,
    source: 'dry-run',
    ...(line.dropped ? { dropped: line.dropped } : {}),
  }));
}

/** Library refusals become API errors that say what was wrong. */
async function storeCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BehaviorStoreError) {
      throw new HostApiError('handler_failed', `${error.code}: ${error.message}`);
    }
    throw error;
  }
}

/** A friend's editor did not write `record` (its newest version): it may not change it. */
function foreignTo(session: SessionEntry, record: BehaviorRecord): boolean {
  return session.role === 'editor' && record.author !== session.author;
}

/** "Guard (friend-2)", or "Guard (friend-2) 2"… : a name for a friend's copy no behavior has. */
function copyName(name: string, author: string, taken: Set<string>): string {
  const suffix = ` (${author})`;
  // Room for the suffix and a counter within the library's 80 characters.
  const base = `${name.slice(0, 80 - suffix.length - 4).trimEnd()}${suffix}`;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

function freeSlug(name: string, taken: Map<string, string>): string {
  const base = slug(name);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

function errorView(error: BehaviorError): ErrorView {
  return {
    phase: error.phase,
    name: error.name,
    message: error.message,
    line: error.line,
    column: error.column,
  };
}

function describe(error: ErrorView): string {
  const at =
    error.line !== null
      ? ` (line ${error.line}${error.column !== null ? `:${error.column}` : ''})`
      : '';
  return `${error.message}${at}`;
}
