import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVietnamese, nameTokens, searchKey, vietnameseSortKey } from '../../../src/domain/member/names.ts';

const sorted = (names: string[]) => [...names].sort(compareVietnamese);

describe('search key', () => {
  it('drops case and diacritics, đ included, and collapses spaces', () => {
    expect(searchKey('Nguyễn Thị Hồng Nhung')).toBe('nguyen thi hong nhung');
    expect(searchKey('  ĐỖ   Đức\tTrọng  ')).toBe('do duc trong');
    expect(searchKey('Trương Ngọc Ánh')).toBe('truong ngoc anh');
  });

  it('reads decomposed (NFD) and precomposed input alike', () => {
    expect(searchKey('Nguyễn Thị Hồng Nhung'.normalize('NFD'))).toBe('nguyen thi hong nhung');
  });

  it('lets "nguyen thi" find "Nguyễn Thị" as a prefix', () => {
    expect(searchKey('Nguyễn Thị Hồng Nhung').startsWith(searchKey('nguyen thi'))).toBe(true);
  });

  it('splits into words for prefix search on any word', () => {
    expect(nameTokens('Nguyễn Thị Hồng Nhung')).toEqual(['nguyen', 'thi', 'hong', 'nhung']);
    expect(nameTokens('   ')).toEqual([]);
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
        const once = searchKey(s);
        expect(searchKey(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Vietnamese list order', () => {
  it('sorts by the given name in the Vietnamese alphabet, d before đ', () => {
    const list = ['Đỗ Hải', 'Phạm Đức', 'Vũ Thị Hà', 'Hoàng Dũng', 'Lê Văn Bình', 'Trần Thị Ánh', 'Nguyễn Văn An'];
    expect(sorted(list)).toEqual([
      'Nguyễn Văn An',
      'Trần Thị Ánh',
      'Lê Văn Bình',
      'Hoàng Dũng',
      'Phạm Đức',
      'Vũ Thị Hà',
      'Đỗ Hải',
    ]);
  });

  it('orders equal given names by the whole name from the first word', () => {
    expect(sorted(['Trần Văn An', 'Nguyễn Thị An', 'Lê An', 'Nguyễn An', 'Đặng Văn An', 'Dương Thị An'])).toEqual([
      'Dương Thị An',
      'Đặng Văn An',
      'Lê An',
      'Nguyễn An',
      'Nguyễn Thị An',
      'Trần Văn An',
    ]);
  });

  it('puts a ă â, e ê, o ô ơ, u ư and d đ in alphabet order', () => {
    expect(sorted(['Ân', 'Ăn', 'An', 'Bảo'])).toEqual(['An', 'Ăn', 'Ân', 'Bảo']);
    expect(sorted(['Ên', 'Em', 'Giang'])).toEqual(['Em', 'Ên', 'Giang']);
    expect(sorted(['Ơn', 'Ôn', 'Oanh', 'Phúc'])).toEqual(['Oanh', 'Ôn', 'Ơn', 'Phúc']);
    expect(sorted(['Ưng', 'Uyên', 'Vân'])).toEqual(['Uyên', 'Ưng', 'Vân']);
    expect(sorted(['Đào', 'Dương', 'Dung', 'Em'])).toEqual(['Dung', 'Dương', 'Đào', 'Em']);
  });

  it('orders tones after the letters: none, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(sorted(['Mạ', 'Mai', 'Má', 'Mã', 'Mả', 'Mà', 'Ma'])).toEqual(['Ma', 'Mà', 'Mả', 'Mã', 'Má', 'Mạ', 'Mai']);
    // letters first: "Anh" sorts after "An" and "Ánh" whatever the tones
    expect(sorted(['Ánh', 'Anh', 'Án', 'An'])).toEqual(['An', 'Án', 'Anh', 'Ánh']);
  });

  it('compares a name word by word, as a dictionary does syllables', () => {
    // Hà before Hả on the family name, although "an" < "binh" further on
    expect(sorted(['Hả An', 'Hà Bình An'])).toEqual(['Hà Bình An', 'Hả An']);
  });

  it('ignores case, spacing and where the tone mark sits', () => {
    expect(compareVietnamese('Lê Thị Hòa', 'Lê Thị Hoà')).toBe(0);
    expect(compareVietnamese('Phạm Thúy', 'Phạm Thuý')).toBe(0);
    expect(compareVietnamese('nguyễn  văn an', 'Nguyễn Văn An')).toBe(0);
    expect(compareVietnamese('Nguyễn Văn An'.normalize('NFD'), 'Nguyễn Văn An')).toBe(0);
  });

  it('places f, j, w, z where the Latin alphabet does, and non-Latin letters after z', () => {
    expect(sorted(['Zoe', 'Wang', 'John', 'Frank', 'Ê Ban'])).toEqual(['Ê Ban', 'Frank', 'John', 'Wang', 'Zoe']);
    expect(sorted(['李', 'Zoe', 'Ăn'])).toEqual(['Ăn', 'Zoe', '李']);
    // other Latin diacritics are not Vietnamese letters: Å sorts as A
    expect(sorted(['Ăn', 'Åsa', 'An'])).toEqual(['An', 'Åsa', 'Ăn']);
  });

  it('gives a readable ASCII key', () => {
    expect(vietnameseSortKey('Nguyễn Văn An')).toBe('an./nguye|n.3 va|n. an.');
    expect(vietnameseSortKey('Đỗ Hải')).toBe('hai.2/d|o|.3 hai.2');
  });
});

const SYLLABLES = [
  'An',
  'Ân',
  'Ăn',
  'Ánh',
  'Anh',
  'Bình',
  'Dũng',
  'Đức',
  'Dung',
  'Đông',
  'Hà',
  'Hả',
  'Hải',
  'Hòa',
  'Hoà',
  'Hoa',
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đỗ',
  'Thị',
  'Văn',
  'Ngọc',
  'Thu',
  'Thư',
  'Thứ',
  'Ơn',
  'Ôn',
  'Ma',
  'Mà',
  'Mả',
  'Mã',
  'Má',
  'Mạ',
  "H'Hen",
  'Niê',
  'Zoe',
  'Åsa',
  '李',
  'ĐẶNG',
  'nguyễn',
];
const vietnameseName = fc
  .array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 5 })
  .map((words) => words.join(' '));
const anyName = fc.oneof(vietnameseName, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

describe('sort key properties', () => {
  it('is ASCII, so UTF-16 `<` and DynamoDB UTF-8 byte order agree', () => {
    fc.assert(
      fc.property(anyName, anyName, (a, b) => {
        const [ka, kb] = [vietnameseSortKey(a), vietnameseSortKey(b)];
        expect(/^[\x20-\x7e]*$/.test(ka)).toBe(true);
        const bytes = Math.sign(Buffer.compare(Buffer.from(ka, 'utf8'), Buffer.from(kb, 'utf8')));
        expect(bytes).toBe(ka < kb ? -1 : ka > kb ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('makes compareVietnamese a total order that agrees with the key', () => {
    fc.assert(
      fc.property(anyName, anyName, anyName, (a, b, c) => {
        const ab = compareVietnamese(a, b);
        expect(compareVietnamese(b, a)).toBe(-ab || 0); // antisymmetric
        expect(ab === 0).toBe(vietnameseSortKey(a) === vietnameseSortKey(b));
        expect(ab < 0).toBe(vietnameseSortKey(a) < vietnameseSortKey(b));
        if (ab <= 0 && compareVietnamese(b, c) <= 0) expect(compareVietnamese(a, c)).toBeLessThanOrEqual(0); // transitive
        expect(compareVietnamese(a, a)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts a list the same way by key bytes and by compareVietnamese', () => {
    fc.assert(
      fc.property(fc.array(vietnameseName, { maxLength: 30 }), (names) => {
        const byCompare = [...names].sort(compareVietnamese).map(vietnameseSortKey);
        const byBytes = names.map(vietnameseSortKey).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
        expect(byCompare).toEqual(byBytes);
      }),
    );
  });

  it('puts the given name first: names with a smaller given name sort first, whatever the family name', () => {
    fc.assert(
      fc.property(vietnameseName, vietnameseName, (a, b) => {
        const ga = a.split(' ').at(-1)!;
        const gb = b.split(' ').at(-1)!;
        if (compareVietnamese(ga, gb) < 0) expect(compareVietnamese(a, b)).toBe(-1);
      }),
    );
  });
});
