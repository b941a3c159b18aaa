import { OverlayToggle } from './arena/OverlayToggle';
import { useOverlayCollapse } from './arena/overlayCollapse';
import { useArbiterStore } from './store';

/** Live simulation and renderer numbers, drawn over the arena. */
export function StatsOverlay() {
  const stats = useArbiterStore((state) => state.stats);
  const fps = useArbiterStore((state) => state.rendererFps);
  const { ref, collapsed, toggle } = useOverlayCollapse<HTMLDivElement>('stats');
  return (
    <div className="stats-overlay" ref={ref}>
      <OverlayToggle title="Stats" collapsed={collapsed} onToggle={toggle} testId="stats-toggle" />
      {/* Folded, the figures stay in the page (hidden): tests and tools still read them. */}
      <dl aria-label="Match statistics" hidden={collapsed}>
        <dt>Tick rate</dt>
        <dd
          data-testid="stats-tick-rate"
          data-measured={stats?.measuredTickRate}
          data-configured={stats?.tickRate}
          title="measured / configured ticks per second"
        >
          {stats ? `${stats.measuredTickRate.toFixed(1)} / ${stats.tickRate} Hz` : '–'}
        </dd>
        <dt>Entities</dt>
        <dd data-testid="stats-entities">{stats ? stats.entityCount : '–'}</dd>
        <dt>ms / tick</dt>
        <dd data-testid="stats-ms-per-tick">{stats ? stats.msPerTick.toFixed(2) : '–'}</dd>
        <dt>Tick</dt>
        <dd data-testid="stats-tick">{stats ? stats.tick : '–'}</dd>
        <dt>Render FPS</dt>
        <dd data-testid="stats-fps">{fps > 0 ? fps.toFixed(0) : '–'}</dd>
      </dl>
    </div>
  );
}
