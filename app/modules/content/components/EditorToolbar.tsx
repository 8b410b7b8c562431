/**
 * The rich text editor's formatting toolbar (WAI-ARIA toolbar pattern): one
 * tab stop, arrow keys, Home and End move between its buttons, and each
 * button that toggles a format says whether the format is on where the
 * caret is in its own editing area (aria-pressed). Buttons keep the
 * selection in the editing area when pressed with the mouse.
 */
import { InlineStack } from '@shopify/polaris';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

export interface Command {
  id: string;
  run: () => void;
  /** Whether the format is on at the caret (aria-pressed), for the formats that toggle. */
  state?: () => boolean;
}

interface Props {
  /** The editing area the buttons act on: only a caret inside it counts for aria-pressed. */
  area: RefObject<HTMLElement>;
  /** The field's label, naming the toolbar ("Formatting of Content"). */
  label: string;
  commands: Command[];
  labelOf: (id: string) => string;
  /** What follows the toolbar on its line (the link button and its popover). */
  after: ReactNode;
}

const MOVES: Record<string, (focus: number, last: number) => number> = {
  ArrowRight: (focus, last) => (focus === last ? 0 : focus + 1),
  ArrowLeft: (focus, last) => (focus === 0 ? last : focus - 1),
  Home: () => 0,
  End: (_focus, last) => last,
};

export function EditorToolbar({ area, label, commands, labelOf, after }: Props) {
  const { t } = useTranslation();
  const [focus, setFocus] = useState(0);
  const [pressed, setPressed] = useState<Record<string, boolean>>({});
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const latest = useRef(commands);
  latest.current = commands;

  useEffect(() => {
    const update = () => {
      const anchor = document.getSelection()?.anchorNode ?? null;
      const inside = anchor !== null && area.current?.contains(anchor) === true;
      setPressed(
        Object.fromEntries(
          latest.current
            .filter((command) => command.state)
            .map((command) => [command.id, inside && Boolean(command.state?.())]),
        ),
      );
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [area]);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = MOVES[event.key];
    if (!step) return;
    event.preventDefault();
    const next = step(focus, commands.length - 1);
    setFocus(next);
    buttons.current[next]?.focus();
  };

  return (
    <InlineStack gap="100" blockAlign="center" wrap>
      <div
        role="toolbar"
        aria-label={t('content.editor.toolbar', { label })}
        onKeyDown={move}
        style={{ display: 'flex', flexWrap: 'wrap', gap: 'var(--p-space-100)' }}
      >
        {commands.map((command, index) => (
          <button
            key={command.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            className="content-editor-tool"
            tabIndex={index === focus ? 0 : -1}
            aria-pressed={command.state ? Boolean(pressed[command.id]) : undefined}
            // Keep the selection in the editing area while the button is pressed.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setFocus(index);
              command.run();
            }}
          >
            {labelOf(command.id)}
          </button>
        ))}
      </div>
      {after}
    </InlineStack>
  );
}
