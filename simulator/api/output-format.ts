/** --format's values, apart from the renderers so the CLI can declare the option without loading them. */
import { UsageError } from "../errors";

export const OUTPUT_FORMATS = ["table", "json", "html"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseOutputFormat(text: string): OutputFormat {
  const format = OUTPUT_FORMATS.find((f) => f === text);
  if (!format) throw new UsageError("INVALID_OPTION", `--format "${text}" is not supported; allowed: ${OUTPUT_FORMATS.join(", ")}`);
  return format;
}
