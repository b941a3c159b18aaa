import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Saves } from '../../../shared/hostApi';
import { levelForXp } from '../../../../engine/index';
import type { HandlerMap, HostContext } from './context';

const MATCHES_SHOWN = 20;

/** The saves view: known players, past matches, backups, backup and restore. */
export function savesHandlers(context: HostContext): HandlerMap {
  const backupsDir = join(context.options.dataDir, 'backups');

  function listBackups(): string[] {
    try {
      return readdirSync(backupsDir)
        .filter((name) => /^arbiter-[0-9TZ-]+\.db$/.test(name))
        .sort()
        .reverse();
    } catch {
      return [];
    }
  }

  function saves(): Saves {
    const { state } = context;
    return {
      file: state.file,
      warning: state.warning,
      players: state.players.list().map((player) => ({ ...player, level: levelForXp(player.xp) })),
      matches: state.history.listMatches(MATCHES_SHOWN),
      backups: listBackups(),
    };
  }

  return {
    'saves.list': async () => saves(),
    'saves.backup': async () => {
      mkdirSync(backupsDir, { recursive: true });
      const name = `arbiter-${new Date().toISOString().replace(/[:.]/g, '-')}.db`;
      await context.state.backup(join(backupsDir, name));
      return { name };
    },
    'saves.restore': async (params: { name: string }) => {
      context.state.restore(join(backupsDir, params.name));
      context.state.writeNow('logging the restore', () =>
        context.state.history.logEvent('restore', null, { name: params.name }, Date.now()),
      );
      return saves();
    },
  };
}
