import { useCallback, useEffect, useRef, useState } from 'react';

/** Below this arena width, px, panels over the arena start folded: the player needs the view. */
export const NARROW_ARENA_PX = 760;
const KEY_PREFIX = 'arbiter.overlay.';

function savedChoice(id: string): boolean | null {
  const saved = localStorage.getItem(KEY_PREFIX + id);
  return saved === 'open' ? false : saved === 'closed' ? true : null;
}

/**
 * Whether a panel drawn over the arena is folded to its title. The player's
 * own choice is remembered; until they make one the panel folds while the
 * arena is narrow (a side panel open, a small window) and opens when it is
 * wide again. Put `ref` on the panel; it must sit inside `.arena`.
 */
export function useOverlayCollapse<T extends HTMLElement>(id: string) {
  const ref = useRef<T>(null);
  const [choice, setChoice] = useState<boolean | null>(() => savedChoice(id));
  const [narrow, setNarrow] = useState(false);

  useEffect(() => {
    const arena = ref.current?.closest('.arena');
    if (!arena) return;
    const measure = () => setNarrow(arena.clientWidth < NARROW_ARENA_PX);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(arena);
    return () => observer.disconnect();
  }, []);

  const collapsed = choice ?? narrow;
  const toggle = useCallback(() => {
    const next = !collapsed;
    localStorage.setItem(KEY_PREFIX + id, next ? 'closed' : 'open');
    setChoice(next);
  }, [collapsed, id]);
  return { ref, collapsed, toggle };
}
