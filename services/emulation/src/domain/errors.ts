import { conflict, unprocessable } from '@congdoan/contracts';

/** Emulation's domain errors, each defined once with its Vietnamese and English text. */

export const noCatalogue = (day: string) =>
  unprocessable('no-award-catalogue', {
    vi: `Không có danh mục danh hiệu, hình thức khen thưởng nào có hiệu lực ngày ${day} (danh mục đầu tiên được nhập là theo NĐ 152/2025, từ 01/07/2025).`,
    en: `No award catalogue is in force on ${day} (the first entered is NĐ 152/2025's, from 2025-07-01).`,
  });

export const registrationClosed = (deadline: string) =>
  unprocessable('registration-closed', {
    vi: `Đã hết hạn đăng ký (hạn cuối ${deadline}).`,
    en: `Registration closed on ${deadline}.`,
  });

export const outsideMovement = () =>
  unprocessable('outside-movement', {
    vi: 'Đơn vị hoặc đoàn viên đăng ký không thuộc phạm vi của phong trào (đơn vị phát động và các đơn vị trực thuộc).',
    en: 'The registrant is not within the movement’s subtree (the launching unit and the units below it).',
  });

export const notAnActiveMember = (memberId: string, day: string) =>
  unprocessable('member-not-active', {
    vi: `Đoàn viên "${memberId}" không đang sinh hoạt ngày ${day}.`,
    en: `Member "${memberId}" is not an active member on ${day}.`,
  });

export const unknownTitle = (code: string, day: string) =>
  unprocessable('unknown-title', {
    vi: `Không có danh hiệu "${code}" trong danh mục có hiệu lực ngày ${day}.`,
    en: `No title "${code}" in the catalogue in force on ${day}.`,
  });

export const titleSubjectMismatch = (code: string, subject: 'individual' | 'collective') =>
  unprocessable('title-subject-mismatch', {
    vi: `Danh hiệu "${code}" dành cho ${subject === 'individual' ? 'cá nhân' : 'tập thể'}.`,
    en: `The title "${code}" is for ${subject === 'individual' ? 'individuals' : 'collectives'}.`,
  });

export const notDeeds = () =>
  unprocessable('not-deeds', {
    vi: 'Chỉ đăng ký việc làm mới được xác nhận hoàn thành.',
    en: 'Only a deeds registration is confirmed as done.',
  });

export const alreadyConfirmed = () =>
  conflict('already-confirmed', {
    vi: 'Đăng ký việc làm này đã được xác nhận hoàn thành.',
    en: 'These deeds are already confirmed as done.',
  });

export const confirmationOutOfRange = (registeredOn: string, today: string) =>
  unprocessable('confirmation-date-out-of-range', {
    vi: `Ngày xác nhận phải từ ngày đăng ký ${registeredOn} đến hôm nay ${today}.`,
    en: `The confirmation day must be between the registration day ${registeredOn} and today ${today}.`,
  });

export const awardExists = (code: string, year: number) =>
  conflict('award-exists', {
    vi: `Đối tượng này đã được ghi nhận danh hiệu, hình thức "${code}" năm ${year}.`,
    en: `The recipient already holds "${code}" for ${year}.`,
  });

export const decisionOutOfRange = (year: number) =>
  unprocessable('decision-date-out-of-range', {
    vi: `Quyết định khen thưởng năm ${year} phải ban hành từ năm ${year} đến hôm nay.`,
    en: `A decision for ${year} is dated from ${year} to today.`,
  });

export const futureYear = (year: number) =>
  unprocessable('future-year', {
    vi: `Chưa thể đề nghị khen thưởng cho năm ${year}.`,
    en: `No nomination can be made for ${year} yet.`,
  });

export const outsideProposer = () =>
  unprocessable('outside-proposing-unit', {
    vi: 'Đối tượng được đề nghị không thuộc đơn vị đề nghị hoặc các đơn vị trực thuộc.',
    en: 'The candidate is not within the proposing unit’s subtree.',
  });
