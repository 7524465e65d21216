/**
 * The strip of failure banners: failures beginning together each get read. Two show at once; a newer
 * one pushes the oldest out only once that has been up for the reading time, otherwise it waits.
 */
import { describe, expect, it } from "vitest";
import { BannerStrip } from "../../game-client/src/ui/banner-strip";

const READ = 4000;
const strip = () => new BannerStrip<string>(2, READ, 3);

describe("failure banners", () => {
  it("shows banners while there is room", () => {
    const s = strip();
    expect(s.add("hole", 0)).toEqual({ show: ["hole"], hide: [], next: null });
    expect(s.add("crash", 10)).toEqual({ show: ["crash"], hide: [], next: null });
    expect(s.shown).toEqual(["hole", "crash"]);
  });

  it("keeps three failures of one tick each up for the reading time", () => {
    const s = strip();
    s.add("hole for the hub", 0);
    s.add("crash", 0);
    // The third waits until the first has been read, instead of pushing it out at once.
    expect(s.add("hole for the swarm", 0)).toEqual({ show: [], hide: [], next: READ });
    expect(s.shown).toEqual(["hole for the hub", "crash"]);
    expect(s.turn(READ - 1)).toEqual({ show: [], hide: [], next: READ });
    expect(s.turn(READ)).toEqual({ show: ["hole for the swarm"], hide: ["hole for the hub"], next: null });
    expect(s.shown).toEqual(["crash", "hole for the swarm"]);
  });

  it("pushes out a banner already read at once", () => {
    const s = strip();
    s.add("a", 0);
    s.add("b", 5000);
    expect(s.add("c", 6000)).toEqual({ show: ["c"], hide: ["a"], next: null });
  });

  it("shows a waiting banner as soon as one ends", () => {
    const s = strip();
    s.add("a", 0);
    s.add("b", 0);
    s.add("c", 0);
    // "b" ended early (a teacher's banner with a short time): "c" takes its place at once.
    expect(s.remove("b", 1000)).toEqual({ show: ["c"], hide: ["b"], next: null });
    expect(s.shown).toEqual(["a", "c"]);
  });

  it("says when the next waiting banner's turn comes, one at a time", () => {
    const s = strip();
    s.add("a", 0);
    s.add("b", 1000);
    s.add("c", 1000);
    s.add("d", 1000);
    expect(s.turn(READ)).toEqual({ show: ["c"], hide: ["a"], next: 1000 + READ });
    expect(s.turn(1000 + READ)).toEqual({ show: ["d"], hide: ["b"], next: null });
    expect(s.waiting).toEqual([]);
  });

  it("drops the oldest waiting banner beyond the queue's length", () => {
    const s = strip();
    for (const b of ["a", "b", "c", "d", "e"]) s.add(b, 0);
    expect(s.waiting).toEqual(["c", "d", "e"]);
    expect(s.add("f", 0)).toEqual({ show: [], hide: ["c"], next: READ });
    expect(s.waiting).toEqual(["d", "e", "f"]);
  });

  it("takes a banner out of the queue before it shows", () => {
    const s = strip();
    s.add("a", 0);
    s.add("b", 0);
    s.add("c", 0);
    expect(s.remove("c", 10)).toEqual({ show: [], hide: ["c"], next: null });
    expect(s.remove("c", 20)).toEqual({ show: [], hide: [], next: null });
  });

  it("drops a banner for room without showing what waits, until the next turn", () => {
    const s = strip();
    s.add("a", 0);
    s.add("b", 0);
    s.add("c", 0);
    expect(s.drop("a")).toBe(true);
    expect(s.shown).toEqual(["b"]);
    expect(s.turn(10)).toEqual({ show: ["c"], hide: [], next: null });
  });

  it("lets a two-line banner fill the strip: the next waits until it has been read", () => {
    // The strip is two lines high; a long banner takes both (the security hole's on a projector).
    const lines = (b: string) => (b.startsWith("long") ? 2 : 1);
    const s = new BannerStrip<string>(
      2,
      READ,
      3,
      (up, item) => up.reduce((n, b) => n + lines(b), lines(item)) <= 2,
    );
    s.add("long: a security hole is out", 0);
    expect(s.add("crash", 100)).toEqual({ show: [], hide: [], next: READ });
    expect(s.turn(READ)).toEqual({ show: ["crash"], hide: ["long: a security hole is out"], next: null });
    // Two short ones share it; a long one waits for the older of them.
    expect(s.add("cut", READ + 10).show).toEqual(["cut"]);
    expect(s.add("long: flood", READ + 20)).toEqual({ show: [], hide: [], next: 2 * READ });
    // Once the first is read, one short one is still up: the long one needs both lines.
    expect(s.turn(2 * READ)).toEqual({ show: [], hide: ["crash"], next: 2 * READ + 10 });
    expect(s.turn(2 * READ + 10)).toEqual({ show: ["long: flood"], hide: ["cut"], next: null });
    // A long banner alone always shows.
    const alone = new BannerStrip<string>(2, READ, 3, () => false);
    expect(alone.add("long: anything", 0).show).toEqual(["long: anything"]);
  });

  it("clears everything when the match is over", () => {
    const s = strip();
    for (const b of ["a", "b", "c"]) s.add(b, 0);
    expect(s.clear()).toEqual(["a", "b", "c"]);
    expect(s.shown).toEqual([]);
    expect(s.add("d", 0).show).toEqual(["d"]);
  });
});
