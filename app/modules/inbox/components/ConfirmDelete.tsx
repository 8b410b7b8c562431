/** A delete button for a template or a rule, asking first (Polaris modal, inside the app's frame). */
import { Button, Modal, Text } from '@shopify/polaris';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmDelete({
  label,
  question,
  busy,
  onConfirm,
}: {
  label: string;
  question: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button tone="critical" onClick={() => setOpen(true)} disabled={busy}>
        {label}
      </Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={label}
        primaryAction={{
          content: label,
          destructive: true,
          onAction: () => {
            setOpen(false);
            onConfirm();
          },
        }}
        secondaryActions={[{ content: t('inbox.cancel'), onAction: () => setOpen(false) }]}
      >
        <Modal.Section>
          <Text as="p">{question}</Text>
        </Modal.Section>
      </Modal>
    </>
  );
}
