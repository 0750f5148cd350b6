import { readFileSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export class StateFileError extends Error {
  readonly code = "EMULATOR_BAD_STATE_FILE";
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`State file ${file}: ${detail}`);
    this.name = "StateFileError";
  }
}

/**
 * Reads a --state file at start-up. A missing file is not an error (the emulator starts from
 * the seed and creates it); anything else unreadable is, naming the file, so a corrupt state is
 * never silently replaced by a fresh seed.
 */
export function readStateFile(path: string): unknown | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(path, `cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new StateFileError(path, `is not valid JSON (${(error as Error).message}); fix or delete it to start from the seed.`);
  }
}

let tempCounter = 0;

/**
 * temp file in the same directory → write → fsync → rename over the target → fsync the
 * directory. After it resolves the new content survives a crash or kill -9; before, the old
 * content is intact (rename is atomic within one file system).
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
  const handle = await open(temp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Persists the store after mutations. Concurrent callers are coalesced: a caller waits for a
 * write that *starts after* its mutation (the snapshot is taken when a write starts), so
 * every acknowledged mutation is on disk, with at most one write running and one queued.
 */
export class StateFileWriter {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    readonly path: string,
    private readonly snapshot: () => unknown,
  ) {}

  persist(): Promise<void> {
    if (this.queued !== null) return this.queued;
    if (this.running === null) return this.start();
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  /** Resolves when no write is running or queued (used by close()). */
  async idle(): Promise<void> {
    while (this.running !== null || this.queued !== null) {
      await (this.queued ?? this.running)?.catch(() => undefined);
    }
  }

  private start(): Promise<void> {
    const text = JSON.stringify(this.snapshot()) + "\n";
    const write = writeFileAtomically(this.path, text).finally(() => {
      if (this.running === write) this.running = null;
    });
    this.running = write;
    return write;
  }
}
