import { instanceState } from "../../../miniprogram/core/instance-state";

describe("instanceState", () => {
  test("each instance has its own state, created on first use", () => {
    const states = instanceState(() => ({ count: 0 }));
    const a = {};
    const b = {};
    states.of(a).count += 1;
    states.of(a).count += 1;
    expect(states.of(a).count).toBe(2);
    expect(states.of(b).count).toBe(0);
  });

  test("without a default, an instance has no state until it is given one", () => {
    const states = instanceState<{ roomId: number }>();
    const page = {};
    expect(states.peek(page)).toBeUndefined();
    const given = states.set(page, { roomId: 12 });
    expect(states.peek(page)).toBe(given);
    expect(states.set(page, { roomId: 15 })).toEqual({ roomId: 15 });
    expect(states.peek(page)).toEqual({ roomId: 15 });
  });

  test("peek never creates", () => {
    const states = instanceState(() => ({ n: 1 }));
    const host = {};
    expect(states.peek(host)).toBeUndefined();
    expect(states.of(host)).toEqual({ n: 1 });
    expect(states.peek(host)).toEqual({ n: 1 });
  });
});
