/**
 * Where the LLM API key lives: only here, in the main process. Nothing
 * reads it but the LLM client; the host API reports only whether one is
 * set. The headless host takes it from ARBITER_LLM_API_KEY (or keeps one
 * typed in the UI in memory until it stops); the desktop app keeps it
 * encrypted with Electron's safeStorage (src/main/safeStorageKeyVault.ts).
 */
export type KeySource = 'env' | 'safe-storage' | 'memory' | 'none';

export interface KeyVault {
  get(): string | null;
  source(): KeySource;
  /** Whether a key set now outlives a restart. */
  readonly persists: boolean;
  set(key: string): void;
  clear(): void;
}

export const LLM_KEY_ENV = 'ARBITER_LLM_API_KEY';

export function envKeyVault(env: NodeJS.ProcessEnv = process.env): KeyVault {
  let typed: string | null = null;
  let envCleared = false;
  const fromEnv = () => (envCleared ? null : env[LLM_KEY_ENV]?.trim() || null);
  return {
    persists: false,
    get: () => typed ?? fromEnv(),
    source: () => (typed ? 'memory' : fromEnv() ? 'env' : 'none'),
    set(key) {
      typed = key;
    },
    clear() {
      typed = null;
      envCleared = true;
    },
  };
}
