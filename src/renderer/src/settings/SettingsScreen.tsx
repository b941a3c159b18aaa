import { useEffect, useMemo, useState } from 'react';
import { ErrorBanner } from '../ErrorBanner';
import { backToLobby } from '../hostActions';
import { useArbiterStore } from '../store';
import { showToast } from '../Toast';
import { MatchSettings } from './MatchSettings';
import {
  checkDraft,
  defaultDraft,
  draftOf,
  LIVE_FIELDS,
  rememberedDraft,
  teamBehaviors,
  type MatchDraft,
} from './matchDraft';
import { NetworkSettings } from './NetworkSettings';
import { useSettingsStore } from './settingsStore';
import {
  applyLive,
  deleteConfig,
  loadChoices,
  saveConfig,
  startWithSettings,
  type SettingsChoices,
} from './settingsActions';
import './settings.css';

/**
 * The host's match settings screen: before a match (Host a game opens it)
 * and during one (Match settings in the game view). Saved configs load
 * and save here; the last settings a match started with open next time.
 */
export function SettingsScreen() {
  const client = useArbiterStore((state) => state.client);
  const match = useArbiterStore((state) => state.match);
  const from = useSettingsStore((state) => state.from);
  // From the lobby the screen sets up a new match, even while one runs (Start replaces it).
  const running = from === 'game' && match?.running ? match.settings.config : null;
  const replacing = from === 'lobby' && (match?.running ?? false);
  const [choices, setChoices] = useState<SettingsChoices | null>(null);
  const [draft, setDraft] = useState<MatchDraft>(() =>
    running ? draftOf(running) : (rememberedDraft() ?? defaultDraft()),
  );
  const [liveTeams, setLiveTeams] = useState<Record<string, string | null>>({});
  const [picked, setPicked] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadChoices().then((loaded) => loaded && setChoices(loaded));
  }, []);
  // While a match runs, what each team runs now: the draft starts from it.
  useEffect(() => {
    if (!client || !running) return;
    let first = true;
    const off = client.on('behaviors', (event) => {
      setLiveTeams(event.teams);
      if (first) setDraft((now) => withBehaviors(now, event.teams));
      first = false;
    });
    client.request('subscribe', { topics: ['behaviors'] }).catch(() => {});
    return () => {
      off();
      client.request('unsubscribe', { topics: ['behaviors'] }).catch(() => {});
    };
    // Subscribes once per screen opening; the running config's identity changes with every event.
  }, [client, running !== null]);

  const mapTeams = choices?.maps.find((map) => map.name === draft.map)?.teams ?? null;
  const { config, errors } = useMemo(() => checkDraft(draft, mapTeams), [draft, mapTeams]);
  const restartNeeded =
    running !== null &&
    config !== null &&
    (Object.keys(config) as (keyof typeof config)[]).some(
      (key) =>
        !LIVE_FIELDS.has(key) && JSON.stringify(config[key]) !== JSON.stringify(running[key]),
    );
  const liveChanged =
    running !== null &&
    config !== null &&
    (config.botsPerTeam !== running.botsPerTeam ||
      draft.teams.some((team, k) => (liveTeams[String(k)] ?? null) !== team.behavior));

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  const onStart = () => config && run(() => startWithSettings(config, draft));
  const onApply = () =>
    config &&
    run(async () => {
      if (await applyLive(config, draft)) showToast('Applied to the running match');
    });
  const onLoad = () => {
    const entry = choices?.configs.find((c) => c.name === picked);
    if (entry) setDraft(withBehaviors(draftOf(entry.config), teamBehaviors(draft)));
  };
  const onSave = () =>
    config &&
    run(async () => {
      const saved = await saveConfig(config);
      if (!saved) return;
      showToast(`Saved config “${saved.name}”`);
      const loaded = await loadChoices();
      if (loaded) setChoices(loaded);
      setPicked(saved.name);
    });
  const onDelete = () =>
    run(async () => {
      const name = picked;
      if (!name || !window.confirm(`Delete the saved config “${name}”?`)) return;
      const deleted = await deleteConfig(name);
      showToast(deleted ? `Deleted config “${name}”` : `There was no saved config “${name}”`);
      const loaded = await loadChoices();
      if (loaded) setChoices(loaded);
      setPicked('');
    });
  const invalidCount = Object.keys(errors).length;

  return (
    <main className="settings-screen" data-testid="settings-screen">
      <header className="settings-header">
        <h1>{running ? 'Match settings (match running)' : 'Set up the match'}</h1>
        <div className="config-row">
          <label htmlFor="config-pick">Saved configs</label>
          <select
            id="config-pick"
            data-testid="config-pick"
            value={picked}
            onChange={(event) => setPicked(event.target.value)}
          >
            <option value="">Choose one…</option>
            {choices?.configs.map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.name}
                {entry.isDefault ? ' (default)' : ''}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={!picked || busy}
            onClick={onLoad}
            data-testid="config-load"
          >
            Load
          </button>
          <button
            type="button"
            disabled={!picked || busy}
            onClick={() => void onDelete()}
            data-testid="config-delete"
          >
            Delete
          </button>
        </div>
      </header>
      <ErrorBanner />
      {replacing && (
        <p className="muted" data-testid="replace-note">
          A match is running on this host: Start match ends it and starts this one (players who
          joined stay, with new avatars).
        </p>
      )}
      {running && (
        <p className="muted" data-testid="live-note">
          Bots per team and each team&rsquo;s behavior change the running match at once (Apply now);
          everything else takes a restart of the match.
        </p>
      )}
      <div className="config-name settings-field">
        <label htmlFor="settings-name">Config name</label>
        <div className="settings-input">
          <input
            id="settings-name"
            data-testid="settings-name"
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          />
          <button
            type="button"
            disabled={!config || busy}
            onClick={() => void onSave()}
            data-testid="config-save"
          >
            Save config
          </button>
          {errors.name && (
            <span className="field-error" role="alert" data-testid="error-name">
              {errors.name}
            </span>
          )}
        </div>
      </div>
      {!choices && <p className="muted">Loading the maps, configs and behaviors…</p>}
      <MatchSettings
        draft={draft}
        onChange={setDraft}
        errors={errors}
        maps={choices?.maps ?? []}
        behaviors={choices?.behaviors ?? []}
        running={running}
        runningBehaviors={liveTeams}
      />
      <NetworkSettings />
      <footer className="settings-actions">
        {invalidCount > 0 && (
          <span className="field-error" data-testid="settings-invalid">
            {invalidCount === 1 ? 'One field needs' : `${invalidCount} fields need`} a change before
            the match can start.
          </span>
        )}
        {running ? (
          <>
            <button
              type="button"
              className="primary"
              data-testid="settings-apply"
              disabled={!config || !liveChanged || busy}
              onClick={() => void onApply()}
            >
              Apply now
            </button>
            <button
              type="button"
              data-testid="settings-restart"
              disabled={!config || busy}
              onClick={() => void onStart()}
            >
              {restartNeeded ? 'Restart the match with these settings' : 'Restart the match'}
            </button>
            <button
              type="button"
              data-testid="settings-back"
              onClick={() => useArbiterStore.setState({ screen: 'game', error: null })}
            >
              Back to the match
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              data-testid="settings-start"
              disabled={!config || busy}
              onClick={() => void onStart()}
            >
              {busy ? 'Starting…' : 'Start match'}
            </button>
            <button type="button" onClick={() => void backToLobby()}>
              Back to lobby
            </button>
          </>
        )}
      </footer>
    </main>
  );
}

/** `draft` with each team running what `teams` names (team index → behavior id). */
function withBehaviors(draft: MatchDraft, teams: Record<string, string | null>): MatchDraft {
  return {
    ...draft,
    teams: draft.teams.map((team, k) => ({ ...team, behavior: teams[String(k)] ?? null })),
  };
}
