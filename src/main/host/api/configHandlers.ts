import { DEFAULT_GAME_CONFIG, parseMatchConfig, type GameConfig } from '../../../shared/gameConfig';
import type { ConfigEntry } from '../../../shared/hostApi';
import { HostApiError } from '../../../shared/hostApi';
import type { HandlerMap, HostContext } from './context';

/** The saved default config, or the built-in one when none is saved (or it no longer validates). */
export function defaultConfig(context: HostContext): GameConfig {
  const saved = context.state.history.defaultConfig();
  if (saved) {
    const parsed = parseMatchConfig(saved.config);
    if (parsed.ok) return parsed.value;
  }
  return builtInConfig();
}

export function builtInConfig(): GameConfig {
  const parsed = parseMatchConfig(structuredClone(DEFAULT_GAME_CONFIG));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** A saved config by name; the name "default" without a saved one is the built-in config. */
export function namedConfig(context: HostContext, name: string): GameConfig {
  const saved = context.state.history.getConfig(name);
  if (saved === null) {
    if (name === DEFAULT_GAME_CONFIG.name) return defaultConfig(context);
    throw new Error(`no saved config named "${name}"`);
  }
  const parsed = parseMatchConfig(saved);
  if (!parsed.ok) throw new Error(`saved config "${name}" no longer validates: ${parsed.error}`);
  return parsed.value;
}

/** Named match configs: list, save (validated, written at once), delete. */
export function configHandlers(context: HostContext): HandlerMap {
  const { state } = context;
  const list = (): ConfigEntry[] => {
    const entries: ConfigEntry[] = [];
    for (const row of state.history.listConfigs()) {
      const parsed = parseMatchConfig(state.history.getConfig(row.name));
      if (parsed.ok)
        entries.push({ name: row.name, isDefault: row.isDefault, config: parsed.value });
    }
    if (!entries.some((entry) => entry.name === DEFAULT_GAME_CONFIG.name)) {
      entries.unshift({
        name: DEFAULT_GAME_CONFIG.name,
        isDefault: !entries.some((entry) => entry.isDefault),
        config: builtInConfig(),
      });
    }
    return entries;
  };

  return {
    'config.list': async () => ({ configs: list() }),
    'config.save': async (params: { config: Record<string, unknown>; makeDefault?: boolean }) => {
      const parsed = parseMatchConfig(params.config);
      if (!parsed.ok) throw new HostApiError('invalid_params', parsed.error);
      const config = parsed.value;
      state.writeNow('saving the config', () => {
        state.history.saveConfig(config.name, config, params.makeDefault ?? false, Date.now());
        state.history.logEvent('config_change', null, { name: config.name }, Date.now());
      });
      return { name: config.name, isDefault: params.makeDefault ?? false, config };
    },
    'config.delete': async (params: { name: string }) => {
      const deleted = state.writeNow('deleting the config', () => {
        const removed = state.history.deleteConfig(params.name);
        if (removed)
          state.history.logEvent(
            'config_change',
            null,
            { name: params.name, deleted: true },
            Date.now(),
          );
        return removed;
      });
      return { deleted };
    },
  };
}
