import { describe, expect, it } from "vitest";
import { MetadataError } from "../../../../emulator/metadata/metadata-errors";
import { MAX_TOKEN_TTL_SECONDS, TokenService, parseTokenTtl } from "../../../../emulator/metadata/token-service";

function service(key = Buffer.alloc(32, 7)) {
  const clock = { t: 1_700_000_000_000 };
  return { tokens: new TokenService({ now: () => clock.t, key }), clock };
}

function codeOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof MetadataError) return `${error.code}/${error.status}`;
    throw error;
  }
  throw new Error("expected a MetadataError");
}

describe("parseTokenTtl", () => {
  it.each([
    ["1", 1],
    ["60", 60],
    [" 21600 ", 21600],
    [["300"], 300],
  ])("%j → %d seconds", (header, ttl) => {
    expect(parseTokenTtl(header)).toBe(ttl);
  });

  it.each([
    ["0"], ["21601"], ["-5"], ["1.5"], ["abc"], [""], ["1e3"], ["9999999"], [["60", "60"]],
  ])("refuses %j with 400, naming the header and the range", (header) => {
    expect(codeOf(() => parseTokenTtl(header))).toBe("TOKEN_TTL_INVALID/400");
    expect(() => parseTokenTtl(header)).toThrow(/X-aliyun-ecs-metadata-token-ttl-seconds must be an integer from 1 to 21600/);
  });

  it("refuses a missing header with its own code", () => {
    expect(codeOf(() => parseTokenTtl(undefined))).toBe("TOKEN_TTL_MISSING/400");
  });
});

describe("TokenService", () => {
  it("issues a token valid for its instance until its TTL has passed", () => {
    const { tokens, clock } = service();
    const issued = tokens.issue("i-a", 10);
    expect(issued.expiresAt).toBe(clock.t + 10_000);
    expect(tokens.verify(issued.token, "i-a")).toBe("valid");
    clock.t += 9_999;
    expect(tokens.verify(issued.token, "i-a")).toBe("valid");
    clock.t += 1;
    expect(tokens.verify(issued.token, "i-a")).toBe("expired");
  });

  it("binds a token to one instance, expired or not", () => {
    const { tokens, clock } = service();
    const { token } = tokens.issue("i-a", 60);
    expect(tokens.verify(token, "i-b")).toBe("not-for-this-instance");
    clock.t += 61_000;
    expect(tokens.verify(token, "i-b")).toBe("not-for-this-instance");
    expect(tokens.verify(token, "i-a")).toBe("expired");
  });

  it("issues any number of distinct tokens per instance, all valid", () => {
    const { tokens } = service();
    const many = Array.from({ length: 200 }, () => tokens.issue("i-a", MAX_TOKEN_TTL_SECONDS).token);
    expect(new Set(many).size).toBe(200);
    expect(many.every((t) => tokens.verify(t, "i-a") === "valid")).toBe(true);
  });

  it("refuses tokens of another key, tampered tokens and garbage", () => {
    const { tokens } = service();
    const { tokens: other } = service(Buffer.alloc(32, 9));
    const { token } = tokens.issue("i-a", 60);
    expect(other.verify(token, "i-a")).toBe("not-for-this-instance");
    // Pushing the expiry out breaks the signature.
    const [expiry, nonce, mac] = token.split(".") as [string, string, string];
    const later = (parseInt(expiry, 36) + 3_600_000).toString(36);
    expect(tokens.verify(`${later}.${nonce}.${mac}`, "i-a")).toBe("not-for-this-instance");
    for (const bad of ["", "abc", `${token}x`, `${expiry}.${nonce}`, token.toUpperCase()]) {
      expect(["malformed", "not-for-this-instance"]).toContain(tokens.verify(bad, "i-a"));
    }
    expect(tokens.verify("", "i-a")).toBe("malformed");
  });

  it.each([0, 21601, 1.5, Number.NaN])("refuses to issue with TTL %s", (ttl) => {
    const { tokens } = service();
    expect(codeOf(() => tokens.issue("i-a", ttl))).toBe("TOKEN_TTL_INVALID/400");
  });

  it("gives tokens from a random key per service when none is injected", () => {
    const a = new TokenService();
    const b = new TokenService();
    expect(b.verify(a.issue("i-a", 60).token, "i-a")).toBe("not-for-this-instance");
  });
});
