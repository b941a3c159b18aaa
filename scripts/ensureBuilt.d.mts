export const ROOT: string;
export function isBuildStale(): boolean;
export function ensureBuilt(): void;
