/**
 * A CommandRunner that keeps a set of namespaces the way `ip netns` would and records every
 * command; `failWhen` makes one command fail, to test what `up` leaves behind.
 */
import type { CommandResult, CommandRunner, RunOptions } from "../../../simulator/lab/command-runner";

export class FakeRunner implements CommandRunner {
  readonly namespaces = new Set<string>();
  readonly commands: string[] = [];
  constructor(private readonly failWhen: (argv: readonly string[]) => boolean = () => false) {}

  async run(argv: readonly string[], _options?: RunOptions): Promise<CommandResult> {
    this.commands.push(argv.join(" "));
    const ok = (stdout = ""): CommandResult => ({ code: 0, stdout, stderr: "", timedOut: false });
    if (this.failWhen(argv)) return { code: 2, stdout: "", stderr: "RTNETLINK answers: Operation not permitted", timedOut: false };
    if (argv[0] === "ip" && argv[1] === "netns") {
      const ns = argv[3] ?? "";
      switch (argv[2]) {
        case "list":
          return ok([...this.namespaces].map((n) => `${n} (id: 1)`).join("\n"));
        case "add":
          if (this.namespaces.has(ns)) return { code: 1, stdout: "", stderr: `Cannot create namespace file "/run/netns/${ns}": File exists`, timedOut: false };
          this.namespaces.add(ns);
          return ok();
        case "del":
          this.namespaces.delete(ns);
          return ok();
        case "pids":
          return ok("");
        default:
          return ok();
      }
    }
    return ok();
  }
}
