/**
 * The keyboard shortcuts: which key does what, in one table the help overlay lists, and the pure
 * mapping from a key press (and what is on screen) to the one thing it does.
 */

/** What a shortcut asks for. */
export type ShortcutCommand = 'run' | 'cancel' | 'previous' | 'next' | 'help';

/** One shortcut as the help overlay lists it. */
export interface Shortcut {
  readonly command: ShortcutCommand;
  /** `KeyboardEvent.key` values that trigger it. */
  readonly keys: readonly string[];
  /** The key as printed on the keyboard. */
  readonly label: string;
  readonly description: string;
}

/** Every shortcut, in the order the help overlay lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'run', keys: ['r', 'R'], label: 'R', description: 'Run the lesson or race on screen' },
  {
    command: 'cancel',
    keys: ['Escape'],
    label: 'Esc',
    description: 'Close this overlay, else cancel what is running, else leave full screen',
  },
  {
    command: 'previous',
    keys: ['ArrowLeft'],
    label: '←',
    description: 'Previous lesson (in Lessons); elsewhere, the previous view',
  },
  {
    command: 'next',
    keys: ['ArrowRight'],
    label: '→',
    description: 'Next lesson (in Lessons); elsewhere, the next view',
  },
  { command: 'help', keys: ['?'], label: '?', description: 'Show or hide these shortcuts' },
];

/** The parts of a keydown event the mapping reads. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly target: unknown;
}

/** Whether the key went to a place where it types: an input, select, textarea or editable element. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const { tagName, isContentEditable } = target as { tagName?: unknown; isContentEditable?: unknown };
  if (isContentEditable === true) return true;
  return tagName === 'INPUT' || tagName === 'SELECT' || tagName === 'TEXTAREA';
}

/** The command of a key press, or null: never while typing, never with Ctrl, Cmd or Alt (browser shortcuts). */
export function shortcutFor(press: KeyPress): ShortcutCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey || isTypingTarget(press.target)) return null;
  return SHORTCUTS.find((shortcut) => shortcut.keys.includes(press.key))?.command ?? null;
}

/** What is on screen when a shortcut is pressed. */
export interface ShortcutContext {
  readonly view: string;
  readonly views: readonly string[];
  readonly lesson: string;
  readonly lessons: readonly string[];
  readonly helpOpen: boolean;
  readonly engineLessonActive: boolean;
  readonly runActive: boolean;
  readonly fullscreen: boolean;
}

/** The one thing a command does in this context, or null when it does nothing here. */
export type ShortcutEffect =
  | { readonly kind: 'toggle-help' }
  | { readonly kind: 'close-help' }
  | { readonly kind: 'cancel-lesson' }
  | { readonly kind: 'cancel-run' }
  | { readonly kind: 'leave-fullscreen' }
  | { readonly kind: 'run-lesson' }
  | { readonly kind: 'run-race' }
  | { readonly kind: 'choose-lesson'; readonly id: string }
  | { readonly kind: 'choose-view'; readonly id: string };

function step(list: readonly string[], current: string, by: number): string | null {
  const index = list.indexOf(current);
  const next = list[index + by];
  return index < 0 || next === undefined ? null : next;
}

/** Decides what a command does: Esc closes before it cancels, and cancels before it leaves full screen. */
export function shortcutEffect(command: ShortcutCommand, context: ShortcutContext): ShortcutEffect | null {
  if (command === 'help') return { kind: 'toggle-help' };
  if (command === 'cancel') {
    if (context.helpOpen) return { kind: 'close-help' };
    if (context.engineLessonActive) return { kind: 'cancel-lesson' };
    if (context.runActive) return { kind: 'cancel-run' };
    return context.fullscreen ? { kind: 'leave-fullscreen' } : null;
  }
  // While the overlay is open, only Esc and ? act: it is what the user is looking at.
  if (context.helpOpen) return null;
  if (command === 'run') {
    if (context.view === 'lessons') return { kind: 'run-lesson' };
    return context.view === 'race' ? { kind: 'run-race' } : null;
  }
  const by = command === 'next' ? 1 : -1;
  if (context.view === 'lessons') {
    const id = step(context.lessons, context.lesson, by);
    return id === null ? null : { kind: 'choose-lesson', id };
  }
  const id = step(context.views, context.view, by);
  return id === null ? null : { kind: 'choose-view', id };
}
