import { HostApiError } from '../../shared/hostApi';

/** Turns anything a request or the transport threw into one line for the user. */
export function describeError(error: unknown): string {
  if (error instanceof HostApiError) return `${error.message} (${error.code})`;
  if (error instanceof Error) return error.message;
  return String(error);
}
