/**
 * What a nickname may not be: offensive, or someone it is not (the host, a bot, a node of the map).
 * Checked on a normalised form, so capitals, accents, look-alike digits ("5h1t") and spacing or
 * punctuation ("f.u c-k") do not get a word past it. A short list by design: it stops the obvious on a
 * projector; the host's kick is there for the rest.
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
const RESERVED =
  /^(host|teacher|admin|administrator|moderator|system|bot|autopilot|server|router|peer|seed|client|origin)(\s|\d|$)/;

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

/** Lower case, accents off, look-alike digits to letters. */
function fold(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[013457@$!8]/g, (c) => LOOK_ALIKES[c] ?? c);
}

/** True when a nickname contains a word on the lists. */
export function isOffensive(name: string): boolean {
  const folded = fold(name);
  const squashed = folded.replace(/[^\p{L}]/gu, "");
  if (ANYWHERE.some((w) => squashed.includes(w))) return true;
  const words = folded.split(/[^\p{L}]+/u).filter(Boolean);
  return words.some((w) => WHOLE_WORDS.includes(w));
}

/** True when a nickname would pass for the host, a bot or a node of the map ("Host", "bot 3", "Server 1"). */
export function isReservedName(name: string): boolean {
  return RESERVED.test(name.normalize("NFKC").trim().toLocaleLowerCase("en"));
}
