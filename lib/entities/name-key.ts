/**
 * A key under which the spellings of one name meet, across the ways the sources romanise it:
 * Uyghur and other Turkic names in English, German, Russian-derived and Turkish spellings, and
 * Chinese names in Wade-Giles, postal and pinyin. Two spellings with the same key are proposed as
 * the same name (context then chooses among entities that share a key: lib/entities).
 *
 * The key is lossy on purpose. It keeps a name's consonant frame and the broad vowels, and
 * forgets what the systems disagree on:
 * - letters: diacritics (ä, ü, ö, ı, ş, ç, ğ), case, apostrophes (Wade-Giles aspiration: ch'/ch),
 *   hyphens between syllables (Chih-chung / Zhizhong, Ahmad-Jan / Ahmadjan), doubled letters;
 * - Turkic: q/k, kh/x/h (and German ch before a consonant or at the end: Achmad), gh/g/k,
 *   j/dzh/dj/zh, e/ä/a, o/u/ö/ü/ue/oe, i/ı/y, voiced and voiceless stops (Ahmad/Ahmet);
 * - Chinese: Wade-Giles hs/x, ch/zh/j (and ch' and pinyin q before i/ü), ts/tz/c/z, -ih/-i,
 *   -ung/-ong, -ien/-ian, -ieh/-ie, hw/hu, and again voiced and voiceless stops (t/d, k/g, p/b).
 *
 * Pure and cheap: a handful of regular expressions per word.
 */

const STRIP = /[\u0300-\u036f'’ʻʼ`´‘]/g;

const LETTERS: Array<[RegExp, string]> = [
  [/ß/g, "ss"],
  [/[şš]/g, "sh"],
  [/[çč]/g, "ch"],
  [/ğ/g, "gh"],
  [/ı/g, "i"],
  [/ž/g, "zh"],
];

/** Rewrites in order, on one lower-case word of ASCII letters. */
const RULES: Array<[RegExp, string]> = [
  // German and Dutch vowel spellings of ü and ö, before anything else reads them.
  [/ue/g, "u"],
  [/oe/g, "o"],
  // Pinyin c (the ts' of Wade-Giles) goes with z, before c stands for the other affricate below.
  [/c(?!h)/g, "z"],
  // Wade-Giles and postal spellings of Chinese.
  // hs begins a syllable (Hsin, Tse-hsiang), never ends one (Kazakhs).
  [/(?<![kcgstzp])hs/g, "x"],
  [/(?<=[^aeiou]|^)ssu/g, "si"],
  [/(?<=[^aeiou]|^)szu/g, "si"],
  [/t[sz]u(?![aeiou])/g, "zi"],
  [/t[sz]/g, "z"],
  [/(?<=(ch|sh|zh|j|r))ih/g, "i"],
  [/ung/g, "ong"],
  [/ien/g, "ian"],
  [/ieh/g, "ie"],
  [/hw/g, "hu"],
  // Turkic and German spellings of kh (ch after a vowel before a consonant or at the end: Achmad).
  [/(?<=[aeiou])ch(?=[^aeiou]|$)/g, "h"],
  [/kh/g, "h"],
  // Uyghur gh (ğ) is written g, gh or, after Russian, k: Ghulja, Gulja, Kulja.
  [/gh/g, "k"],
  // Pinyin x (before i and u) and q (before i) are the hs and ch' of Wade-Giles; elsewhere x is a kh and q a k (Qumul).
  [/x(?=[iu])/g, "s"],
  [/x/g, "h"],
  [/q(?=i)/g, "c"],
  [/q/g, "k"],
  // Affricates: ch, zh, j, dzh, dj, tch, tsch are one sound class here.
  [/t?sch|tch|dzh|dj|zh|ch|j/g, "c"],
  [/sh/g, "s"],
  // A final w is the v of Russian-derived spellings (Munonow, Munonov); w after a consonant is a
  // u (hua/hwa); y is an i.
  [/w$/g, "v"],
  [/(?<=[^aeiou])w/g, "u"],
  [/y/g, "i"],
  // Voiced and voiceless stops; broad vowels.
  [/d/g, "t"],
  [/g/g, "k"],
  [/b/g, "p"],
  [/[eä]/g, "a"],
  // o and u (and ö, ü) stand for each other across Uyghur spellings: Qumul/Qomul, Batur/Bator.
  [/[oöü]/g, "u"],
  // A stop before an affricate is heard in it (Ahmed-jan, Ahmedjan, Ahmetjan).
  [/tc/g, "c"],
  // Doubled letters.
  [/(.)\1+/g, "$1"],
];

/** The key of one word of a name ("Chih-chung" → "cicunk"): its hyphenated parts keyed apart, then joined. */
export function wordKey(word: string): string {
  return word
    .split("-")
    .map(partKey)
    .join("")
    .replace(/tc/g, "c")
    .replace(/(.)\1+/g, "$1");
}

/** Keys already made: a text repeats its names, and the gazetteer's are made once. */
const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 250_000;

function partKey(word: string): string {
  const cached = keyCache.get(word);
  if (cached !== undefined) return cached;
  const key = makePartKey(word);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(word, key);
  return key;
}

function makePartKey(word: string): string {
  let text = word.normalize("NFKD").toLocaleLowerCase("en");
  for (const [pattern, replacement] of LETTERS) text = text.replace(pattern, replacement);
  text = text.replace(STRIP, "").replace(/[^a-z0-9äöü]/g, "");
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  return text;
}

/** The words of a name, as the key reads them: hyphens join syllables, anything else parts words. */
export function nameWords(name: string): string[] {
  return name
    .normalize("NFKC")
    .split(/[\s,.;:()/]+/)
    .map((word) => word.replace(/[-‐‑–]/g, "-"))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/** The key of a whole name: its words' keys, space-separated ("Chang Chih-chung" → "cank cicunk"). */
export function nameKey(name: string): string {
  return nameWords(name).map(wordKey).filter(Boolean).join(" ");
}
