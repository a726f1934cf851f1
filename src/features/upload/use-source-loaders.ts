import { useStore } from '../../state/store';

/** Sample files served with the app from public/samples/. */
export const SAMPLES = [
  { file: 'contacts.csv', label: 'upload.sample.contacts' },
  { file: 'contacts-messy.csv', label: 'upload.sample.messy' },
  { file: 'contacts-baseline.csv', label: 'upload.sample.baseline' },
] as const;

/** Ways into the engine from the upload step: a file, pasted text, or a sample. */
export function useSourceLoaders() {
  const openFile = useStore((s) => s.openFile);
  const showReadError = useStore((s) => s.showReadError);

  const openPasted = (text: string, name: string) => {
    if (text.trim() === '') {
      showReadError({ code: 'paste-empty', details: {} });
      return;
    }
    // Pasted text is UTF-16 in the page; hand it to the engine as UTF-8 bytes like any file.
    void openFile(new Blob([text], { type: 'text/plain' }), name);
  };

  const openSample = async (file: string) => {
    try {
      const response = await fetch(`${import.meta.env.BASE_URL}samples/${file}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await openFile(await response.blob(), file);
    } catch (err) {
      console.error(err);
      showReadError({ code: 'sample-failed', details: { file } });
    }
  };

  const openChosen = (file: File) => {
    // Marks for the benchmark: "first rows on screen after the drop" is timed from here.
    performance.clearMarks();
    performance.mark('crm:file-chosen');
    void openFile(file, file.name);
  };

  return { openFile: openChosen, openPasted, openSample };
}
