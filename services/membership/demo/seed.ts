/**
 * Membership's demo data (`npm start` finds it here): the organisation from the seed
 * articles (../shared/seeds), from the national confederation down to grassroots unions
 * (CĐCS) of Bắc Giang's public employees' union (seeds 000 and 001), Khánh Hòa's (seed 003) and
 * the national public employees' union with its bloc II of central agencies (seed 002); seed
 * 001's seven members and three of Khánh Hòa's, created through the HTTP API with an admin token
 * as a person would.
 *
 * Each unit is looked up by code before it is created and each member goes in with an
 * Idempotency-Key, so running it again after an interrupted start duplicates nothing.
 */
import { type Agency, defineSeed, type Unit, type UnitLevel } from '@congdoan/contracts';
import { DEMO_MEMBERS, type DemoMember } from './members.ts';

export interface SeedUnit {
  code: string;
  name: string;
  level: UnitLevel;
  agency?: Agency;
  children?: SeedUnit[];
}

/**
 * The tree. Names follow the seed articles; the tax IDs (MST) are made up, in the range of each
 * province (24xxxxxxxx Bắc Giang, 42xxxxxxxx Khánh Hòa, 01xxxxxxxx Hà Nội), and the funding types
 * are plausible for each kind of agency.
 */
export const DEMO_ORGANISATION: SeedUnit = {
  code: 'TLD',
  name: 'Tổng Liên đoàn Lao động Việt Nam',
  level: 'national',
  children: [
    {
      code: 'LDLD-BG',
      name: 'Liên đoàn Lao động tỉnh Bắc Giang',
      level: 'province',
      children: [
        {
          code: 'CDVC-BG',
          name: 'Công đoàn Viên chức tỉnh Bắc Giang',
          level: 'upper',
          children: [
            {
              // Seed 001: 7 members, funded from the state budget with support from the authority.
              code: 'CDCS-LHHKHKT-BG',
              name: 'CĐCS Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh',
              level: 'grassroots',
              agency: {
                name: 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bắc Giang',
                taxId: '2400312468',
                fundingType: 'state-budget-full',
              },
            },
            {
              // Seed 000: signed a programme with the upper level on administrative reform.
              code: 'CDCS-SNV-BG',
              name: 'CĐCS Sở Nội vụ tỉnh Bắc Giang',
              level: 'grassroots',
              agency: { name: 'Sở Nội vụ tỉnh Bắc Giang', taxId: '2400127805', fundingType: 'state-budget-full' },
            },
            {
              // Seed 000: supported with 140 million VND together with the national union.
              code: 'CDCS-TTDDTB-LG',
              name: 'CĐCS Trung tâm Điều dưỡng thương binh Lạng Giang',
              level: 'grassroots',
              agency: {
                name: 'Trung tâm Điều dưỡng thương binh Lạng Giang',
                taxId: '2400284316',
                fundingType: 'state-budget-partial',
              },
            },
            {
              code: 'CDCS-BVDK-BG',
              name: 'CĐCS Bệnh viện Đa khoa tỉnh Bắc Giang',
              level: 'grassroots',
              agency: { name: 'Bệnh viện Đa khoa tỉnh Bắc Giang', taxId: '2400119459', fundingType: 'self-funded' },
            },
            {
              code: 'CDCS-DPTTH-BG',
              name: 'CĐCS Đài Phát thanh và Truyền hình tỉnh Bắc Giang',
              level: 'grassroots',
              agency: {
                name: 'Đài Phát thanh và Truyền hình tỉnh Bắc Giang',
                taxId: '2400135172',
                fundingType: 'state-budget-partial',
              },
            },
          ],
        },
      ],
    },
    {
      // Seed 003: the province's public employees' union and three of its CĐCS that ran the
      // campaign "Trung thành, trách nhiệm, liêm chính, sáng tạo".
      code: 'LDLD-KH',
      name: 'Liên đoàn Lao động tỉnh Khánh Hòa',
      level: 'province',
      children: [
        {
          code: 'CDVC-KH',
          name: 'Công đoàn Viên chức tỉnh Khánh Hòa',
          level: 'upper',
          children: [
            {
              // Seed 003: sent 22 initiatives to the national "1 triệu sáng kiến" system.
              code: 'CDCS-KBNN-KH',
              name: 'CĐCS Kho bạc Nhà nước tỉnh Khánh Hòa',
              level: 'grassroots',
              agency: {
                name: 'Kho bạc Nhà nước tỉnh Khánh Hòa',
                taxId: '4200281734',
                fundingType: 'state-budget-full',
              },
            },
            {
              code: 'CDCS-BQLKKT-VP',
              name: 'CĐCS Ban Quản lý Khu Kinh tế Vân Phong',
              level: 'grassroots',
              agency: {
                name: 'Ban Quản lý Khu Kinh tế Vân Phong',
                taxId: '4200597352',
                fundingType: 'state-budget-full',
              },
            },
            {
              code: 'CDCS-HND-KH',
              name: 'CĐCS Hội Nông dân tỉnh Khánh Hòa',
              level: 'grassroots',
              agency: { name: 'Hội Nông dân tỉnh Khánh Hòa', taxId: '4200316418', fundingType: 'state-budget-full' },
            },
          ],
        },
      ],
    },
    {
      // Seed 002: the national public employees' union, the direct upper level of the central
      // agencies' unions, whose emulation bloc II has 7 of them. The article names the bloc's
      // leader (the Fatherland Front's central office) and its deputy (the National Assembly's
      // Office); the other five are central agencies named for the demo.
      code: 'CDVC-VN',
      name: 'Công đoàn Viên chức Việt Nam',
      level: 'upper',
      children: [
        centralUnion('CDCS-MTTQ-TW', 'Công đoàn cơ quan Trung ương Mặt trận Tổ quốc Việt Nam', '0100110856'),
        centralUnion('CDCS-VPQH', 'Công đoàn Văn phòng Quốc hội', '0100107348'),
        centralUnion('CDCS-VPCTN', 'Công đoàn Văn phòng Chủ tịch nước', '0100106217'),
        centralUnion('CDCS-TANDTC', 'Công đoàn Tòa án nhân dân tối cao', '0100104869'),
        centralUnion('CDCS-VKSNDTC', 'Công đoàn Viện kiểm sát nhân dân tối cao', '0100109442'),
        centralUnion('CDCS-KTNN', 'Công đoàn Kiểm toán Nhà nước', '0100783215'),
        centralUnion('CDCS-HLHPN-TW', 'Công đoàn cơ quan Trung ương Hội Liên hiệp Phụ nữ Việt Nam', '0100112530'),
      ],
    },
  ],
};

