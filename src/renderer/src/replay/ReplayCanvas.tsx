import { useEffect, useRef } from 'react';
import type { MapDef, ReplayFrame } from '../../../shared/hostApi';

const TEAM_COLOURS = ['#e0524c', '#4c8de0', '#52c06a', '#d9b440'];

/** A replay's arena at one tick: walls, units by team (dim when dead), projectiles and items. */
export function ReplayCanvas({ map, frame }: { map: MapDef; frame: ReplayFrame | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const g = canvas?.getContext('2d');
    if (!canvas || !g) return;
    const scale = canvas.width / map.width;
    g.fillStyle = '#15181d';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = '#3a3f48';
    for (const wall of map.walls)
      g.fillRect(wall.x * scale, wall.y * scale, wall.w * scale, wall.h * scale);
    if (!frame) return;
    for (let i = 0; i < frame.ids.length; i++) {
      const x = frame.xy[i * 2] * scale;
      const y = frame.xy[i * 2 + 1] * scale;
      const kind = frame.kinds[i];
      g.globalAlpha = frame.alive[i] ? 1 : 0.25;
      g.fillStyle = kind >= 2 ? '#f2f2f2' : (TEAM_COLOURS[frame.teams[i]] ?? '#aaa');
      g.beginPath();
      g.arc(x, y, kind >= 2 ? 1.5 : Math.max(2, frame.radius * scale), 0, Math.PI * 2);
      g.fill();
    }
    g.globalAlpha = 1;
  }, [map, frame]);
  const width = 640;
  return (
    <canvas
      ref={ref}
      className="replay-canvas"
      data-testid="replay-canvas"
      width={width}
      height={Math.round((width * map.height) / map.width)}
    />
  );
}
