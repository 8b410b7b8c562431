/**
 * A product's search result as a search engine would show it, live as the
 * merchant types: the address as a breadcrumb, the title, the description,
 * cut like Google's (seo/snippet.ts). Plain text only.
 */
import { BlockStack, Box, Text } from '@shopify/polaris';
import { useTranslation } from 'react-i18next';
import { searchSnippet, type SnippetSource } from '../seo/snippet';

// Search engines' own colours: the preview should look like a result, not like Steward.
const TITLE_STYLE = { color: '#1a0dab', fontSize: '18px', lineHeight: '24px', overflowWrap: 'anywhere' } as const;
const TEXT_STYLE = { color: '#4d5156', fontSize: '13px', lineHeight: '20px', overflowWrap: 'anywhere' } as const;
const CRUMB_STYLE = { color: '#202124', fontSize: '12px', lineHeight: '18px', overflowWrap: 'anywhere' } as const;

export function SnippetPreview(source: SnippetSource) {
  const { t } = useTranslation();
  const snippet = searchSnippet(source);
  const notes = [
    snippet.titleFallback ? t('content.snippet.titleFallback') : null,
    snippet.descriptionFallback ? t('content.snippet.descriptionFallback') : null,
    snippet.titleCut || snippet.descriptionCut ? t('content.snippet.cut') : null,
  ].filter((note): note is string => note !== null);
  return (
    <Box padding="300" background="bg-surface-secondary" borderRadius="200">
      <BlockStack gap="100">
        <Text as="h4" variant="bodySm" tone="subdued">
          {t('content.snippet.label')}
        </Text>
        <div style={{ whiteSpace: 'normal' }}>
          <div style={CRUMB_STYLE}>{snippet.breadcrumb}</div>
          <div style={TITLE_STYLE}>{snippet.title}</div>
          <div style={TEXT_STYLE}>{snippet.description || t('content.snippet.noDescription')}</div>
        </div>
        {notes.length > 0 ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {notes.join(' ')}
          </Text>
        ) : null}
      </BlockStack>
    </Box>
  );
}
