/**
 * Every version of the image's place on the product, newest first: the
 * original (version 0), each edit and each restore, who saved it and when,
 * and which one the product shows. "Restore" puts an earlier one back after
 * a confirmation.
 */
import { Badge, BlockStack, Box, Button, Card, InlineStack, Modal, Text } from '@shopify/polaris';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { VersionView } from '../editor-view.server';
import { dimensions, fileSize } from './format';

interface Props {
  versions: VersionView[];
  locale: string;
  timeZone: string;
  /** The version being restored, while it is. */
  restoring: string | null;
  onRollback: (versionId: string) => void;
}

/** "Original" for version 0, "Version 3" for the others. */
export function versionName(t: TFunction, number: number): string {
  return number === 0 ? t('studio.editor.history.original') : t('studio.editor.history.version', { number });
}

export function VersionHistory({ versions, locale, timeZone, restoring, onRollback }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<VersionView | null>(null);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const name = (version: VersionView) =>
    version.number === 0
      ? t('studio.editor.history.original')
      : t('studio.editor.history.version', { number: version.number });
  const kind = (version: VersionView) =>
    version.source === 'rollback' && version.restoredVersion !== null
      ? t('studio.editor.history.restored', { version: versionName(t, version.restoredVersion) })
      : version.source === 'edit'
        ? t('studio.editor.history.edited')
        : null;

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t('studio.editor.history.heading')}
        </Text>
        {versions.length === 0 ? (
          <Text as="p" tone="subdued">
            {t('studio.editor.history.empty')}
          </Text>
        ) : (
          <ul aria-label={t('studio.editor.history.heading')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {versions.map((version, index) => {
              const saved = when.format(new Date(version.savedAt));
              return (
                <li key={version.id}>
                  <Box
                    paddingBlock="300"
                    borderBlockStartWidth={index === 0 ? undefined : '025'}
                    borderColor="border-secondary"
                  >
                    <InlineStack align="space-between" blockAlign="center" gap="300" wrap={false}>
                      <BlockStack gap="050">
                        <InlineStack gap="200" align="start" blockAlign="center">
                          <Text as="h3" variant="bodyMd" fontWeight="semibold">
                            {name(version)}
                          </Text>
                          {version.current ? <Badge tone="success">{t('studio.editor.history.current')}</Badge> : null}
                        </InlineStack>
                        <Text as="p" variant="bodySm" tone="subdued">
                          {[
                            kind(version),
                            version.by ? t('studio.editor.history.by', { date: saved, name: version.by }) : saved,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                        <Text as="p" variant="bodySm" tone="subdued">
                          {t('studio.editor.history.details', {
                            size: dimensions(locale, version.width, version.height),
                            bytes: fileSize(locale, version.byteSize),
                          })}
                        </Text>
                      </BlockStack>
                      {version.current ? null : (
                        <Button
                          onClick={() => setConfirming(version)}
                          loading={restoring === version.id}
                          disabled={restoring !== null}
                          accessibilityLabel={t('studio.editor.history.rollbackLabel', { version: name(version) })}
                        >
                          {t('studio.editor.history.rollback')}
                        </Button>
                      )}
                    </InlineStack>
                  </Box>
                </li>
              );
            })}
          </ul>
        )}
      </BlockStack>
      <Modal
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t('studio.editor.history.confirmTitle', { version: name(confirming) }) : ''}
        primaryAction={{
          content: t('studio.editor.history.confirm'),
          onAction: () => {
            if (confirming) onRollback(confirming.id);
            setConfirming(null);
          },
        }}
        secondaryActions={[{ content: t('studio.editor.history.cancel'), onAction: () => setConfirming(null) }]}
      >
        <Modal.Section>
          <Text as="p">
            {confirming ? t('studio.editor.history.confirmBody', { version: name(confirming) }) : null}
          </Text>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
