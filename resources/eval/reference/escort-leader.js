export default function act(obs) {
  const me = obs.self;
  let leader = null;
  for (const e of obs.nearby)
    if (e.team === me.team && e.kind === 'agent' && (!leader || e.id < leader.id)) leader = e;
  if (!leader || leader.id > me.id) return { moveTo: { x: 190, y: 500 } };
  return { moveTo: leader };
}
