import { describe, expect, it } from 'vitest';
import { MAX_SAYS, SAY_TEXT_MAX, parseHostControl } from '../../../shared/controlLane';
import { encodeSays, sendSays } from './says';

describe('say messages', () => {
  it('cuts long text, cleans line breaks, drops what is left empty, keeps MAX_SAYS', () => {
    const says = [
      { unitId: 1, text: 'y'.repeat(10_000) },
      { unitId: 2, text: 'two\nlines<b>' },
      { unitId: 3, text: '\u0000\u202e' },
      ...Array.from({ length: MAX_SAYS * 3 }, (_, k) => ({ unitId: 10 + k, text: 'gg' })),
    ];
    const parsed = parseHostControl(encodeSays(says)!);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.message.t !== 'say') throw new Error('not a say message');
    const lines = parsed.message.says;
    expect(lines).toHaveLength(MAX_SAYS);
    expect(lines[0]).toEqual({ unitId: 1, text: 'y'.repeat(SAY_TEXT_MAX) });
    // Markup stays text: the page draws it, it never parses it.
    expect(lines[1]).toEqual({ unitId: 2, text: 'two lines<b>' });
    expect(lines.some((line) => line.unitId === 3)).toBe(false);
  });

  it('sends nothing when nothing is left to say', () => {
    expect(encodeSays([{ unitId: 1, text: '\n' }])).toBeNull();
    const sent: string[] = [];
    sendSays([{ clientId: 4, says: [{ unitId: 1, text: ' ' }] }], () => ({
      sendControl: (text) => sent.push(text),
    }));
    expect(sent).toEqual([]);
  });

  it('sends each client its own says, on its own link; one without a link is skipped', () => {
    const sent = new Map<number, string[]>();
    const linkOf = (clientId: number) =>
      clientId === 9
        ? undefined
        : {
            sendControl: (text: string) =>
              sent.set(clientId, [...(sent.get(clientId) ?? []), text]),
          };
    sendSays(
      [
        { clientId: 1, says: [{ unitId: 5, text: 'help' }] },
        { clientId: 9, says: [{ unitId: 6, text: 'gg' }] },
        { clientId: 2, says: [{ unitId: 7, text: 'thanks' }] },
      ],
      linkOf,
    );
    expect([...sent.keys()]).toEqual([1, 2]);
    expect(JSON.parse(sent.get(1)![0])).toEqual({ t: 'say', says: [{ unitId: 5, text: 'help' }] });
  });
});
