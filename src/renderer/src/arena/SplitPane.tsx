import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import './arena.css';

const WIDTH_KEY = 'arbiter.sidePaneWidth';
/** Narrowest side panel, px: the editor's toolbar still fits. */
export const MIN_SIDE_PX = 280;
/** Narrowest arena, px: the player keeps a usable view however wide the panel is dragged. */
export const MIN_ARENA_PX = 320;
const KEY_STEP_PX = 32;

function savedWidth(): number {
  const saved = Number(localStorage.getItem(WIDTH_KEY));
  // No saved width yet: about half a 1440-px window, less on narrow ones.
  return Number.isFinite(saved) && saved >= MIN_SIDE_PX
    ? saved
    : Math.round(Math.min(720, window.innerWidth * 0.45));
}

/** The side panel's width in px, kept between MIN_SIDE_PX and what leaves the arena MIN_ARENA_PX. */
function clampWidth(width: number, total: number): number {
  const max = Math.max(MIN_SIDE_PX, total - MIN_ARENA_PX);
  return Math.round(Math.min(max, Math.max(MIN_SIDE_PX, width)));
}

/**
 * The arena beside an optional side panel (the editor), split by a handle
 * that is dragged with the mouse or moved with the arrow keys. The width is
 * remembered. With no side panel the arena takes the whole pane; the arena's
 * canvas follows its box (see arenaRenderer's ResizeObserver).
 */
export function SplitPane({ arena, side }: { arena: ReactNode; side: ReactNode | null }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(savedWidth);
  // A window resize re-clamps the panel so the arena keeps its minimum width.
  const [, setResized] = useState(0);
  useEffect(() => {
    const onResize = () => setResized((n) => n + 1);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const total = () => rootRef.current?.clientWidth ?? window.innerWidth;
  const commit = useCallback((next: number) => {
    const clamped = clampWidth(next, rootRef.current?.clientWidth ?? window.innerWidth);
    setWidth(clamped);
    localStorage.setItem(WIDTH_KEY, String(clamped));
  }, []);

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const right = rootRef.current?.getBoundingClientRect().right ?? window.innerWidth;
    const move = (e: PointerEvent) => commit(right - e.clientX);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowLeft') commit(width + KEY_STEP_PX);
    else if (event.key === 'ArrowRight') commit(width - KEY_STEP_PX);
    else return;
    event.preventDefault();
  };

  const shown = side ? clampWidth(width, total()) : 0;
  return (
    <div className="game-main split-pane" ref={rootRef}>
      <div className="arena">{arena}</div>
      {side && (
        <>
          <div
            className="split-handle"
            role="separator"
            aria-orientation="vertical"
            aria-label="Resize the side panel"
            aria-valuenow={shown}
            tabIndex={0}
            data-testid="split-handle"
            onPointerDown={onPointerDown}
            onKeyDown={onKeyDown}
          />
          <div className="side-pane" style={{ width: shown }} data-testid="side-pane">
            {side}
          </div>
        </>
      )}
    </div>
  );
}
