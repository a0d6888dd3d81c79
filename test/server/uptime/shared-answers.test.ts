import { describe, expect, it } from 'vitest';
import { SharedAnswers } from '../../../server/uptime/shared-answers';

describe('SharedAnswers', () => {
  it('works out a question once for everyone asking it within the time, and again after', async () => {
    let now = 0;
    let worked = 0;
    const answers = new SharedAnswers<number>({ ttlMs: 5_000, maxKeys: 10, now: () => now });
    const work = async () => ++worked;
    const asked = await Promise.all(Array.from({ length: 100 }, () => answers.get('window=30d', work)));
    expect(new Set(asked)).toEqual(new Set([1]));
    now = 4_999;
    expect(await answers.get('window=30d', work)).toBe(1);
    expect(await answers.get('window=7d', work)).toBe(2);
    now = 5_000;
    expect(await answers.get('window=30d', work)).toBe(3);
  });

  it('does not keep a failed answer, and holds no more questions than its bound', async () => {
    const answers = new SharedAnswers<string>({ ttlMs: 60_000, maxKeys: 3 });
    await expect(answers.get('a', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await answers.get('a', async () => 'fine')).toBe('fine');
    let worked = 0;
    for (const key of ['b', 'c', 'd', 'e']) await answers.get(key, async () => `${key}${++worked}`);
    // 'a' went first to stay within three: asked again, it is worked out anew.
    expect(await answers.get('a', async () => 'again')).toBe('again');
  });
});
