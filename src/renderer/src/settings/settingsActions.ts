/**
 * What the match settings screen asks of the host: the maps, saved
 * configs and behaviors to choose from; start a match with a draft; apply
 * the live part of a draft to the running match; save and delete configs.
 * Failures land in the store's `error` (see hostActions' `attempt`).
 */
import type { GameConfig } from '../../../shared/gameConfig';
import type { BehaviorSummaryData, ConfigEntry, MapEntry } from '../../../shared/hostApi';
import { attempt, joinAsHost } from '../hostActions';
import { useArbiterStore } from '../store';
import { rememberDraft, type MatchDraft } from './matchDraft';

export interface SettingsChoices {
  maps: MapEntry[];
  configs: ConfigEntry[];
  behaviors: BehaviorSummaryData[];
}

/** Maps, saved configs and behaviors; undefined when the host could not be asked. */
export function loadChoices(): Promise<SettingsChoices | undefined> {
  return attempt('Could not load the match settings', async (client) => {
    const [maps, configs, behaviors] = await Promise.all([
      client.request('map.list', {}),
      client.request('config.list', {}),
      client.request('behavior.list', {}),
    ]);
    return { maps: maps.maps, configs: configs.configs, behaviors: behaviors.behaviors };
  });
}

/** Assigns each team of the running match the behavior the draft names. */
async function assignTeams(draft: MatchDraft): Promise<boolean> {
  const done = await attempt('Could not assign the behaviors', async (client) => {
    for (const [team, entry] of draft.teams.entries())
      await client.request('behavior.assign', { team, name: entry.behavior });
    return true;
  });
  return done === true;
}

/**
 * Starts (or restarts) the match with `config` and the draft's team
 * behaviors, takes the host's seat and opens the game view. The draft is
 * remembered for next time once the match runs.
 */
export async function startWithSettings(config: GameConfig, draft: MatchDraft): Promise<boolean> {
  const match = await attempt('Could not start the match', (client) =>
    client.request('match.start', {
      overrides: { ...config },
      agents: config.botsPerTeam * config.teams.length,
    }),
  );
  if (!match) return false;
  rememberDraft(config, draft);
  useArbiterStore.setState({ match });
  const assigned = await assignTeams(draft);
  await joinIfNeeded();
  useArbiterStore.setState({
    screen: 'game',
    error: assigned ? null : useArbiterStore.getState().error,
  });
  return assigned;
}

/** The host's seat: taken once per connection (a restart gives the same seat a new avatar). */
async function joinIfNeeded(): Promise<void> {
  if (useArbiterStore.getState().ownUnitId !== null) return;
  await joinAsHost();
}

/** Applies what a running match takes live: the bot count and each team's behavior. */
export async function applyLive(config: GameConfig, draft: MatchDraft): Promise<boolean> {
  const match = await attempt('Could not change the bot count', (client) =>
    client.request('match.setAgentCount', { count: config.botsPerTeam * config.teams.length }),
  );
  if (!match) return false;
  useArbiterStore.setState({ match });
  return assignTeams(draft);
}

/** Saves `config` under its name (the host validates it again). */
export async function saveConfig(config: GameConfig): Promise<ConfigEntry | undefined> {
  return attempt('Could not save the config', (client) =>
    client.request('config.save', { config: { ...config } }),
  );
}

export async function deleteConfig(name: string): Promise<boolean> {
  const result = await attempt('Could not delete the config', (client) =>
    client.request('config.delete', { name }),
  );
  return result?.deleted ?? false;
}
