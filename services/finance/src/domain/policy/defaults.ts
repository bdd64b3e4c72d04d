import type { FundingType, PolicyParameter } from '@congdoan/contracts';
import type { Certainty, PolicyVersion, PolicyVersionOf } from './types.ts';
import { versionId } from './versions.ts';

function version<P extends PolicyParameter>(
  parameter: P,
  appliesTo: FundingType[] | null,
  effectiveFrom: string,
  value: PolicyVersionOf<P>['value'],
  source: string,
  certainty: Certainty,
  note?: string,
): PolicyVersion {
  return {
    id: versionId(parameter, effectiveFrom, appliesTo),
    parameter,
    appliesTo,
    effectiveFrom,
    value,
    source,
    certainty,
    ...(note ? { note } : {}),
  } as PolicyVersion;
}

/** Public units not paid 100% from the state budget, and non-state employers: 0.5% of the social-insurance salary from 1/7/2025. */
const HALF_PERCENT_ON_SALARY: FundingType[] = ['state-budget-partial', 'self-funded', 'non-state'];
const STATE_BUDGET_FULL: FundingType[] = ['state-budget-full'];
const NOT_STATE_BUDGET_FULL: FundingType[] = [
  'state-budget-partial',
  'self-funded',
  'state-owned-enterprise',
  'non-state',
];

const QD_1908 = 'QĐ 1908/QĐ-TLĐ (2016)';
const QD_61 = 'QĐ 61/QĐ-TLĐ (29/7/2025)';
const QD_1908_START =
  'QĐ 1908/QĐ-TLĐ of 19/12/2016 applies from 1/1/2017; the first version starts there, so no earlier period has a rule.';

/**
 * The rules finance computes with, as shipped (DOMAIN.md, Parameters), each with its
 * source and certainty. Administrators append versions through
 * `POST /v1/finance/policy/versions`; these stay as they are. Rates and shares are in
 * basis points (100 = 1%), amounts in đồng, durations in days or months.
 */
