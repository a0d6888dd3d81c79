import { describe, expect, it } from 'vitest';
import { escalationText, noPagesText } from '../../../client/service/incident-words';
import { page } from '../fixtures';

const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('the escalation fact', () => {
  const base = { step: null, nextEscalationAt: null, status: 'open' as const, pages: [] };
  it.each([
    ['before the first page', base, 'Nobody paged yet'],
    ['a step paged', { ...base, step: 'primary' as const, pages: [page({ step: 'primary' })] }, 'Paged the primary on-call'],
    [
      'a step with nobody after one that paged',
      { ...base, step: 'team' as const, pages: [page({ step: 'primary' })] },
      'Paged the primary on-call; nobody to page at the whole team',
    ],
    ['every step with nobody', { ...base, step: 'team' as const }, 'Nobody paged: nobody to page up to the whole team'],
    // An all-clear is not a page of the step.
    [
      'only an all-clear',
      { ...base, step: 'primary' as const, status: 'resolved' as const, pages: [page({ kind: 'resolve' })] },
      'Nobody paged: nobody to page up to the primary on-call',
    ],
  ])('%s', (_case, incident, text) => {
    expect(escalationText(incident, NOW)).toBe(text);
  });
});

describe('the empty pages list', () => {
  it.each([
    ['open, before the first step', { step: null, nextEscalationAt: null, status: 'open' as const }, 'No page sent yet.'],
    ['open, a next step due', { step: 'primary' as const, nextEscalationAt: '2026-12-02T12:10:00Z', status: 'open' as const }, 'No page sent yet.'],
    ['open, nothing more to come', { step: 'team' as const, nextEscalationAt: null, status: 'open' as const }, 'No page was sent: there was nobody to page.'],
    ['acknowledged before any page', { step: null, nextEscalationAt: null, status: 'acknowledged' as const }, 'No page was sent.'],
    [
      'resolved after steps with nobody',
      { step: 'primary' as const, nextEscalationAt: null, status: 'resolved' as const },
      'No page was sent: there was nobody to page.',
    ],
  ])('%s', (_case, incident, text) => {
    expect(noPagesText(incident)).toBe(text);
  });
});
