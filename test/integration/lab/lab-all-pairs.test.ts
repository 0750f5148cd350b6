/** nat-instance and multi-eni: see all-pairs-check.ts. Split from the other examples to keep each file short. */
import { afterAll, afterEach, describe, it } from "vitest";
import { expectAllPairsAgree } from "./all-pairs-check";
import { LAB_SKIP_REASON, LabFixture, suiteName } from "./lab-helpers";

const fixture = new LabFixture("ap");
afterEach(() => fixture.teardown());
afterAll(() => fixture.remove());

describe.skipIf(LAB_SKIP_REASON !== undefined)(suiteName("lab: every address pair of an example, kernel vs model"), () => {
  it.each(["nat-instance", "multi-eni"])("%s", (example) => expectAllPairsAgree(fixture, example));
});
