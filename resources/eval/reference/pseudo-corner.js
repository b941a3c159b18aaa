export default function act() {
  return { moveTo: { x: 20, y: 980 } };
}
