/**
 * One colour per team (0xRRGGBB). Chosen to stay apart from each other and
 * from the dark background and wall colour; teams past the palette wrap.
 */
export const TEAM_COLORS: readonly number[] = [
  0xff5d5d, // red: team 0 of the default config is "Red"
  0x4aa3ff, // blue
  0x5ddc7a, // green
  0xffc247, // amber
  0xc77dff, // violet
  0x3fd6d0, // teal
  0xff8ad8, // pink
  0xb8e04a, // lime
];

export function teamColor(team: number): number {
  return TEAM_COLORS[((team % TEAM_COLORS.length) + TEAM_COLORS.length) % TEAM_COLORS.length];
}

/** Ground items by rarity (items.json), and projectiles. */
export const ITEM_COLOR = 0xf4e409;
export const PROJECTILE_COLOR = 0xfff3c4;

/** The colour's name for each entry of TEAM_COLORS: the default config names its teams so. */
const TEAM_COLOR_NAMES: readonly string[] = [
  'Red',
  'Blue',
  'Green',
  'Amber',
  'Violet',
  'Teal',
  'Pink',
  'Lime',
];

/** A team's name where only its index is known (a friend has no config): its colour's name. */
export function teamColorName(team: number): string {
  const n = TEAM_COLOR_NAMES.length;
  return TEAM_COLOR_NAMES[((team % n) + n) % n];
}

/** A team's colour as CSS (#rrggbb). */
export function teamCss(team: number): string {
  return `#${teamColor(team).toString(16).padStart(6, '0')}`;
}
