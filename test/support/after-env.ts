import { resetHarness } from "./harness";

beforeEach(() => {
  resetHarness();
});
