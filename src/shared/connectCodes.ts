/**
 * Copy-paste connection codes, for a host whose port friends cannot reach:
 * the host's WebRTC offer and the friend's answer, each one line of text a
 * person can paste into a chat. Each carries its complete SDP, with every
 * ICE candidate already gathered, because there is no channel to trickle
 * more through. Runs in Node and in the browser (CompressionStream, btoa).
 *
 *   offer code   ARBITER-OFFER-1.<base64url(deflate-raw(JSON {id, sdp, expiresAt, stun?}))>
 *   answer code  ARBITER-ANSWER-1.<base64url(deflate-raw(JSON {id, sdp, name}))>
 *
 * `id` is the single-use invite the offer was made for; the answer names it
 * so the host finds its waiting connection. Whitespace a chat program adds
 * (line breaks, spaces) is ignored.
 */
import { z } from 'zod';

export const OFFER_PREFIX = 'ARBITER-OFFER-1.';
export const ANSWER_PREFIX = 'ARBITER-ANSWER-1.';
/** Longest code accepted, characters (a real one is well under 2,000). */
export const MAX_CODE_CHARS = 8192;
/** Largest decompressed payload accepted, bytes: a deflate bomb stops here. */
const MAX_PAYLOAD_BYTES = 16 * 1024;

const inviteId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const sdp = z
  .string()
  .min(1)
  .max(MAX_PAYLOAD_BYTES)
  .refine((text) => text.startsWith('v=0'), { error: 'not a session description' });

export const offerPayloadSchema = z
  .object({
    id: inviteId,
    sdp,
    expiresAt: z.number().int().nonnegative(),
    /** The host's STUN servers, so the friend learns its public address too (never TURN: it has a password). */
    stun: z
      .array(z.string().regex(/^stuns?:[^\s@]{1,250}$/))
      .max(8)
      .optional(),
  })
  .strict();
export const answerPayloadSchema = z
  .object({
    id: inviteId,
    sdp,
    name: z.string().trim().min(1).max(32),
    /** The session token an earlier welcome gave this friend: come back as the same player. */
    session: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/)
      .optional(),
  })
  .strict();

export type OfferPayload = z.output<typeof offerPayloadSchema>;
export type AnswerPayload = z.output<typeof answerPayloadSchema>;

export type CodeErrorReason = 'empty' | 'wrong_kind' | 'malformed' | 'too_long';

/** A code that cannot be read, with a message for the person who pasted it. */
export class CodeError extends Error {
  constructor(
    readonly reason: CodeErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'CodeError';
  }
}

export async function encodeOfferCode(payload: OfferPayload): Promise<string> {
  return OFFER_PREFIX + (await pack(offerPayloadSchema.parse(payload)));
}

export async function encodeAnswerCode(payload: AnswerPayload): Promise<string> {
  return ANSWER_PREFIX + (await pack(answerPayloadSchema.parse(payload)));
}

/** Reads an offer code; throws CodeError saying what is wrong with it. */
export function decodeOfferCode(text: string): Promise<OfferPayload> {
  return unpack(text, 'offer', offerPayloadSchema);
}

/** Reads an answer code; throws CodeError saying what is wrong with it. */
export function decodeAnswerCode(text: string): Promise<AnswerPayload> {
  return unpack(text, 'answer', answerPayloadSchema);
}

/** Whether an SDP names at least one ICE candidate (a code without one cannot connect). */
export function hasCandidate(description: string): boolean {
  return /^a=candidate:/m.test(description);
}

async function pack(payload: object): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(await readAll(stream, Infinity));
}

async function unpack<T>(text: string, kind: 'offer' | 'answer', schema: z.ZodType<T>): Promise<T> {
  const compact = text.replace(/\s+/g, '');
  const label = `${kind} code`;
  if (compact.length === 0) throw new CodeError('empty', `paste the ${label} first`);
  if (compact.length > MAX_CODE_CHARS)
    throw new CodeError('too_long', `that is too long to be an ${label}`);
  const prefix = kind === 'offer' ? OFFER_PREFIX : ANSWER_PREFIX;
  const other = kind === 'offer' ? ANSWER_PREFIX : OFFER_PREFIX;
  if (compact.startsWith(other)) {
    throw new CodeError(
      'wrong_kind',
      kind === 'offer'
        ? 'that is an answer code: it goes back to the host, not into Join'
        : 'that is an offer code: send it to your friend, and paste the answer code they send back',
    );
  }
  if (!compact.startsWith(prefix))
    throw new CodeError('malformed', `that is not an Arbiter ${label}; copy it again in full`);
  const body = compact.slice(prefix.length);
  let json: unknown;
  try {
    const bytes = fromBase64Url(body);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    json = JSON.parse(new TextDecoder().decode(await readAll(stream, MAX_PAYLOAD_BYTES)));
  } catch {
    throw new CodeError(
      'malformed',
      `that ${label} is damaged or cut short; copy it again in full`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new CodeError(
      'malformed',
      `that ${label} is damaged or cut short; copy it again in full`,
    );
  return parsed.data;
}

/** Reads a byte stream to its end; throws past `limit` bytes. */
async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new Error('payload too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Takes the `a=candidate:` lines out of an SDP, each with the mid of its media section. */
export function splitCandidates(sdp: string): {
  description: string;
  candidates: Array<{ candidate: string; mid: string }>;
} {
  const lines = sdp.split(/\r?\n/);
  const kept: string[] = [];
  const candidates: Array<{ candidate: string; mid: string }> = [];
  let mid = '0';
  const waiting: string[] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) {
      for (const candidate of waiting.splice(0)) candidates.push({ candidate, mid });
      mid = '0';
    }
    if (line.startsWith('a=mid:')) mid = line.slice('a=mid:'.length);
    if (line.startsWith('a=candidate:')) waiting.push(line.slice(2));
    else if (line !== 'a=end-of-candidates') kept.push(line);
  }
  for (const candidate of waiting) candidates.push({ candidate, mid });
  return { description: kept.join('\r\n'), candidates };
}
