/** A search field's text: follows the URL, and is written back after a pause in typing. */
import { useEffect, useRef, useState } from 'react';

const TYPING_PAUSE_MS = 350;

export function useTypedSearch(value: string, apply: (text: string) => void) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // Follow the URL (back button, clear), but keep what is being typed when the URL only trimmed it.
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return {
    text,
    change(next: string) {
      setText(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => apply(next.trim()), TYPING_PAUSE_MS);
    },
    clear() {
      clearTimeout(timer.current);
      setText('');
      apply('');
    },
  };
}
