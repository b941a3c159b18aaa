/**
 * Copy-paste joins with real node-datachannel peers on both ends: the host
 * offers, a friend answers through text codes only, the channels open and
 * the welcome travels on the control lane. Bad, expired and reused codes
 * are refused with a reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAnswerCode, encodeAnswerCode } from '../../../shared/connectCodes';
import { AnswerRefused, CodeOffers } from './codeOffers';
import { InviteBook } from './invites';
import { answerOfferCode, type CodeAnswer } from '../testing/nodeCodeFriend';
import type { PlayerLink } from './playerLink';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setup(now: () => number = Date.now) {
  const invites = new InviteBook(now);
  const links: PlayerLink[] = [];
  const offers = new CodeOffers({
    invites,
    rtc: { iceServers: [] },
    // The real welcome the host sends, minus the roster: enough for the friend to start.
    join: async (name, link) => {
      links.push(link);
      link.sendControl(
        JSON.stringify({
          t: 'welcome',
          session: 'S'.repeat(43),
          playerId: links.length,
          unitId: 40 + links.length,
          team: 0,
          tickRate: 20,
          map: null,
          resumed: false,
        }),
      );
      return links.length;
    },
  });
  cleanups.push(() => {
    offers.close();
    links.forEach((link) => link.close());
  });
  return { invites, offers, links };
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AnswerRefused);
    return (error as AnswerRefused).reason;
  }
  throw new Error('the answer was accepted');
};

const answer = async (offerCode: string, name: string) => {
  const answered: CodeAnswer = await answerOfferCode(offerCode, name);
  cleanups.push(() => answered.close());
  return answered;
};

describe('copy-paste offer and answer codes', () => {
  it('connects a friend through codes alone; both lanes carry data both ways', async () => {
    const { offers, links } = setup();
    const offer = await offers.create();
    expect(offer.code).toMatch(/^ARBITER-OFFER-1\.[A-Za-z0-9_-]+$/);
    expect(offer.code.length).toBeLessThan(2000);

    const answered = await answer(offer.code, 'Ada');
    expect(answered.answerCode).toMatch(/^ARBITER-ANSWER-1\./);
    expect(await offers.accept(answered.answerCode)).toEqual({ playerId: 1, name: 'Ada' });

    const friend = await answered.friend;
    expect(friend.welcome).toMatchObject({ playerId: 1, unitId: 41 });
    const link = links[0];
    const fromFriend = new Promise<Uint8Array>((resolve) => link.onState(resolve));
    friend.sendRaw(new Uint8Array([7, 7, 7]));
    expect([...(await fromFriend)]).toEqual([7, 7, 7]);
    const friendBytes = friend.bytesIn;
    link.sendState(new Uint8Array([1, 2, 3, 4]));
    await expect.poll(() => friend.bytesIn).toBeGreaterThan(friendBytes);
  });

  it('connects several friends answering at once, each through its own offer', async () => {
    const { offers } = setup();
    const made = await Promise.all([1, 2, 3, 4].map(() => offers.create()));
    const answers = await Promise.all(made.map((offer, i) => answer(offer.code, `F${i}`)));
    const joined = await Promise.all(answers.map((a) => offers.accept(a.answerCode)));
    expect(joined.map((j) => j.name).sort()).toEqual(['F0', 'F1', 'F2', 'F3']);
    const friends = await Promise.all(answers.map((a) => a.friend));
    expect(new Set(friends.map((f) => f.welcome.playerId)).size).toBe(4);
  });

  it('refuses an answer used twice, an expired offer and a code for no offer', async () => {
    let now = Date.now();
    const { offers, invites } = setup(() => now);
    const first = await offers.create();
    const answered = await answer(first.code, 'Ada');
    await offers.accept(answered.answerCode);
    await answered.friend;
    expect(await refusal(offers.accept(answered.answerCode))).toBe('used_up');

    const second = await offers.create(60_000);
    const late = await answer(second.code, 'Bo');
    now += 61_000;
    expect(await refusal(offers.accept(late.answerCode))).toBe('expired');

    const revokedOffer = await offers.create();
    const revokedAnswer = await answer(revokedOffer.code, 'Cy');
    invites.revoke(revokedOffer.inviteCode);
    expect(await refusal(offers.accept(revokedAnswer.answerCode))).toBe('revoked');

    const stranger = await encodeAnswerCode({
      id: 'ZZZZZZZZZZZZZZZZZZZZZZ',
      sdp: 'v=0\r\n',
      name: 'Eve',
    });
    expect(await refusal(offers.accept(stranger))).toBe('unknown');
  });

  it('drops a friend whose certificate is not the one their answer names', async () => {
    const { offers, links } = setup();
    const offer = await offers.create();
    const answered = await answer(offer.code, 'Mallory');
    const payload = await decodeAnswerCode(answered.answerCode);
    const forged = await encodeAnswerCode({
      ...payload,
      sdp: payload.sdp.replace(
        /^a=fingerprint:sha-256 \S+/m,
        `a=fingerprint:sha-256 ${'AB:'.repeat(31)}AB`,
      ),
    });
    const reason = await refusal(offers.accept(forged));
    expect(reason).toBe('not_connected');
    await expect(offers.accept(forged)).rejects.toThrow(/already used/);
    expect(links).toHaveLength(0);
  });

  it('refuses malformed and wrong-side codes, and an answer whose SDP is junk, and keeps the offer', async () => {
    const { offers } = setup();
    const offer = await offers.create();
    expect(await refusal(offers.accept('hello'))).toBe('malformed');
    expect(await refusal(offers.accept(offer.code))).toBe('wrong_kind');
    const junk = await encodeAnswerCode({ id: offer.inviteCode, sdp: 'v=0\r\nnot sdp', name: 'X' });
    expect(await refusal(offers.accept(junk))).toBe('bad_answer');
    // The offer is still waiting: a proper answer connects.
    const answered = await answer(offer.code, 'Ada');
    await offers.accept(answered.answerCode);
    expect((await answered.friend).welcome.playerId).toBe(1);
  });
});
