/**
 * Saving edits and rolling back, over real HTTP against the devstore: the
 * gateway with the shop's stored offline session, staged uploads posted as
 * multipart forms, fileCreate, productSet. What the product shows is read
 * from the devstore itself, bytes included.
 */
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { installOn, startAppDevstore } from '../../../tests/support/installed-app';
import { productIdsOf, productImages, studioShop } from '../../../tests/support/studio-shops';

const MAPLE = 'studio-maple.myshopify.com';
const HARBOR = 'studio-harbor.myshopify.com';

const mapleState = await studioShop({ id: 1, domain: MAPLE }, [
  {
    title: 'Linen shirt',
    images: [
      { width: 300, height: 200, alt: 'Linen shirt, front' },
      { width: 240, height: 160, alt: 'Linen shirt, back', colour: [30, 60, 200] },
      { width: 200, height: 200, alt: 'Linen shirt, detail', format: 'png' },
    ],
  },
  { title: 'Wool scarf', images: [{ width: 200, height: 200, alt: 'Wool scarf' }] },
  { title: 'Broken lamp', images: [{ width: 200, height: 200, alt: 'Broken', corrupt: true }] },
  { title: 'Clay mug', images: [{ width: 200, height: 200, alt: 'Clay mug' }] },
  { title: 'Oak stool', images: [{ width: 200, height: 200, alt: 'Oak stool' }] },
  { title: 'Long banner', images: [{ width: 5200, height: 40, alt: 'Long banner' }] },
]);
const harborState = await studioShop({ id: 2, domain: HARBOR, firstId: 50_000 }, [
  { title: 'Canvas bag', images: [{ width: 200, height: 200, alt: 'Canvas bag' }] },
]);
const [SHIRT, SCARF, LAMP, MUG, STOOL, BANNER] = productIdsOf(mapleState) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const devstore = await startAppDevstore({ shops: [mapleState, harborState] });
afterAll(() => devstore.close());

const { default: prisma } = await import('~/db.server');
const { gatewayForShop } = await import('~/platform/sync/gateway-for-shop.server');
const { operationName } = await import('~/platform/shopify/admin-gateway.server');
const { saveEdit, rollback } = await import('./save.server');
const { listVersions, readBlob } = await import('./versions.server');
const { StudioError } = await import('./errors');
await installOn(devstore, [MAPLE, HARBOR]);

type Gateway = Awaited<ReturnType<typeof gatewayForShop>>;
const actor = { type: 'steward' as const, id: '42', name: 'Ada Lovelace' };
const contextFor = async (shop: string, gateway?: Gateway) => ({
  gateway: gateway ?? (await gatewayForShop(shop)),
  shop,
  actor,
  wait: { firstIntervalMs: 5 },
});

/** Turns the image a quarter: easy to recognise (width and height swap). */
const ROTATE = { version: 1, operations: [{ op: 'rotate', degrees: 90 }], output: { format: 'png' } };

/** The gateway, but the process "dies" right after Shopify answers `operation` the first time. */
function crashingAfter(gateway: Gateway, operation: string): Gateway {
  let crashed = false;
  const crash = (document: string) => {
    if (!crashed && operationName(document) === operation) {
      crashed = true;
      throw new Error(`worker killed after ${operation}`);
    }
  };
  return {
    shop: gateway.shop,
    request: async (document, variables) => {
      const data = await gateway.request(document, variables);
      crash(document);
      return data;
    },
    mutate: async (document, variables, payloadOf) => {
      const payload = await gateway.mutate(document, variables, payloadOf);
      crash(document);
      return payload;
    },
  };
}

/** The gateway, counting the operations sent through it. */
function counting(gateway: Gateway): { gateway: Gateway; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    gateway: {
      shop: gateway.shop,
      request: (document, variables) => {
        sent.push(operationName(document));
        return gateway.request(document, variables);
      },
      mutate: (document, variables, payloadOf) => {
        sent.push(operationName(document));
        return gateway.mutate(document, variables, payloadOf);
      },
    },
  };
}

