/** Placeholder until friends can join over WebRTC (see DESIGN.md, "Network"). */
export function JoinPanel({ onClose }: { onClose: () => void }) {
  return (
    <section className="panel" aria-labelledby="join-title" data-testid="join-panel">
      <h2 id="join-title">Join a game</h2>
      <p>Joining a friend&apos;s game over WebRTC is coming soon.</p>
      <p className="muted">
        For now, a friend who runs the headless host can share its address, and you can open it in a
        browser.
      </p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
