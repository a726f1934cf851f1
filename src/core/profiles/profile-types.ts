/**
 * A CRM import profile: how one CRM wants its import files. Profiles are data (one file per
 * CRM in this folder); `writeProfileFiles` turns a change set into files by these rules. The
 * rules come from each vendor's public import documentation, listed in `docs` and summarised
 * in the README.
 */

/** The built-in objects a profile names (`CrmObject.key`). */
export type ProfileObjectKey = 'contact' | 'company' | 'deal';

export type ProfileId = 'salesforce' | 'hubspot' | 'dynamics' | 'zoho' | 'pipedrive' | 'odoo';

export interface ProfileObject {
  /** The CRM's name for the object, used in file names (`Contact`, `Account`, `res.partner`). */
  readonly name: string;
  /**
   * Our field key → the CRM's column name. `null`: the CRM has no such column and the field is
   * left out (listed in the manifest). A field not listed here (a custom field) keeps its key.
   */
  readonly columns: Readonly<Record<string, string | null>>;
  /** The ID column for this object when it differs from the profile's `idColumn`. */
  readonly idColumn?: string;
}

export interface CrmProfile {
  readonly id: ProfileId;
  readonly name: string;
  /** The vendor's public import documentation these rules follow. */
  readonly docs: readonly string[];
  /** Write U+FEFF first. Every profile writes UTF-8. */
  readonly bom: boolean;
  readonly objects: Readonly<Record<ProfileObjectKey, ProfileObject>>;
  /**
   * The column that names an existing record on update and delete. Its value is our
   * `external_id` field: the ID the CRM gave the record, kept when the data was exported from it.
   */
  readonly idColumn: string;
  /** Whether inserts carry the ID column too (Odoo: `id` is an external ID the import creates). */
  readonly idOnInsert: boolean;
  /** Whether the CRM's import can delete records (a delete file is written only then). */
  readonly deletes: boolean;
  /**
   * What an update file holds: `changed` — the ID plus the changed fields, other cells empty (the
   * CRM ignores empty cells on update); `all` — every field of the merged record (the CRM sets
   * what the file says, empty included).
   */
  readonly updates: 'changed' | 'all';
  /** With `changed` updates: the value that clears a field (Salesforce `#N/A`), or null if none. */
  readonly clearValue: string | null;
  /**
   * Upsert by external ID (Salesforce): one file for inserts and updates, keyed by an external
   * ID field of the CRM whose name the user gives (default below). Absent: not offered.
   */
  readonly upsert?: { readonly defaultField: string };
  /** Records per file; larger sets are split into numbered files. */
  readonly maxRowsPerFile: number;
}

/** Import order: parents before children on insert and update, children before parents on delete. */
export const OBJECT_RANK: Readonly<Record<ProfileObjectKey, number>> = {
  company: 1,
  contact: 2,
  deal: 3,
};
