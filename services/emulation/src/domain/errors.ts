import { unprocessable } from '@congdoan/contracts';

/** Emulation's domain errors, each defined once with its Vietnamese and English text. */

export const noCatalogue = (day: string) =>
  unprocessable('no-award-catalogue', {
    vi: `Không có danh mục danh hiệu, hình thức khen thưởng nào có hiệu lực ngày ${day} (danh mục đầu tiên được nhập là theo NĐ 152/2025, từ 01/07/2025).`,
    en: `No award catalogue is in force on ${day} (the first entered is NĐ 152/2025's, from 2025-07-01).`,
  });
