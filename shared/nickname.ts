/**
 * What a nickname may not be: offensive, or someone it is not (the host, a bot, a node of the map, a
 * classmate already in the class). Checked on normalised forms, so capitals, accents, full-width
 * letters, look-alike letters from other scripts ("Нost" with a Cyrillic Н), look-alike digits ("H0st",
 * "5h1t") and spacing or punctuation ("f.u c-k") do not get a name past it. Short lists by design: they
 * stop the obvious on a projector; the host's kick is there for the rest.
 */

/** Never innocent inside a name, wherever they appear. */
const ANYWHERE = [
  "fuck",
  "fuk",
  "fck",
  "shit",
  "cunt",
  "nigg",
  "nigr",
  "fagg",
  "whore",
  "slut",
  "porn",
  "wank",
  "bitch",
  "biatch",
  "asshole",
  "arsehole",
  "dickhead",
  "bollock",
  "retard",
  "rapist",
  "pedo",
  "paedo",
  "hitler",
  "nazi",
  "kkk",
  "penis",
  "vagina",
  "dildo",
  "jizz",
  "cum5hot",
  "motherf",
];
/** Offensive as a whole word, innocent inside others ("Dickens", "Essex", "Scunthorpe" aside). */
const WHOLE_WORDS = [
  "ass",
  "arse",
  "dick",
  "cock",
  "sex",
  "sexy",
  "tits",
  "titty",
  "boob",
  "boobs",
  "piss",
  "twat",
  "prick",
  "fag",
  "spic",
  "chink",
  "kike",
  "paki",
  "tranny",
  "dyke",
  "coon",
  "rape",
  "bastard",
];
/** Names that belong to someone else on screen: the host, the bots, the map's own nodes. */
const RESERVED_WORDS = [
  "host",
  "teacher",
  "admin",
  "administrator",
  "moderator",
  "system",
  "bot",
  "autopilot",
  "server",
  "router",
  "peer",
  "seed",
  "client",
  "origin",
];

/**
 * Leetspeak the word filter sees through: wider than the skeleton's digits, since a rude word only has
 * to be readable, not to look like the real one.
 */
const LOOK_ALIKES: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "@": "a",
  $: "s",
  "!": "i",
};

/** A character-for-character table, written as code points: its two sides look alike on screen by design. */
function table(entries: ReadonlyArray<readonly [number, string]>): ReadonlyMap<string, string> {
  return new Map(entries.map(([from, to]) => [String.fromCodePoint(from), to]));
}

/**
 * Greek and Cyrillic capitals that look like a Latin capital. Mapped before lower-casing, because many
 * of their lower cases look like another letter or none: Greek Η → η reads as "n", Ν → ν as "v",
 * Cyrillic Н → н and Т → т are small capitals. So "Ηost" and "Нost" are "Host", not "ηost".
 * (From the Unicode confusables data, TR39.)
 */
const CAPITALS = table([
  [0x0391, "A"], // Greek Alpha
  [0x0392, "B"], // Greek Beta
  [0x0395, "E"], // Greek Epsilon
  [0x0396, "Z"], // Greek Zeta
  [0x0397, "H"], // Greek Eta
  [0x0399, "I"], // Greek Iota
  [0x039a, "K"], // Greek Kappa
  [0x039c, "M"], // Greek Mu
  [0x039d, "N"], // Greek Nu
  [0x039f, "O"], // Greek Omicron
  [0x03a1, "P"], // Greek Rho
  [0x03a4, "T"], // Greek Tau
  [0x03a5, "Y"], // Greek Upsilon
  [0x03a7, "X"], // Greek Chi
  [0x0410, "A"], // Cyrillic A
  [0x0412, "B"], // Cyrillic Ve
  [0x0415, "E"], // Cyrillic Ie
  [0x041a, "K"], // Cyrillic Ka
  [0x041c, "M"], // Cyrillic Em
  [0x041d, "H"], // Cyrillic En
  [0x041e, "O"], // Cyrillic O
  [0x0420, "P"], // Cyrillic Er
  [0x0421, "C"], // Cyrillic Es
  [0x0422, "T"], // Cyrillic Te
  [0x0423, "Y"], // Cyrillic U
  [0x0425, "X"], // Cyrillic Ha
]);

