import { describe, expect, it } from 'vitest';
import { contentHeight } from '../../../client/board/tile-fit';
import { foldProfile, serviceProfile, type TileProfile } from '../../../client/board/tile-profile';
import { estimateText } from '../../../client/board/text-width';
import {
  QR_CAPTION_GAP,
  QR_CAPTION_LINE_HEIGHT,
  QR_CAPTION_SCALE,
  QR_INSET,
  QR_UNITS,
  TILE_GAP,
  TILE_LINE_HEIGHT,
  TILE_PAD_X,
  TILE_PAD_Y,
  TILE_SCALE,
} from '../../../client/board/tile-type';
import { check, incidentBrief, service } from '../fixtures';

const profile = (s: Parameters<typeof serviceProfile>[0]): TileProfile => serviceProfile(s, estimateText, (id) => id);
/** A problem's profile without its QR code, to see its lines alone. */
const lines = (s: Parameters<typeof serviceProfile>[0]): TileProfile => ({ ...profile(s), qr: false });
const healthy = profile(service('api', 'up', { name: 'Search API' }));
const down = service('api', 'down', {
  name: 'Checkout API',
  oncall: { person: { id: 'eve', name: 'Eve', contact: {} }, since: null, until: null },
  checks: [check({ status: 'down', message: 'expected status 2xx, got 503' })],
});

describe('the height a tile needs', () => {
  it('a healthy tile wide enough for everything on one line: padding, name, status and team, with gaps between', () => {
    const unit = 20;
    const lines = TILE_LINE_HEIGHT.name * TILE_SCALE.cell.name + TILE_LINE_HEIGHT.status + TILE_LINE_HEIGHT.foot * TILE_SCALE.cell.foot;
    expect(contentHeight(healthy, 'cell', unit, 1000)).toBeCloseTo(unit * (2 * TILE_PAD_Y + lines + 2 * TILE_GAP));
  });

  it('grows with the type, and with every line a narrower tile wraps onto', () => {
    expect(contentHeight(healthy, 'cell', 30, 1000)).toBeGreaterThan(contentHeight(healthy, 'cell', 20, 1000));
    // 170 px leave 146 for "Search API" at 25 px (155 px wide): the name takes two lines.
    expect(contentHeight(healthy, 'cell', 20, 170)).toBeGreaterThan(contentHeight(healthy, 'cell', 20, 1000));
  });

  it('is more than any tile has when the status word, or a word of the name, does not fit across it', () => {
    expect(contentHeight(healthy, 'cell', 40, 120)).toBe(Infinity);
    const long = profile(service('x', 'up', { name: 'Reconciliation' }));
    // "Reconciliation" at 25 px: 217 px, but words longer than LONGEST_WORD_EM (175 px here) may break.
    expect(contentHeight(long, 'cell', 20, 180)).toBe(Infinity);
    expect(contentHeight(long, 'cell', 20, 260)).toBeLessThan(Infinity);
  });

  it('a problem says who is on call beside its status where there is room, under it where not', () => {
    const problem = lines(down);
    const roomy = contentHeight(problem, 'wide', 20, 2000);
    const narrow = contentHeight(problem, 'wide', 20, 360);
    expect(narrow - roomy).toBeGreaterThan(TILE_LINE_HEIGHT.line * 20);
    expect(contentHeight(lines({ ...down, oncall: null }), 'wide', 20, 360)).toBeLessThan(narrow);
  });

  it('who is on call is never cut: a long name wraps under the status, onto a second line', () => {
    const long = lines({ ...down, oncall: { person: { id: 'b', name: 'Bartholomew Fitzgerald-Smythe', contact: {} }, since: null, until: null } });
    const short = lines(down);
    // 360 px leave 336: "On call: Eve" (149 px) fits on one line under the status, "On call: Bartholomew …" (474 px) takes two.
    expect(contentHeight(long, 'wide', 20, 360) - contentHeight(short, 'wide', 20, 360)).toBeCloseTo(TILE_LINE_HEIGHT.line * 20);
  });

  it('takes a line more for who was paged, and for the reason', () => {
    const problem = lines(down);
    const paged = lines({ ...down, incident: incidentBrief('api') });
    expect(contentHeight(paged, 'wide', 20, 2000) - contentHeight(problem, 'wide', 20, 2000)).toBeCloseTo(20 * (TILE_LINE_HEIGHT.line + TILE_GAP));
    const noReason = lines({ ...down, checks: [check({ status: 'down', message: '' })] });
    expect(contentHeight(noReason, 'wide', 20, 2000)).toBeLessThan(contentHeight(problem, 'wide', 20, 2000));
  });

  it('a problem keeps room for its QR code: its lines under the name narrower by the code, the code under the name', () => {
    const problem = profile(down);
    expect(problem.qr).toBe(true);
    expect(profile(service('a', 'up')).qr).toBe(false);
    const unit = 20;
    const code = QR_UNITS * unit * (1 + QR_CAPTION_SCALE * QR_CAPTION_LINE_HEIGHT) + QR_CAPTION_GAP * unit;
    const name = TILE_LINE_HEIGHT.name * TILE_SCALE.wide.name * unit;
    // Wide enough for every line beside the code: the code, under the name, sets the height.
    expect(contentHeight(problem, 'wide', unit, 2000)).toBeCloseTo(unit * (TILE_PAD_Y + TILE_GAP + QR_INSET) + name + code);
    // Where the lines beside the code wrap, they take more than the code does.
    expect(contentHeight(problem, 'wide', unit, 420)).toBeGreaterThan(contentHeight(lines(down), 'wide', unit, 420));
    // No room for the status word beside the code: no height is enough.
    expect(contentHeight(problem, 'wide', unit, 2 * TILE_PAD_X * unit + (QR_UNITS + QR_INSET) * unit + 60)).toBe(Infinity);
  });

  it('a name cut after its last line counts as the lines it shows; asked to keep names whole, it does not fit', () => {
    const long = profile(service('x', 'up', { name: 'Ledger settlement and reconciliation service for the European rails' }));
    expect(contentHeight(long, 'cell', 20, 300)).toBeLessThan(Infinity);
    expect(contentHeight(long, 'cell', 20, 300, true)).toBe(Infinity);
  });

  it('a folded tile has a title and a count, and no team line', () => {
    const fold = foldProfile([{ team: { id: 'payments', name: 'Payments' }, services: [service('a'), service('b')] }], false, estimateText);
    const unit = 20;
    const expected = unit * (2 * TILE_PAD_Y + TILE_LINE_HEIGHT.name * TILE_SCALE.cell.name + TILE_LINE_HEIGHT.status + TILE_GAP);
    expect(contentHeight(fold, 'cell', unit, 1000)).toBeCloseTo(expected);
  });
});
