import { markdownTable } from 'markdown-table';
import { escapeMarkdown } from './format.ts';

/** A table cell: text from data (escaped), a number, or markdown the caller wrote (`{ markdown }`). */
export type Cell = string | number | null | { markdown: string };

/**
 * A GitHub-flavoured markdown table. Every text cell is escaped, so a class named `a|b`
 * or `<script>` cannot break the table or inject HTML.
 *
 * @example
 * table(['class', 'recall'], [['cat', '0.91'], ['a|b', '0.50']]);
 */
export function table(header: readonly string[], rows: readonly (readonly Cell[])[], align?: readonly ('l' | 'r' | 'c')[]): string {
  const cell = (c: Cell) =>
    c === null ? '—' : typeof c === 'number' ? String(c) : typeof c === 'string' ? escapeMarkdown(c) : c.markdown;
  return markdownTable([header.map(escapeMarkdown), ...rows.map((r) => r.map(cell))], {
    ...(align && { align: [...align] }),
  });
}
