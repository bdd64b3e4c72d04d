/**
 * Vietnamese names: diacritic-free search keys and the order of Vietnamese lists.
 *
 * A Vietnamese full name is written family name, middle name(s), given name
 * ("Nguyễn Thị Hồng Nhung": họ Nguyễn, đệm Thị Hồng, tên Nhung). Lists sort by the
 * given name, the last word, then by the whole name from its first word.
 */

const COMBINING_MARK = /\p{M}/u;
const SPACES = /\s+/u;

/**
 * Lower case, without diacritics (đ/Đ → d), words separated by one space:
 * "  Nguyễn Thị  Hồng Nhung " → "nguyen thi hong nhung". Idempotent.
 */
export function searchKey(fullName: string): string {
  return fullName
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .toLowerCase()
    .split(SPACES)
    .filter((w) => w.length > 0)
    .join(' ');
}

/** The search key's words, for prefix search on any word of a name. */
export const nameTokens = (fullName: string): string[] => {
  const key = searchKey(fullName);
  return key === '' ? [] : key.split(' ');
};

/*
 * The sort key.
 *
 * Letters follow the Vietnamese alphabet, a ă â b c d đ e ê g h i k l m n o ô ơ p q
 * r s t u ư v x y, with f, j, w, z (foreign and minority names) where the Latin
 * alphabet puts them. Each letter becomes its ASCII base, followed by `|` or `}`
 * for the second and third letters built on that base (ă = "a|", â = "a}", đ = "d|",
 * ê = "e|", ô = "o|", ơ = "o}", ư = "u|"). Both marks sort after every letter and
 * digit, so "a…" < "ă…" < "â…" < "b…" byte by byte. Any other letter or digit
 * becomes "{" and its code point in six hex digits: after z, before ă's marker.
 *
 * Tones are a second level, as in Vietnamese dictionaries (Hoàng Phê, Từ điển tiếng
 * Việt) and the CLDR collation for Vietnamese: two words compare by their letters
 * first, and the tone decides only between words spelled with the same letters:
 * ma < mà < mả < mã < má < mạ < mác. The tone order is the dictionaries' one,
 * ngang (none) < huyền < hỏi < ngã < sắc < nặng, encoded 1–5 after the word's
 * letters. The tone belongs to the word, not to a vowel, so the old and new
 * placements ("Hòa" and "Hoà", "Thúy" and "Thuý") sort as one name.
 *
 * Words compare one by one, as syllables do in a dictionary:
 *   word  = letters "." tones
 *   key   = word(given name) "/" word(1) " " word(2) " " … word(n)
 * "." sorts below every letter, so a word sorts before its longer spellings
 * ("An" < "Anh"); "/" and " " sort below the tone digits, so a toneless word comes
 * first; a name that ends sorts before a longer one with the same words.
 *
 * The key is pure ASCII, so JavaScript's `<` (UTF-16) and DynamoDB's UTF-8 byte
 * order agree on it. Case, punctuation and spacing do not count: two names that
 * differ only in them get the same key, so a repository appends the member id to
 * keep sort keys unique.
 */

const TONES: Readonly<Record<string, string>> = {
  '\u0300': '1', // huyền
  '\u0309': '2', // hỏi
  '\u0303': '3', // ngã
  '\u0301': '4', // sắc
  '\u0323': '5', // nặng
};

/** [base letter, combining mark] → the variant marker of a Vietnamese letter. */
const VARIANTS: Readonly<Record<string, string>> = {
  'a\u0306': '|', // ă
  'a\u0302': '}', // â
  'e\u0302': '|', // ê
  'o\u0302': '|', // ô
  'o\u031b': '}', // ơ
  'u\u031b': '|', // ư
};

function encodeWord(word: string): string {
  let letters = '';
  let tones = '';
  let lastBase: string | null = null;
  let varied = false;
  for (const ch of word.normalize('NFD')) {
    if (COMBINING_MARK.test(ch)) {
      const tone = TONES[ch];
      if (tone) {
        tones += tone;
        continue;
      }
      const variant = lastBase !== null && !varied ? VARIANTS[lastBase + ch] : undefined;
      if (variant) {
        letters += variant;
        varied = true;
      }
      continue;
    }
    varied = false;
    lastBase = null;
    if (ch === 'đ') {
      letters += 'd|';
      varied = true;
    } else if (/^[a-z0-9]$/.test(ch)) {
      letters += ch;
      lastBase = ch;
    } else if (/^[\p{L}\p{N}]$/u.test(ch)) {
      letters += `{${ch.codePointAt(0)!.toString(16).padStart(6, '0')}`;
    }
  }
  return `${letters}.${tones}`;
}

function sortWords(fullName: string): string[] {
  return fullName
    .toLowerCase()
    .split(SPACES)
    .map(encodeWord)
    .filter((w) => w !== '.');
}

/** A plain-ASCII key whose byte order is the Vietnamese list order of names (see above). */
export function vietnameseSortKey(fullName: string): string {
  const words = sortWords(fullName);
  return `${words.at(-1) ?? ''}/${words.join(' ')}`;
}

/** Vietnamese list order: by given name, then by the whole name; 0 when the keys are equal. */
export function compareVietnamese(a: string, b: string): number {
  const ka = vietnameseSortKey(a);
  const kb = vietnameseSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
