import { crossCheckConfig, parseMatchConfig } from '../../../shared/gameConfig';
import type { MatchStart, MatchState, ServerInfo, Topic } from '../../../shared/hostApi';
import { loadItems } from '../gameData';
import { loadMap } from '../maps';
import { namedConfig } from './configHandlers';
import { HostApiError } from '../../../shared/hostApi';
import type { HandlerMap, HostContext, SessionEntry } from './context';

export function matchState(context: HostContext): MatchState {
  const { running, settings, map } = context.match;
  return { running, settings: structuredClone(settings), map };
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
      if (context.match.running) await context.roster.matchStopping();
      await engine.start(map, settings, items.items);
      endRecordedMatch(context, 'replaced', context.lastScoreboard);
      context.lastScoreboard = null;
      context.match = {
        running: true,
        settings,
        map,
        recordId: recordMatchStart(context, settings),
      };
      // Everyone already joined gets an avatar in the new world, with their saved state.
      await context.roster.matchStarted();
      context.friends.matchStarted();
      context.localViews.restartAll();
      options.logger.info(
        {
          matchId: context.match.recordId,
          config: config.name,
          map: config.map,
          seed: settings.seed,
          agents: settings.agents,
        },
        'match started',
      );
      publishMatch();
      return matchState(context);
    },
    'match.stop': async () => {
      if (context.match.running) {
        await context.roster.matchStopping();
        await engine.stop();
      }
      endRecordedMatch(context, 'stopped', context.lastScoreboard);
      context.match = { ...context.match, running: false };
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
      for (const topic of params.topics) session.topics.add(topic);
      if (params.topics.includes('snapshots') && !context.localViews.has(session.id))
        context.localViews.attach(session.id, session.sink, session.playerId);
      if (params.topics.includes('scoreboard') && context.lastScoreboard) {
        session.sink('scoreboard', context.lastScoreboard);
      }
      return { topics: [...session.topics] };
    },
    unsubscribe: async (params: { topics: Topic[] }, session: SessionEntry) => {
      for (const topic of params.topics) session.topics.delete(topic);
      if (params.topics.includes('snapshots')) context.localViews.detach(session.id);
      return { topics: [...session.topics] };
    },
  };
}

function recordMatchStart(context: HostContext, settings: unknown): number | null {
  try {
    return context.state.writeNow('recording the match', () =>
      context.state.history.startMatch(settings, Date.now()),
    );
  } catch {
    return null; // the warning is up; the match runs unrecorded
  }
}

/** Closes the running match's history row, if any. */
export function endRecordedMatch(
  context: HostContext,
  result: string,
  scoreboard: unknown = null,
): void {
  const id = context.match.recordId;
  if (id === null) return;
  context.match.recordId = null;
  context.options.logger.info({ matchId: id, result }, 'match ended');
  try {
    context.state.writeNow('recording the match end', () =>
      context.state.history.endMatch(id, result, scoreboard, Date.now()),
    );
  } catch {
    // the warning is up
  }
}
