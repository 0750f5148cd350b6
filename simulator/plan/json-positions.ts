/**
 * What JSON.parse does not say about a JSON text: the line each element of one top-level array
 * starts on, and whether an object repeats a key. One pass over text JSON.parse already
 * accepted, so it only tracks strings and nesting. Written by hand: the YAML parser gives
 * positions too, but reads a large JSON plan ~30× slower than JSON.parse plus this pass.
 */

export interface JsonPositions {
  /** 1-based line of each element of the top-level object's `arrayKey` array, in order. */
  readonly elementLines: readonly number[];
  /** True when some object has a key twice (JSON.parse keeps the last; the topology file rejects it). */
  readonly duplicateKey: boolean;
}

interface Container {
  readonly array: boolean;
  /** Keys seen so far (objects only). */
  readonly keys: Set<string>;
  /** The key whose value is being read, in an object. */
  key: string | undefined;
  /** True right after `[`, `{` or `,`: the next token starts an element or a key. */
  expecting: boolean;
}

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;

/** `text` must be valid JSON (JSON.parse succeeded on it). */
export function scanJsonPositions(text: string, arrayKey: string): JsonPositions {
  const elementLines: number[] = [];
  const stack: Container[] = [];
  let duplicateKey = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === NEWLINE) {
      line++;
      continue;
    }
    if (ch === 32 || ch === 9 || ch === 13) continue;
    const top = stack[stack.length - 1];
    const closes = ch === 93 || ch === 125;
    const startsValue = !closes && top !== undefined && top.expecting && (top.array || top.key !== undefined);
    if (startsValue) {
      top.expecting = false;
      // An element of the array under the top-level object's `arrayKey`.
      const parent = stack[stack.length - 2];
      if (top.array && stack.length === 2 && parent?.key === arrayKey) elementLines.push(line);
    }
    if (ch === QUOTE) {
      const end = closingQuote(text, i);
      if (top !== undefined && !top.array && top.key === undefined && top.expecting) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.keys.has(key)) duplicateKey = true;
        top.keys.add(key);
        top.key = key;
      }
      i = end;
    } else if (ch === 123 || ch === 91) {
      stack.push({ array: ch === 91, keys: new Set(), key: undefined, expecting: true });
    } else if (closes) {
      stack.pop();
    } else if (ch === 44) {
      top!.expecting = true;
      top!.key = undefined;
    }
    // ':' and the characters of numbers and literals need nothing.
  }
  return { elementLines, duplicateKey };
}

/** Index of the quote that closes the string opening at `start`. */
function closingQuote(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === BACKSLASH) i++;
    else if (ch === QUOTE) return i;
  }
  return text.length;
}
