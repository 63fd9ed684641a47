/**
 * Demo households and people for every grid of the demo prefecture: deterministic, invented, with valid ID
 * numbers of the grid's county, a mix of Tibetan, Hui, Han, Tu and Mongol families, migrants, children under 14
 * and households followed closely, so the registry pages show what a county's would.
 */
import { randomUUID } from 'node:crypto';
import { checkCharacter } from '../../core/people/id-number.ts';
import { addDays, cstDate } from '../../core/calendar.ts';
import type { AppContext } from '../lib/context.ts';
import { personRow } from '../modules/people/persons.service.ts';
import { recordRow } from '../modules/people/records.service.ts';
import * as repo from '../modules/people/people.repository.ts';
import * as placesRepo from '../modules/people/places.repository.ts';
import * as dwellingsRepo from '../modules/people/dwellings.repository.ts';
import { creditCheckCharacter } from '../../core/people/credit-code.ts';
import { personName } from './haibei.ts';

const ethnicities = ['04', '04', '03', '01', '01', '30', '02'];

/** Seeds households into every grid once (nothing when people exist already). Returns [households, persons]. */
export async function seedDemoPeople(ctx: AppContext, onProgress: (msg: string) => void = () => {}): Promise<[number, number]> {
  if ((await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]!.n > 0) return [0, 0];
  const grids = await ctx.database.query<{ code: string; county_code: string; village_code: string; name: string; geometry: { coordinates: number[][][] } }>('SELECT code, county_code, village_code, name, geometry FROM grids ORDER BY code');
  const now = ctx.clock.now();
  let n = 0, seq = 0;
  const households: repo.HouseholdRow[] = [];
  const persons: repo.PersonRow[] = [];
  const used = new Set<string>();
  /** A valid number of the county and birth date, odd sequence for men, never issued twice. */
  const id = (county: string, birth: string, male: boolean) => {
    for (;;) {
      seq++;
      const first17 = `${county}${birth.replaceAll('-', '')}${String(((seq % 500) * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0')}`;
      if (used.has(first17)) continue;
      used.add(first17);
      return first17 + checkCharacter(first17);
    }
  };
  for (const [gi, g] of grids.entries()) {
    if (gi % 100 === 0) onProgress(`生成演示户与人口 building households and persons: 网格 grid ${gi}/${grids.length}`);
    for (let h = 0; h < 6; h++) {
      n++;
      const household: repo.HouseholdRow = { countyCode: g.county_code, id: randomUUID(), gridCode: g.code, villageCode: g.village_code, number: `${g.code.slice(9)}${String(h + 1).padStart(3, '0')}`, address: `${g.name.replace(/第(.+)网格$/, '$1组').replace(/网格$/, '')}${h + 1}号`, dwellingId: null, headPersonId: null, riskLevel: n % 50 === 0 ? 'key' : n % 15 === 0 ? 'attention' : 'normal', note: null, status: 'active', createdAt: now, updatedAt: now, version: 0 };
      const migrant = n % 10 === 0;
      const ethnicity = ethnicities[(gi + h) % ethnicities.length]!;
      const year = 1955 + (n % 36);
      const members: { relation: string; male: boolean; birth: string; adult: boolean }[] = [
        { relation: '02', male: n % 4 !== 0, birth: `${year}-0${1 + (n % 9)}-1${n % 9}`, adult: true },
        { relation: '10', male: n % 4 === 0, birth: `${year + 2}-1${n % 3}-0${1 + (n % 8)}`, adult: true },
      ];
      for (let c = 0; c < n % 4; c++) {
        const male = (n + c) % 2 === 0;
        members.push({ relation: male ? '20' : '30', male, birth: `${Math.min(2021, year + 24 + c * 3)}-0${1 + ((n + c) % 9)}-2${c}`, adult: year + 24 + c * 3 < 2008 });
      }
      for (const [mi, m] of members.entries()) {
        const row = personRow(ctx, { name: personName(n * 7 + mi), personType: migrant ? '02' : '01', idNumber: id(g.county_code, m.birth, m.male), sex: m.male ? '1' : '2', birthDate: m.birth, ethnicity, phone: m.adult ? `139${String(n * 10 + mi).padStart(8, '0')}` : undefined, address: household.address }, { code: g.code, countyCode: g.county_code, villageCode: g.village_code }, now);
        row.householdId = household.id;
        row.relation = m.relation;
        if (mi === 0) household.headPersonId = row.id;
        persons.push(row);
      }
      households.push(household);
    }
  }
  // Groups the grid workers follow: special groups (severe mental illness with its grade), elderly living alone
  // and left-behind children, in roughly the proportions of the seed articles.
  const records: repo.PersonRecordRow[] = [];
  const record = (p: repo.PersonRow, kind: string, category: string, riskLevel: string | null, sensitive?: Record<string, unknown>) =>
    records.push(recordRow(ctx, p, { kind, category, riskLevel, data: null, sensitive: sensitive ?? null, since: '2024-03-01', until: null }, now));
  // Migrants' residence permits: most valid for years, some expired or running out within the month, so the
  // reminders have something to show.
  const today = cstDate(now);
  const origins = ['510102', '620102', '630102', '610102', '500101'];
  let migrants = 0;
  persons.forEach((p) => {
    if (p.personType !== '02' || Number(p.birthDate!.slice(0, 4)) > 2008) return;
    const k = migrants++;
    const expiry = addDays(today, k % 6 === 0 ? -10 + (k % 9) : k % 6 === 1 ? 3 + (k % 25) : 200 + ((k * 37) % 500));
    records.push(recordRow(ctx, p, { kind: 'migrant', category: null, riskLevel: null, data: { reason: ['01', '03', '04', '01', '05'][k % 5]!, origin: origins[k % origins.length]!, arrivedOn: addDays(today, -400 - (k % 300)), permitNumber: `QH${p.countyCode}${String(k).padStart(6, '0')}`, permitExpiry: expiry }, sensitive: null, since: addDays(today, -400 - (k % 300)), until: null }, now));
  });
  persons.forEach((p, i) => {
    const born = Number(p.birthDate!.slice(0, 4));
    if (i % 97 === 0) record(p, 'special_group', ['01', '02', '03', '04', '05'][(i / 97) % 5]!, (i / 97) % 5 === 2 ? String(i % 4) : null, { note: '演示数据' });
    else if (born <= 1956 && i % 9 === 0) record(p, 'care', '01', null);
    else if (born >= 2013 && i % 3 === 0) record(p, 'youth', '05', 'normal');
  });
  // Two buildings per grid and, in each village's first grid, its school; businesses in communities.
  const buildings: placesRepo.BuildingRow[] = [];
  const places: placesRepo.PlaceRow[] = [];
  let lastVillage = '';
  for (const [gi, g] of grids.entries()) {
    const ring = g.geometry.coordinates[0]!.slice(0, -1);
    const cx = ring.reduce((a, p) => a + p[0]!, 0) / ring.length, cy = ring.reduce((a, p) => a + p[1]!, 0) / ring.length;
    const toward = (k: number, f: number) => [cx + (ring[k % ring.length]![0]! - cx) * f, cy + (ring[k % ring.length]![1]! - cy) * f] as const;
    const base = { countyCode: g.county_code, gridCode: g.code, villageCode: g.village_code, createdAt: now, updatedAt: now, version: 0 };
    for (let b = 0; b < 2; b++) {
      const [lng, lat] = toward(b * 2, 0.4);
      buildings.push({ ...base, id: randomUUID(), name: `${g.name.replace(/第(.+)网格$/, '$1组')}${b + 1}号楼`, address: null, lat, lng, floors: 2 + ((gi + b) % 5), kind: b ? '自建房' : '住宅楼' });
    }
    const shop = { ...base, creditCode: null, address: null, contactNameMask: null, contactEnc: null, contactPhoneMask: null, staffCount: null };
    if (g.village_code !== lastVillage) {
      lastVillage = g.village_code;
      const [lng, lat] = toward(1, 0.3);
      places.push({ ...shop, id: randomUUID(), kind: '01', name: `${g.name.replace(/第.+网格$/, '').replace(/网格$/, '')}小学`, lat, lng, staffCount: 12 + (gi % 20) });
    } else if (gi % 3 === 0) {
      const first17 = `92${g.county_code}MA${String(gi).padStart(7, '0')}`;
      const [lng, lat] = toward(3, 0.3);
      places.push({ ...shop, id: randomUUID(), kind: '06', name: `${personName(gi).slice(0, 1)}记牧家乐`, creditCode: first17 + creditCheckCharacter(first17), lat, lng, staffCount: 3 });
    }
  }
  const [dwellings, tenancies] = demoRentals(buildings, households, persons, now);
  await ctx.db.transaction(async (tx) => {
    onProgress(`写入楼栋、房屋、场所 saving ${buildings.length} buildings, ${dwellings.length} dwellings, ${places.length} places, ${records.length} records`);
    for (const b of buildings) await placesRepo.insertBuilding(tx, b);
    for (const d of dwellings) await dwellingsRepo.insertDwelling(tx, d);
    for (const t of tenancies) await dwellingsRepo.insertTenancy(tx, t);
    for (const p of places) await placesRepo.insertPlace(tx, p);
    for (const r of records) await repo.insertRecord(tx, r);
    for (let i = 0; i < households.length; i += 500) {
      if (i % 1000 === 0) onProgress(`写入演示户 saving households ${i}/${households.length}`);
      for (const h of households.slice(i, i + 500)) await repo.insertHousehold(tx, h);
    }
    for (let i = 0; i < persons.length; i += 1000) {
      if (i % 5000 === 0) onProgress(`写入演示人口 saving persons ${i}/${persons.length}`);
      await repo.insertPersons(tx, persons.slice(i, i + 1000));
    }
    const history = [...households.map((h) => ({ id: h.id, type: 'household', grid: h.gridCode, county: h.countyCode })), ...persons.map((p) => ({ id: p.id, type: 'person', grid: p.gridCode, county: p.countyCode }))];
    for (let i = 0; i < history.length; i += 2000) await repo.addHistory(tx, history.slice(i, i + 2000).map((x) => ({ countyCode: x.county, objectType: x.type, objectId: x.id, event: 'created', fromGrid: null, toGrid: x.grid, data: { via: 'demo' }, actorId: 'system', actorName: 'demo', at: now })));
  });
  return [households.length, persons.length];
}

