import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { downloadExport, parseCsv } from './default-path-checks';
import { expect, test, upload, writeRecordsFile } from './fixtures';

/** The select of a source column in the mapping table (0-based column index). */
function fieldOf(page: Page, column: number) {
  return page.getByTestId(`map-field-${column}`);
}

async function openMap(page: Page) {
  await page.getByTestId('step-map').click();
  await expect(page.getByTestId('map-step')).toBeVisible();
  await expect(page.getByTestId('map-table')).toBeVisible();
}

function csv(lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf-8');
}

test('a messy export is mapped automatically, with confidence and reasons', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
  await page.getByTestId('nav-next').click();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('step-heading')).toContainText('Map');
  // Contact ID, First Name, Last Name, Email, Phone, Company, Title, City, Postal Code, Country, …
  await expect(fieldOf(page, 1)).toHaveAttribute('data-field', 'first_name');
  await expect(fieldOf(page, 2)).toHaveAttribute('data-field', 'last_name');
  await expect(fieldOf(page, 3)).toHaveAttribute('data-field', 'email');
  await expect(fieldOf(page, 4)).toHaveAttribute('data-field', 'phone');
  await expect(fieldOf(page, 5)).toHaveAttribute('data-field', 'company');
  await expect(fieldOf(page, 7)).toHaveAttribute('data-field', 'city');
  await expect(fieldOf(page, 8)).toHaveAttribute('data-field', 'postal_code');
  // The confidence is written out, with the reason, not shown by colour alone.
  await expect(page.getByTestId('map-confidence-3')).toHaveText(/^\d{2,3}% · \S/);
  await expect(page.getByTestId('map-row').nth(3)).toContainText('robert.davis@outlook.com');
  // Nothing in the email values calls for a transform: lower-casing is offered, not applied.
  await expect(page.getByTestId('map-transforms-3').getByTestId('map-transform')).toHaveCount(0);
  await page.getByTestId('map-offer-transform-3').click();
  await expect(page.getByTestId('map-transforms-3').getByTestId('map-transform')).toHaveText(
    /Lower-case email/,
  );
  await expect(page.getByTestId('map-apply')).toBeEnabled();
});

test('what the values prove is applied by default, shown as applied, removable in one click', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toContainText('300 rows');
  await openMap(page);
  // Lifecycle Stage (column 10) holds the options' labels: the value map is on, and says so.
  const lifecycle = page.getByTestId('map-transforms-10').getByTestId('map-transform');
  await expect(lifecycle).toHaveCount(1);
  await expect(lifecycle).toHaveAttribute('data-kind', 'value-map');
  await expect(lifecycle).toHaveAttribute('data-auto', 'true');
  await expect(lifecycle).toContainText('applied');
  // The examples show what it does: "Opportunity" becomes the option key.
  const examples = page.getByTestId('map-examples-10');
  await expect(examples.getByTestId('map-example-out').first()).toHaveText('opportunity');
  await expect(examples.locator('li').first()).toContainText('Opportunity');
  // First and last names have their own columns: no "Split name" is offered for them.
  await expect(page.getByTestId('map-offer-transform-1')).not.toContainText('Split name');
  // An ID column is never offered as a name (nor as a phone: "0000001" is no phone number).
  await expect(page.getByTestId('map-confidence-0')).toContainText('%');
  await expect(page.getByTestId('map-alternatives-0')).toHaveCount(0);
  // The phone country was inferred from the numbers and is shown.
  await expect(page.getByTestId('map-country')).toHaveValue('US');
  await expect(page.getByTestId('map-country-why')).toHaveAttribute(
    'data-reason',
    /numbers|country-code/,
  );
  // One click removes a default; the offer brings it back.
  await page.getByTestId('map-transform-remove-10-0').click();
  await expect(lifecycle).toHaveCount(0);
  await expect(examples.getByTestId('map-example-out')).toHaveCount(0);
  await page.getByTestId('map-offer-transform-10').click();
  await expect(lifecycle).toHaveAttribute('data-auto', 'true');
  // Accepting every default: Validate finds no lifecycle (picklist) problem at all.
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', /\d+/);
  await expect(
    page.locator('[data-testid="validate-counts"] tr[data-field="lifecycle_stage"]'),
  ).toHaveCount(0);
  await expect(
    page.locator('[data-testid="validate-counts"] td[data-rule="picklist"]'),
  ).toHaveCount(0);
  // Review's styles, loaded with its step, leave Map's transform cards as they were: Review's
  // round "chip" once shaped them too (a class both steps named the same).
  const shape = () => lifecycle.evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
  await page.getByTestId('step-map').click();
  const before = await shape();
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('step-heading')).toContainText('Review');
  await page.getByTestId('step-map').click();
  await expect(lifecycle).toBeVisible();
  expect(await shape()).toBe(before);
  expect(before).toBe('8px');
});

