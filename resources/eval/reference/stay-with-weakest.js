export default function act(obs) {
  const me = obs.self;
  let weakest = null;
  for (const e of obs.nearby) {
    if (e.team !== me.team || e.kind !== 'agent') continue;
    if (!weakest || e.hp < weakest.hp || (e.hp === weakest.hp && e.id < weakest.id)) weakest = e;
  }
  if (!weakest) return { moveTo: { x: 190, y: 650 } };
  return { moveTo: weakest };
}
