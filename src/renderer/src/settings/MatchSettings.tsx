import type { BehaviorSummaryData, MapEntry } from '../../../shared/hostApi';
import { GAME_CONFIG_LIMITS, type GameConfig } from '../../../shared/gameConfig';
import {
  FIELD_LABELS,
  FIELD_RANGES,
  LIVE_FIELDS,
  NUMBER_FIELDS,
  nextTeamName,
  type FieldErrors,
  type MatchDraft,
  type NumberField,
} from './matchDraft';

export interface MatchSettingsProps {
  draft: MatchDraft;
  onChange(draft: MatchDraft): void;
  errors: FieldErrors;
  maps: MapEntry[];
  behaviors: BehaviorSummaryData[];
  /** The running match's config, when one runs: changed fields say when they apply. */
  running: GameConfig | null;
  /** What each team of the running match runs (team index → behavior id). */
  runningBehaviors: Record<string, string | null>;
}

/**
 * The fields of a match config, each with its range and, beside it, the
 * message for a value out of range. With a match running, a changed field
 * says whether it applies now (bots, behaviors) or at the next start.
 */
export function MatchSettings(props: MatchSettingsProps) {
  const { draft, onChange, errors, maps, behaviors, running } = props;
  const set = (change: Partial<MatchDraft>) => onChange({ ...draft, ...change });
  const setNumber = (field: NumberField, text: string) =>
    set({ numbers: { ...draft.numbers, [field]: text } });
  const setTeam = (k: number, change: Partial<MatchDraft['teams'][number]>) =>
    set({ teams: draft.teams.map((team, j) => (j === k ? { ...team, ...change } : team)) });
  const mapTeams = maps.find((map) => map.name === draft.map)?.teams.length ?? null;
  const teamLimit = Math.min(GAME_CONFIG_LIMITS.maxTeams, mapTeams ?? GAME_CONFIG_LIMITS.maxTeams);

  const when = (field: string, changed: boolean) =>
    running && changed ? (
      <span className={LIVE_FIELDS.has(field) ? 'applies-live' : 'applies-restart'}>
        {LIVE_FIELDS.has(field) ? 'applies now' : 'needs a restart'}
      </span>
    ) : null;
  const teamsChanged =
    running !== null &&
    (running.teams.length !== draft.teams.length ||
      running.teams.some((team, k) => team.name !== draft.teams[k]?.name));

  return (
    <div className="match-settings" data-testid="match-settings">
      <Field id="map" label="Map" error={errors.map} note={when('map', draft.map !== running?.map)}>
        <select
          id="settings-map"
          data-testid="settings-map"
          value={draft.map}
          onChange={(event) => set({ map: event.target.value })}
        >
          {maps.length === 0 && <option value={draft.map}>{draft.map}</option>}
          {maps.map((map) => (
            <option key={map.name} value={map.name}>
              {map.name} ({map.teams.length} team{map.teams.length === 1 ? '' : 's'})
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="teams" data-testid="settings-teams">
        <legend>Teams {when('teams', teamsChanged)}</legend>
        {draft.teams.map((team, k) => {
          const live = running && (props.runningBehaviors[String(k)] ?? null) !== team.behavior;
          return (
            <div className="team-row" key={k}>
              <input
                aria-label={`Team ${k + 1} name`}
                data-testid={`team-name-${k}`}
                value={team.name}
                maxLength={GAME_CONFIG_LIMITS.maxNameLength}
                onChange={(event) => setTeam(k, { name: event.target.value })}
              />
              <select
                aria-label={`Team ${k + 1} behavior`}
                data-testid={`team-behavior-${k}`}
                value={team.behavior ?? ''}
                onChange={(event) => setTeam(k, { behavior: event.target.value || null })}
              >
                <option value="">Built-in AI</option>
                {behaviors.map((behavior) => (
                  <option key={behavior.id} value={behavior.id}>
                    {behavior.name}
                  </option>
                ))}
              </select>
              {when('behaviors', Boolean(live))}
              <button
                type="button"
                className="link-button"
                disabled={draft.teams.length <= 1}
                aria-label={`Remove team ${k + 1}`}
                onClick={() => set({ teams: draft.teams.filter((_, j) => j !== k) })}
              >
                Remove
              </button>
            </div>
          );
        })}
        <button
          type="button"
          data-testid="add-team"
          disabled={draft.teams.length >= teamLimit}
          title={
            draft.teams.length >= teamLimit
              ? `this map has spawn zones for ${teamLimit} teams`
              : undefined
          }
          onClick={() =>
            set({ teams: [...draft.teams, { name: nextTeamName(draft), behavior: null }] })
          }
        >
          Add a team
        </button>
        {errors.teams && (
          <span className="field-error" role="alert" data-testid="error-teams">
            {errors.teams}
          </span>
        )}
      </fieldset>
      <div className="number-fields">
        {NUMBER_FIELDS.map((field) => {
          const range = FIELD_RANGES[field];
          return (
            <Field
              key={field}
              id={field}
              label={FIELD_LABELS[field]}
              error={errors[field]}
              note={when(
                field,
                running !== null && String(running[field]) !== draft.numbers[field],
              )}
            >
              <input
                id={`settings-${field}`}
                data-testid={`settings-${field}`}
                type="number"
                inputMode="decimal"
                min={range.min}
                max={range.max}
                step={range.step}
                value={draft.numbers[field]}
                aria-invalid={errors[field] ? true : undefined}
                aria-describedby={errors[field] ? `error-${field}` : undefined}
                onChange={(event) => setNumber(field, event.target.value)}
              />
            </Field>
          );
        })}
        <Field
          id="friendlyFire"
          label="Friendly fire"
          note={when(
            'friendlyFire',
            running !== null && running.friendlyFire !== draft.friendlyFire,
          )}
        >
          <input
            id="settings-friendlyFire"
            data-testid="settings-friendlyFire"
            type="checkbox"
            checked={draft.friendlyFire}
            onChange={(event) => set({ friendlyFire: event.target.checked })}
          />
        </Field>
      </div>
    </div>
  );
}

function Field(props: {
  id: string;
  label: string;
  error?: string;
  note?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="settings-field">
      <label htmlFor={`settings-${props.id}`}>{props.label}</label>
      <div className="settings-input">
        {props.children}
        {props.note}
        {props.error && (
          <span
            className="field-error"
            id={`error-${props.id}`}
            role="alert"
            data-testid={`error-${props.id}`}
          >
            {props.error}
          </span>
        )}
      </div>
    </div>
  );
}
