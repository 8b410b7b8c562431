/** Session tokens as Shopify admin mints them for an embedded app: HS256 JWTs signed with the app's secret, valid one minute. */
import { createHmac, randomUUID } from 'node:crypto';

export function mintSessionToken(options: {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId: number;
  now?: number;
}): string {
  const seconds = Math.floor((options.now ?? Date.now()) / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({
    iss: `https://${options.shop}/admin`,
    dest: `https://${options.shop}`,
    aud: options.apiKey,
    sub: String(options.userId),
    exp: seconds + 60,
    nbf: seconds - 5,
    iat: seconds,
    jti: randomUUID(),
    sid: randomUUID(),
  });
  const signature = createHmac('sha256', options.apiSecret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
