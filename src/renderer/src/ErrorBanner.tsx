import { dismissError } from './hostActions';
import { useArbiterStore } from './store';

/** The store's last error, if any, with a way to dismiss it. */
export function ErrorBanner() {
  const error = useArbiterStore((state) => state.error);
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error">
      <span>{error}</span>
      <button
        type="button"
        className="link-button"
        onClick={dismissError}
        aria-label="Dismiss error"
      >
        ×
      </button>
    </div>
  );
}
