/**
 * A few lines about the live match for the LLM: the map and its size,
 * teams with their scores, which behavior drives how many agents, and
 * what an agent perceives (so the model knows the scale of `obs`).
 */
import type { MapDef, MatchSettings, ScoreboardData } from '../../../shared/hostApi';

export interface MatchFacts {
  settings: MatchSettings;
  map: MapDef | null;
  scoreboard: ScoreboardData | null;
  behaviors: Array<{ name: string; version: number; agents: number }>;
}

export function describeMatch(facts: MatchFacts): string {
  const { settings, map, scoreboard } = facts;
  const lines = [
    `Map "${settings.config.map}"${map ? `, ${map.width} x ${map.height} world units, origin top-left, ${map.walls.length} walls` : ''}.`,
    `${settings.agents} agents; ${settings.config.tickRate} ticks per second.`,
  ];
  for (const [index, team] of settings.config.teams.entries()) {
    const line = scoreboard?.teams.find((t) => t.team === index);
    const spawn = map?.spawns.find((s) => s.team === index);
    lines.push(
      `Team ${index} "${team.name}"${spawn ? ` spawns near (${Math.round(spawn.x + spawn.w / 2)}, ${Math.round(spawn.y + spawn.h / 2)})` : ''}` +
        (line ? `: ${line.kills} kills, ${line.deaths} deaths` : ''),
    );
  }
  if (scoreboard?.secondsLeft != null) lines.push(`${Math.round(scoreboard.secondsLeft)} s left.`);
  for (const b of facts.behaviors)
    lines.push(`Behavior "${b.name}" v${b.version} drives ${b.agents} agents.`);
  lines.push(
    'Each agent sees entities within its perception radius and line of sight (obs.nearby, nearest first) and walls close by (obs.walls).',
  );
  return lines.join('\n');
}
