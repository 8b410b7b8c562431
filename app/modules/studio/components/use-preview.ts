/**
 * The server-rendered preview of a recipe: asked for a short pause after the
 * last change (a slider being dragged asks once), the request before it
 * cancelled; the last good picture stays on screen while the next renders
 * and when one fails, with the failure's message beside it.
 */
import { useEffect, useRef, useState } from 'react';

export const PREVIEW_PATH = '/app/studio/preview';
const PAUSE_MS = 250;

export interface PreviewTarget {
  productId: string;
  mediaId: string;
  /** The recipe's JSON, or null for the original. */
  recipe: string | null;
  /** Show the selection mask of the operation at this index instead of the result. */
  mask?: number | null;
}

export interface Preview {
  /** An object URL for the picture, or null before the first one arrived. */
  url: string | null;
  width: number | null;
  height: number | null;
  loading: boolean;
  /** Why the latest request failed (the picture shown is the one before), or null. */
  error: string | null;
}

export function previewUrl({ productId, mediaId, recipe, mask }: PreviewTarget): string {
  const params = new URLSearchParams({ productId, mediaId });
  if (recipe !== null) params.set('recipe', recipe);
  if (mask !== null && mask !== undefined) params.set('mask', String(mask));
  return `${PREVIEW_PATH}?${params}`;
}

/** A refusal from the preview route, with its reason's code ("corrupt", "recipe", …). */
class PreviewRefused extends Error {
  readonly code: string | null;
  constructor(code: string | null) {
    super(code ?? 'preview refused');
    this.code = code;
  }
}

async function refusal(response: Response): Promise<PreviewRefused> {
  const body = (await response.json().catch(() => null)) as { code?: unknown } | null;
  return new PreviewRefused(typeof body?.code === 'string' ? body.code : null);
}

/**
 * `describe` words a failure for the merchant: the route's reason code, or
 * null when the request itself failed (network, server error).
 */
export function usePreview(
  /** Null: nothing to render (the picture shown stays). */
  target: PreviewTarget | null,
  describe: (code: string | null) => string,
  pauseMs = PAUSE_MS,
): Preview {
  const [preview, setPreview] = useState<Preview>({
    url: null,
    width: null,
    height: null,
    loading: target !== null,
    error: null,
  });
  const shown = useRef<string | null>(null);
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const url = target ? previewUrl(target) : null;

  useEffect(() => {
    if (url === null) {
      setPreview((current) => ({ ...current, loading: false, error: null }));
      return;
    }
    const controller = new AbortController();
    setPreview((current) => ({ ...current, loading: true }));
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(url, { signal: controller.signal });
        if (!response.ok) throw await refusal(response);
        const blob = await response.blob();
        if (controller.signal.aborted) return;
        const next = URL.createObjectURL(blob);
        if (shown.current) URL.revokeObjectURL(shown.current);
        shown.current = next;
        setPreview({
          url: next,
          width: Number(response.headers.get('X-Image-Width')) || null,
          height: Number(response.headers.get('X-Image-Height')) || null,
          loading: false,
          error: null,
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        const message = describeRef.current(error instanceof PreviewRefused ? error.code : null);
        setPreview((current) => ({ ...current, loading: false, error: message }));
      }
    }, pauseMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [url, pauseMs]);

  useEffect(
    () => () => {
      if (shown.current) URL.revokeObjectURL(shown.current);
    },
    [],
  );

  return preview;
}
