/** One AccessKey pair the emulator accepts. */
export interface AccessKeyPair {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/**
 * The documented development pair, used when no pair is configured. It only opens a local
 * emulator; docs/emulator.md prints it so examples and tests can rely on it.
 */
export const DEV_ACCESS_KEY: AccessKeyPair = Object.freeze({
  accessKeyId: "LTAI5tEmulatorDevKey00001",
  accessKeySecret: "EmulatorDevSecret0000000000000000",
});

export class CredentialStoreError extends Error {
  readonly code = "EMULATOR_BAD_CREDENTIALS";
  constructor(message: string) {
    super(message);
    this.name = "CredentialStoreError";
  }
}

/** Looks up secrets by AccessKey id; built once from the configured pairs. */
export class CredentialStore {
  private readonly secrets = new Map<string, string>();

  constructor(pairs: readonly AccessKeyPair[]) {
    if (pairs.length === 0) throw new CredentialStoreError("At least one AccessKey pair is required, got none.");
    for (const pair of pairs) {
      if (!pair.accessKeyId || !pair.accessKeySecret) {
        throw new CredentialStoreError(
          `An AccessKey pair needs a non-empty accessKeyId and accessKeySecret, got id "${pair.accessKeyId ?? ""}".`,
        );
      }
      if (this.secrets.has(pair.accessKeyId)) {
        throw new CredentialStoreError(`AccessKey id "${pair.accessKeyId}" is configured twice.`);
      }
      this.secrets.set(pair.accessKeyId, pair.accessKeySecret);
    }
  }

  secretFor(accessKeyId: string): string | undefined {
    return this.secrets.get(accessKeyId);
  }
}