test('a Chinese Excel-style file: phones read as China, yyyy/m/d dates read, on an English page', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, {
    name: 'kehu.csv',
    mimeType: 'text/csv',
    buffer: csv([
      '姓名,手机,邮箱,客户阶段,创建日期',
      '张伟,13800138000,zhang.wei@163.com,商机,2020/1/1',
      '李娜,139 1234 5678,li.na@qq.com,客户,2021/12/31',
      '王芳,186-0000-1111,wang.fang@126.com,线索,2019/7/4',
    ]),
  });
  await openMap(page);
  await expect(page.getByTestId('map-country')).toHaveValue('CN');
  await expect(page.getByTestId('map-country-why')).toHaveAttribute('data-reason', 'numbers');
  const mobile = page.getByTestId('map-transforms-1').getByTestId('map-transform');
  await expect(mobile).toHaveAttribute('data-kind', 'phone');
  await expect(
    page.getByTestId('map-examples-1').getByTestId('map-example-out').first(),
  ).toHaveText('+8613800138000');
  await expect(page.getByTestId('map-transforms-4').getByTestId('map-transform')).toHaveAttribute(
    'data-kind',
    'date',
  );
  await expect(
    page.getByTestId('map-examples-4').getByTestId('map-example-out').first(),
  ).toHaveText('2020-01-01');
  // The country stays switchable: the phone transform follows it.
  await page.getByTestId('map-country').selectOption('US');
  await expect(page.getByTestId('map-country-why')).toHaveCount(0);
  await page.getByTestId('map-country').selectOption('CN');
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('validate-grid')).toBeVisible();
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '0');
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-warnings', '0');
});

test('Chinese headers map to email, mobile, full name and company', async ({ page }) => {
  await page.goto('/');
  await upload(page, {
    name: 'chinese.csv',
    mimeType: 'text/csv',
    buffer: csv([
      '姓名,手机,邮箱,公司名称',
      '张伟,13800138000,zhang.wei@163.com,北京华为科技有限公司',
      '李娜,13912345678,li.na@qq.com,上海某某贸易有限公司',
    ]),
  });
  await openMap(page);
  await expect(fieldOf(page, 0)).toHaveAttribute('data-field', 'full_name');
  await expect(fieldOf(page, 1)).toHaveAttribute('data-field', 'mobile');
  await expect(fieldOf(page, 2)).toHaveAttribute('data-field', 'email');
  await expect(fieldOf(page, 3)).toHaveAttribute('data-field', 'company');
  // In Chinese, the reason is from the Chinese catalogue.
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.getByTestId('map-confidence-2')).toContainText('%');
  await expect(page.getByTestId('map-apply')).toHaveText(/应用映射并校验/);
});

test('a manual remap (skip one column, keep one as custom) is applied and opens Validate', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await openMap(page);
  await expect(fieldOf(page, 12)).not.toHaveAttribute('data-field', '');
  await fieldOf(page, 12).selectOption(':skip');
  await expect(fieldOf(page, 12)).toHaveAttribute('data-field', '');
  await fieldOf(page, 6).selectOption(':custom');
  await expect(fieldOf(page, 6)).toHaveAttribute('data-field', ':custom');
  // A custom field added in the form becomes a choice in every column.
  await page.getByTestId('map-custom-name').fill('Customer tier');
  await page.getByTestId('map-custom-add').click();
  await expect(page.getByTestId('map-custom-status')).toContainText('Customer tier');
  await fieldOf(page, 10).selectOption('f:customer_tier');
  await expect(fieldOf(page, 10)).toHaveAttribute('data-field', 'customer_tier');
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('step-heading')).toContainText('Validate');
});

