/** The bulk editor's data as the page receives it (shared by the server and the browser). */
import type { FieldProblem } from './changes';

export interface ContentImage {
  id: string;
  url: string | null;
  alt: string;
  width: number | null;
  height: number | null;
}

export interface ListingRow {
  productId: string;
  title: string;
  handle: string;
  status: string;
  descriptionText: string;
  seoTitle: string;
  seoDescription: string;
  images: ContentImage[];
}

/** A product's problems as a save reported them. */
export interface ProductFailure {
  productId: string;
  title: string;
  problems: FieldProblem[];
}

/** A save batch's progress and its failures (at most a hundred of them). */
export interface BatchView {
  id: string;
  state: string;
  total: number;
  saved: number;
  failed: number;
  finishedAt: string | null;
  failures: ProductFailure[];
}

/** The catalogue scan as the page shows it. */
export interface ScanView {
  state: 'running' | 'done' | 'failed';
  mode: 'full' | 'recent';
  seen: number;
  total: number | null;
  finishedAt: string | null;
}
