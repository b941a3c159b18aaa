import { describe, expect, it } from 'vitest';
import {
  ANSWER_PREFIX,
  CodeError,
  decodeAnswerCode,
  decodeOfferCode,
  encodeAnswerCode,
  encodeOfferCode,
  OFFER_PREFIX,
  splitCandidates,
} from './connectCodes';

const SDP = [
  'v=0',
  'o=rtc 123 0 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'a=candidate:1 1 UDP 2122317823 192.168.1.5 50001 typ host',
  'a=end-of-candidates',
  '',
].join('\r\n');
const ID = 'AbCdEfGhIjKlMnOpQrStUv';

/** deflate-raw + base64url, written here so a test can wrap any payload the codec would not make. */
async function packed(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const reasonOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CodeError);
    return `${(error as CodeError).reason}: ${(error as CodeError).message}`;
  }
  throw new Error('the code was accepted');
};

describe('copy-paste connection codes', () => {
  it('round-trips an offer and an answer, shorter than the SDP they carry', async () => {
    const offer = await encodeOfferCode({ id: ID, sdp: SDP, expiresAt: 1234 });
    expect(offer.startsWith(OFFER_PREFIX)).toBe(true);
    expect(offer).toMatch(/^[A-Z0-9-]+\.[A-Za-z0-9_-]+$/);
    expect(await decodeOfferCode(offer)).toEqual({ id: ID, sdp: SDP, expiresAt: 1234 });
    const withStun = await encodeOfferCode({
      id: ID,
      sdp: SDP,
      expiresAt: 1,
      stun: ['stun:a.org:3478'],
    });
    expect((await decodeOfferCode(withStun)).stun).toEqual(['stun:a.org:3478']);
    await expect(
      encodeOfferCode({ id: ID, sdp: SDP, expiresAt: 1, stun: ['turn:u:p@a.org:3478'] }),
    ).rejects.toThrow();

    const answer = await encodeAnswerCode({ id: ID, sdp: SDP, name: 'Ada' });
    expect(answer.startsWith(ANSWER_PREFIX)).toBe(true);
    expect(await decodeAnswerCode(answer)).toEqual({ id: ID, sdp: SDP, name: 'Ada' });
  });

  it('ignores the line breaks and spaces a chat program adds', async () => {
    const offer = await encodeOfferCode({ id: ID, sdp: SDP, expiresAt: 1 });
    const wrapped = `  ${offer.slice(0, 20)}\n${offer.slice(20, 50)} \r\n${offer.slice(50)}\n`;
    expect((await decodeOfferCode(wrapped)).id).toBe(ID);
  });

  it('says which side a code belongs to when it is pasted in the wrong place', async () => {
    const offer = await encodeOfferCode({ id: ID, sdp: SDP, expiresAt: 1 });
    const answer = await encodeAnswerCode({ id: ID, sdp: SDP, name: 'Ada' });
    expect(await reasonOf(decodeAnswerCode(offer))).toMatch(/^wrong_kind: that is an offer code/);
    expect(await reasonOf(decodeOfferCode(answer))).toMatch(/^wrong_kind: that is an answer code/);
  });

  it('refuses empty, foreign, cut, corrupted, oversized and bomb codes with a reason', async () => {
    const offer = await encodeOfferCode({ id: ID, sdp: SDP, expiresAt: 1 });
    expect(await reasonOf(decodeOfferCode('   '))).toMatch(/^empty:/);
    expect(await reasonOf(decodeOfferCode('hello there'))).toMatch(/^malformed: .*not an Arbiter/);
    expect(await reasonOf(decodeOfferCode(offer.slice(0, offer.length - 12)))).toMatch(
      /^malformed: .*damaged or cut short/,
    );
    const flipped = offer.slice(0, 40) + (offer[40] === 'A' ? 'B' : 'A') + offer.slice(41);
    expect(await reasonOf(decodeOfferCode(flipped))).toMatch(/^malformed:/);
    expect(await reasonOf(decodeOfferCode(OFFER_PREFIX + '!!!'))).toMatch(/^malformed:/);
    expect(await reasonOf(decodeOfferCode(OFFER_PREFIX + 'A'.repeat(9000)))).toMatch(/^too_long:/);

    // Valid deflate of 1 MB of JSON-ish text: stopped at the payload limit.
    const bomb = await packed(`{"id":"${'x'.repeat(1 << 20)}"}`);
    expect(bomb.length).toBeLessThan(8000);
    expect(await reasonOf(decodeOfferCode(OFFER_PREFIX + bomb))).toMatch(/^malformed:/);

    // Well-formed compression around the wrong fields.
    const wrong = await packed(JSON.stringify({ id: ID, sdp: 'nope' }));
    expect(await reasonOf(decodeOfferCode(OFFER_PREFIX + wrong))).toMatch(/^malformed:/);
  });

  it('will not encode a payload that would not decode', async () => {
    await expect(encodeAnswerCode({ id: 'short', sdp: SDP, name: 'Ada' })).rejects.toThrow();
    await expect(encodeAnswerCode({ id: ID, sdp: SDP, name: '' })).rejects.toThrow();
  });

  it('takes candidates out of an SDP with the mid of their section, wherever the mid line is', () => {
    // Chromium writes a=mid after the candidates; libdatachannel before.
    const chromeLike = [
      'v=0',
      'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
      'a=candidate:1 1 udp 2113937151 10.0.0.2 50000 typ host',
      'a=candidate:2 1 udp 1677729535 1.2.3.4 50000 typ srflx raddr 0.0.0.0 rport 0',
      'a=end-of-candidates',
      'a=mid:data',
      'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
      'a=mid:second',
      'a=candidate:3 1 udp 1 10.0.0.3 50001 typ host',
      '',
    ].join('\r\n');
    const { description, candidates } = splitCandidates(chromeLike);
    expect(candidates).toEqual([
      { candidate: 'candidate:1 1 udp 2113937151 10.0.0.2 50000 typ host', mid: 'data' },
      {
        candidate: 'candidate:2 1 udp 1677729535 1.2.3.4 50000 typ srflx raddr 0.0.0.0 rport 0',
        mid: 'data',
      },
      { candidate: 'candidate:3 1 udp 1 10.0.0.3 50001 typ host', mid: 'second' },
    ]);
    expect(description).not.toMatch(/candidate/);
    expect(description).toContain('a=mid:data\r\nm=application');
  });
});
