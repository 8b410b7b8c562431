/** Articles as the pages receive them (shared by the server and the browser). */

export interface BlogOption {
  id: string;
  title: string;
}

export interface ArticleRow {
  id: string;
  title: string;
  blogTitle: string;
  author: string;
  isPublished: boolean;
  publishedAt: string | null;
  updatedAt: string | null;
  tags: string[];
  image: { url: string; altText: string | null } | null;
}

export interface ArticleList {
  rows: ArticleRow[];
  previous: string | null;
  next: string | null;
}

export interface ArticleView {
  id: string;
  title: string;
  handle: string;
  blogId: string;
  blogTitle: string;
  blogHandle: string;
  author: string;
  body: string;
  summary: string;
  tags: string[];
  isPublished: boolean;
  publishedAt: string | null;
  updatedAt: string | null;
  image: { url: string; altText: string } | null;
  /** The stored body holds HTML the editor does not keep (embeds, styles…): saving here removes it. */
  bodyLosesMarkup: boolean;
}
