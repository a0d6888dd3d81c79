import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './child';

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time per function of one V8 .cpuprofile, largest first, as shares of all samples. */
function selfTimes(file: string): { busy: number; top: Array<[string, number]> } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(`file://${ROOT}`, '').replace(/^.*node_modules\//, 'node_modules/');
    const key = `${functionName || '(anonymous)'}  ${where}${where ? `:${lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + hits);
  }
  const share = (hits: number) => hits / Math.max(1, total);
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).map(([key, hits]): [string, number] => [key, share(hits)]);
  return { busy: 1 - share(self.get('(idle)  ') ?? 0), top };
}

function profilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? profilesUnder(path) : entry.endsWith('.cpuprofile') ? [path] : [];
  });
}

/** Where each profiled server thread spent its CPU; threads that were nearly idle are left out. */
export function summarizeProfiles(dir: string, limit = 20): string {
  const parts = profilesUnder(dir)
    .sort()
    .map((file) => ({ file, ...selfTimes(file) }))
    .filter((p) => p.busy >= 0.05)
    .map((p) =>
      [
        `${relative(dir, p.file)} — busy ${(p.busy * 100).toFixed(0)} % of the profile; self time, top ${limit}:`,
        ...p.top.slice(0, limit).map(([key, share]) => `  ${(share * 100).toFixed(1).padStart(5)} %  ${key}`),
      ].join('\n'),
    );
  return [`Server CPU profiles kept in ${dir}`, ...parts].join('\n\n');
}
