-- 0021 categories get a Traditional Chinese name (name_zh_tw), shown to zh-TW readers on the resident and staff
-- pages; without one (a category an administrator added without it) they see the Simplified name.
ALTER TABLE categories ADD COLUMN name_zh_tw text;

UPDATE categories SET name_zh_tw = v.tw FROM (VALUES
  ('dispute', '矛盾糾紛'), ('dispute.neighbour', '鄰里糾紛'), ('dispute.family', '婚姻家庭糾紛'),
  ('dispute.land', '土地草場糾紛'), ('dispute.wage', '勞資糾紛'), ('dispute.property', '物業糾紛'),
  ('publicOrder', '治安隱患'), ('publicOrder.hazard', '治安隱患'), ('publicOrder.gambling', '賭博線索'),
  ('publicOrder.fraud', '電信詐騙線索'),
  ('safety', '安全生產'), ('safety.fire', '消防隱患'), ('safety.gas', '燃氣安全'), ('safety.construction', '建築施工安全'),
  ('sanitation', '環境衛生'), ('sanitation.garbage', '垃圾清運'), ('sanitation.sewage', '污水外溢'),
  ('municipal', '市政設施'), ('municipal.road', '道路破損'), ('municipal.streetlight', '路燈不亮'),
  ('municipal.water', '供水問題'), ('municipal.manhole', '井蓋缺失'),
  ('livelihood', '民生服務'), ('livelihood.elderly', '養老助殘'), ('livelihood.subsidy', '補貼發放'),
  ('livelihood.heating', '供暖問題'),
  ('policy', '政策諮詢'), ('policy.question', '政策諮詢'),
  ('forest', '林草生態'), ('forest.grassland', '草原保護'), ('forest.fire', '森林草原防火'), ('forest.wildlife', '野生動物'),
  ('transport', '交通運輸'), ('transport.bus', '公交客運'), ('transport.safety', '交通安全隱患'),
  ('market', '市場監管'), ('market.food', '食品安全'), ('market.price', '價格投訴'),
  ('other', '其他'), ('other.general', '其他事項')
) AS v(id, tw)
WHERE categories.id = v.id AND categories.name_zh_tw IS NULL;
