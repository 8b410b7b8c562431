/** Shopify global ids: gid://shopify/<Type>/<number>. */
export function gid(type: string, id: number | bigint | string): string {
  return `gid://shopify/${type}/${id}`;
}

export function parseGid(value: string): { type: string; id: string } | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?]+)/.exec(value);
  return match ? { type: match[1] as string, id: match[2] as string } : null;
}
