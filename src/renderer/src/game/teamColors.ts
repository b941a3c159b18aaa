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
