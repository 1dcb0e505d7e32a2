import { describe, expect, it } from "vitest";
import { Coalescer } from "./coalescer";

/** A coalescer whose batches finish only when the test says so, recording each batch's items. */
function gate(maxInFlight: number, maxBatch = 64, windowMs = 1) {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const coalescer = new Coalescer<number, string>(
    (items) => {
      batches.push(items);
      return new Promise((resolve) => finish.push(() => resolve(items.map((i) => Promise.resolve(`answer ${i}`)))));
    },
    { windowMs, maxBatch, maxInFlight },
  );
  return { batches, finish, submit: (item: number) => coalescer.submit(item) };
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));
const nextTurn = () => new Promise((r) => setImmediate(r));

describe("the coalescer", () => {
  it("lets the next batch gather while the allowed batches are at work, then hands it over whole", async () => {
    const { batches, finish, submit } = gate(1);
    const first = submit(1);
    await tick();
    expect(batches).toEqual([[1]]);
    // Their windows close while the first batch is at work: they wait, and gather.
    const later = [2, 3, 4, 5].map((i) => submit(i));
    await tick();
    await tick();
    expect(batches).toEqual([[1]]);
    finish[0]!();
    expect(await first).toBe("answer 1");
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    finish[1]!();
    expect(await Promise.all(later)).toEqual(["answer 2", "answer 3", "answer 4", "answer 5"]);
  });

  it("runs up to maxInFlight batches side by side, and never more than maxBatch in one", async () => {
    const { batches, finish, submit } = gate(2, 3);
    const answers = [submit(1)];
    await tick();
    answers.push(submit(2));
    await tick();
    expect(batches).toEqual([[1], [2]]);
    for (const i of [3, 4, 5, 6, 7]) answers.push(submit(i));
    await tick();
    expect(batches).toHaveLength(2);
    finish[0]!();
    await tick();
    expect(batches).toEqual([[1], [2], [3, 4, 5]]);
    finish[1]!();
    await tick();
    expect(batches).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    finish[2]!();
    finish[3]!();
    expect(await Promise.all(answers)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `answer ${i}`));
  });

  it("hands a lone request over with nothing at work, and the next one after it", async () => {
    const { batches, finish, submit } = gate(1);
    const answer = submit(9);
    await tick();
    expect(batches).toEqual([[9]]);
    finish[0]!();
    expect(await answer).toBe("answer 9");
    // Its window long closed, the next request opens a window of its own.
    const next = submit(10);
    await tick();
    expect(batches).toEqual([[9], [10]]);
    finish[1]!();
    expect(await next).toBe("answer 10");
  });

  it("with nothing at work, hands requests over in the next turn with their same-turn company, not after the window", async () => {
    const { batches, finish, submit } = gate(2, 64, 300);
    const answers = [submit(1), submit(2)];
    await nextTurn();
    expect(batches).toEqual([[1, 2]]);
    // A batch is at work: the next request waits its window for company.
    answers.push(submit(3));
    await tick(50);
    expect(batches).toEqual([[1, 2]]);
    await tick(400);
    expect(batches).toEqual([[1, 2], [3]]);
    finish[0]!();
    finish[1]!();
    expect(await Promise.all(answers)).toEqual(["answer 1", "answer 2", "answer 3"]);
  });
});
