/** A save problem in the merchant's language: Steward's own checks translated, Shopify's words as Shopify wrote them. */
import type { TFunction } from 'i18next';
import type { FieldProblem } from '../seo/changes';

export function problemText(t: TFunction, problem: FieldProblem): string {
  if (problem.code === 'tooLong') return t('content.problems.tooLong', { max: problem.max, length: problem.length });
  if (problem.code === 'invalid') return t('content.problems.invalid');
  return problem.message ?? t('content.problems.invalid');
}
