import type { TeamRef } from '../../shared/api';

export interface TeamFilterProps {
  /** The teams to choose from, in the order shown. */
  teams: readonly TeamRef[];
  /** The team's id, or null for every team. */
  selected: string | null;
  onSelect: (teamId: string | null) => void;
}

/** A select of the teams present in the period; narrows every table. */
export function TeamFilter({ teams, selected, onSelect }: TeamFilterProps) {
  // A team named in a pasted link but absent from this period still shows as chosen.
  const options = selected === null || teams.some((t) => t.id === selected) ? teams : [...teams, { id: selected, name: selected }];
  return (
    <label className="standup-team">
      Team{' '}
      <select value={selected ?? ''} onChange={(e) => onSelect(e.target.value === '' ? null : e.target.value)}>
        <option value="">All teams</option>
        {options.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </label>
  );
}
