import type { ServiceView } from '../../../shared/api';
import type { Status } from '../../../shared/status';
import type { WallSpace } from '../../../client/board/layout';
import { sortForWall } from '../../../client/board/sort';
import { check, service } from '../fixtures';

const TEAMS = ['Payments', 'Search', 'Platform', 'Identity', 'Data', 'Mobile', 'Growth', 'Messaging', 'Billing', 'Storage', 'Edge', 'Analytics'];
const KINDS = ['API', 'Worker', 'Gateway', 'DB', 'Cache', 'Queue', 'Frontend', 'Scheduler'];

/**
 * A wall as a company has one, in wall order: `count` services named "Payments API 3"
 * and the like, spread over `teams` teams (at most 12; a few more with numbers after),
 * the first `down` of them down with a reason and who is on call.
 */
export function companyWall(count: number, down = 0, teams = 8): ServiceView[] {
  return sortForWall(
    Array.from({ length: count }, (_, i) => {
      const team = teams <= TEAMS.length ? TEAMS[i % teams]! : `Team ${(i % teams) + 1}`;
      const status: Status = i < down ? 'down' : 'up';
      return service(`s${i}`, status, {
        name: `${team} ${KINDS[i % KINDS.length]} ${Math.floor(i / teams) + 1}`,
        team: { id: team.toLowerCase().replace(/ /g, '-'), name: team },
        oncall: status === 'down' ? { person: { id: 'eve', name: 'Eve Moneypenny', contact: {} }, since: null, until: null } : null,
        checks: [check({ status, message: status === 'down' ? 'expected status 2xx, got 503' : 'OK' })],
      });
    }),
  );
}

/**
 * A screen measured as the board measures it (board.css, styles.css): type 1.15 % of the
 * width between 15 and 40 px, the grid's padding and gaps 0.7 em, the banner's padding
 * 0.5 em, and its sentence with the width less its uptime figure.
 */
export function screenOf(widthPx: number, heightPx: number): WallSpace {
  const fontPx = Math.min(40, Math.max(15, widthPx * 0.0115));
  return {
    widthPx,
    heightPx,
    fontPx,
    gridPadXPx: 1.4 * fontPx,
    gridPadYPx: 1.4 * fontPx,
    gapPx: 0.7 * fontPx,
    bannerPadPx: fontPx,
    bannerTextPx: widthPx - 14 * fontPx,
  };
}
