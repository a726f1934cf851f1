import type { Page } from '@playwright/test';
import { writeRecordsFile } from './fixtures';

/**
 * A read of the file that never ends, made on purpose: the engine worker's script is served with
 * a first line that makes every Blob stream give ~21 MB and then never answer again (as a BYOB
 * read once did in Chromium, and as a network drive that went away does). The page must neither
 * freeze nor wait forever: Cancel ends the read at once, and left alone it ends in a message.
 * The worker counts the reads that hang (`hungReads`) and the hung streams it gives up
 * (`hungStreamsCancelled`; a stream read to the end and then let go is not counted).
 */
const HANG_AFTER_21_MB = `{const stream=Blob.prototype.stream;Blob.prototype.stream=function(){const r=stream.call(this).getReader();let n=0;return new ReadableStream({async pull(c){if(n>=21e6){self.hungReads=(self.hungReads||0)+1;return new Promise(()=>{});}const x=await r.read();if(x.done)return c.close();n+=x.value.length;c.enqueue(x.value);},cancel(){if(n>=21e6)self.hungStreamsCancelled=(self.hungStreamsCancelled||0)+1;}});};}\n`;

export async function openHangingApp(page: Page, name = 'large.csv', rows = 800_000): Promise<string> {
  await page.route(/engine\.worker-[\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: HANG_AFTER_21_MB + (await response.text()) });
  });
  const file = writeRecordsFile(name, rows);
  await page.goto('/');
  return file;
}

/**
 * The engine worker's count of reads that hung, or of hung streams it gave up; null until the
 * page has the worker (it starts with the first file), so `expect.poll` waits for it rather than
 * failing at once (seen once in CI, 29 Nov 2026: polled before the worker was listed).
 */
export async function hangCount(page: Page, name: 'hungReads' | 'hungStreamsCancelled'): Promise<number | null> {
  const engine = page.workers().find((w) => w.url().includes('engine.worker'));
  if (engine === undefined) return null;
  return engine.evaluate((n) => (self as unknown as Record<string, number | undefined>)[n] ?? 0, name);
}


/**
 * A CSV file of 70 MB: on a machine with 4 cores or more its read is cut in two (the engine
 * reads ~55%, its helper the rest: docs/architecture.md, "CSV read"), and each part's stream
 * passes 21 MB, so the engine's read hangs there too.
 */
export const HALVES_PAST_21_MB = 1_500_000;
