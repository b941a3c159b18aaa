import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { CONSOLE_LEVELS } from '../../../shared/consoleApi';
import { describeError } from '../describeError';
import { useArbiterStore } from '../store';
import {
  CONSOLE_MAX_LINES,
  addConsoleLines,
  agentsSeen,
  behaviorsSeen,
  clearConsole,
  setConsoleFilter,
  useConsoleStore,
  visibleLines,
  type ConsoleEntry,
} from './consoleStore';

/** How close to the bottom, px, still counts as following the newest line. */
const FOLLOW_SLACK_PX = 8;

/**
 * What behaviors print with console.*: the running match's lines (the host
 * sees every behavior's, a friend only their own) and the last dry run's,
 * with tick, level, agent and behavior; filtered by agent, behavior and
 * level. It follows the newest line until the modder scrolls up.
 */
export function ConsolePanel() {
  const client = useArbiterStore((s) => s.client);
  const state = useConsoleStore();
  const shown = useMemo(() => visibleLines(state), [state]);
  const behaviors = useMemo(() => behaviorsSeen(state), [state]);
  const agents = useMemo(() => agentsSeen(state), [state]);
  const list = useRef<HTMLOListElement>(null);
  const [following, setFollowing] = useState(true);

  useEffect(() => {
    if (!client) return;
    const off = client.on('console', (event) => addConsoleLines(event.lines));
    client
      .request('subscribe', { topics: ['console'] })
      .then(() => useConsoleStore.setState({ problem: null }))
      .catch((error: unknown) =>
        useConsoleStore.setState({ problem: `No console: ${describeError(error)}` }),
      );
    return () => {
      off();
      client.request('unsubscribe', { topics: ['console'] }).catch(() => {});
    };
  }, [client]);

  // Follow the newest line unless the modder scrolled up to read. Where the list was last put is
  // remembered: a scroll event can arrive after new lines did, so the position itself says whether
  // the modder moved it, not the event's timing.
  const pinned = useRef<number | null>(null);
  const scrolledUp = (el: HTMLElement) =>
    pinned.current !== null &&
    el.scrollTop < pinned.current - FOLLOW_SLACK_PX &&
    el.scrollTop + el.clientHeight < el.scrollHeight - FOLLOW_SLACK_PX;
  useLayoutEffect(() => {
    const el = list.current;
    if (!el || !following) return;
    if (scrolledUp(el)) {
      setFollowing(false);
      return;
    }
    el.scrollTop = el.scrollHeight;
    pinned.current = el.scrollTop;
  }, [shown, following]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - FOLLOW_SLACK_PX) setFollowing(true);
    else if (scrolledUp(el)) setFollowing(false);
  };

  const follow = () => {
    pinned.current = null;
    setFollowing(true);
    const el = list.current;
    if (el) {
      el.scrollTop = el.scrollHeight;
      pinned.current = el.scrollTop;
    }
  };

  const { filter, problem } = state;
  return (
    <section className="console-panel" data-testid="console-panel" aria-label="Console">
      <div className="console-toolbar">
        <strong>Console</strong>
        <select
          aria-label="Console behavior"
          value={filter.behavior ?? ''}
          onChange={(e) => setConsoleFilter({ behavior: e.target.value || null })}
        >
          <option value="">All behaviors</option>
          {behaviors.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Console agent"
          value={filter.agent ?? ''}
          onChange={(e) =>
            setConsoleFilter({ agent: e.target.value === '' ? null : Number(e.target.value) })
          }
        >
          <option value="">All agents</option>
          {agents.map((id) => (
            <option key={id} value={id}>
              Agent #{id}
            </option>
          ))}
        </select>
        <span className="console-levels" role="group" aria-label="Console levels">
          {CONSOLE_LEVELS.map((level) => (
            <label key={level} className={`console-level level-${level}`}>
              <input
                type="checkbox"
                checked={filter.levels[level]}
                onChange={(e) =>
                  setConsoleFilter({ levels: { ...filter.levels, [level]: e.target.checked } })
                }
              />
              {level}
            </label>
          ))}
        </span>
        <span className="muted console-count" data-testid="console-count">
          {shown.length === state.lines.length
            ? `${state.lines.length} lines`
            : `${shown.length} of ${state.lines.length}`}
        </span>
        <button type="button" onClick={clearConsole} data-testid="console-clear">
          Clear
        </button>
      </div>
      {problem && (
        <p className="error-text" role="alert" data-testid="console-problem">
          {problem}
        </p>
      )}
      <ol className="console-lines" ref={list} onScroll={onScroll} data-testid="console-lines">
        {shown.length === 0 && (
          <li className="muted console-empty">
            {state.lines.length === 0
              ? 'Nothing printed yet: console.log(…) in a behavior shows here, with its tick and agent.'
              : 'No line matches the filters.'}
          </li>
        )}
        {shown.map((line) => (
          <ConsoleRow key={line.seq} line={line} />
        ))}
      </ol>
      {!following && (
        <button
          type="button"
          className="link console-follow"
          onClick={follow}
          data-testid="console-follow"
        >
          Scrolled up: not following. Jump to the newest line
        </button>
      )}
      <p className="muted console-hint">
        Keeps the last {CONSOLE_MAX_LINES.toLocaleString()} lines. Behaviors may print 5 lines per
        agent per tick and 100 per second; the rest is counted as dropped.
      </p>
    </section>
  );
}

/** One line; memoised, since lines never change once shown and the list re-renders as lines arrive. */
const ConsoleRow = memo(function ConsoleRow({ line }: { line: ConsoleEntry }) {
  const dry = line.source === 'dry-run';
  return (
    <li
      className={`console-line level-${line.level}`}
      data-testid="console-line"
      data-level={line.level}
      data-source={line.source}
    >
      <span className="console-tick" title={dry ? 'dry run, sample tick' : 'tick'}>
        {dry ? `dry ${line.tick}` : line.tick}
      </span>
      <span className="console-lvl">{line.level}</span>
      <span className="console-agent">{line.agentId !== null ? `#${line.agentId}` : ''}</span>
      <span
        className="console-behavior"
        title={`${line.behaviorName}${dry ? ' (dry run)' : ` v${line.version}`} by ${line.author}`}
      >
        {line.behaviorName}
        {dry ? '' : ` v${line.version}`}
      </span>
      <span className="console-text">{line.text}</span>
    </li>
  );
});
