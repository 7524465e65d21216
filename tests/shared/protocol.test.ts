import { describe, expect, it } from "vitest";
import {
  type Crossing,
  joinCodeSchema,
  nicknameSchema,
  PACKET_KINDS,
  packTransitTick,
  unpackTransits,
} from "../../shared/index";

describe("wire protocol", () => {
  it("packs and unpacks packet crossings exactly, several ticks at once", () => {
    const a: Crossing[] = PACKET_KINDS.map((kind, i) => ({
      link: i * 300 + 7,
      reverse: i % 2 === 1,
      kind,
      enter: 1234,
      arrive: 1234 + i + 1,
      corrupt: i === 1,
      encrypted: i === 2,
    }));
    const b: Crossing[] = [
      { link: 3, reverse: false, kind: "chunk", enter: 1235, arrive: 1300, corrupt: false, encrypted: true },
    ];
    const packed = `${packTransitTick(1234, a)} ${packTransitTick(1235, b)}`;
    expect(unpackTransits(packed)).toEqual([...a, ...b]);
    expect(packed.length).toBeLessThan(60);
  });

  it("ignores garbage instead of throwing", () => {
    expect(unpackTransits("")).toEqual([]);
    expect(unpackTransits("nonsense :: 12:@@@@")).toEqual([]);
  });

  it("join codes avoid characters a class misreads, and nicknames are checked", () => {
    expect(joinCodeSchema.safeParse("ab3cd").success).toBe(false); // B is not in the alphabet
    expect(joinCodeSchema.parse(" acd3e ")).toBe("ACD3E");
    expect(joinCodeSchema.safeParse("AC0DE").success).toBe(false);
    expect(nicknameSchema.safeParse("Zoë 7").success).toBe(true);
    expect(nicknameSchema.safeParse("").success).toBe(false);
    expect(nicknameSchema.safeParse("a".repeat(17)).success).toBe(false);
    expect(nicknameSchema.safeParse("<script>").success).toBe(false);
  });

  it("refuses offensive nicknames however they are spelt, and keeps innocent ones", () => {
    const refused = (n: string) => nicknameSchema.safeParse(n).error?.issues[0]?.message;
    for (const n of ["fuck", "FuCk you", "f.u c-k", "5h1t", "Shït", "big dick", "B1tch", "Nazi 4"])
      expect(refused(n), n).toBe("that nickname is not allowed: choose another");
    for (const n of ["Dickens", "Essex", "Cassie", "Grape", "Zoë 7", "Mia", "Ali", "Arsenal", "Hélène"])
      expect(refused(n), n).toBeUndefined();
  });

  it("refuses names that pass for the host, a bot or a node of the map", () => {
    for (const n of ["Host", "host", "Teacher", "Bot 3", "autopilot", "Server 1", "Router", "Seed 2", "Peer"])
      expect(nicknameSchema.safeParse(n).error?.issues[0]?.message, n).toMatch(
        /belongs to the host, a bot or a node/,
      );
    for (const n of ["Hostess", "Botanist", "Serverus", "Peerless"])
      expect(nicknameSchema.safeParse(n).success, n).toBe(true);
  });
});