test('a saved template is offered for a second file with the same headers, and applied', async ({
  page,
}) => {
  const headers = 'E-Mail,Name,Mobile,Remarks';
  await page.goto('/');
  await upload(page, {
    name: 'fair-1.csv',
    mimeType: 'text/csv',
    buffer: csv([headers, 'a@x.com,Ann Lee,+1 202 555 0101,met at booth']),
  });
  await openMap(page);
  await expect(fieldOf(page, 0)).toHaveAttribute('data-field', 'email');
  await expect(fieldOf(page, 2)).toHaveAttribute('data-field', 'mobile');
  // The remap: the mobile column is not imported, the remarks kept as a custom field.
  await fieldOf(page, 2).selectOption(':skip');
  await fieldOf(page, 3).selectOption(':custom');
  await page.getByTestId('map-add-transform-0').click();
  await page.getByTestId('map-transforms-0').getByTestId('map-add-lowercase-email').click();
  await page.getByTestId('template-name').fill('Trade fair');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-item')).toHaveAttribute('data-name', 'Trade fair');

  await page.getByTestId('step-upload').click();
  await upload(page, {
    name: 'fair-2.csv',
    mimeType: 'text/csv',
    buffer: csv([headers, 'b@y.com,Bo Chen,+1 202 555 0199,follow up']),
  });
  await openMap(page);
  // Freshly suggested first: the template is offered, not forced.
  await expect(fieldOf(page, 2)).toHaveAttribute('data-field', 'mobile');
  await expect(page.getByTestId('template-offer')).toContainText(
    'This file matches the template “Trade fair”',
  );
  await expect(page.getByTestId('template-offer')).toHaveAttribute('data-match', 'exact');
  await page.getByTestId('template-offer-apply').click();
  await expect(page.getByTestId('template-applied')).toBeVisible();
  await expect(fieldOf(page, 0)).toHaveAttribute('data-field', 'email');
  await expect(fieldOf(page, 2)).toHaveAttribute('data-field', '');
  await expect(fieldOf(page, 3)).toHaveAttribute('data-field', ':custom');
  await expect(page.getByTestId('map-transforms-0').getByTestId('map-transform')).toHaveText(
    /Lower-case email/,
  );
  await page.getByTestId('map-apply').click();
  await expect(page.getByTestId('step-heading')).toContainText('Validate');
});

test('a custom picklist field travels with the templates file: imported into a fresh browser, it writes the options as defined', async ({
  page,
}) => {
  await page.goto('/');
  await upload(page, {
    name: 'fair-1.csv',
    mimeType: 'text/csv',
    buffer: csv(['Email,VIP Level', 'a@x.com,Gold']),
  });
  await openMap(page);
  await page.getByTestId('map-custom-name').fill('VIP level');
  await page.getByTestId('map-custom-type').selectOption('picklist');
  await page.getByTestId('map-custom-options').fill('gold, silver');
  await page.getByTestId('map-custom-add').click();
  await fieldOf(page, 1).selectOption('f:vip_level');
  await page.getByTestId('template-name').fill('Fair');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-item')).toHaveAttribute('data-name', 'Fair');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-export').click()]);
  const templates = readFileSync(await saved.path());

  // A colleague's browser: nothing stored, the templates file imported, a file in other case.
  await page.context().clearCookies();
  await page.evaluate(async () => {
    for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
    localStorage.clear();
  });
  await page.reload();
  await upload(page, {
    name: 'fair-2.csv',
    mimeType: 'text/csv',
    buffer: csv(['vip level,EMAIL', 'GOLD,b@y.com', 'Silver,c@y.com', 'bronze,d@y.com']),
  });
  await openMap(page);
  await expect(page.getByTestId('template-item')).toHaveCount(0);
  await page.getByTestId('template-import').setInputFiles({ name: 'templates.json', mimeType: 'application/json', buffer: templates });
  await expect(page.getByTestId('template-offer')).toHaveAttribute('data-match', 'exact');
  await page.getByTestId('template-offer-apply').click();
  await expect(page.getByTestId('template-applied')).toBeVisible();
  await expect(fieldOf(page, 0)).toHaveAttribute('data-field', 'vip_level');
  await expect(fieldOf(page, 0).locator('option:checked')).toHaveText('VIP level · picklist');
  await page.getByTestId('map-apply').click();
  // "bronze" is not one of the options: the field is still a picklist.
  await expect(page.getByTestId('validate-totals')).toHaveAttribute('data-errors', '1');
  await page.getByTestId('step-export').click();
  await page.getByTestId('export-create').click();
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '2');
  const out = parseCsv(await downloadExport(page));
  expect(out.header).toEqual(['email', 'vip_level']);
  expect(out.records).toEqual([['b@y.com', 'gold'], ['c@y.com', 'silver']]);
});

