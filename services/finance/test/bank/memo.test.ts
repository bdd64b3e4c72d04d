import { describe, expect, it } from 'vitest';
import { foldMemo, parseMemo } from '../../src/domain/bank/memo.ts';

const MST = '2400312468';

describe('memo parser: the exact form', () => {
  it('reads "MST <số> <tên đơn vị> nộp KPCĐ tháng MM/YYYY"', () => {
    expect(parseMemo(`MST ${MST} Liên hiệp các Hội KH&KT tỉnh Bắc Giang nộp KPCĐ tháng 03/2025`)).toEqual({
      taxId: MST,
      taxIds: [MST],
      taxIdLabelled: true,
      months: ['2025-03'],
      mentionsLevy: true,
      mentionsDues: false,
      mentionsPenalty: false,
    });
  });

  it('folds diacritics, đ and case', () => {
    expect(foldMemo('Nộp KPCĐ THÁNG 03/2025; Đoàn')).toBe('nop kpcd thang 03/2025 doan');
  });
});

describe('memo parser: variants', () => {
  it.each([
    // [memo, taxId, months]
    [`MST:${MST} LIEN HIEP CAC HOI KHKT NOP KPCD THANG 03/2025`, MST, ['2025-03']],
    [`MST.${MST} nop kpcd thang 3/2025`, MST, ['2025-03']],
    [`mst ${MST} nop KPCD T3/2025`, MST, ['2025-03']],
    [`MST-${MST} NOP KPCD T03-2025`, MST, ['2025-03']],
    [`MST ${MST} nộp kinh phí công đoàn tháng 3 năm 2025`, MST, ['2025-03']],
    [`MST ${MST} nop kinh phi cong doan thang 3 nam 2025`, MST, ['2025-03']],
    [`MST ${MST} KPCD 03-2025`, MST, ['2025-03']],
    [`MST ${MST} KPCD 03/2025`, MST, ['2025-03']],
    [`MST${MST} NOP KPCD T7.2025`, MST, ['2025-07']],
    [`MST ${MST} NOP KPCD TH12/2024`, MST, ['2024-12']],
    [`MST ${MST} nop KPCD T3/25`, MST, ['2025-03']],
    [`Ma so thue ${MST} nop KPCD thang 04/2025`, MST, ['2025-04']],
    [`Mã số thuế: ${MST} - KP công đoàn tháng 5/2025`, MST, ['2025-05']],
    [`IBFT ${MST} NOP KPCD THANG 5/2025`, MST, ['2025-05']],
  ])('%s', (memo, taxId, months) => {
    const parsed = parseMemo(memo);
    expect(parsed.taxId).toBe(taxId);
    expect(parsed.months).toEqual(months);
    expect(parsed.mentionsLevy).toBe(true);
  });

  it('reads a lone 10-digit number as the tax ID only when the memo speaks of the levy, and says so', () => {
    expect(parseMemo(`${MST} NOP KPCD THANG 5/2025`)).toMatchObject({ taxId: MST, taxIdLabelled: false });
    expect(parseMemo(`CT ${MST} THANG 5/2025`)).toMatchObject({ taxId: null, taxIds: [] });
  });
});

