/**
 * One answer for everyone asking the same question within `ttlMs`: the boards all refetch
 * uptime at the same instant (the same status change reaches them together), and a
 * thousand identical 90-day sums would stall the server. Asked while the first is still
 * being worked out, they wait for it; a failed answer is not kept.
 */
export class SharedAnswers<T> {
  private readonly answers = new Map<string, { at: number; answer: Promise<T> }>();

  constructor(private readonly options: { ttlMs: number; maxKeys: number; now?: () => number }) {}

  get(key: string, work: () => Promise<T>): Promise<T> {
    const now = (this.options.now ?? Date.now)();
    const held = this.answers.get(key);
    if (held && now - held.at < this.options.ttlMs) return held.answer;
    this.prune(now);
    const answer = work();
    this.answers.set(key, { at: now, answer });
    answer.catch(() => {
      if (this.answers.get(key)?.answer === answer) this.answers.delete(key);
    });
    return answer;
  }

  private prune(now: number): void {
    for (const [key, held] of this.answers) if (now - held.at >= this.options.ttlMs) this.answers.delete(key);
    // Bounded whatever the askers send: the oldest go first.
    while (this.answers.size >= this.options.maxKeys) this.answers.delete(this.answers.keys().next().value!);
  }
}
