/**
 * Every document template of the system (petitions, mediation): the data each needs, its title, and the
 * permissions a stored document may be read under.
 */
import type { Permission } from '../roles.ts';
import type { PdfDoc } from './pdf-doc.ts';
import { petitionTemplateIds, petitionTemplates, petitionTemplateTitles, type PetitionTemplateData, type PetitionTemplateId } from './petition-templates.ts';
import { mediationTemplateIds, mediationTemplates, mediationTemplateTitles, type MediationTemplateData, type MediationTemplateId } from './mediation-templates.ts';

export type TemplateId = PetitionTemplateId | MediationTemplateId;
/** One typed data shape per template: what that document must say. */
export type TemplateData = PetitionTemplateData & MediationTemplateData;

export const templateIds: readonly TemplateId[] = [...petitionTemplateIds, ...mediationTemplateIds];

/** The title a template's documents are filed and downloaded under. */
export const templateTitles: Record<TemplateId, string> = { ...petitionTemplateTitles, ...mediationTemplateTitles };

const builders = { ...petitionTemplates, ...mediationTemplates };

/** Builds a template's document definition from its data. */
export function buildDocument<T extends TemplateId>(template: T, data: TemplateData[T]): PdfDoc {
  return (builders[template] as (d: TemplateData[T]) => PdfDoc)(data);
}

/**
 * The permissions a stored document may require of its reader (the download route declares them: holding none,
 * a role is refused before any document is looked up). Each module adds the one its documents are read under.
 */
export const documentReadPermissions: readonly Permission[] = ['case:read', 'petition:read', 'dispute:read'];
