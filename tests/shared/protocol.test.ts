import { describe, expect, it } from "vitest";
import {
  type Crossing,
  isReservedName,
  joinCodeSchema,
  nicknameSchema,
  nicknameSkeleton,
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

  it("sends a busy link's identical crossings as one record with a count, and unpacks every one", () => {
    const at = (link: number, kind: Crossing["kind"], arrive: number, n: number): Crossing[] =>
      Array.from({ length: n }, () => ({
        link,
        reverse: false,
        kind,
        enter: 50,
        arrive,
        corrupt: false,
        encrypted: false,
      }));
    const one = at(7, "chunk", 53, 1);
    const crowd = [...at(7, "chunk", 53, 300), ...at(8, "request", 52, 40), ...at(7, "chunk", 54, 2)];
    const rest = (c: Crossing) => {
      const { enter: _enter, ...r } = c;
      return r;
    };
    const packed = packTransitTick(50, crowd.map(rest));
    // 300 identical crossings: two records (255 + 45); 40 others: one record; the last two: one.
    expect(unpackTransits(packed)).toEqual(crowd);
    expect(packed.length).toBeLessThan(`50:`.length + 4 * 8);
    // A lone crossing costs what it always did: four bytes, no count.
    expect(packTransitTick(50, one.map(rest))).toHaveLength(`50:`.length + 8);
    // Grouping keeps different crossings apart: the same link at another arrival is its own record.
    expect(
      unpackTransits(packTransitTick(50, [...at(7, "chunk", 53, 3), ...at(7, "chunk", 54, 1)].map(rest))),
    ).toEqual([...at(7, "chunk", 53, 3), ...at(7, "chunk", 54, 1)]);
    // Packing again after others gives the same text: nothing of one tick's packing leaks into the next.
    expect(packTransitTick(50, crowd.map(rest))).toBe(packed);
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

describe("nickname skeleton", () => {
  const message = (n: string) => nicknameSchema.safeParse(n).error?.issues[0]?.message;
  // Look-alikes are written as escapes: on screen they are indistinguishable from the Latin letter.
  const CYRILLIC_A = "\u0410";
  const CYRILLIC_EN = "\u041d";
  const CYRILLIC_DZE = "\u0405";
  const CYRILLIC_I = "\u0456";
  const GREEK_ETA = "\u0397";
  const GREEK_OMICRON = "\u03bf";

  it("folds full width, case, accents, look-alike scripts, 0 and 1, and separators", () => {
    expect(nicknameSkeleton("Ｄｍｉｔｒｉ")).toBe(nicknameSkeleton("Dmitri"));
    expect(nicknameSkeleton("H0st")).toBe("host");
    expect(nicknameSkeleton(`${CYRILLIC_EN}ost`)).toBe("host");
    expect(nicknameSkeleton(`${GREEK_ETA}ost`)).toBe("host");
    expect(nicknameSkeleton("Bot_1")).toBe("bot l");
    expect(nicknameSkeleton("  José  ")).toBe("jose");
  });

  it("refuses impostors of the host, a bot or a node however they are spelt", () => {
    for (const n of [
      "H0st",
      `${CYRILLIC_EN}ost`,
      `${GREEK_ETA}ost`,
      `B${GREEK_OMICRON}t 1`,
      "Teacher",
      "ＨＯＳＴ",
      "Bot1",
      "B0t1",
      "Bot_1",
      `${CYRILLIC_DZE}erver 2`,
      "Adrnin", // "rn" reads as "m"
    ]) {
      expect(isReservedName(n), n).toBe(true);
      expect(message(n), n).toMatch(/belongs to the host, a bot or a node/);
    }
  });

  it("keeps innocent names, in any script", () => {
    for (const n of [
      "Amara",
      "Dmitri",
      "Zoë",
      "José",
      "Łukasz",
      "Oliver",
      "Nikolai",
      "Анна",
      "Σοφία",
      "李明",
      "Seba",
      "Serveria", // "server" followed by a letter is a name
      "Rooter", // not "router"
      "Hosting",
      "Peerless",
      "がく",
    ]) {
      expect(isReservedName(n), n).toBe(false);
      expect(message(n), n).toBeUndefined();
    }
  });

  it("gives look-alike names one skeleton", () => {
    for (const [a, b] of [
      ["Dmitri", "Ｄｍｉｔｒｉ"],
      ["Amara", `${CYRILLIC_A}mara`],
      ["Nikolai", `Nikola${CYRILLIC_I}`],
      ["Bot_1", "bot 1"],
      ["Ana-Maria", "ana maria"],
      ["Zoe", "Zoë"],
      ["Oliver", "0liver"],
      ["Ian", "lan"], // capital I and small l are one stroke in sans-serif
      ["Emma", "Ernma"],
      ["Strauss", "STRAUß"],
      ["ΣΟΦΙΑΣ", "σοφιας"], // final sigma folds with sigma
    ])
      expect(nicknameSkeleton(a!), `${a} / ${b}`).toBe(nicknameSkeleton(b!));
  });

  it("keeps different names apart", () => {
    for (const [a, b] of [
      ["Seb", "Seed"],
      ["Seba", "Seed"],
      ["Anna", "Анна"], // Cyrillic н is a small capital H, not an n
      ["Anna", "Anne"],
      ["Dmitri", "Dmitry"],
      ["Σοφία", "Sofia"],
      ["李明", "李朋"],
      ["がく", "かく"], // a voicing mark makes another syllable, not an accent
      ["Sam", "S4m"], // leetspeak is not a look-alike
    ])
      expect(nicknameSkeleton(a!), `${a} / ${b}`).not.toBe(nicknameSkeleton(b!));
  });
});