const studioFiles = (shop: string) =>
  [...(devstore.state.shop(shop)?.media.values() ?? [])].filter((media) => media.key.includes('studio-'));

async function expectStudioError(work: Promise<unknown>, code: string, message: RegExp) {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(StudioError);
  expect((error as InstanceType<typeof StudioError>).code).toBe(code);
  expect((error as Error).message).toMatch(message);
}

describe('saveEdit', () => {
  it('puts the edited image in the original’s place with its alt text, keeping the original as version 0', async () => {
    const before = productImages(devstore, MAPLE, SHIRT);
    const original = before[1]!;
    // Shopify processes a new file before it can go on a product: the save waits for READY.
    devstore.state.fileProcessingMs = 1_000;
    const { gateway, sent } = counting(await gatewayForShop(MAPLE));

    const { version, mediaId } = await saveEdit(await contextFor(MAPLE, gateway), {
      productId: SHIRT,
      mediaId: original.id,
      recipe: ROTATE,
    }).finally(() => (devstore.state.fileProcessingMs = 0));

    expect(sent.filter((operation) => operation === 'StudioFileStatus').length).toBeGreaterThan(1);
    expect(sent.filter((operation, index) => operation !== sent[index - 1])).toEqual([
      'StudioProductMedia',
      'StudioStagedUpload',
      'StudioFileCreate',
      'StudioFileStatus',
      'StudioProductMedia',
      'StudioProductFilesSet',
    ]);

    const after = productImages(devstore, MAPLE, SHIRT);
    expect(after.map((media) => media.id)).toEqual([before[0]!.id, mediaId, before[2]!.id]);
    expect(mediaId).not.toBe(original.id);
    expect(after[1]!.alt).toBe('Linen shirt, back');
    const shown = await sharp(after[1]!.bytes!).metadata();
    expect([shown.format, shown.width, shown.height]).toEqual(['png', 160, 240]);
    expect(after[0]!.bytes).toEqual(before[0]!.bytes);

    // The replaced media left the product and stayed in Files.
    const replaced = devstore.state.shop(MAPLE)!.media.get(Number(original.id.split('/').pop()));
    expect(replaced?.productId).toBeNull();

    expect(version).toMatchObject({ version: 1, state: 'saved', source: 'edit', shopifyMediaId: mediaId, position: 1 });
    const versions = await listVersions(MAPLE, SHIRT, original.id);
    expect(versions.map((entry) => [entry.version, entry.source, entry.shopifyMediaId])).toEqual([
      [0, 'original', original.id],
      [1, 'edit', mediaId],
    ]);
    expect(await readBlob(MAPLE, versions[0]!.sha256)).toEqual(original.bytes);
    expect(await readBlob(MAPLE, versions[1]!.sha256)).toEqual(after[1]!.bytes);
    expect(versions[1]!.recipe).toMatchObject({ operations: [{ op: 'rotate', degrees: 90 }] });

    const entry = await prisma.activityEntry.findFirst({
      where: { shop: MAPLE, sourceKey: `studio:version:${version.id}` },
    });
    expect(entry).toMatchObject({
      actorType: 'steward',
      actorId: '42',
      actorName: 'Ada Lovelace',
      verb: 'updated',
      resourceType: 'product',
      resourceId: SHIRT.split('/').pop(),
      resourceTitle: 'Linen shirt',
      link: `/products/${SHIRT.split('/').pop()}`,
      summary: 'Image 2 of “Linen shirt” edited in Studio (version 1)',
    });
  });

  it('edits the current version when saving again, numbering the versions of the slot', async () => {
    const [, current] = productImages(devstore, MAPLE, SHIRT);
    const { version, mediaId } = await saveEdit(await contextFor(MAPLE), {
      productId: SHIRT,
      mediaId: current!.id,
      recipe: ROTATE,
    });
    expect(version.version).toBe(2);
    const shown = await sharp(productImages(devstore, MAPLE, SHIRT)[1]!.bytes!).metadata();
    expect([shown.width, shown.height]).toEqual([240, 160]);
    expect(version.mediaKey).toBe((await listVersions(MAPLE, SHIRT, version.mediaKey))[0]!.shopifyMediaId);
    expect(mediaId).toBe(productImages(devstore, MAPLE, SHIRT)[1]!.id);
  });

  it('saves once for one request key, even when asked twice', async () => {
    const [image] = productImages(devstore, MAPLE, SCARF);
    const ctx = await contextFor(MAPLE);
    const first = await saveEdit(ctx, { productId: SCARF, mediaId: image!.id, recipe: ROTATE, requestKey: 'form-1' });
    const again = await saveEdit(ctx, { productId: SCARF, mediaId: image!.id, recipe: ROTATE, requestKey: 'form-1' });
    expect(again.version.id).toBe(first.version.id);
    expect(productImages(devstore, MAPLE, SCARF).map((media) => media.id)).toEqual([first.mediaId]);
    expect(await listVersions(MAPLE, SCARF, image!.id)).toHaveLength(2);
  });

  it.each([['StudioProductFilesSet'], ['StudioFileCreate']])(
    'resumes after a crash right after %s without saving twice',
    async (operation) => {
      const productId = operation === 'StudioProductFilesSet' ? MUG : STOOL;
      const [image] = productImages(devstore, MAPLE, productId);
      const filesBefore = studioFiles(MAPLE).length;
      const crashing = await contextFor(MAPLE, crashingAfter(await gatewayForShop(MAPLE), operation));
      const input = { productId, mediaId: image!.id, recipe: ROTATE, requestKey: `crash-${operation}` };
      await expect(saveEdit(crashing, input)).rejects.toThrow('worker killed');

      const { version, mediaId } = await saveEdit(await contextFor(MAPLE), input);
      expect(productImages(devstore, MAPLE, productId).map((media) => media.id)).toEqual([mediaId]);
      expect(studioFiles(MAPLE)).toHaveLength(filesBefore + 1);
      expect((await listVersions(MAPLE, productId, image!.id)).map((entry) => entry.version)).toEqual([0, 1]);
      expect(version.state).toBe('saved');
    },
  );

  it('refuses an image it cannot read, with a clear error, and keeps nothing', async () => {
    const [image] = productImages(devstore, MAPLE, LAMP);
    await expectStudioError(
      saveEdit(await contextFor(MAPLE), { productId: LAMP, mediaId: image!.id, recipe: ROTATE }),
      'image',
      /damaged|incomplete/,
    );
    expect(await prisma.studioVersion.count({ where: { shop: MAPLE, productId: LAMP } })).toBe(0);
    expect(productImages(devstore, MAPLE, LAMP).map((media) => media.id)).toEqual([image!.id]);
  });

  it('refuses an edit Shopify would not take, before keeping anything', async () => {
    const [banner] = productImages(devstore, MAPLE, BANNER);
    await expectStudioError(
      saveEdit(await contextFor(MAPLE), {
        productId: BANNER,
        mediaId: banner!.id,
        recipe: { version: 1, operations: [{ op: 'sharpen', amount: 10 }] },
      }),
      'image',
      /5200×40; Shopify accepts up to 5000×5000 px/,
    );
    expect(await prisma.studioVersion.count({ where: { shop: MAPLE, productId: BANNER } })).toBe(0);
    // Resized to web size, it goes.
    const { version } = await saveEdit(await contextFor(MAPLE), {
      productId: BANNER,
      mediaId: banner!.id,
      recipe: { version: 1, operations: [{ op: 'resize', maxWidth: 2000 }] },
    });
    expect([version.width, version.height]).toEqual([2000, 15]);
  });

  it('refuses an invalid recipe and an image no longer on the product', async () => {
    const [first] = productImages(devstore, MAPLE, SHIRT);
    const ctx = await contextFor(MAPLE);
    await expectStudioError(
      saveEdit(ctx, { productId: SHIRT, mediaId: first!.id, recipe: { version: 1, operations: [] } }),
      'invalid',
      /at least one operation/,
    );
    await expectStudioError(
      saveEdit(ctx, { productId: SHIRT, mediaId: 'gid://shopify/MediaImage/999999', recipe: ROTATE }),
      'conflict',
      /no longer on the product/,
    );
  });
});

