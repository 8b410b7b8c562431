import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devstoreWith, emptyShop, gql } from './test-support';
import { handleUpload, parseMultipart } from './uploads';

const state = emptyShop();
const devstore = devstoreWith(state);
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    handleUpload(req, res, devstore)
      .then((served) => {
        if (!served) res.writeHead(418).end('not an upload path');
      })
      .catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The staged target's URL on the test server (the resolvers answer with http://devstore.test). */
const local = (url: string) => url.replace('http://devstore.test', origin);

interface Target {
  url: string;
  resourceUrl: string;
  parameters: { name: string; value: string }[];
}

async function stage(filename: string, mimeType: string, httpMethod: 'POST' | 'PUT' = 'POST'): Promise<Target> {
  const result = await gql(
    state,
    `mutation($input: [StagedUploadInput!]!) { stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { message } } }`,
    { input: [{ resource: 'IMAGE', filename, mimeType, httpMethod }] },
  );
  expect(result.data?.stagedUploadsCreate.userErrors).toEqual([]);
  return result.data?.stagedUploadsCreate.stagedTargets[0];
}

function form(target: Target, bytes: Buffer, override: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const { name, value } of target.parameters) body.append(name, override[name] ?? value);
  body.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'upload.png');
  return body;
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 1 } } })
    .png()
    .toBuffer();

describe('devstore staged uploads over HTTP', () => {
  it('accepts a multipart upload with the staged parameters, serves it from the CDN, and fileCreate reads it', async () => {
    const bytes = await png(17, 11);
    const target = await stage('swatch.png', 'image/png');
    const key = target.parameters.find((parameter) => parameter.name === 'key')?.value;
    const upload = await fetch(local(target.url), { method: 'POST', body: form(target, bytes) });
    expect(upload.status).toBe(201);
    expect(await upload.text()).toContain(`<Key>${key}</Key>`);

    const served = await fetch(local(target.resourceUrl));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);

    const created = await gql(
      state,
      `mutation($files: [FileCreateInput!]!) { fileCreate(files: $files) { files { fileStatus ... on MediaImage { mimeType image { url width height } originalSource { fileSize } } } userErrors { message } } }`,
      { files: [{ originalSource: target.resourceUrl, contentType: 'IMAGE', alt: 'Swatch' }] },
    );
    expect(created.data?.fileCreate).toEqual({
      files: [
        {
          fileStatus: 'READY',
          mimeType: 'image/png',
          image: { url: 'http://devstore.test/cdn/test-shop.myshopify.com/files/swatch.png', width: 17, height: 11 },
          originalSource: { fileSize: bytes.length },
        },
      ],
      userErrors: [],
    });
    const copy = await fetch(`${origin}/cdn/test-shop.myshopify.com/files/swatch.png?v=1`);
    expect(Buffer.from(await copy.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('accepts a PUT to a signed URL with the signed content type', async () => {
    const bytes = await png(3, 3);
    const target = await stage('put.png', 'image/png', 'PUT');
    const upload = await fetch(local(target.url), {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body: new Uint8Array(bytes),
    });
    expect(upload.status).toBe(200);
    const served = await fetch(local(target.resourceUrl));
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    const wrongType = await fetch(local(target.url), {
      method: 'PUT',
      headers: { 'Content-Type': 'image/gif' },
      body: new Uint8Array(bytes),
    });
    expect(wrongType.status).toBe(403);
  });

  it('refuses a wrong signature, another key or a changed content type with 403, storing nothing', async () => {
    const bytes = await png(2, 2);
    const target = await stage('refused.png', 'image/png');
    const key = target.parameters.find((parameter) => parameter.name === 'key')?.value as string;
    const badSignature = await fetch(local(target.url), {
      method: 'POST',
      body: form(target, bytes, { 'x-goog-signature': 'f'.repeat(64) }),
    });
    expect(badSignature.status).toBe(403);
    expect(await badSignature.text()).toContain('SignatureDoesNotMatch');
    const otherKey = await fetch(local(target.url).replace('refused.png', 'other.png'), {
      method: 'POST',
      body: form(target, bytes),
    });
    expect(otherKey.status).toBe(403);
    const otherType = await fetch(local(target.url), {
      method: 'POST',
      body: form(target, bytes, { 'Content-Type': 'text/html' }),
    });
    expect(otherType.status).toBe(403);
    expect(state.files.has(key)).toBe(false);
    expect(state.files.has(key.replace('refused.png', 'other.png'))).toBe(false);
  });

  it('refuses a body over 20 MB with 413', async () => {
    const target = await stage('huge.png', 'image/png');
    const response = await fetch(local(target.url), {
      method: 'POST',
      body: form(target, Buffer.alloc(21 * 1024 * 1024)),
    });
    expect(response.status).toBe(413);
    await response.text();
  });

  it('answers 404 for a missing file or shop and leaves other paths to the server', async () => {
    expect((await fetch(`${origin}/cdn/test-shop.myshopify.com/files/none.png`)).status).toBe(404);
    expect((await fetch(`${origin}/cdn/other-shop.myshopify.com/files/none.png`)).status).toBe(404);
    expect((await fetch(`${origin}/admin/api/2026-10/graphql.json`)).status).toBe(418);
  });
});

describe('multipart parsing', () => {
  it('reads text fields and the file part byte for byte', () => {
    const file = Buffer.from([0, 13, 10, 45, 45, 255]);
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="key"\r\n\r\ntmp/a.png\r\n'),
      Buffer.from(
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n',
      ),
      file,
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    const parsed = parseMultipart(body, 'XyZ');
    expect(parsed?.fields).toEqual(new Map([['key', 'tmp/a.png']]));
    expect(parsed?.file?.contentType).toEqual('image/png');
    expect(parsed?.file?.bytes.equals(file)).toBe(true);
    expect(
      parseMultipart(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="key"\r\n\r\nunterminated'), 'XyZ'),
    ).toBeNull();
  });
});
