/**
 * Keyboard and mouse as game input: WASD or arrows move, the mouse aims,
 * a held left button fires, E picks up. Sampled once per tick.
 */
import { BUTTON_FIRE, BUTTON_PICKUP } from '../../../../engine/index';

export interface InputSample {
  moveX: number;
  moveY: number;
  /** Radians, 0 = +x, towards +y. */
  aim: number;
  buttons: number;
}

export interface Controls {
  /** This tick's input; `from` is where the avatar is (world units), for the aim. */
  sample(from: { x: number; y: number } | null): InputSample;
  dispose(): void;
}

const KEYS: Record<string, [number, number]> = {
  KeyW: [0, -1],
  ArrowUp: [0, -1],
  KeyS: [0, 1],
  ArrowDown: [0, 1],
  KeyA: [-1, 0],
  ArrowLeft: [-1, 0],
  KeyD: [1, 0],
  ArrowRight: [1, 0],
};

/**
 * `surface` receives the mouse; `toWorld` maps client pixels to world
 * units; a press that `claimsClick` takes (it selects an agent to
 * inspect) does not fire.
 */
export function createControls(
  surface: HTMLElement,
  toWorld: (clientX: number, clientY: number) => { x: number; y: number },
  claimsClick: (clientX: number, clientY: number) => boolean = () => false,
): Controls {
  const held = new Set<string>();
  let pickup = false;
  let firing = false;
  let mouse: { clientX: number; clientY: number } | null = null;
  let lastAim = 0;

  // Keys typed into a field or the code editor (Monaco edits through its own element) are not moves.
  const typing = (event: KeyboardEvent) =>
    event.target instanceof Element &&
    (event.target.closest('input, textarea, select, [contenteditable], .monaco-editor') !== null ||
      (event.target instanceof HTMLElement && event.target.isContentEditable));
  const onKeyDown = (event: KeyboardEvent) => {
    if (typing(event)) return;
    if (event.code in KEYS) {
      held.add(event.code);
      event.preventDefault();
    } else if (event.code === 'KeyE') pickup = true;
  };
  const onKeyUp = (event: KeyboardEvent) => held.delete(event.code);
  const onMove = (event: MouseEvent) =>
    (mouse = { clientX: event.clientX, clientY: event.clientY });
  const onDown = (event: MouseEvent) => {
    if (event.button === 0 && !claimsClick(event.clientX, event.clientY)) firing = true;
  };
  const onUp = (event: MouseEvent) => {
    if (event.button === 0) firing = false;
  };
  const onBlur = () => {
    held.clear();
    firing = false;
  };
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', onKeyUp);
  window.addEventListener('blur', onBlur);
  surface.addEventListener('mousemove', onMove);
  surface.addEventListener('mousedown', onDown);
  window.addEventListener('mouseup', onUp);

  return {
    sample(from) {
      let moveX = 0;
      let moveY = 0;
      for (const code of held) {
        moveX += KEYS[code][0];
        moveY += KEYS[code][1];
      }
      const length = Math.hypot(moveX, moveY);
      if (length > 0) {
        moveX /= length;
        moveY /= length;
      }
      if (mouse && from) {
        const target = toWorld(mouse.clientX, mouse.clientY);
        lastAim = Math.atan2(target.y - from.y, target.x - from.x);
      }
      const buttons = (firing ? BUTTON_FIRE : 0) | (pickup ? BUTTON_PICKUP : 0);
      pickup = false;
      return { moveX, moveY, aim: lastAim < 0 ? lastAim + 2 * Math.PI : lastAim, buttons };
    },
    dispose() {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
      surface.removeEventListener('mousemove', onMove);
      surface.removeEventListener('mousedown', onDown);
      window.removeEventListener('mouseup', onUp);
    },
  };
}
