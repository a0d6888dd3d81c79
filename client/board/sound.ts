/** A short two-note tone, drawn by Web Audio: no sound file to load or cache. */
export interface Chime {
  /** Plays the tone; nothing when the browser does not let the page make sound yet. */
  play(): void;
  /** True while the browser holds sound back until someone touches the page (autoplay rules). */
  blocked(): boolean;
  /** Asks the browser to let the page make sound; works from a click. */
  unlock(): Promise<void>;
  close(): void;
}

/** The notes: high then lower, each short, so it is heard as an alert and not as music. */
const NOTES = [
  { hz: 880, at: 0, for: 0.16 },
  { hz: 660, at: 0.2, for: 0.24 },
];
const VOLUME = 0.25;

/** A chime on the browser's audio, or null where there is no Web Audio. */
export function createChime(): Chime | null {
  const Context = typeof window === 'undefined' ? undefined : window.AudioContext;
  if (!Context) return null;
  const context = new Context();
  return {
    play() {
      if (context.state !== 'running') return;
      const start = context.currentTime + 0.02;
      for (const note of NOTES) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.frequency.value = note.hz;
        // A quick rise and fall: no click at either end.
        gain.gain.setValueAtTime(0, start + note.at);
        gain.gain.linearRampToValueAtTime(VOLUME, start + note.at + 0.02);
        gain.gain.linearRampToValueAtTime(0, start + note.at + note.for);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(start + note.at);
        oscillator.stop(start + note.at + note.for + 0.02);
      }
    },
    blocked: () => context.state === 'suspended',
    unlock: () => context.resume(),
    close: () => void context.close(),
  };
}
