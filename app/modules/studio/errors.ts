/**
 * What the studio's saving side tells the merchant when it cannot do what
 * was asked: a code the routes map to an HTTP status and the UI to a
 * translated message, and an English message for logs and batch results.
 */

export type StudioErrorCode =
  /** The product, its media, a version, a recipe or a batch is not in this shop. */
  | 'not-found'
  /** The product changed under the save (the image was removed or replaced meanwhile). */
  | 'conflict'
  /** The image cannot be read, is too large or is not an image. */
  | 'image'
  /** Shopify refused or failed the upload, the file or the product update. */
  | 'shopify'
  /** The input does not pass validation. */
  | 'invalid';

export class StudioError extends Error {
  override name = 'StudioError';
  readonly code: StudioErrorCode;
  constructor(code: StudioErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The HTTP status a route answers a StudioError with. */
export function studioErrorStatus(error: StudioError): number {
  switch (error.code) {
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'image':
    case 'invalid':
      return 422;
    case 'shopify':
      return 502;
  }
}
