import type { EditorDraft } from './editor-draft';

/** Sets one part of the editor's draft. */
export type SetDraft = <K extends keyof EditorDraft>(key: K, value: EditorDraft[K]) => void;
