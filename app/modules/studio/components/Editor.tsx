/**
 * The image editor: the controls on one side, the before/after preview and
 * the versions on the other. The draft lives here; every change asks the
 * server for a new preview (after a pause). With changes, App Bridge's save
 * bar offers Save (renders full size, saves to Shopify as a new version, then
 * opens the new image) and Discard. A version is restored after a
 * confirmation; the settings can be saved as a named recipe.
 */
import { useFetcher, useNavigate } from '@remix-run/react';
import { SaveBar, TitleBar, useAppBridge } from '@shopify/app-bridge-react';
import { Banner, BlockStack, Card, Layout, Page, Select, Text } from '@shopify/polaris';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditorView } from '../editor-view.server';
import type { EditorActionResult } from '../editor-actions.server';
import { BackgroundControls } from './BackgroundControls';
import { editorPath, numericId, STUDIO_PATH } from './browser-url';
import { ColourChangeControls } from './ColourChangeControls';
import { colourChangeIndex, draftRecipe, NEW_DRAFT, recipeDraft, type EditorDraft } from './editor-draft';
import { dimensions, fileSize } from './format';
import { GeometryControls } from './GeometryControls';
import { pixelHue } from './hue';
import { OutputControls } from './OutputControls';
import { PreviewCompare, type CompareMode } from './PreviewCompare';
import { SaveRecipeModal } from './SaveRecipeModal';
import { ToneControls } from './ToneControls';
import type { SetDraft } from './types';
import { useActionResult } from './use-action-result';
import { usePreview } from './use-preview';
import { VersionHistory, versionName } from './VersionHistory';

/** Below this chroma a picked colour is a grey, white or black, which a colour change leaves alone. */
const GREY_CHROMA = 12;
const SAVE_BAR_ID = 'studio-editor-save-bar';

interface Props {
  view: EditorView;
  locale: string;
}

