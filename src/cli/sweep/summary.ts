/**
 * The table a sweep prints at the end: one row per configuration with what happened to it.
 */

import { formatExponential } from '../../results/number-format.js';

export type SweepRowState =
  | 'done'
  | 'complete'
  | 'interrupted'
  | 'failed'
  | 'not started'
  | 'partial'
  | 'other settings'
  | 'foreign files'
  | 'unreadable';

export interface SweepRow {
  readonly key: string;
  readonly state: SweepRowState;
  /** `2/3`: trials complete of those requested. */
  readonly trials?: string;
  readonly target?: string;
  readonly best?: number;
  /** Folder, job id, or the reason of a failure. */
  readonly detail: string;
}

export function formatSweepSummary(rows: readonly SweepRow[]): string {
  const header = ['configuration', 'state', 'trials', 'best', 'detail'];
  const cells = rows.map((row) => [
    row.key,
    row.state,
    row.trials ?? '',
    row.best === undefined ? '' : `${row.target ?? ''} ${formatExponential(row.best, 4)}`.trim(),
    row.detail,
  ]);
  // Columns empty in every row (no trials or best values in a listing) are left out.
  const shown = header
    .map((_, column) => column)
    .filter((column) => column < 2 || cells.some((cell) => cell[column] !== ''));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column].length)),
  );
  const last = shown[shown.length - 1];
  const line = (cell: string[]): string =>
    shown
      .map((column) => (column === last ? cell[column] : cell[column].padEnd(widths[column])))
      .join('  ')
      .trimEnd();

  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  const tally = [...counts.entries()].map(([state, count]) => `${count} ${state}`).join(', ');
  return [line(header), ...cells.map(line), `${rows.length} configuration(s): ${tally}`]
    .join('\n') + '\n';
}
