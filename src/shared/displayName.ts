/**
 * The one rule for a player's display name, on the host (what it stores and
 * sends) and on a friend's page (what it asks for and shows): surrounding
 * space trimmed, control and format characters (newlines, bidi overrides,
 * zero-width marks) dropped, runs of space made one, and at most
 * DISPLAY_NAME_MAX characters (whole code points, so an emoji is never cut
 * in half). A name left empty becomes `fallback`.
 */
export const DISPLAY_NAME_MAX = 24;

// \p{Cc}: control characters; \p{Cf}: format characters such as U+202E (right-to-left override).
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

export function displayName(raw: string, fallback = 'Player'): string {
  const cleaned = raw.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  const cut = Array.from(cleaned).slice(0, DISPLAY_NAME_MAX).join('').trimEnd();
  return cut || fallback;
}
