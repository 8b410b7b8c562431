/**
 * "Apply recipe…" on the images selected in the browser: choose a saved
 * recipe (its operations listed), start the batch. Without saved recipes it
 * says how to make one.
 */
import { BlockStack, InlineError, Modal, Select, Text } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationName } from '../image/recipe';

export interface RecipeOption {
  id: string;
  name: string;
  operations: OperationName[];
}

interface Props {
  open: boolean;
  count: number;
  recipes: RecipeOption[];
  starting: boolean;
  error: string | null;
  onClose: () => void;
  onStart: (recipeId: string) => void;
}

export function ApplyRecipeModal({ open, count, recipes, starting, error, onClose, onStart }: Props) {
  const { t } = useTranslation();
  const [recipeId, setRecipeId] = useState('');
  useEffect(() => {
    if (open) setRecipeId((current) => (recipes.some((recipe) => recipe.id === current) ? current : ''));
  }, [open, recipes]);
  const chosen = recipes.find((recipe) => recipe.id === recipeId);

  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t('studio.apply.title')}
      primaryAction={{
        content: t('studio.apply.start'),
        disabled: !chosen,
        loading: starting,
        onAction: () => chosen && onStart(chosen.id),
      }}
      secondaryActions={[{ content: t('studio.apply.cancel'), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p">{t('studio.apply.intro', { count })}</Text>
          {recipes.length === 0 ? (
            <Text as="p" tone="subdued">
              {t('studio.apply.noRecipes')}
            </Text>
          ) : (
            <Select
              label={t('studio.apply.recipe')}
              placeholder={t('studio.apply.choose')}
              options={recipes.map((recipe) => ({ label: recipe.name, value: recipe.id }))}
              value={recipeId}
              onChange={setRecipeId}
              helpText={
                chosen
                  ? chosen.operations.map((operation) => t(`studio.operations.${operation}`)).join(' · ')
                  : undefined
              }
            />
          )}
          {error ? <InlineError message={error} fieldID="studio-apply-recipe" /> : null}
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
