// The bindings' one limb codec (bindings/src/_io.ts) against plain BigInt: every writer stores
// the two's complement limbs of its value and every reader gives the value back, on the IO
// region views and on the hot whole-memory views alike, for values at every limb edge.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init } from "../bindings/index.js";
import { core, getFast, getIntFast, hotCore, putFast, r128, r160, r256, rI32, rInt256, w128, w160, w256 } from "../bindings/src/_io.js";

beforeAll(async () => {
  await init();
});

const limbsOf = (v: bigint, n: number) => Array.from({ length: n }, (_, i) => BigInt.asUintN(64, v >> BigInt(64 * i)));
const AT = 20; // a limb index inside IO away from 0, so an offset mistake shows

// values near 0, 2^53, 2^64, 2^128, 2^160 and 2^255 of both signs
const edge = (bits: number) =>
  fc.tuple(fc.constantFrom(0, 1, 52, 53, 63, 64, 65, 127, 128, 159, 192, 254, 255).filter((b) => b < bits), fc.integer({ min: -2, max: 2 }), fc.boolean())
    .map(([b, d, neg]) => (neg ? -1n : 1n) * ((1n << BigInt(b)) + BigInt(d)));
const int256 = fc.oneof(fc.bigInt(-(1n << 255n), (1n << 255n) - 1n), fc.bigInt(-(1n << 70n), 1n << 70n), edge(256))
  .filter((v) => v >= -(1n << 255n) && v < 1n << 255n);
const RUNS = { numRuns: 3000, seed: 18 };

describe("the limb codec", () => {
  it("w256 / putFast store an int256's two's complement limbs; r256, rInt256, getFast, getIntFast read it back", () => {
    fc.assert(
      fc.property(int256, (v) => {
        const c = core(), h = hotCore();
        const want = limbsOf(v, 4);
        c.io.fill(0xdeadn, AT - 1, AT + 5);
        w256(c.io, AT, v);
        expect([...c.io.subarray(AT, AT + 4)]).toEqual(want);
        expect(c.io[AT - 1]).toBe(0xdeadn); // nothing outside the four limbs
        expect(c.io[AT + 4]).toBe(0xdeadn);
        expect(rInt256(c.io, AT, c.io32)).toBe(v);
        expect(r256(c.io, AT, c.io32)).toBe(BigInt.asUintN(256, v));
        expect(r256(c.io, AT)).toBe(BigInt.asUintN(256, v));
        c.io.fill(0xbeefn, AT, AT + 4);
        putFast(h, h.io + AT, v);
        expect([...c.io.subarray(AT, AT + 4)]).toEqual(want);
        expect(getIntFast(h, h.io + AT)).toBe(v);
        expect(getFast(h, h.io + AT, 4)).toBe(BigInt.asUintN(256, v));
      }),
      RUNS,
    );
  });

  it("w128 / w160 write only their limbs; r128 / r160 / getFast read them", () => {
    const u = (bits: number) => fc.oneof(fc.bigInt(0n, (1n << BigInt(bits)) - 1n), edge(bits).map((v) => (v < 0n ? -v : v)).filter((v) => v < 1n << BigInt(bits)));
    fc.assert(
      fc.property(u(128), u(160), fc.bigInt(-(1n << 127n), (1n << 127n) - 1n), (a, b, s) => {
        const c = core(), h = hotCore();
        c.io.fill(0xdeadn, AT, AT + 6);
        w128(c.io, AT, a);
        expect([...c.io.subarray(AT, AT + 3)]).toEqual([...limbsOf(a, 2), 0xdeadn]);
        expect(r128(c.io, AT, c.io32)).toBe(a);
        expect(r128(c.io, AT)).toBe(a);
        expect(getFast(h, h.io + AT, 2)).toBe(a);
        w128(c.io, AT, s); // an int128 as two's complement
        expect([...c.io.subarray(AT, AT + 2)]).toEqual(limbsOf(s, 2));
        expect(BigInt.asIntN(128, r128(c.io, AT, c.io32))).toBe(s);
        c.io.fill(0xdeadn, AT, AT + 6);
        w160(c.io, AT, b);
        expect([...c.io.subarray(AT, AT + 4)]).toEqual([...limbsOf(b, 3), 0xdeadn]);
        expect(r160(c.io, AT, c.io32)).toBe(b);
        expect(r160(c.io, AT)).toBe(b);
        expect(getFast(h, h.io + AT, 3)).toBe(b);
      }),
      RUNS,
    );
  });

  it("rI32 reads a sign-extended i32 limb as a number", () => {
    const c = core();
    for (const t of [0, 1, -1, 887272, -887272, 2 ** 31 - 1, -(2 ** 31)]) {
      c.io[AT] = BigInt.asUintN(64, BigInt(t));
      expect(rI32(c.io32, AT)).toBe(t);
    }
  });
});
