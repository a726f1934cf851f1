import { useState } from 'react';
import type { ReviewSummary } from '../../core/engine/review-session';
import type { T } from './review-text';

export interface DigestFactsProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
}

/** Both dataset digests, selectable and copyable, and how many Web Crypto calls the diff made. */
export function DigestFacts({ t, review, locale }: DigestFactsProps) {
  const [copied, setCopied] = useState<'base' | 'next' | null>(null);
  const copy = async (side: 'base' | 'next') => {
    try {
      await navigator.clipboard.writeText(review.digests[side]);
      setCopied(side);
    } catch {
      // Clipboard refused (permissions): the digest stays selectable by hand.
      setCopied(null);
    }
  };
  const sides = [
    ['base', t('review.summary.digestBase')],
    ['next', t('review.summary.digestNext')],
  ] as const;
  return (
    <div className="digests">
      <h4>{t('review.summary.digests')}</h4>
      <dl className="facts">
        {sides.map(([side, label]) => (
          <div key={side} className="facts-row">
            <dt>{label}</dt>
            <dd>
              <code className="checksum" data-testid={`digest-${side}`}>
                {review.digests[side]}
              </code>
              <button type="button" className="small-button" onClick={() => void copy(side)} aria-label={t('review.summary.copyLabel', { side: label })}>
                {copied === side ? t('review.summary.copied') : t('review.summary.copy')}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      {/* A figure for the curious, not a result: kept behind a disclosure. */}
      <details className="muted small">
        <summary>{t('review.summary.technical')}</summary>
        <p data-testid="webcrypto-calls" data-count={review.webCryptoCalls}>
          {t('review.summary.webCrypto', { count: review.webCryptoCalls.toLocaleString(locale) })}
        </p>
      </details>
    </div>
  );
}
