export default function act() {
  return { moveTo: { x: 30, y: 30 } };
}
