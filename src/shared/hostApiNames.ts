/**
 * The host API's method and event names, without their schemas, so the
 * preload bridge can allow-list them without bundling zod. hostApi.ts
 * checks at compile time that these lists and its schema maps agree.
 */
export const REQUEST_NAMES = [
  'server.info',
  'match.start',
  'match.stop',
  'match.setAgentCount',
  'match.pause',
  'match.resume',
  'match.step',
  'match.setSpeed',
  'subscribe',
  'unsubscribe',
  'player.join',
  'player.leave',
  'player.command',
  'invite.create',
  'invite.offerCode',
  'invite.acceptAnswer',
  'invite.list',
  'invite.revoke',
  'player.kick',
  'player.ban',
  'config.list',
  'config.save',
  'config.delete',
  'saves.list',
  'saves.backup',
  'saves.restore',
  'replay.list',
  'replay.open',
  'replay.seek',
  'replay.whatIf',
  'behavior.list',
  'behavior.get',
  'behavior.save',
  'behavior.delete',
  'behavior.versions',
  'behavior.rollback',
  'behavior.assign',
  'behavior.draft.save',
  'behavior.draft.list',
  'behavior.draft.delete',
  'behavior.validate',
  'llm.status',
  'llm.settings.save',
  'llm.key.set',
  'llm.key.clear',
  'llm.generate',
  'llm.explain',
  'llm.stop',
  'metrics.snapshot',
  'player.list',
  'map.list',
  'network.get',
  'network.save',
  'agent.inspect',
] as const;

export const EVENT_NAMES = [
  'link',
  'stats',
  'match',
  'scoreboard',
  'warning',
  'behaviors',
  'llm',
  'console',
  'inspect',
] as const;

export type RequestName = (typeof REQUEST_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

const requestSet: ReadonlySet<string> = new Set(REQUEST_NAMES);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && requestSet.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}
