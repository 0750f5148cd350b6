/**
 * The string path of the CSV reader: one line split into fields by RFC 4180 rules (quoted fields
 * may hold commas and doubled quotes; a field cannot span lines). Used for the header and for
 * the rare line the byte path does not take, so clarity matters more than speed here.
 */
import { TrafficFormatError } from "./errors";

const QUOTE = 34;
const COMMA = 44;

/** Where the line is, for errors. */
export interface CsvPlace {
  readonly file: string;
  readonly line: number;
}

/** RFC 4180 fields on one line: quoted fields may hold commas and doubled quotes. */
export function splitCsvLine(state: CsvPlace, text: string): string[] {
  const values: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = "";
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0) throw csvSyntax(state, "a closing double quote before the end of the line", text.slice(i));
        value += text.slice(j, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      values.push(value);
      if (i >= text.length) return values;
      if (text.charCodeAt(i) !== COMMA) throw csvSyntax(state, "a comma after a closing quote", text.slice(i));
      i++;
    } else {
      const comma = text.indexOf(",", i);
      if (comma < 0) {
        values.push(text.slice(i));
        return values;
      }
      values.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

function csvSyntax(state: CsvPlace, expected: string, found: string): TrafficFormatError {
  return new TrafficFormatError({ code: "BAD_FLOW_LOG", file: state.file, at: { line: state.line }, expected, found: JSON.stringify(found.slice(0, 40)) });
}
