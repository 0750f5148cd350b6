import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Acs3AuthorizationParser, parseAcs3Authorization } from "../../../../emulator/http/acs3-signature";
import { checkSigningTime } from "../../../../emulator/http/signature-timestamp";

const SIGNED = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";

/** The full parse's answer, or the error code it throws. */
function outcome(parse: (header: string) => unknown, header: string): unknown {
  try {
    return parse(header);
  } catch (error) {
    return { threw: (error as { code?: unknown }).code };
  }
}

describe("Acs3AuthorizationParser (remembered scopes)", () => {
  // Few scopes, so a scope is often seen again with another tail; some tails hide more parts.
  const scope = fc.constantFrom(
    `ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=${SIGNED}`,
    `ACS3-HMAC-SHA256 SignedHeaders=${SIGNED}, Credential = AK2 `,
    `ACS3-HMAC-SHA256 Credential=AK1,Signature=zz,SignedHeaders=${SIGNED}`,
    "ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host;x-acs-date",
    `ACS3-HMAC-SM3 Credential=AK1,SignedHeaders=${SIGNED}`,
  );
  const tail = fc.constantFrom("aa", "bb", " cc ", "", " ", "d,e", "d, Signature=f", "x,Credential=AK9", "y,SignedHeaders=host");
  const header = fc.oneof(
    fc.tuple(scope, tail).map(([s, t]) => `${s},Signature=${t}`),
    fc.tuple(scope, tail).map(([s, t]) => `${s}, Signature=${t}`),
    scope,
  );
  it("answers every header exactly as the full parse does, whatever came before", () => {
    fc.assert(
      fc.property(fc.array(header, { minLength: 1, maxLength: 30 }), (headers) => {
        const parser = new Acs3AuthorizationParser(4);
        for (const h of headers) expect(outcome((x) => parser.parse(x), h)).toEqual(outcome(parseAcs3Authorization, h));
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it("takes the signature from each header, and the caller from its own scope", () => {
    const parser = new Acs3AuthorizationParser();
    const scope = (ak: string): string => `ACS3-HMAC-SHA256 Credential=${ak},SignedHeaders=${SIGNED}`;
    expect(parser.parse(`${scope("AK1")},Signature=aa`).signature).toBe("aa");
    expect(parser.parse(`${scope("AK1")},Signature=bb`)).toEqual({ accessKeyId: "AK1", signedHeaders: SIGNED.split(";"), signature: "bb" });
    expect(parser.parse(`${scope("AK2")},Signature=bb`).accessKeyId).toBe("AK2");
    expect(() => parser.parse(`${scope("AK1")},Signature=`)).toThrow(expect.objectContaining({ code: "IncompleteSignature" }));
  });
});

describe("checkSigningTime (last text remembered)", () => {
  const at = Date.parse("2026-03-01T12:00:00Z");

  it("still checks the window of a remembered text against each call's clock", () => {
    expect(checkSigningTime("x-acs-date", "2026-03-01T12:00:00Z", at)).toBe(at);
    expect(checkSigningTime("x-acs-date", "2026-03-01T12:00:00Z", at + 15 * 60_000)).toBe(at);
    expect(() => checkSigningTime("x-acs-date", "2026-03-01T12:00:00Z", at + 15 * 60_000 + 1)).toThrow(
      expect.objectContaining({ code: "InvalidTimeStamp.Expired" }),
    );
  });

  it("does not let a remembered text vouch for a malformed one", () => {
    expect(checkSigningTime("x-acs-date", "2026-03-01T12:00:00Z", at)).toBe(at);
    for (const bad of ["2026-03-01T12:00:00", "2026-03-01 12:00:00Z", "2026-13-01T12:00:00Z", ""]) {
      expect(() => checkSigningTime("x-acs-date", bad, at)).toThrow(expect.objectContaining({ httpStatus: 400 }));
    }
    expect(checkSigningTime("x-acs-date", "2026-03-01T12:00:01Z", at)).toBe(at + 1000);
  });
});
