/** "Save as recipe": name the editor's current settings to apply them to other images. */
import { Form, FormLayout, Modal, TextField } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  open: boolean;
  saving: boolean;
  /** Why the last save was refused (a name too long…), or null. */
  error: string | null;
  onClose: () => void;
  onSave: (name: string) => void;
}

const MAX_NAME = 80;

export function SaveRecipeModal({ open, saving, error, onClose, onSave }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  useEffect(() => {
    if (open) setName('');
  }, [open]);
  const submit = () => {
    if (name.trim()) onSave(name.trim());
  };
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t('studio.editor.recipe.title')}
      primaryAction={{
        content: t('studio.editor.recipe.save'),
        onAction: submit,
        loading: saving,
        disabled: !name.trim(),
      }}
      secondaryActions={[{ content: t('studio.editor.recipe.cancel'), onAction: onClose }]}
    >
      <Modal.Section>
        <Form onSubmit={submit}>
          <FormLayout>
            <TextField
              label={t('studio.editor.recipe.name')}
              helpText={t('studio.editor.recipe.nameHelp')}
              value={name}
              onChange={setName}
              maxLength={MAX_NAME}
              showCharacterCount
              autoComplete="off"
              error={error ?? undefined}
            />
          </FormLayout>
        </Form>
      </Modal.Section>
    </Modal>
  );
}
