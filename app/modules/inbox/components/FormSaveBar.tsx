/**
 * App Bridge's contextual save bar for an inbox form: shown while there are
 * unsaved changes; Save and Discard call back into the form (Shopify admin
 * presses these buttons from its own bar).
 */
import { SaveBar } from '@shopify/app-bridge-react';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  open: boolean;
  busy: boolean;
  onSave: () => void;
  onDiscard: () => void;
}

export function FormSaveBar({ id, open, busy, onSave, onDiscard }: Props) {
  const { t } = useTranslation();
  return (
    <SaveBar id={id} open={open}>
      {/* `variant` is App Bridge's attribute on the save bar's buttons, not React's. */}
      {/* eslint-disable-next-line react/no-unknown-property */}
      <button variant="primary" onClick={onSave} disabled={busy}>
        {t('inbox.saveBar.save')}
      </button>
      <button onClick={onDiscard}>{t('inbox.saveBar.discard')}</button>
    </SaveBar>
  );
}
