import { useEffect, useState } from 'react';

/**
 * `when`, one painted frame late: true from the task after the first frame
 * painted with `when` true, false again as soon as `when` is. Lets heavy
 * work (a Monaco diff editor, ~100–200 ms to build on a slow machine) start
 * after the page has shown what was ready, not before.
 */
export function useAfterPaint(when: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!when) {
      setReady(false);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame's callback runs before its paint; the timer after it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setReady(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [when]);
  return when && ready;
}
