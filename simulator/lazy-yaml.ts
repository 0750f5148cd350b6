/**
 * The YAML parser, loaded on first use: it is ~70 modules (~75 ms to load through tsx), and a
 * run on a JSON plan and a binary capture never needs it.
 */
import type * as Yaml from "yaml";

let loaded: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  return (loaded ??= require("yaml") as typeof Yaml);
}