describe('memo parser: several months, quarters, halves', () => {
  it.each([
    ['tháng 1,2,3/2025', ['2025-01', '2025-02', '2025-03']],
    ['THANG 1, 2, 3/2025', ['2025-01', '2025-02', '2025-03']],
    ['thang 1-3/2025', ['2025-01', '2025-02', '2025-03']],
    ['thang 1 - 3 / 2025', ['2025-01', '2025-02', '2025-03']],
    ['thang 1 den thang 3/2025', ['2025-01', '2025-02', '2025-03']],
    ['thang 1 va 2/2025', ['2025-01', '2025-02']],
    ['T1/2025, 2/2025', ['2025-01', '2025-02']],
    ['thang 12/2024 va 1/2025', ['2024-12', '2025-01']],
    ['tu thang 11/2024 den thang 2/2025', ['2024-11', '2024-12', '2025-01', '2025-02']],
    ['quý I/2025', ['2025-01', '2025-02', '2025-03']],
    ['QUY II NAM 2025', ['2025-04', '2025-05', '2025-06']],
    ['quy 3/2025', ['2025-07', '2025-08', '2025-09']],
    ['Q4/2024', ['2024-10', '2024-11', '2024-12']],
    ['6 tháng đầu năm 2025', ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']],
    ['6 thang cuoi nam 2024', ['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12']],
    ['ca nam 2024', Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`)],
  ])('MST … nop KPCD %s', (tail, months) => {
    expect(parseMemo(`MST ${MST} nop KPCD ${tail}`).months).toEqual(months);
  });
});

describe('memo parser: branch tax IDs, several tax IDs', () => {
  it('reads a 10-3 branch tax ID whole', () => {
    expect(parseMemo('MST 0100109106-001 CN BAC GIANG NOP KPCD T12/24')).toMatchObject({
      taxId: '0100109106-001',
      months: ['2024-12'],
    });
    expect(parseMemo('MST: 0100109106 - 002 nop KPCD thang 1/2025').taxId).toBe('0100109106-002');
  });

  it('gives no single tax ID when the memo names two', () => {
    const parsed = parseMemo(`MST ${MST} MST 2400127805 KPCD T3/2025`);
    expect(parsed.taxId).toBeNull();
    expect(parsed.taxIds).toEqual([MST, '2400127805']);
  });

  it('never reads the tax ID’s digits as a month', () => {
    // "2400312468" holds "12" and "2468"; a memo without a month must stay without one.
    expect(parseMemo(`MST ${MST}-001 nop KPCD`).months).toEqual([]);
    expect(parseMemo('MST 0112202501 nop KPCD').months).toEqual([]);
  });
});

describe('memo parser: uppercase, truncated and garbage memos', () => {
  it('reads an uppercase memo without diacritics', () => {
    expect(parseMemo(`MST ${MST} BENH VIEN DA KHOA TINH BAC GIANG NOP KINH PHI CONG DOAN THANG 06/2025`)).toMatchObject(
      {
        taxId: MST,
        months: ['2025-06'],
        mentionsLevy: true,
      },
    );
  });

  it('does not guess a year cut off by the bank', () => {
    expect(parseMemo(`MST ${MST} NOP KPCD THANG 03/202`).months).toEqual([]);
    expect(parseMemo(`MST ${MST} NOP KPCD THANG 1,2`).months).toEqual([]);
    expect(parseMemo(`MST ${MST} NOP KPCD THANG 3`).months).toEqual([]);
  });

  it('keeps what survives of a list cut off after a full month', () => {
    expect(parseMemo(`MST ${MST} KPCD T1/2025, T2/2025, T3/20`).months).toEqual(['2025-01', '2025-02']);
  });

  it('loses a tax ID cut short', () => {
    expect(parseMemo('MST 24003124 NOP KPCD T3/2025')).toMatchObject({ taxId: null, months: ['2025-03'] });
  });

  it('reads no month from a date, an amount or a phone number', () => {
    const parsed = parseMemo('CHUYEN TIEN NGAY 05/03/2025 SO TIEN 5.000.000 LH 0912345678');
    expect(parsed).toMatchObject({ taxId: null, taxIds: [], months: [], mentionsLevy: false });
  });

  it('refuses impossible months and years', () => {
    expect(parseMemo(`MST ${MST} KPCD thang 13/2025`).months).toEqual([]);
    expect(parseMemo(`MST ${MST} KPCD thang 0/2025`).months).toEqual([]);
    expect(parseMemo(`MST ${MST} KPCD thang 3/1999`).months).toEqual([]);
    expect(parseMemo(`MST ${MST} KPCD thang 3-1/2025`).months).toEqual([]);
  });

  it.each(['', '   ', '!!!', 'ABC', 'MST', 'thang /2025', '////----'])('reads nothing from %j', (memo) => {
    expect(parseMemo(memo)).toMatchObject({ taxId: null, taxIds: [], months: [] });
  });
});

describe('memo parser: what the memo is about', () => {
  it('tells dues from the levy', () => {
    expect(parseMemo(`MST ${MST} nop doan phi thang 3/2025`)).toMatchObject({
      mentionsDues: true,
      mentionsLevy: false,
    });
    expect(parseMemo(`MST ${MST} nộp KPCĐ và đoàn phí tháng 3/2025`)).toMatchObject({
      mentionsDues: true,
      mentionsLevy: true,
    });
  });

  it('notices a penalty or late interest', () => {
    expect(parseMemo(`MST ${MST} nop phat cham nop KPCD thang 3/2025`).mentionsPenalty).toBe(true);
    expect(parseMemo(`MST ${MST} NOP TIEN LAI CHAM NOP KPCD T3/2025`).mentionsPenalty).toBe(true);
    expect(parseMemo(`MST ${MST} nop KPCD thang 3/2025`).mentionsPenalty).toBe(false);
  });
});
