/**
 * Dispute categories (纠纷类型), as the 人民调解 statistics group them, with their labels, and which case
 * categories of the catalog map to which (a case of a dispute category becomes a dispute in one click).
 */
export const disputeCategories = ['family', 'neighbour', 'land', 'homestead', 'contract', 'damages', 'labour', 'property', 'village_affairs', 'other'] as const;
export type DisputeCategory = (typeof disputeCategories)[number];

/** Chinese names (the UI translates by id too). */
export const disputeCategoryLabels: Record<DisputeCategory, string> = {
  family: '婚姻家庭纠纷',
  neighbour: '邻里纠纷',
  land: '土地草场山林纠纷',
  homestead: '房屋宅基地纠纷',
  contract: '合同纠纷',
  damages: '损害赔偿纠纷',
  labour: '劳动争议与欠薪',
  property: '物业纠纷',
  village_affairs: '村务管理纠纷',
  other: '其他纠纷',
};

/** The dispute category of a case category (dispute.* of the catalog), or null when the case is not a dispute. */
export function disputeCategoryOfCase(caseCategoryId: string): DisputeCategory | null {
  const map: Record<string, DisputeCategory> = { 'dispute.neighbour': 'neighbour', 'dispute.family': 'family', 'dispute.land': 'land', 'dispute.wage': 'labour', 'dispute.property': 'property' };
  if (map[caseCategoryId]) return map[caseCategoryId];
  return caseCategoryId.startsWith('dispute.') ? 'other' : null;
}
