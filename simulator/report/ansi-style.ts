/** The few tones the terminal table uses, and their ANSI SGR codes. */
export type Tone = "plain" | "bad" | "good" | "warn" | "muted" | "strong";

function sgr(tone: Tone): readonly [string, string] | undefined {
  switch (tone) {
    case "plain":
      return undefined;
    case "bad":
      return ["\u001b[31m", "\u001b[39m"];
    case "good":
      return ["\u001b[32m", "\u001b[39m"];
    case "warn":
      return ["\u001b[33m", "\u001b[39m"];
    case "muted":
      return ["\u001b[2m", "\u001b[22m"];
    case "strong":
      return ["\u001b[1m", "\u001b[22m"];
    default: {
      const unreachable: never = tone;
      return unreachable;
    }
  }
}

/** Wrap already padded text in a tone; a no-op without colour so widths never depend on it. */
export function paint(text: string, tone: Tone, color: boolean): string {
  if (!color) return text;
  const codes = sgr(tone);
  return codes === undefined ? text : codes[0] + text + codes[1];
}