/**
 * Small letters that look like a Latin small letter, applied after lower-casing (so Cyrillic С, Ѕ, І,
 * Ј arrive here as с, ѕ, і, ј). The last few entries are case folding that lower-casing leaves out.
 * Deliberately not here: letters that are only a small capital (Cyrillic н, т, в, м), and σ, whose
 * likeness to "o" is weak and would turn every Greek name into noise.
 */
const SMALLS = table([
  [0x0430, "a"], // Cyrillic а
  [0x0435, "e"], // Cyrillic е
  [0x043a, "k"], // Cyrillic к
  [0x043e, "o"], // Cyrillic о
  [0x0440, "p"], // Cyrillic р
  [0x0441, "c"], // Cyrillic с
  [0x0443, "y"], // Cyrillic у
  [0x0445, "x"], // Cyrillic х
  [0x0455, "s"], // Cyrillic ѕ (dze)
  [0x0456, "i"], // Cyrillic і (Ukrainian i)
  [0x0458, "j"], // Cyrillic ј (je)
  [0x04bb, "h"], // Cyrillic һ (shha)
  [0x04cf, "l"], // Cyrillic ӏ (palochka; its capital Ӏ lower-cases to it)
  [0x0501, "d"], // Cyrillic ԁ (komi de)
  [0x051b, "q"], // Cyrillic ԛ (qa)
  [0x051d, "w"], // Cyrillic ԝ (we)
  [0x03b1, "a"], // Greek α
  [0x03b3, "y"], // Greek γ
  [0x03b7, "n"], // Greek η
  [0x03b9, "i"], // Greek ι
  [0x03ba, "k"], // Greek κ
  [0x03bd, "v"], // Greek ν
  [0x03bf, "o"], // Greek ο
  [0x03c1, "p"], // Greek ρ
  [0x03c4, "t"], // Greek τ
  [0x03c5, "u"], // Greek υ
  [0x03c7, "x"], // Greek χ
  [0x0570, "h"], // Armenian հ
  [0x0578, "n"], // Armenian ո
  [0x057d, "u"], // Armenian ս
  [0x0585, "o"], // Armenian օ
  [0x0251, "a"], // Latin ɑ (alpha)
  [0x0261, "g"], // Latin ɡ (script g)
  [0x0131, "i"], // Latin ı (dotless i)
  [0x0237, "j"], // Latin ȷ (dotless j)
  [0x01c0, "l"], // Latin ǀ (dental click, a bar)
  [0x03c2, "σ"], // Greek final ς: case folding, the same letter as σ
  [0x00df, "ss"], // German ß: case folding, as in "STRAUSS"
]);

/**
 * Digits that look like a letter, and the letter they stand for in a skeleton. 5/S and 8/B are
 * leetspeak, not look-alikes: "Sam5" is not "Sams".
 */
const DIGITS: Readonly<Record<string, string>> = { "0": "o", "1": "l" };
/** The other way round: the digit that can stand for a skeleton letter. */
const DIGIT_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(DIGITS).map(([digit, letter]) => [letter, digit]),
);

/** Invisible characters (zero-width joiners, soft hyphens…): nothing on screen, nothing in a skeleton. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/**
 * Combining marks (accents), except the kana voicing marks ゛ ゜: those make a different syllable
 * (が "ga" is not か "ka"), where an accent on a Latin, Greek or Cyrillic letter does not make a
 * different name on a class list.
 */
