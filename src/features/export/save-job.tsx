import { useEffect, useState } from 'react';
import { currentJob } from '../../state/job';
import { useStore, useT } from '../../state/store';

/** "Save as job": the current read, mapping, review and export choices as a file for `crm-porter run`. */
export function SaveJob() {
  const t = useT();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  const save = () => {
    const job = currentJob(useStore.getState());
    if (job === null) return;
    const next = URL.createObjectURL(
      new Blob([`${JSON.stringify(job, null, 2)}\n`], { type: 'application/json' }),
    );
    setUrl(next);
    // Download at once; the link stays for a second copy.
    const a = document.createElement('a');
    a.href = next;
    a.download = 'crm-porter-job.json';
    a.click();
  };
  return (
    <p className="save-job">
      <button type="button" onClick={save} data-testid="save-job">
        {t('export.job.save')}
      </button>{' '}
      <span className="muted">{t('export.job.hint')}</span>
    </p>
  );
}
