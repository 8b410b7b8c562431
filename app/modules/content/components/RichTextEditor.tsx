/**
 * The article editor's rich text field: a formatting toolbar over an
 * editable area (bold, italic, headings, lists, quote, link), an HTML view
 * of the same text, and a preview of exactly what will be saved (the HTML
 * after the article policy, through SafeHtml).
 *
 * Keyboard: the toolbar is one tab stop (arrow keys, Home and End move
 * within it; each button says whether its format is on), the editing area
 * takes Ctrl/⌘+B, I and U, and Tab leaves it. Pasted content is cleaned by
 * the policy before it goes in.
 *
 * The editing area is a contenteditable element, which the browser owns:
 * React never renders into it. Its HTML is set from the value only after
 * sanitizeArticleHtml has cleaned it (on load, after the HTML view, after
 * Discard), and read back on every input; the server cleans it again before
 * Shopify sees it.
 */
import {
  BlockStack,
  Box,
  ButtonGroup,
  Button,
  InlineError,
  InlineStack,
  Popover,
  Text,
  TextField,
} from '@shopify/polaris';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sanitizeArticleHtml } from '../articles/html-policy';
import { EditorToolbar, type Command } from './EditorToolbar';
import { SafeHtml } from './SafeHtml';

type Mode = 'visual' | 'html' | 'preview';

interface Props {
  label: string;
  value: string;
  onChange: (html: string) => void;
  /** Minimum height of the editing area, in lines. */
  lines?: number;
  error?: string;
}

const exec = (command: string, value?: string) => document.execCommand(command, false, value);
const blockIs = (tag: string) => () => document.queryCommandValue('formatBlock').toLowerCase() === tag;
const LINK_SCHEMES = /^(https?:\/\/|mailto:)/i;

export function RichTextEditor({ label, value, onChange, lines = 12, error }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const area = useRef<HTMLDivElement>(null);
  const [mode, setMode] = useState<Mode>('visual');
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkUrl, setLinkUrl] = useState('https://');
  const saved = useRef<Range | null>(null);

  // Put the (cleaned) value into the editing area when it is not what the area already holds.
  useEffect(() => {
    const element = area.current;
    if (mode !== 'visual' || !element) return;
    if (element.innerHTML !== value) element.innerHTML = sanitizeArticleHtml(value);
  }, [value, mode]);

  const changed = useCallback(() => {
    if (area.current) onChange(area.current.innerHTML);
  }, [onChange]);

  const run = (action: () => void) => () => {
    area.current?.focus();
    exec('defaultParagraphSeparator', 'p');
    action();
    changed();
  };

  const commands: Command[] = [
    { id: 'bold', run: run(() => exec('bold')), state: () => document.queryCommandState('bold') },
    { id: 'italic', run: run(() => exec('italic')), state: () => document.queryCommandState('italic') },
    { id: 'heading2', run: run(() => exec('formatBlock', 'h2')), state: blockIs('h2') },
    { id: 'heading3', run: run(() => exec('formatBlock', 'h3')), state: blockIs('h3') },
    { id: 'paragraph', run: run(() => exec('formatBlock', 'p')), state: blockIs('p') },
    {
      id: 'bulletList',
      run: run(() => exec('insertUnorderedList')),
      state: () => document.queryCommandState('insertUnorderedList'),
    },
    {
      id: 'numberList',
      run: run(() => exec('insertOrderedList')),
      state: () => document.queryCommandState('insertOrderedList'),
    },
    { id: 'quote', run: run(() => exec('formatBlock', 'blockquote')), state: blockIs('blockquote') },
    { id: 'unlink', run: run(() => exec('unlink')) },
  ];

  const openLink = () => {
    const selection = window.getSelection();
    saved.current = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
    setLinkOpen(true);
  };
  const applyLink = () => {
    const url = linkUrl.trim();
    if (!LINK_SCHEMES.test(url)) return;
    setLinkOpen(false);
    area.current?.focus();
    const selection = window.getSelection();
    if (saved.current && selection) {
      selection.removeAllRanges();
      selection.addRange(saved.current);
    }
    exec('createLink', url);
    changed();
  };
  const linkValid = LINK_SCHEMES.test(linkUrl.trim());

  const paste = (event: React.ClipboardEvent<HTMLDivElement>) => {
    event.preventDefault();
    const html = event.clipboardData.getData('text/html');
    const text = event.clipboardData.getData('text/plain');
    if (html) exec('insertHTML', sanitizeArticleHtml(html));
    else exec('insertText', text);
    changed();
  };

  const link = (
    <Popover
      active={linkOpen}
      onClose={() => setLinkOpen(false)}
      activator={
        <Button size="slim" onClick={openLink} disabled={mode !== 'visual'}>
          {t('content.editor.link')}
        </Button>
      }
    >
      <Box padding="300" minWidth="320px">
        <BlockStack gap="200">
          <TextField
            label={t('content.editor.linkUrl')}
            value={linkUrl}
            onChange={setLinkUrl}
            autoComplete="off"
            type="url"
            error={linkUrl.trim() && !linkValid ? t('content.editor.linkInvalid') : undefined}
          />
          <Button variant="primary" onClick={applyLink} disabled={!linkValid}>
            {t('content.editor.linkApply')}
          </Button>
        </BlockStack>
      </Box>
    </Popover>
  );

  return (
    <BlockStack gap="200">
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <Text as="span" id={`${id}-label`}>
          {label}
        </Text>
        <ButtonGroup variant="segmented">
          {(['visual', 'html', 'preview'] as const).map((each) => (
            <Button key={each} size="slim" pressed={mode === each} onClick={() => setMode(each)}>
              {t(`content.editor.modes.${each}`)}
            </Button>
          ))}
        </ButtonGroup>
      </InlineStack>
      {mode === 'visual' ? (
        <BlockStack gap="200">
          <EditorToolbar
            area={area}
            label={label}
            commands={commands}
            labelOf={(command) => t(`content.editor.commands.${command}`)}
            after={link}
          />
          <div
            ref={area}
            id={id}
            className="content-editor-area"
            contentEditable
            suppressContentEditableWarning
            role="textbox"
            aria-multiline="true"
            aria-labelledby={`${id}-label`}
            aria-invalid={error ? true : undefined}
            tabIndex={0}
            onInput={changed}
            onBlur={changed}
            onPaste={paste}
            style={{ minHeight: `${lines * 1.5}em` }}
          />
        </BlockStack>
      ) : null}
      {mode === 'html' ? (
        <TextField
          label={t('content.editor.htmlLabel', { label })}
          labelHidden
          value={value}
          onChange={onChange}
          autoComplete="off"
          multiline={lines}
          monospaced
          helpText={t('content.editor.htmlHelp')}
        />
      ) : null}
      {mode === 'preview' ? (
        <Box padding="400" borderWidth="025" borderColor="border" borderRadius="200" minHeight={`${lines * 1.5}em`}>
          <SafeHtml html={value} label={t('content.editor.previewLabel', { label })} />
        </Box>
      ) : null}
      {error ? <InlineError message={error} fieldID={id} /> : null}
    </BlockStack>
  );
}
