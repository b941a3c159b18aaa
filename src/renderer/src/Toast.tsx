import { useEffect } from 'react';
import { create } from 'zustand';
import './toast.css';

/** How long a toast stays, ms: long enough to read a short sentence. */
const TOAST_MS = 3500;
/** A toast carrying a link or code stays longer: it may have to be copied by hand. */
const DETAIL_TOAST_MS = 12_000;

interface ToastState {
  message: string | null;
  /** A link or code shown selectable under the message, or null. */
  detail: string | null;
  /** Bumped per toast, so the same words twice restart the timer. */
  serial: number;
}

const useToastStore = create<ToastState>()(() => ({ message: null, detail: null, serial: 0 }));

/**
 * Shows `message` briefly at the bottom of the window (copied links and
 * codes, saves…); `detail`, a link or code, selectable beneath it.
 */
export function showToast(message: string, detail: string | null = null): void {
  useToastStore.setState((state) => ({ message, detail, serial: state.serial + 1 }));
}

/**
 * Copies `text` and says so in a toast that also shows it (unless
 * `showText` is false: the page shows it already); where the clipboard is
 * refused (a page over plain http) the toast says to copy it by hand.
 */
export async function copyWithToast(text: string, what: string, showText = true): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    showToast(`${what} copied to the clipboard`, showText ? text : null);
  } catch {
    showToast(`${what}: this page may not use the clipboard; select it and copy it`, text);
  }
}

/** The one toast on screen, read by screen readers as a status. */
export function Toaster() {
  const { message, detail, serial } = useToastStore();
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(
      () => useToastStore.setState({ message: null, detail: null }),
      detail ? DETAIL_TOAST_MS : TOAST_MS,
    );
    return () => clearTimeout(timer);
  }, [message, detail, serial]);
  return (
    <div className="toast-slot" aria-live="polite">
      {message && (
        <div className="toast" role="status" data-testid="toast" key={serial}>
          <span>{message}</span>
          {detail && (
            <input
              className="toast-detail"
              data-testid="toast-detail"
              aria-label={message}
              readOnly
              value={detail}
              onFocus={(event) => event.target.select()}
            />
          )}
          <button
            type="button"
            className="link-button"
            aria-label="Dismiss"
            onClick={() => useToastStore.setState({ message: null, detail: null })}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
