/**
 * Wire frames of the host API over a text channel (WebSocket, memory pair).
 *
 *   client → host  {"t":"req","id":7,"m":"match.start","p":{…}}
 *   host → client  {"t":"res","id":7,"ok":true,"r":{…}}
 *                  {"t":"res","id":7,"ok":false,"e":{"code":"invalid_params","message":"…"}}
 *   host → client  {"t":"evt","n":"stats","d":{…}}
 *
 * Ids are chosen by the client and echoed back; the host never trusts them
 * for anything but correlation.
 */
import { z } from 'zod';
import { HOST_API_LIMITS, type HostErrorCode } from './hostApi';

export const requestFrameSchema = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  m: z.string().max(64),
  p: z.unknown(),
});

export const responseFrameSchema = z.union([
  z.object({ t: z.literal('res'), id: z.number(), ok: z.literal(true), r: z.unknown() }),
  z.object({
    t: z.literal('res'),
    id: z.number(),
    ok: z.literal(false),
    e: z.object({ code: z.string(), message: z.string() }),
  }),
]);

export const eventFrameSchema = z.object({ t: z.literal('evt'), n: z.string(), d: z.unknown() });

export type RequestFrame = z.output<typeof requestFrameSchema>;
export type ResponseFrame = z.output<typeof responseFrameSchema>;
export type EventFrame = z.output<typeof eventFrameSchema>;

export type ParsedFrame<T> =
  { ok: true; frame: T } | { ok: false; code: HostErrorCode; message: string };

/** Parses one request frame from untrusted text; never throws. */
export function parseRequestFrame(text: string): ParsedFrame<RequestFrame> {
  if (text.length > HOST_API_LIMITS.maxMessageBytes) {
    return {
      ok: false,
      code: 'too_large',
      message: `message of ${text.length} bytes exceeds the ${HOST_API_LIMITS.maxMessageBytes}-byte limit`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'bad_message', message: 'message is not valid JSON' };
  }
  const parsed = requestFrameSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'bad_message',
      message: `not a request frame: ${formatIssues(parsed.error)}`,
    };
  }
  return { ok: true, frame: parsed.data };
}

/** Parses a frame the host sent (response or event); never throws. */
export function parseHostFrame(text: string): ParsedFrame<ResponseFrame | EventFrame> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'bad_message', message: 'message is not valid JSON' };
  }
  const asEvent = eventFrameSchema.safeParse(json);
  if (asEvent.success) return { ok: true, frame: asEvent.data };
  const asResponse = responseFrameSchema.safeParse(json);
  if (asResponse.success) return { ok: true, frame: asResponse.data };
  return { ok: false, code: 'bad_message', message: 'not a response or event frame' };
}

/** One line per zod issue, `path: message`, for error replies people read. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
