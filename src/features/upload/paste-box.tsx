import { useId, useState } from 'react';
import { useT } from '../../state/store';

export function PasteBox({ disabled, onRead }: { disabled: boolean; onRead: (text: string) => void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  return (
    <div className="paste-box">
      <label htmlFor={id}>{t('upload.paste.label')}</label>
      <textarea
        id={id}
        rows={4}
        value={text}
        spellCheck={false}
        data-testid="paste-input"
        onChange={(e) => setText(e.target.value)}
      />
      <button type="button" disabled={disabled} onClick={() => onRead(text)} data-testid="paste-read">
        {t('upload.paste.button')}
      </button>
    </div>
  );
}