describe('rollback', () => {
  it('restores version 0 — the original bytes — in place, as a new version, and any version after it', async () => {
    const [, slot] = productImages(devstore, MAPLE, SHIRT);
    const ctx = await contextFor(MAPLE);
    const { mediaKey } = (await prisma.studioVersion.findFirst({ where: { shop: MAPLE, shopifyMediaId: slot!.id } }))!;
    const versions = await listVersions(MAPLE, SHIRT, mediaKey);
    const original = versions[0]!;

    const restored = await rollback(ctx, { productId: SHIRT, versionId: original.id });
    const shown = productImages(devstore, MAPLE, SHIRT);
    expect(shown[1]!.id).toBe(restored.mediaId);
    expect(shown[1]!.bytes).toEqual(await readBlob(MAPLE, original.sha256));
    expect(shown[1]!.alt).toBe('Linen shirt, back');
    expect(restored.version).toMatchObject({ version: 3, source: 'rollback', restoredVersion: 0 });

    const toFirstEdit = await rollback(ctx, { productId: SHIRT, versionId: versions[1]!.id });
    expect(productImages(devstore, MAPLE, SHIRT)[1]!.bytes).toEqual(await readBlob(MAPLE, versions[1]!.sha256));
    expect(toFirstEdit.version.version).toBe(4);

    // Rolling back to what the product shows changes nothing.
    const same = await rollback(ctx, { productId: SHIRT, versionId: versions[1]!.id });
    expect(same.version.id).toBe(toFirstEdit.version.id);
    expect((await listVersions(MAPLE, SHIRT, mediaKey)).map((entry) => [entry.version, entry.source])).toEqual([
      [0, 'original'],
      [1, 'edit'],
      [2, 'edit'],
      [3, 'rollback'],
      [4, 'rollback'],
    ]);
    // A rollback stores no new bytes: version 0's blob serves version 3 too.
    const all = await listVersions(MAPLE, SHIRT, mediaKey);
    expect(all[3]!.sha256).toBe(all[0]!.sha256);
    const entry = await prisma.activityEntry.findFirst({
      where: { shop: MAPLE, sourceKey: `studio:version:${restored.version.id}` },
    });
    expect(entry?.summary).toBe('Image 2 of “Linen shirt” restored to version 0');
  });

  it('keeps shops apart: another shop cannot read or restore this shop’s versions', async () => {
    const [version] = await prisma.studioVersion.findMany({ where: { shop: MAPLE, productId: SHIRT, version: 0 } });
    expect(await listVersions(HARBOR, SHIRT, version!.mediaKey)).toEqual([]);
    await expectStudioError(
      rollback(await contextFor(HARBOR), { productId: SHIRT, versionId: version!.id }),
      'not-found',
      /does not exist/,
    );
    await expectStudioError(readBlob(HARBOR, version!.sha256), 'not-found', /no longer holds/);
    // Harbor's gateway cannot reach Maple's product either.
    const [bag] = productImages(devstore, HARBOR, productIdsOf(harborState)[0]!);
    await expectStudioError(
      saveEdit(await contextFor(HARBOR), { productId: SHIRT, mediaId: bag!.id, recipe: ROTATE }),
      'not-found',
      /does not exist/,
    );
  });

  it('refuses when the image Steward saved is no longer on the product', async () => {
    const [scarf] = productImages(devstore, MAPLE, SCARF);
    const { mediaKey } = (await prisma.studioVersion.findFirst({ where: { shop: MAPLE, shopifyMediaId: scarf!.id } }))!;
    const [original] = await listVersions(MAPLE, SCARF, mediaKey);
    devstore.state.shop(MAPLE)!.products.get(Number(SCARF.split('/').pop()))!.mediaIds = [];
    await expectStudioError(
      rollback(await contextFor(MAPLE), { productId: SCARF, versionId: original!.id }),
      'conflict',
      /no longer on the product/,
    );
  });
});
