import type { TableDescription } from '../data/source.ts';
import { escapeMarkdown } from './format.ts';

/**
 * A report's lines on a CSV table: each column's type, the scaling, the test file, and what
 * reading and encoding noted (columns dropped, levels merged). Empty for other data.
 *
 * @example
 * tableSection(report.dataset.table); // ['**Columns.** Island (categorical), Body Mass (g) (numeric); numeric columns scaled standard.', '']
 */
export function tableSection(table: TableDescription | undefined): string[] {
  if (!table) return [];
  const columns = table.columns.map((c) => `${escapeMarkdown(c.name)} (${c.type})`).join(', ');
  const test = table.testFile === null ? '' : ` Test rows from ${escapeMarkdown(table.testFile)}.`;
  const notes = table.notes.map((n) => `- ${escapeMarkdown(n)}`);
  return [`**Columns.** ${columns}; numeric columns scaled ${table.scaling}.${test}`, '', ...(notes.length > 0 ? [...notes, ''] : [])];
}