/** A central agency's CĐCS under Công đoàn Viên chức Việt Nam: the agency's name is the union's without "Công đoàn (cơ quan)". */
function centralUnion(code: string, name: string, taxId: string): SeedUnit {
  const agency = name.replace(/^Công đoàn (cơ quan )?/, '');
  return {
    code,
    name,
    level: 'grassroots',
    agency: { name: agency.charAt(0).toUpperCase() + agency.slice(1), taxId, fundingType: 'state-budget-full' },
  };
}

type Page = { items: Unit[]; nextCursor: string | null };

/** Runs first: the other services' demo data hangs off these units, which it returns by code. */
export const seed = defineSeed({
  async present(context) {
    const roots = await apiClient(context.url, context.token).list('/v1/membership/units');
    return roots.length > 0;
  },
  async run(context) {
    const api = apiClient(context.url, context.token);
    const units: Record<string, string> = {};
    let created = 0;
    const ensure = async (spec: SeedUnit, parentId: string | null, siblings: Unit[]): Promise<void> => {
      let unit = siblings.find((u) => u.code === spec.code);
      const fresh = !unit;
      if (!unit) {
        unit = await api.create({ code: spec.code, name: spec.name, level: spec.level, parentId, agency: spec.agency });
        created++;
      }
      units[spec.code] = unit.id;
      if (!spec.children?.length) return;
      // A unit just created has no children yet; one from an interrupted seed may have some.
      const children = fresh ? [] : await api.list(`/v1/membership/units/${unit.id}/children`);
      // Siblings at once: a parent's children do not wait on each other.
      const parent = unit.id;
      await Promise.all(spec.children.map((child) => ensure(child, parent, children)));
    };
    await ensure(DEMO_ORGANISATION, null, await api.list('/v1/membership/units'));
    context.log(`seed: created ${created} demo units (${Object.keys(units).join(', ')})`);
    // Members apply and are admitted at once: each is its own item, and each admission adds to
    // its unit's counts with a conditional update.
    await Promise.all(
      Object.entries(DEMO_MEMBERS).flatMap(([code, members]) =>
        members.map((m) => {
          const unitId = units[code];
          if (!unitId) throw new Error(`the demo organisation has no ${code}`);
          return api.admitMember(unitId, m);
        }),
      ),
    );
    context.log(
      `seed: ${Object.entries(DEMO_MEMBERS)
        .map(([code, members]) => `${members.length} member${members.length === 1 ? '' : 's'} in ${code}`)
        .join(', ')}`,
    );
    return units;
  },
});

function apiClient(baseUrl: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'accept-language': 'en', 'content-type': 'application/json' };
  const fail = async (what: string, res: Response) => {
    const text = await res.text();
    throw new Error(`${what} answered ${res.status}: ${text.slice(0, 500)}`);
  };
  return {
    async list(path: string): Promise<Unit[]> {
      const items: Unit[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
        const res = await fetch(`${baseUrl}${path}${query}`, { headers });
        if (!res.ok) await fail(`GET ${path}`, res);
        const page = (await res.json()) as Page;
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
    /** Application then committee decision, each safe to repeat after an interrupted seed. */
    async admitMember(unitId: string, m: DemoMember): Promise<void> {
      const { joinDate, ...person } = m;
      const applied = await fetch(`${baseUrl}/v1/membership/units/${unitId}/members`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `seed-member-${m.cccd}` },
        body: JSON.stringify({ ...person, applicationDate: joinDate }),
      });
      if (applied.status !== 201) await fail(`POST members (${m.fullName})`, applied);
      const { id } = (await applied.json()) as { id: string };
      const admitted = await fetch(`${baseUrl}/v1/membership/members/${id}/admit`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ decisionNumber: `${joinDate.slice(0, 4)}/QĐ-CĐCS`, decisionDate: joinDate }),
      });
      // 409: admitted by an earlier, interrupted seed.
      if (admitted.status !== 200 && admitted.status !== 409) await fail(`admit (${m.fullName})`, admitted);
    },
    async create(body: {
      code: string;
      name: string;
      level: UnitLevel;
      parentId: string | null;
      agency?: Agency;
    }): Promise<Unit> {
      const res = await fetch(`${baseUrl}/v1/membership/units`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `seed-${body.code}` },
        body: JSON.stringify(body),
      });
      if (res.status !== 201 && res.status !== 200) await fail(`POST /v1/membership/units (${body.code})`, res);
      return (await res.json()) as Unit;
    },
  };
}