test('a column kept as custom keeps its field when the next file spells its header without spaces', async ({ page }) => {
  async function exported(): Promise<ReturnType<typeof parseCsv>> {
    await page.getByTestId('map-apply').click();
    await expect(page.getByTestId('step-heading')).toContainText('Validate');
    await page.getByTestId('step-export').click();
    await page.getByTestId('export-create').click();
    await expect(page.getByTestId('export-result')).toHaveAttribute('data-records', '1');
    return parseCsv(await downloadExport(page));
  }
  await page.goto('/');
  await upload(page, { name: 'fair-1.csv', mimeType: 'text/csv', buffer: csv(['Email,Meeting Notes', 'a@x.com,met at booth']) });
  await openMap(page);
  await fieldOf(page, 1).selectOption(':custom');
  await page.getByTestId('template-name').fill('Fair');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-item')).toHaveAttribute('data-name', 'Fair');
  expect((await exported()).header).toEqual(['email', 'meeting_notes']);

  await page.getByTestId('step-upload').click();
  await upload(page, { name: 'fair-2.csv', mimeType: 'text/csv', buffer: csv(['MeetingNotes,EMAIL', 'call back,b@y.com']) });
  await openMap(page);
  await expect(page.getByTestId('template-offer')).toHaveAttribute('data-match', 'exact');
  await page.getByTestId('template-offer-apply').click();
  await expect(page.getByTestId('template-applied')).toBeVisible();
  await expect(fieldOf(page, 1)).toHaveAttribute('data-field', 'email');
  // Applied again from the list: the field it added the first time, not `meeting_notes_2`.
  await page.getByTestId('template-apply').click();
  await expect(fieldOf(page, 0)).toHaveAttribute('data-field', 'meeting_notes');
  // The same field as the first file's, not a new `meetingnotes` one.
  const second = await exported();
  expect(second.header).toEqual(['email', 'meeting_notes']);
  expect(second.records).toEqual([['b@y.com', 'call back']]);
});

/** A file of e-mails and notes, its notes kept as a custom field, saved as the template "Fair". */
async function saveFairTemplate(page: Page) {
  const item = (name: string) => page.locator(`[data-testid="template-item"][data-name="${name}"]`);
  await page.goto('/');
  await upload(page, { name: 'fair-1.csv', mimeType: 'text/csv', buffer: csv(['Email,Notes', 'a@x.com,met at booth']) });
  await openMap(page);
  await fieldOf(page, 1).selectOption(':custom');
  await page.getByTestId('template-name').fill('Fair');
  await page.getByTestId('template-save').click();
  await expect(item('Fair')).toHaveCount(1);
  return item;
}

