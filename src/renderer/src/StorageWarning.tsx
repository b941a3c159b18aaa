import { useArbiterStore } from './store';

/** A strip across the top while the host cannot save: the match goes on in memory. */
export function StorageWarning() {
  const warning = useArbiterStore((state) => state.storageWarning);
  if (!warning) return null;
  return (
    <div className="storage-warning" role="alert" data-testid="storage-warning">
      Not saving: {warning}
    </div>
  );
}
