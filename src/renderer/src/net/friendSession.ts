/**
 * Where a friend's page remembers who they are on each host: the session
 * token the host gave them, so closing the tab and opening the invite link
 * again within the grace period brings back the same avatar.
 */
const key = (origin: string) => `arbiter.friendSession:${origin}`;

export interface InviteTarget {
  /** The host's origin, e.g. http://192.168.1.5:7777 */
  hostOrigin: string;
  code: string;
  /**
   * The fleet lobby that reserved this seat (`&lobby=URL` after the code),
   * where a player whose reservation lapsed picks a match again.
   */
  lobby?: string;
}

/** Reads `#invite=CODE` from this page's address, or from a pasted link or bare code. */
export function parseInvite(text: string, here: string = location.href): InviteTarget | null {
  const trimmed = text.trim();
  if (/^[A-Za-z0-9_-]{22}$/.test(trimmed))
    return { hostOrigin: new URL(here).origin, code: trimmed };
  try {
    const url = new URL(trimmed, here);
    const params = new URLSearchParams(url.hash.slice(1));
    const code = params.get('invite');
    if (!code || !/^[A-Za-z0-9_-]{22}$/.test(code)) return null;
    const lobby = webAddress(params.get('lobby'));
    return lobby ? { hostOrigin: url.origin, code, lobby } : { hostOrigin: url.origin, code };
  } catch {
    return null;
  }
}

/** An http(s) address as text, or null: a link taken from the address bar must not run script. */
function webAddress(text: string | null): string | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export function savedSession(origin: string): string | null {
  return localStorage.getItem(key(origin));
}

export function saveSession(origin: string, token: string): void {
  localStorage.setItem(key(origin), token);
}

export function forgetSession(origin: string): void {
  localStorage.removeItem(key(origin));
}
