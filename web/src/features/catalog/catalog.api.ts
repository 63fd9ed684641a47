/** Server state of the catalog: categories, departments, routing rules, deadline policies, the holiday calendar. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CalendarDay, Category, DeadlinePolicy, Department } from '../../../../core/schemas/catalog.response';
import { api } from '../../api';
import { useAction, type FormOptions } from '../../data/use-action';

const keys = { categories: ['categories'], departments: ['departments'], policies: ['deadline-policies'], calendar: ['calendar'], rules: (county: string) => ['routing-rules', county] };

/** Every category (groups have no parent). */
export function useCategories() {
  return useQuery({ queryKey: keys.categories, queryFn: () => api<Category[]>('/api/categories'), staleTime: 300_000 });
}

/** Departments of my counties. */
export function useDepartments() {
  return useQuery({ queryKey: keys.departments, queryFn: () => api<Department[]>('/api/departments'), staleTime: 300_000 });
}

/** A category's name in the UI language: English or Traditional where the category has one, else its name. */
export function categoryNameIn(c: Pick<Category, 'name' | 'nameEn' | 'nameZhTw'>, language: string): string {
  if (language === 'en' && c.nameEn) return c.nameEn;
  if (language === 'zh-TW' && c.nameZhTw) return c.nameZhTw;
  return c.name;
}

/**
 * The category tree as Cascader options (🔒 marks a private category), the department list, and `categoryName(id,
 * fallback)`: a category's name in the UI language (lists carry the Chinese name; an English reader gets nameEn).
 */
export function useCatalog() {
  const { i18n } = useTranslation();
  const categories = useCategories().data ?? [];
  const departments = useDepartments().data ?? [];
  const nameOf = (c: Category) => categoryNameIn(c, i18n.language);
  const tree = categories.filter((c) => !c.parentId).map((p) => ({ value: p.id, label: nameOf(p), children: categories.filter((c) => c.parentId === p.id).map((c) => ({ value: c.id, label: nameOf(c) + (c.isPublic ? '' : ' 🔒') })) }));
  const categoryName = (id: string, fallback = id) => {
    const c = categories.find((x) => x.id === id);
    return c ? nameOf(c) : fallback;
  };
  return { categories, departments, tree, categoryName };
}

/** Tier → handling level of a county. */
export function useRoutingRules(county: string) {
  // Asked only once a county is chosen: an administrator above a county has none until they pick one.
  return useQuery({ queryKey: keys.rules(county), queryFn: () => api<Record<string, string>>(`/api/routing-rules?county=${county}`), enabled: !!county });
}

/** Deadline policies. */
export function useDeadlinePolicies() {
  return useQuery({ queryKey: keys.policies, queryFn: () => api<DeadlinePolicy[]>('/api/deadline-policies') });
}

/** Holidays and adjusted working days. */
export function useCalendar() {
  return useQuery({ queryKey: keys.calendar, queryFn: () => api<CalendarDay[]>('/api/calendar') });
}

/** Changes a category (public or not, default tier). */
export function useUpdateCategory() {
  return useAction(({ id, body }: { id: string; body: Partial<Category> }, { key }) => api<Category>(`/api/categories/${id}`, { method: 'PATCH', body, key }), { invalidates: () => [keys.categories] });
}

/** Adds a department with the categories it owns. */
export function useCreateDepartment() {
  return useAction((body: { countyCode: string; name: string; categoryIds: string[] }, { key }) => api('/api/departments', { method: 'POST', body, key }), { invalidates: () => [keys.departments] });
}

/** Sets a county's routing rules. */
export function useSetRoutingRules() {
  return useAction((body: { countyCode: string; rules: Record<string, string> }, { key }) => api('/api/routing-rules', { method: 'PUT', body, key }), { invalidates: (v) => [keys.rules(v.countyCode)] });
}

/** Sets one deadline policy. */
export function useSetDeadlinePolicy() {
  return useAction((body: Omit<DeadlinePolicy, 'stageMinutes' | 'totalMinutes'> & { stageMinutes: number; totalMinutes: number }, { key }) => api('/api/deadline-policies', { method: 'PUT', body, key }), { invalidates: () => [keys.policies] });
}

/** Imports holidays from CSV for a county (or every county). */
export function useImportCalendar() {
  return useAction((body: { csv: string; countyCode: string }, { key }) => api('/api/calendar/import', { method: 'POST', body, key }), { invalidates: () => [keys.calendar] });
}

/** Renames a department, changes what it owns, or stops it. */
export function useUpdateDepartment(form?: FormOptions) {
  return useAction(({ id, body }: { id: string; body: { name?: string; categoryIds?: string[]; active?: boolean } }, { key }) => api<Department>(`/api/departments/${id}`, { method: 'PATCH', body, key }), { ...form, invalidates: () => [keys.departments] });
}

/** Marks one day a holiday, a 调休 workday, or normal again, for a county (or every county, 000000). */
export function useSetCalendarDay() {
  return useAction((body: { countyCode: string; day: string; kind: 'holiday' | 'workday' | 'normal'; name: string }, { key }) => api('/api/calendar/day', { method: 'PUT', body, key }), { invalidates: () => [keys.calendar] });
}
