/**
 * The bulk editor's unsaved edits, kept in the page while the merchant moves
 * between pages and filters: per product, the texts changed from what the
 * product held when first edited. A text edited back to that value is no
 * longer a change. Problems (refused lengths, Shopify's userErrors) are kept
 * per product and field until that field is edited again.
 */
import { useCallback, useMemo, useState } from 'react';
import type { FieldProblem, SaveRequest } from '../seo/changes';
import type { ListingRow } from '../seo/types';

/** seoTitle, seoDescription, or alt:<media id>. */
export type DraftField = string;

interface Entry {
  title: string;
  /** The product's texts when it was first edited. */
  original: Record<DraftField, string>;
  edited: Record<DraftField, string>;
}

export const altField = (mediaId: string) => `alt:${mediaId}`;

function originalTexts(row: ListingRow): Record<DraftField, string> {
  const texts: Record<DraftField, string> = { seoTitle: row.seoTitle, seoDescription: row.seoDescription };
  for (const image of row.images) texts[altField(image.id)] = image.alt;
  return texts;
}

export interface ListingDrafts {
  value(row: ListingRow, field: DraftField): string;
  edit(row: ListingRow, field: DraftField, value: string): void;
  problemsOf(productId: string, field?: DraftField): FieldProblem[];
  /** Every product with unsaved changes. */
  count: number;
  /** Titles of products with problems, for the summary. */
  titleOf(productId: string): string;
  changes(): SaveRequest['changes'];
  /** Forgets the changes of these products (saved), or of all (discarded). */
  forget(productIds?: string[]): void;
  /** Shows problems; each stays until its field is edited. */
  report(problems: FieldProblem[]): void;
  allProblems: FieldProblem[];
}

export function useListingDrafts(): ListingDrafts {
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);

  const edit = useCallback((row: ListingRow, field: DraftField, value: string) => {
    setEntries((current) => {
      const entry = current[row.productId] ?? { title: row.title, original: originalTexts(row), edited: {} };
      const edited = { ...entry.edited };
      if (value.trim() === (entry.original[field] ?? '').trim()) delete edited[field];
      else edited[field] = value;
      const next = { ...current };
      if (Object.keys(edited).length === 0) delete next[row.productId];
      else next[row.productId] = { ...entry, edited };
      return next;
    });
    setProblems((current) =>
      current.filter((problem) => !(problem.productId === row.productId && problem.field === field)),
    );
  }, []);

  return useMemo(
    () => ({
      value: (row, field) => {
        const edited = entries[row.productId]?.edited[field];
        return edited ?? originalTexts(row)[field] ?? '';
      },
      edit,
      problemsOf: (productId, field) =>
        problems.filter(
          (problem) => problem.productId === productId && (field === undefined || problem.field === field),
        ),
      count: Object.keys(entries).length,
      titleOf: (productId) => entries[productId]?.title ?? '',
      changes: () =>
        Object.entries(entries).map(([productId, entry]) => {
          const alts = Object.entries(entry.edited)
            .filter(([field]) => field.startsWith('alt:'))
            .map(([field, alt]) => ({ id: field.slice('alt:'.length), alt }));
          return {
            productId,
            ...(entry.edited.seoTitle !== undefined ? { seoTitle: entry.edited.seoTitle } : {}),
            ...(entry.edited.seoDescription !== undefined ? { seoDescription: entry.edited.seoDescription } : {}),
            ...(alts.length > 0 ? { alts } : {}),
          };
        }),
      forget: (productIds) => {
        setEntries((current) => {
          if (!productIds) return {};
          const next = { ...current };
          for (const id of productIds) delete next[id];
          return next;
        });
        setProblems((current) => (productIds ? current.filter((p) => !productIds.includes(p.productId)) : []));
      },
      report: setProblems,
      allProblems: problems,
    }),
    [entries, problems, edit],
  );
}
