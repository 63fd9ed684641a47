/** Categories and departments, loaded once per page. */
import { useEffect, useState } from 'react';
import { api } from '../../api';

export interface Category { id: string; parentId: string | null; name: string; nameEn: string; isPublic: boolean; defaultTier: string; ownerCode?: string }
export interface Department { id: string; countyCode: string; name: string; categoryIds: string[] }

/** The category tree as Cascader options and the department list. */
export function useCatalog() {
  const [categories, setCategories] = useState<Category[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  useEffect(() => {
    api<Category[]>('/api/categories').then(setCategories);
    api<Department[]>('/api/departments').then(setDepartments).catch(() => setDepartments([]));
  }, []);
  const tree = categories.filter((c) => !c.parentId).map((p) => ({ value: p.id, label: p.name, children: categories.filter((c) => c.parentId === p.id).map((c) => ({ value: c.id, label: c.name + (c.isPublic ? '' : ' 🔒') })) }));
  return { categories, departments, tree };
}
