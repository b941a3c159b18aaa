import { crossCheckConfig, parseMatchConfig } from '../../../shared/gameConfig';
import type { MatchStart, MatchState, ServerInfo, Topic } from '../../../shared/hostApi';
import { loadItems, loadMap } from '../match/index';
import { namedConfig } from './configHandlers';
import { HostApiError } from '../../../shared/hostApi';
import type { HandlerMap, HostContext, SessionEntry } from './context';

export function matchState(context: HostContext): MatchState {
  const { running, settings, map, phase, speed, tick } = context.match;
  return { running, settings: structuredClone(settings), map, phase, speed, tick };
}

/** server.info, match lifecycle and subscriptions. */
export function matchHandlers(context: HostContext): HandlerMap {
  const { engine, options } = context;
  const publishMatch = () => context.publish(null, 'match', matchState(context));

  return {
    'server.info': async (): Promise<ServerInfo> => ({
      name: 'arbiter',
      version: options.version,
      mode: options.mode,
      url: context.url,
      match: matchState(context),
      storageWarning: context.state.warning,
    }),
    'match.start': async (params: MatchStart) => {
      const base = namedConfig(context, params.configName ?? 'default');
      const parsed = parseMatchConfig({ ...base, ...params.overrides });
      if (!parsed.ok) throw new HostApiError('invalid_params', parsed.error);
      const config = parsed.value;
      const [map, items] = await Promise.all([
        loadMap(options.resourcesDir, config.map),
        loadItems(options.resourcesDir),
      ]);
      const problems = crossCheckConfig(config, items, map);
      if (problems.length)
        throw new Error(`config "${config.name}" cannot run: ${problems.join('; ')}`);
      const settings = {
        config,
        seed: params.seed ?? context.match.settings.seed,
        agents: params.agents ?? config.botsPerTeam * config.teams.length,
      };
      await context.match.start({ map, settings, items: items.items });
      publishMatch();
      return matchState(context);
    },
    'match.stop': async () => {
      await context.match.stop();
      options.logger.info('match stopped');
      publishMatch();
      return matchState(context);
    },
    'match.setAgentCount': async (params: { count: number }) => {
      context.match.settings = { ...context.match.settings, agents: params.count };
      if (context.match.running) engine.setAgentCount(params.count);
      publishMatch();
      return matchState(context);
    },
    subscribe: async (params: { topics: Topic[] }, session: SessionEntry) => {
      if (session.role === 'editor') assertEditorTopics(context, params.topics, session);
      if (params.topics.includes('snapshots') && !context.windows.has(session.id)) {
        const { sink, sendState } = session;
        if (!sendState)
          throw new HostApiError(
            'invalid_params',
            'snapshots need a connection with a binary lane (Electron IPC or a WebSocket)',
          );
        context.windows.open(
          session.id,
          { sendControl: (text) => sink('link', text), sendState },
          session.playerId,
        );
      }
      for (const topic of params.topics) session.topics.add(topic);
      if (params.topics.includes('scoreboard') && context.lastScoreboard) {
        session.sink('scoreboard', context.lastScoreboard);
      }
      return { topics: [...session.topics] };
    },
    unsubscribe: async (params: { topics: Topic[] }, session: SessionEntry) => {
      for (const topic of params.topics) session.topics.delete(topic);
      if (params.topics.includes('snapshots')) context.windows.close(session.id);
      return { topics: [...session.topics] };
    },
  };
}

/** The topics a friend's editor may follow, each scoped to what they may see (editorScope.ts). */
const EDITOR_TOPICS: ReadonlySet<Topic> = new Set<Topic>(['console', 'behaviors']);

/**
 * A friend's editor may follow the console of their own behaviors and the
 * match's behaviors (run-time errors: the observation only of their own),
 * and nothing else of the match; only while their invite still lets them edit.
 */
function assertEditorTopics(context: HostContext, topics: Topic[], session: SessionEntry): void {
  const other = topics.find((topic) => !EDITOR_TOPICS.has(topic));
  if (other !== undefined) {
    throw new HostApiError('forbidden', `the ${other} topic is for the host only`);
  }
  if (session.editorOf === null || !context.friends.canEditBehaviors(session.editorOf)) {
    throw new HostApiError(
      'forbidden',
      `the ${topics.join(' and ')} topic is for the host and friends whose invite lets them edit behaviors`,
    );
  }
}