test('importing a templates file never replaces a saved template: a changed copy is kept beside it, an identical one is not added again', async ({ page }) => {
  const item = await saveFairTemplate(page);
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-export').click()]);
  const original = readFileSync(await saved.path(), 'utf8');
  // The same template (same id) as a colleague changed it: Notes is no longer imported.
  const file = JSON.parse(original) as { templates: { mapping: Record<string, { field: null; custom?: boolean }> }[] };
  const changed = file.templates[0];
  if (changed === undefined) throw new Error('no template exported');
  changed.mapping['Notes'] = { ...changed.mapping['Notes'], field: null, custom: false };
  await page.getByTestId('template-import').setInputFiles({ name: 'templates.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  // Before: the saved "Fair" was replaced without a word ("1 template imported.").
  await expect(page.getByTestId('template-status')).toHaveText(
    '1 template imported. 1 imported template has the name of a saved one, which is left as it was; the imported one is kept beside it as “Fair (2)”.',
  );
  await expect(page.getByTestId('template-item')).toHaveCount(2);
  await item('Fair').getByTestId('template-apply').click();
  await expect(fieldOf(page, 1)).toHaveAttribute('data-field', ':custom');
  await item('Fair (2)').getByTestId('template-apply').click();
  await expect(fieldOf(page, 1)).toHaveAttribute('data-field', '');

  // The file exported before: the saved "Fair" as it is, so nothing is added.
  await page.getByTestId('template-import').setInputFiles({ name: 'templates.json', mimeType: 'application/json', buffer: Buffer.from(original) });
  await expect(page.getByTestId('template-status')).toHaveText(
    '0 templates imported. 1 template in the file is already saved as it is; it was not added again.',
  );
  await expect(page.getByTestId('template-item')).toHaveCount(2);
});

test('saving under a saved template\'s name asks before replacing it, and a rename to it is refused', async ({ page }) => {
  const item = await saveFairTemplate(page);

  // Notes no longer imported, saved under the same name: before, a second "Fair" was added.
  await fieldOf(page, 1).selectOption(':skip');
  await page.getByTestId('template-name').fill('Fair');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-replace')).toContainText('A template named “Fair” is already saved. Replace it with the current mapping?');
  await expect(page.getByTestId('template-item')).toHaveCount(1);
  // By keyboard: the question has the focus on Cancel, so a second Enter replaces nothing.
  await expect(page.getByTestId('template-replace-no')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('template-replace')).toHaveCount(0);
  await item('Fair').getByTestId('template-apply').click();
  await expect(fieldOf(page, 1)).toHaveAttribute('data-field', ':custom');

  await fieldOf(page, 1).selectOption(':skip');
  await page.getByTestId('template-name').fill('Fair');
  await page.getByTestId('template-save').click();
  await page.getByTestId('template-replace-yes').click();
  await expect(page.getByTestId('template-status')).toHaveText('Template “Fair” replaced with the current mapping.');
  await expect(page.getByTestId('template-item')).toHaveCount(1);
  await fieldOf(page, 1).selectOption(':custom');
  await item('Fair').getByTestId('template-apply').click();
  await expect(fieldOf(page, 1)).toHaveAttribute('data-field', '');

  // A rename to a saved template's name (any case) is refused, and says why.
  await page.getByTestId('template-name').fill('Other');
  await page.getByTestId('template-save').click();
  await item('Other').getByTestId('template-rename').click();
  await page.getByTestId('template-rename-input').fill('FAIR');
  await page.getByTestId('template-rename-save').click();
  await expect(page.getByTestId('template-rename-taken')).toHaveText('A template named “FAIR” is already saved. Choose another name.');
  await expect(page.getByTestId('template-item')).toHaveCount(2);
  await expect(item('Other')).toHaveCount(1);
});

test('a required field that is not mapped blocks applying, and is listed', async ({ page }) => {
  await page.goto('/');
  await upload(page, {
    name: 'deals.csv',
    mimeType: 'text/csv',
    buffer: csv(['Contact Email,Amount,Opportunity Label', 'a@x.com,100,Renewal']),
  });
  await openMap(page);
  await page.getByTestId('map-object').selectOption('deal');
  await expect(page.getByTestId('map-object')).toHaveValue('deal');
  await fieldOf(page, 2).selectOption(':skip');
  await expect(page.getByTestId('map-missing-field')).toHaveAttribute('data-field', 'name');
  await expect(page.getByTestId('map-missing')).toContainText('Deal name');
  await expect(page.getByTestId('map-apply')).toBeDisabled();
  await fieldOf(page, 2).selectOption('f:name');
  await expect(page.getByTestId('map-missing')).toHaveCount(0);
  await expect(page.getByTestId('map-apply')).toBeEnabled();
});

test('an invalid templates file shows the catalogue message with its path', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await openMap(page);
  await page.getByTestId('template-import').setInputFiles({
    name: 'templates.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      '{"format":"crm-porter/mapping-templates","version":1,"templates":[{"id":1}]}',
    ),
  });
  await expect(page.getByTestId('template-error')).toContainText(
    'Couldn’t read the templates: at $.templates',
  );
  await page.getByTestId('schema-import').setInputFiles({
    name: 's.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"properties":{"email":{"type":1}}}'),
  });
  await expect(page.getByTestId('schema-error')).toContainText('$.properties.email.type');
});

