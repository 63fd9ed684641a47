/**
 * A deterministic demo prefecture shaped like Haibei (海北藏族自治州, Qinghai) in the seed articles:
 * 4 counties, 30 townships, 242 villages and communities (214 + 28), about 900 grids. The township
 * names are the real ones; village names, codes below township level and all people are invented.
 * Polygons tile each village exactly (shared, jittered lattice vertices), so grids never overlap.
 */
import type { Polygon, Position } from '../../core/geo.ts';

export interface DemoRegion { code: string; name: string; parentCode: string | null }
export interface DemoGrid { code: string; name: string; polygon: Polygon; community: boolean }

type Rect = [number, number, number, number]; // minLng, minLat, maxLng, maxLat

const counties: { code: string; name: string; rect: Rect; townships: [string, 'town' | 'xiang'][] }[] = [
  { code: '632221', name: '门源回族自治县', rect: [101.1, 37.0, 102.6, 37.9], townships: [['浩门镇', 'town'], ['青石嘴镇', 'town'], ['泉口镇', 'town'], ['东川镇', 'town'], ['北山乡', 'xiang'], ['麻莲乡', 'xiang'], ['西滩乡', 'xiang'], ['阴田乡', 'xiang'], ['仙米乡', 'xiang'], ['珠固乡', 'xiang'], ['苏吉滩乡', 'xiang'], ['皇城蒙古族乡', 'xiang']] },
  { code: '632222', name: '祁连县', rect: [98.6, 37.9, 101.0, 38.8], townships: [['八宝镇', 'town'], ['峨堡镇', 'town'], ['默勒镇', 'town'], ['扎麻什乡', 'xiang'], ['阿柔乡', 'xiang'], ['野牛沟乡', 'xiang'], ['央隆乡', 'xiang']] },
  { code: '632223', name: '海晏县', rect: [100.5, 36.8, 101.1, 37.9], townships: [['三角城镇', 'town'], ['西海镇', 'town'], ['金滩乡', 'xiang'], ['哈勒景蒙古族乡', 'xiang'], ['青海湖乡', 'xiang'], ['甘子河乡', 'xiang']] },
  { code: '632224', name: '刚察县', rect: [99.4, 37.0, 100.5, 37.9], townships: [['沙柳河镇', 'town'], ['哈尔盖镇', 'town'], ['伊克乌兰乡', 'xiang'], ['泉吉乡', 'xiang'], ['吉尔孟乡', 'xiang']] },
];

const villageFirst = ['东', '西', '南', '北', '上', '下', '新', '红', '金', '银', '青', '黄', '白', '大', '小', '前', '后', '沙', '石', '草', '花', '龙', '马', '牛', '羊', '寺尔', '塔', '扎', '达', '宁', '丰', '和', '安', '永', '德', '兴', '瓜', '卡', '俄', '刚'];
const villageSecond = ['沟', '滩', '庄', '河', '台', '泉', '山', '塘', '湾', '坪', '峡', '岭', '堡', '湖', '源', '川', '林', '口', '寨', '尔'];
const communityNames = ['城关', '东关', '西关', '南关', '北关', '新城', '和平', '团结', '幸福', '光明'];
const surnames = ['马', '李', '王', '张', '韩', '赵', '祁', '冶', '刘', '陈', '杨', '周', '孙', '朱', '何'];
const given = ['明', '华', '芳', '军', '兰', '强', '霞', '勇', '梅', '海', '英', '林', '平', '秀', '成', '福', '玉', '俊', '国', '春'];
const tibetan = ['才让', '卓玛', '多杰', '拉毛', '扎西', '措吉', '旦增', '索南', '央金', '更登'];

