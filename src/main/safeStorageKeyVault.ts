/**
 * The desktop app's LLM key vault: the key is encrypted with Electron's
 * safeStorage (the OS keychain) into a file in the app's data folder, and
 * read back only in this process. Where the OS offers no encryption, the
 * key is kept in memory for this run instead of being written in clear.
 */
import { safeStorage } from 'electron';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envKeyVault, LLM_KEY_ENV, type KeyVault } from './host/llm/keyVault';

export function safeStorageKeyVault(dataDir: string): KeyVault {
  const file = join(dataDir, 'llm-key.bin');
  // The environment variable still wins when set, as in the headless host.
  const fallback = envKeyVault();
  const encrypted = () => safeStorage.isEncryptionAvailable();
  const read = (): string | null => {
    if (!encrypted() || !existsSync(file)) return null;
    try {
      return safeStorage.decryptString(readFileSync(file));
    } catch {
      return null;
    }
  };
  return {
    get persists() {
      return encrypted();
    },
    get: () => (process.env[LLM_KEY_ENV] ? fallback.get() : (read() ?? fallback.get())),
    source: () =>
      process.env[LLM_KEY_ENV]
        ? fallback.source()
        : read() !== null
          ? 'safe-storage'
          : fallback.source(),
    set(key) {
      if (!encrypted()) return fallback.set(key);
      writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
    },
    clear() {
      rmSync(file, { force: true });
      fallback.clear();
    },
  };
}