/**
 * The dwellings of each grid's first building (two a floor) and its rental housing: a migrant family rents a
 * dwelling from the head of the grid's first local household (every member a tenant); every fifth grid also has a
 * let dwelling standing empty. Sets the families' and members' dwelling.
 */
function demoRentals(buildings: placesRepo.BuildingRow[], households: repo.HouseholdRow[], persons: repo.PersonRow[], now: Date): [dwellingsRepo.DwellingRow[], dwellingsRepo.TenancyRow[]] {
  const dwellings: dwellingsRepo.DwellingRow[] = [];
  const tenancies: dwellingsRepo.TenancyRow[] = [];
  const byId = new Map(persons.map((p) => [p.id, p]));
  const membersOf = new Map<string, repo.PersonRow[]>();
  for (const p of persons) if (p.householdId) membersOf.set(p.householdId, [...(membersOf.get(p.householdId) ?? []), p]);
  const householdsOf = new Map<string, repo.HouseholdRow[]>();
  for (const h of households) householdsOf.set(h.gridCode, [...(householdsOf.get(h.gridCode) ?? []), h]);
  for (const [bi, b] of buildings.entries()) {
    if (b.kind !== '住宅楼') continue;
    const units = Array.from({ length: (b.floors ?? 2) * 2 }, (_, i) => `${Math.floor(i / 2) + 1}0${(i % 2) + 1}`);
    const mine = units.map((label): dwellingsRepo.DwellingRow => ({ countyCode: b.countyCode, id: randomUUID(), buildingId: b.id, gridCode: b.gridCode, label, isRental: false, landlordPersonId: null, rentalRegisteredOn: null, rentalUse: null, landlordEnc: null, landlordNameMask: null, landlordPhoneMask: null, landlordIdHash: null, createdAt: now, updatedAt: now, version: 0 }));
    const gridHouseholds = householdsOf.get(b.gridCode) ?? [];
    const landlord = byId.get(gridHouseholds.find((h) => byId.get(h.headPersonId!)?.personType === '01')?.headPersonId ?? '');
    const let_ = (d: dwellingsRepo.DwellingRow, month: number) => {
      if (!landlord) return;
      Object.assign(d, { isRental: true, rentalUse: '1', rentalRegisteredOn: `2025-${String(month).padStart(2, '0')}-15`, landlordPersonId: landlord.id, landlordNameMask: landlord.nameMask, landlordPhoneMask: landlord.phoneMask, landlordIdHash: landlord.idNumberHash });
    };
    let next = mine.length - 1;
    for (const h of gridHouseholds.filter((x) => byId.get(x.headPersonId!)?.personType === '02')) {
      const d = mine[next--];
      if (!d || !landlord) break;
      let_(d, 1 + (bi % 12));
      h.dwellingId = d.id;
      for (const m of membersOf.get(h.id) ?? []) {
        m.dwellingId = d.id;
        tenancies.push({ countyCode: d.countyCode, id: randomUUID(), dwellingId: d.id, personId: m.id, since: d.rentalRegisteredOn!, until: null, createdAt: now, endedAt: null });
      }
    }
    if (bi % 5 === 0 && mine[next]) let_(mine[next]!, 6);
    dwellings.push(...mine);
  }
  return [dwellings, tenancies];
}