/** A deterministic pseudo-random sequence (mulberry32) so every run builds the same prefecture. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits a rectangle into n cells in rows; the last row's cells widen to fill it. */
function splitRect([x0, y0, x1, y1]: Rect, n: number): Rect[] {
  const cols = Math.ceil(Math.sqrt(n * ((x1 - x0) / (y1 - y0))));
  const c = Math.max(1, Math.min(n, cols));
  const rows = Math.ceil(n / c);
  const out: Rect[] = [];
  const h = (y1 - y0) / rows;
  for (let r = 0; r < rows; r++) {
    const inRow = r === rows - 1 ? n - c * (rows - 1) : c;
    const w = (x1 - x0) / inRow;
    // Row 0 is the northernmost, numbered west→east, north→south as the grid-coding rules ask.
    const top = y1 - r * h;
    for (let i = 0; i < inRow; i++) out.push([x0 + i * w, top - h, x0 + (i + 1) * w, top]);
  }
  return out;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** Tiles a village rectangle with cols×rows quadrilaterals whose inner vertices are jittered. */
function tileVillage([x0, y0, x1, y1]: Rect, cols: number, rows: number, rand: () => number): Polygon[] {
  const w = (x1 - x0) / cols, h = (y1 - y0) / rows;
  const pt: Position[][] = [];
  for (let j = 0; j <= rows; j++) {
    pt.push([]);
    for (let i = 0; i <= cols; i++) {
      const inner = i > 0 && i < cols && j > 0 && j < rows;
      // Outer-edge points stay on the village boundary; interior ones move up to 25% of a cell.
      const dx = inner ? (rand() - 0.5) * 0.5 * w : 0;
      const dy = inner ? (rand() - 0.5) * 0.5 * h : 0;
      pt[j]!.push([round(x0 + i * w + dx), round(y1 - j * h + dy)]);
    }
  }
  const polys: Polygon[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const a = pt[j]![i]!, b = pt[j]![i + 1]!, c = pt[j + 1]![i + 1]!, d = pt[j + 1]![i]!;
      polys.push({ type: 'Polygon', coordinates: [[a, d, c, b, a]] });
    }
  }
  return polys;
}

const gridShapes: [number, number][] = [[2, 2], [3, 1], [2, 2], [3, 2], [2, 1], [2, 2], [3, 1], [2, 2]];
const chineseNumber = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Builds the whole demo prefecture. */
export function buildHaibei() {
  const rand = rng(632200);
  const regions: DemoRegion[] = [
    { code: '630000000000', name: '青海省', parentCode: null },
    { code: '632200000000', name: '海北藏族自治州', parentCode: '630000000000' },
  ];
  const grids: DemoGrid[] = [];
  const villageCount = 242;
  const townshipTotal = counties.reduce((s, c) => s + c.townships.length, 0);
  let townshipIndex = 0;
  let communitiesLeft = 28;
  let villageIndex = 0;
  for (const county of counties) {
    const countyCode = county.code + '000000';
    regions.push({ code: countyCode, name: county.name, parentCode: '632200000000' });
    const tRects = splitRect(county.rect, county.townships.length);
    let town = 100, xiang = 200;
    county.townships.forEach(([tName, kind], ti) => {
      const tCode = county.code + String(kind === 'town' ? town++ : xiang++).padStart(3, '0') + '000';
      regions.push({ code: tCode, name: tName, parentCode: countyCode });
      // 242 villages over 30 townships: 8 each, two get 9.
      const n = Math.floor(villageCount / townshipTotal) + (townshipIndex < villageCount % townshipTotal ? 1 : 0);
      townshipIndex++;
      // Communities (居委会) sit in towns: four in each county seat (the county's first town), two
      // in other towns, until the 28 of the seed article are placed.
      const communities = kind === 'town' ? Math.min(communitiesLeft, ti === 0 ? 4 : 2) : 0;
      communitiesLeft -= communities;
      const vRects = splitRect(tRects[ti]!, n);
      let cSeq = 1, vSeq = 201;
      vRects.forEach((vRect, vi) => {
        const community = vi < communities;
        const vCode = tCode.slice(0, 9) + String(community ? cSeq++ : vSeq++).padStart(3, '0');
        const vName = community
          ? `${communityNames[(villageIndex + vi) % communityNames.length]}社区`
          : tName === '东川镇' && vi === communities
            ? '寺尔沟村'
            : `${villageFirst[(villageIndex * 7 + vi * 3) % villageFirst.length]}${villageSecond[(villageIndex * 3 + vi) % villageSecond.length]}村`;
        regions.push({ code: vCode, name: vName, parentCode: tCode });
        const [cols, rows] = gridShapes[(villageIndex + vi) % gridShapes.length]!;
        tileVillage(vRect, cols, rows, rand).forEach((polygon, gi) => {
          grids.push({ code: vCode + String(gi + 1).padStart(3, '0'), name: `${vName}第${chineseNumber[gi]}网格`, polygon, community });
        });
      });
      villageIndex += n;
    });
  }
  return { regions, grids, personName: (i: number) => personName(i) };
}

/** A deterministic invented name: Han, Hui or Tibetan style. */
export function personName(i: number): string {
  if (i % 4 === 3) return tibetan[i % tibetan.length]! + (i % 3 === 0 ? '' : tibetan[(i * 7 + 3) % tibetan.length]!.slice(0, 1));
  return surnames[(i * 7) % surnames.length]! + given[(i * 13) % given.length]! + (i % 2 ? given[(i * 3 + 5) % given.length]! : '');
}