const ACCENTS = /(?![\u3099\u309a])\p{M}/gu;
/** Runs of spacing and the punctuation a nickname may use: "Bot_1", "bot 1" and "Bot - 1" agree. */
const SEPARATORS = /[\s_.'\u2019\p{Pd}]+/gu;

function mapEach(text: string, map: ReadonlyMap<string, string>): string {
  return Array.from(text, (c) => map.get(c) ?? c).join("");
}

/**
 * Full-width and styled forms to plain ones, cross-script look-alikes to Latin, lower case
 * (locale-independent), accents off. The common ground of the word filter and the skeleton.
 */
function latinLookAlikes(name: string): string {
  const plain = name.normalize("NFKD").replace(INVISIBLE, "");
  const lowered = mapEach(plain, CAPITALS).toLowerCase().replace(ACCENTS, "");
  return mapEach(lowered, SMALLS);
}

/**
 * The skeleton before look-alike digits become letters (the reserved-name check needs to tell "Bot1"
 * from "Botl"). Latin look-alikes within the script: I/l/i/| are one letter (a capital I and a small l
 * are the same stroke in most sans-serif fonts), "rn" is "m" and "vv" is "w".
 */
function letterSkeleton(name: string): string {
  return latinLookAlikes(name)
    .replace(/[il|]/g, "l")
    .replace(/rn/g, "m")
    .replace(/vv/g, "w")
    .replace(SEPARATORS, " ")
    .trim();
}

/**
 * A nickname's confusable skeleton, after Unicode TR39: what is left of a name once everything that can
 * make two names look alike on a projector is folded away — full-width forms, case, accents, Greek and
 * Cyrillic letters that look Latin ("Аmara" with a Cyrillic А), 0 for o, 1 for l, and spacing and
 * punctuation ("Bot_1" is "bot 1"). For comparison only, never for display.
 *
 * Deliberately stricter than what a reader sees: two names with the same skeleton are the same name to
 * a classroom (uniqueness, the kicked list, reserved names), even when a careful reader could tell them
 * apart ("Ian" and "lan", "Emma" and "Ernma"). A class picks another nickname; nobody is impersonated.
 */
export function nicknameSkeleton(name: string): string {
  return letterSkeleton(name).replace(/[01]/g, (d) => DIGITS[d] ?? d);
}

/**
 * A reserved word as a pattern over skeleton letters, where a letter that a look-alike digit can stand
 * for also matches that digit: "host" → "h[o0]st".
 */
function spelledWithDigits(word: string): string {
  return Array.from(letterSkeleton(word), (c) => {
    const digit = DIGIT_OF.get(c);
    return digit ? `[${c}${digit}]` : c;
  }).join("");
}

/**
 * A reserved word at the start of the skeleton, followed by a space, a digit or the end ("Bot 3",
 * "B0t1", "Host") but not by a letter ("Hostess", "Serveria", "Peerless" are names). Matched before
 * digits become letters, so a trailing number stays a number.
 */
const RESERVED = new RegExp(`^(${RESERVED_WORDS.map(spelledWithDigits).join("|")})(\\s|\\d|$)`);

/** Lower case, accents off, look-alike letters and digits to Latin letters. */
function fold(name: string): string {
  return latinLookAlikes(name).replace(/[013457@$!8]/g, (c) => LOOK_ALIKES[c] ?? c);
}

/** True when a nickname contains a word on the lists. */
export function isOffensive(name: string): boolean {
  const folded = fold(name);
  const squashed = folded.replace(/[^\p{L}]/gu, "");
  if (ANYWHERE.some((w) => squashed.includes(w))) return true;
  const words = folded.split(/[^\p{L}]+/u).filter(Boolean);
  return words.some((w) => WHOLE_WORDS.includes(w));
}

/**
 * True when a nickname would pass for the host, a bot or a node of the map ("Host", "bot 3", "Server 1"),
 * however it is spelt: "ＨＯＳＴ", "H0st", "Нost" (Cyrillic Н), "Bοt 1" (Greek ο).
 */
export function isReservedName(name: string): boolean {
  return RESERVED.test(letterSkeleton(name));
}