export const DEFAULT_POLICY_VERSIONS: readonly PolicyVersion[] = [
  // Lương cơ sở, the reference of the dues cap.
  version('base-salary', null, '2019-07-01', 1_490_000, 'NĐ 38/2019/NĐ-CP', 'likely'),
  version('base-salary', null, '2023-07-01', 1_800_000, 'NĐ 24/2023/NĐ-CP', 'likely'),
  version('base-salary', null, '2024-07-01', 2_340_000, 'NĐ 73/2024/NĐ-CP', 'sure'),
  version(
    'base-salary',
    null,
    '2026-07-01',
    2_530_000,
    'NĐ 161/2026 (reported)',
    'likely',
    'Reference level as reported; confirm the decree when it is at hand.',
  ),

  // Dues rate.
  version(
    'dues-rate',
    null,
    '2017-01-01',
    { rateBp: 100, basis: 'social-insurance-salary' },
    QD_1908,
    'sure',
    `1% of the salary used for social insurance, for every member, until 30/6/2025. ${QD_1908_START}`,
  ),
  version(
    'dues-rate',
    HALF_PERCENT_ON_SALARY,
    '2025-07-01',
    { rateBp: 50, basis: 'social-insurance-salary' },
    QD_61,
    'sure',
    '0.5% of the social-insurance salary: public units not paid 100% from the state budget, and non-state employers.',
  ),
  version(
    'dues-rate',
    ['state-owned-enterprise'],
    '2025-07-01',
    { rateBp: 50, basis: 'take-home-pay' },
    QD_61,
    'sure',
    '0.5% of take-home pay in state-owned enterprises.',
  ),
  version(
    'dues-rate',
    STATE_BUDGET_FULL,
    '2025-07-01',
    { rateBp: 100, basis: 'social-insurance-salary' },
    QD_1908,
    'unsure',
    'QĐ 61/QĐ-TLĐ sets no new rate for units paid 100% from the state budget, whose union organisations were being dissolved under Kết luận 157-KL/TW (25/5/2025); kept at 1% under QĐ 1908 until confirmed.',
  ),

  // Dues cap: 10% of lương cơ sở.
  version('dues-cap', null, '2017-01-01', 1_000, QD_1908, 'sure', `10% of lương cơ sở per month. ${QD_1908_START}`),
  version(
    'dues-cap',
    null,
    '2025-07-01',
    1_000,
    QD_61,
    'sure',
    '10% of lương cơ sở per month; DOMAIN.md: sure for most groups.',
  ),

  // A higher rate set by the CĐCS's resolution.
  version(
    'dues-unit-rate-allowed',
    null,
    '2017-01-01',
    false,
    QD_1908,
    'unsure',
    'QĐ 1908 sets one rate; no higher rate by resolution is provided for, so assumed not allowed.',
  ),
  version(
    'dues-unit-rate-allowed',
    null,
    '2025-07-01',
    true,
    QD_61,
    'likely',
    'A CĐCS may set a higher rate by resolution; it applies only when higher than the policy rate.',
  ),

  // Dues split.
  version(
    'dues-split',
    null,
    '2023-01-01',
    { grassrootsBp: 7_000, upperBp: 3_000 },
    'QĐ 8108/QĐ-TLĐ amending QĐ 4290/QĐ-TLĐ',
    'sure',
    'From fiscal 2023 the CĐCS keeps 70% and remits 30% upward.',
  ),

  // Union levy (KPCĐ).
  version(
    'levy-rate',
    null,
    '2013-01-01',
    200,
    'Luật Công đoàn 2012 Art. 26',
    'sure',
    '2% of the payroll used for compulsory social insurance, paid by the employer. The law applies from 1/1/2013.',
  ),
  version(
    'levy-rate',
    null,
    '2025-07-01',
    200,
    'Luật Công đoàn 2024 Art. 29',
    'sure',
    '2% of the payroll used for compulsory social insurance, paid by the employer.',
  ),
  version(
    'levy-liable',
    null,
    '2013-01-01',
    true,
    'Luật Công đoàn 2012 Art. 26',
    'sure',
    'Every employer owes the levy.',
  ),
  version(
    'levy-liable',
    NOT_STATE_BUDGET_FULL,
    '2025-07-01',
    true,
    'Luật Công đoàn 2024 Art. 29 amended by Luật 97/2025/QH15',
    'likely',
  ),
  version(
    'levy-liable',
    STATE_BUDGET_FULL,
    '2025-07-01',
    false,
    'Luật 97/2025/QH15 amending Luật Công đoàn 2024 Art. 29',
    'likely',
    'Units paid 100% from the state budget owe no levy from 1/7/2025.',
  ),
  version(
    'levy-split',
    null,
    '2013-01-01',
    { grassrootsBp: 7_500, upperBp: 2_500 },
    'not confirmed',
    'unsure',
    'DOMAIN.md: the levy goes to the upper level, which allocates the CĐCS share (75%) back and keeps 25%. Not confirmed; starts with the levy rate so every levy month has a split.',
  ),
  version(
    'levy-deadline',
    null,
    '2014-01-01',
    { monthsAfter: 1, day: 'last' },
    'NĐ 191/2013/NĐ-CP Art. 6 (paid with compulsory social insurance), assumed the same day',
    'unsure',
    'NĐ 191/2013 (in force from 1/1/2014) has the levy paid with compulsory social insurance; assumed due by the last day of the following month, like the later rule.',
  ),
  version(
    'levy-deadline',
    null,
    '2026-05-16',
    { monthsAfter: 1, day: 'last' },
    'NĐ 105/2026/NĐ-CP',
    'likely',
    'Monthly, with social insurance, by the last day of the following month.',
  ),
  version(
    'levy-unpaid-after-days',
    null,
    '2014-01-01',
    0,
    'no threshold before NĐ 105/2026/NĐ-CP (assumed)',
    'unsure',
    'An amount still unpaid after the deadline counts as unpaid from the next day.',
  ),
  version(
    'levy-unpaid-after-days',
    null,
    '2026-01-01',
    60,
    'NĐ 105/2026/NĐ-CP',
    'likely',
    'Not paid or under-paid 60 days after the deadline counts as unpaid.',
  ),
  version(
    'levy-penalty-rate',
    null,
    '2022-01-01',
    1_200,
    'NĐ 12/2022/NĐ-CP Art. 38',
    'sure',
    'The fine is 12% to under 15% of the amount due; a parameter, by default the minimum.',
  ),

  // Removal for unpaid dues.
  version(
    'dues-removal-months',
    null,
    '2017-01-01',
    6,
    'Điều lệ Công đoàn Việt Nam',
    'unsure',
    'The charter removes a member who pays no dues for N months; N is unsure (6 or 12).',
  ),
];