test('a data file picked as a schema or as templates is refused from its size, unread, in both languages', async ({ page }) => {
  // ~6 MB of CSV where a few-KB JSON file belongs: before, it was read whole on the page's
  // thread and then called "not JSON".
  const wrong = writeRecordsFile('contacts-export.csv', 150_000);
  await page.goto('/');
  await page.getByTestId('sample-contacts.csv').click();
  await expect(page.getByTestId('loaded-summary')).toBeVisible();
  await openMap(page);
  const panel = page.getByTestId('schema-panel');
  const before = await panel.locator('p').first().textContent();
  await page.getByTestId('schema-import').setInputFiles(wrong);
  await expect(page.getByTestId('schema-error')).toContainText(
    /“contacts-export\.csv” is [56]\.\d MB: a schema, a list of templates or a snapshot description is at most 4\.2 MB, so this is likely another file \(a data file\?\)\. Nothing was read\./,
  );
  // The target object is unchanged.
  await expect(panel.locator('p').first()).toHaveText(before ?? '');
  await page.getByTestId('locale').selectOption('zh-CN');
  await page.getByTestId('template-import').setInputFiles(wrong);
  await expect(page.getByTestId('template-error')).toContainText(/“contacts-export\.csv”大小为 [56]\.\d MB：结构、模板列表或快照描述文件最大为 4\.2 MB/);
  await expect(page.getByTestId('templates-panel').getByTestId('template-item')).toHaveCount(0);
});

for (const locale of ['en', 'zh-CN'] as const) {
  test(`the Map step fits wide and phone screens (${locale})`, async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto('/');
    await page.getByTestId('locale').selectOption(locale);
    await page.getByTestId('sample-contacts.csv').click();
    await expect(page.getByTestId('loaded-summary')).toBeVisible();
    await openMap(page);
    await page.getByTestId('map-offer-transform-3').click();
    await page.getByTestId('map-add-transform-1').click();
    await page.getByTestId('map-transforms-1').getByTestId('map-add-split-name').click();
    // One column moved off its suggestion, so the "accept" offer is in the pictures too.
    await fieldOf(page, 6).selectOption(':skip');
    await expect(page.getByTestId('map-accept-6')).toBeVisible();
    await page.getByTestId('map-add-transform-7').click();
    await expect(page.getByTestId('map-transforms-7').getByTestId('map-add-trim')).toBeVisible();
    const dir = process.env['MAP_SHOTS_DIR'];
    if (dir) mkdirSync(dir, { recursive: true });
    for (const [width, height] of [
      [1400, 1000],
      [390, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      // Nothing may stick out of the page sideways; the table scrolls or stacks inside itself.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
      if (dir) {
        await page.screenshot({ path: join(dir, `map-${locale}-${width}.png`), fullPage: true });
        // A phone-sized page is too tall to read as one image: also save it in screen-sized parts.
        const total = await page.evaluate(() => document.documentElement.scrollHeight);
        const parts = width < 600 ? Math.ceil(total / height) : 0;
        for (let n = 0; n < parts; n++) {
          const clip = { x: 0, y: n * height, width, height: Math.min(height, total - n * height) };
          await page.screenshot({
            path: join(dir, `map-${locale}-${width}-part${n}.png`),
            fullPage: true,
            clip,
          });
        }
      }
    }
  });
}

/** A header of `n` columns "Col 1"… and a row of values "v1"…. */
const header = (n: number) => Array.from({ length: n }, (_, i) => `Col ${i + 1}`).join(',');
const row = (n: number) => Array.from({ length: n }, (_, i) => `v${i + 1}`).join(',');

test('a template that partly fits names the first 20 columns the file adds, then how many more', async ({ page }) => {
  await page.goto('/');
  await upload(page, { name: 'sixty.csv', mimeType: 'text/csv', buffer: csv([header(60), row(60)]) });
  await openMap(page);
  await page.getByTestId('template-name').fill('Sixty');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-item')).toHaveAttribute('data-name', 'Sixty');
  await page.getByTestId('step-upload').click();
  // 25 columns more: 60 of 85 in common, a partial match.
  await upload(page, { name: 'wider.csv', mimeType: 'text/csv', buffer: csv([header(85), row(85)]) });
  await openMap(page);
  await expect(page.getByTestId('template-offer')).toHaveAttribute('data-match', 'partial');
  const listed = Array.from({ length: 20 }, (_, i) => `Col ${i + 61}`);
  await expect(page.getByTestId('template-added')).toHaveText(`New columns: ${listed.join(', ')} and 5 more.`);
  // Chinese joins a list with 、, not a comma.
  await page.getByTestId('locale').selectOption('zh-CN');
  await expect(page.getByTestId('template-added')).toHaveText(`新增的列：${listed.join('、')} 等另外 5 列。`);
});