export function Editor({ view, locale }: Props) {
  const { t } = useTranslation();
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const { item } = view;
  const [draft, setDraft] = useState<EditorDraft>(NEW_DRAFT);
  const [showMask, setShowMask] = useState(false);
  const [picking, setPicking] = useState(false);
  const [pickedGrey, setPickedGrey] = useState(false);
  const [mode, setMode] = useState<CompareMode>('slider');
  const [naming, setNaming] = useState(false);
  const [restoring, setRestoring] = useState<string | null>(null);
  const saver = useFetcher<EditorActionResult>();
  const recipeSaver = useFetcher<EditorActionResult>();

  const recipe = useMemo(() => draftRecipe(draft), [draft]);
  const recipeJson = recipe ? JSON.stringify(recipe) : null;
  // One key per set of changes: a save sent again (a retry after a failure) resumes instead of saving twice.
  const requestKey = useMemo(() => (recipeJson ? crypto.randomUUID() : ''), [recipeJson]);
  const maskIndex = showMask ? colourChangeIndex(draft) : null;

  const ids = { productId: numericId(item.productId), mediaId: numericId(item.mediaId) };
  const describe = (code: string | null) =>
    `${t('studio.editor.preview.failed')} ${code ? t(`studio.errors.${code}`, { defaultValue: '' }) : ''}`.trim();
  const before = usePreview({ ...ids, recipe: null }, describe);
  const after = usePreview(recipeJson ? { ...ids, recipe: recipeJson, mask: maskIndex } : null, describe);

  const set: SetDraft = (key, value) => setDraft((current) => ({ ...current, [key]: value }));
  const saving = saver.state !== 'idle';
  const failure = (result: EditorActionResult | undefined) =>
    result && !result.ok ? t(`studio.errors.${result.code}`) : null;

  useActionResult(saver, (result) => {
    const restored = view.versions.find((version) => version.id === restoring);
    setRestoring(null);
    if (!result.ok) {
      shopify.toast.show(failure(result) ?? '', { isError: true });
      return;
    }
    if (result.intent === 'saveRecipe') return;
    shopify.toast.show(
      result.intent === 'save'
        ? t('studio.editor.saved')
        : t('studio.editor.history.rolledBack', { version: restored ? versionName(t, restored.number) : '' }),
    );
    setDraft(NEW_DRAFT);
    setShowMask(false);
    navigate(editorPath(item.productId, result.mediaId), { replace: true });
  });

  useActionResult(recipeSaver, (result) => {
    if (!result.ok || result.intent !== 'saveRecipe') return;
    setNaming(false);
    shopify.toast.show(t('studio.editor.recipe.saved', { name: result.name }));
  });

  const save = () => {
    if (recipeJson) saver.submit({ intent: 'save', recipe: recipeJson, requestKey }, { method: 'post' });
  };
  const discard = () => {
    setDraft(NEW_DRAFT);
    setShowMask(false);
    setPicking(false);
  };
  const rollback = (versionId: string) => {
    setRestoring(versionId);
    saver.submit({ intent: 'rollback', versionId, requestKey: crypto.randomUUID() }, { method: 'post' });
  };
  const pick = ([red, green, blue]: [number, number, number]) => {
    const { hue, chroma } = pixelHue(red, green, blue);
    setPickedGrey(chroma < GREY_CHROMA);
    if (chroma < GREY_CHROMA) return;
    set('colourChange', { ...draft.colourChange, fromHue: hue });
    setPicking(false);
  };

  const longestEdge = Math.max(item.width ?? 0, item.height ?? 0);
  const saveError = failure(saver.data);

  return (
    <Page
      backAction={{ content: t('studio.editor.back'), url: STUDIO_PATH }}
      title={item.productTitle}
      subtitle={t('studio.editor.subtitle', {
        position: item.position + 1,
        size: dimensions(locale, item.width, item.height) ?? '',
        bytes: fileSize(locale, item.bytes) ?? '',
      })}
      secondaryActions={[
        { content: t('studio.editor.recipe.saveAs'), disabled: !recipe, onAction: () => setNaming(true) },
        { content: t('studio.editor.viewInShopify'), url: view.productAdminUrl, target: '_top' },
      ]}
    >
      <TitleBar title={t('studio.editor.title')} />
      <SaveBar id={SAVE_BAR_ID} open={recipe !== null || saving}>
        {/* eslint-disable-next-line react/no-unknown-property -- App Bridge's save bar takes its Save button by this attribute */}
        <button variant="primary" onClick={save} disabled={saving || !recipe} loading={saving ? '' : undefined}>
          {t('studio.editor.save')}
        </button>
        <button onClick={discard} disabled={saving}>
          {t('studio.editor.discard')}
        </button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {saveError ? (
              <Banner tone="critical" title={t('studio.editor.saveFailedTitle')}>
                <p>{saveError}</p>
              </Banner>
            ) : null}
            <PreviewCompare
              before={before}
              after={recipeJson ? after : before}
              showingMask={maskIndex !== null}
              crop={draft.crop.enabled ? draft.crop : null}
              mode={mode}
              onModeChange={setMode}
              onPick={picking ? pick : null}
            />
            {recipe ? null : (
              <Text as="p" tone="subdued">
                {t('studio.editor.unchanged')}
              </Text>
            )}
            <VersionHistory
              versions={view.versions}
              locale={locale}
              timeZone={view.timeZone}
              restoring={restoring}
              onRollback={rollback}
            />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            {view.recipes.length > 0 ? (
              <Card>
                <Select
                  label={t('studio.editor.recipe.load')}
                  placeholder={t('studio.editor.recipe.loadNone')}
                  options={view.recipes.map((saved) => ({ label: saved.name, value: saved.id }))}
                  value=""
                  onChange={(id) => {
                    const saved = view.recipes.find((entry) => entry.id === id);
                    if (saved) setDraft(recipeDraft(saved.recipe));
                  }}
                />
              </Card>
            ) : null}
            <GeometryControls draft={draft} set={set} imageWidth={item.width ?? 1} imageHeight={item.height ?? 1} />
            <ToneControls draft={draft} set={set} />
            <ColourChangeControls
              draft={draft}
              set={set}
              showMask={showMask}
              onShowMask={setShowMask}
              picking={picking}
              onPicking={(next) => {
                setPicking(next);
                setPickedGrey(false);
              }}
              pickedGrey={pickedGrey}
            />
            <BackgroundControls draft={draft} set={set} />
            <OutputControls draft={draft} set={set} longestEdge={longestEdge} />
          </BlockStack>
        </Layout.Section>
      </Layout>
      <SaveRecipeModal
        open={naming}
        saving={recipeSaver.state !== 'idle'}
        error={failure(recipeSaver.data)}
        onClose={() => setNaming(false)}
        onSave={(name) => {
          if (recipeJson) recipeSaver.submit({ intent: 'saveRecipe', name, recipe: recipeJson }, { method: 'post' });
        }}
      />
    </Page>
  );
}
