import { unprocessable } from '@congdoan/contracts';
import { displayDate, parseDate } from './dates.ts';

/**
 * Số định danh cá nhân / CCCD (Nghị định 137/2015 Art. 13, Thông tư 07/2016/TT-BCA
 * Art. 7 and Phụ lục 1, kept by Thông tư 59/2021/TT-BCA; Luật Căn cước 2023 Art. 12):
 *
 *   digits 1–3  province or city where the birth was registered
 *   digit  4    century of birth and gender
 *   digits 5–6  the last two digits of the birth year
 *   digits 7–12 a random number
 */

/**
 * The 63 birth-registration codes of Phụ lục 1, Thông tư 07/2016/TT-BCA. They are
 * not contiguous (003, 005, 007… are unused). The 2025 merger of provinces changes
 * no number already issued, so every code stays valid for the people who carry it.
 * Citizens whose birth was registered abroad carry a country code instead; that
 * list is not embedded here, so such numbers are refused.
 */
export const BIRTH_REGISTRATION_PROVINCES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

/**
 * Digit 4: century and gender (Thông tư 07/2016/TT-BCA Art. 7). Even digits are men,
 * odd digits women. Note: 8 and 9 stand for the 24th century (2300–2399), not the
 * 1800s; no living person carries them.
 */
const CENTURY_START = [1900, 2000, 2100, 2200, 2300] as const;

type Gender = 'male' | 'female';
const GENDER_VI: Record<Gender, string> = { male: 'nam', female: 'nữ' };
const GENDER_EN: Record<Gender, string> = { male: 'male', female: 'female' };

/** Twelve ASCII digits, nothing else. */
export const isCccdShape = (s: string) => /^\d{12}$/.test(s);

/** The digit a CCCD must carry in position 4 for this birth year and gender; null outside 1900–2399. */
export function centuryGenderDigit(birthYear: number, gender: Gender): number | null {
  const index = Math.floor((birthYear - 1900) / 100);
  if (index < 0 || index >= CENTURY_START.length) return null;
  return index * 2 + (gender === 'female' ? 1 : 0);
}

/**
 * Checks a CCCD's structure and that it agrees with the person's birth date and
 * gender. Every problem found is named, in the order of the digits.
 */
export function validateCccd(cccd: string, person: { dateOfBirth: string; gender: Gender }): void {
  const fail = (vi: string[], en: string[]) => {
    throw unprocessable('invalid-cccd', {
      vi: `Số CCCD "${cccd}" không hợp lệ: ${vi.join('; ')}.`,
      en: `CCCD "${cccd}" is not valid: ${en.join('; ')}.`,
    });
  };
  if (!isCccdShape(cccd)) {
    fail(
      [
        `số CCCD phải gồm đúng 12 chữ số (0–9), nhận được ${[...cccd].length} ký tự${/\D/.test(cccd) ? ', có ký tự không phải chữ số' : ''}`,
      ],
      [
        `a CCCD has exactly 12 digits (0–9); got ${[...cccd].length} character(s)${/\D/.test(cccd) ? ', some of them not digits' : ''}`,
      ],
    );
  }
  const { year } = parseDate(person.dateOfBirth, 'dateOfBirth');
  const vi: string[] = [];
  const en: string[] = [];

  const province = cccd.slice(0, 3);
  if (!(province in BIRTH_REGISTRATION_PROVINCES)) {
    vi.push(`3 chữ số đầu "${province}" không phải mã tỉnh, thành phố nơi đăng ký khai sinh (001 Hà Nội … 096 Cà Mau)`);
    en.push(`the first 3 digits "${province}" are not a province code of birth registration (001 Hà Nội … 096 Cà Mau)`);
  }

  const digit = Number(cccd[3]);
  const centuryStart = CENTURY_START[Math.floor(digit / 2)]!;
  const digitGender: Gender = digit % 2 === 0 ? 'male' : 'female';
  if (year < centuryStart || year > centuryStart + 99) {
    vi.push(
      `chữ số thứ 4 là ${digit}, tức sinh trong các năm ${centuryStart}–${centuryStart + 99}, nhưng ngày sinh là ${displayDate(person.dateOfBirth)}`,
    );
    en.push(
      `digit 4 is ${digit}, meaning born in ${centuryStart}–${centuryStart + 99}, but the date of birth is ${person.dateOfBirth}`,
    );
  }
  if (digitGender !== person.gender) {
    vi.push(
      `chữ số thứ 4 là ${digit}, chỉ giới tính ${GENDER_VI[digitGender]}, nhưng giới tính khai báo là ${GENDER_VI[person.gender]}`,
    );
    en.push(
      `digit 4 is ${digit}, meaning ${GENDER_EN[digitGender]}, but the gender given is ${GENDER_EN[person.gender]}`,
    );
  }

  const yearDigits = cccd.slice(4, 6);
  const expected = String(year % 100).padStart(2, '0');
  if (yearDigits !== expected) {
    vi.push(`chữ số thứ 5–6 là "${yearDigits}", phải là hai số cuối của năm sinh ${year} ("${expected}")`);
    en.push(`digits 5–6 are "${yearDigits}", not the last two digits of the birth year ${year} ("${expected}")`);
  }
  if (vi.length > 0) fail(vi, en);
}

/** Shows only the last four digits, always behind eight dots: `••••••••1234`. */
export const maskCccd = (cccd: string): string => `••••••••${[...cccd].slice(-4).join('')}`;
