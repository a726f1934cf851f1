import type { MappingTemplate } from '../../core/mapping/mapping-types';
import { porterDb } from '../../workers/porter-db';

/** Mapping templates saved in this browser (IndexedDB), newest first. */
export async function listTemplates(): Promise<MappingTemplate[]> {
  try {
    const all = (await (await porterDb()).getAll('templates')) as unknown as MappingTemplate[];
    return all.sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  } catch (err) {
    console.warn('Could not read saved templates', err);
    return [];
  }
}

export async function putTemplate(template: MappingTemplate): Promise<void> {
  await (await porterDb()).put('templates', template as unknown as { id: string });
}

export async function deleteTemplate(id: string): Promise<void> {
  await (await porterDb()).delete('templates', id);
}
