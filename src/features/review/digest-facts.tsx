import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewSummary } from '../../core/engine/review-session';
import { fetchReviewDigests } from '../../state/queries';
import type { T } from './review-text';

export interface DigestFactsProps {
  readonly t: T;
  readonly review: ReviewSummary;
  readonly locale: string;
}

interface Digests {
  readonly comparison: number;
  readonly base: string;
  readonly next: string;
  readonly webCryptoCalls: number;
}

/**
 * Both dataset digests, selectable and copyable, and how many Web Crypto calls they took. The
 * comparison does not compute them (it compares text; docs/architecture.md, "The keyed diff"):
 * they are asked for once it is shown, and appear when the engine has them.
 */
export function DigestFacts({ t, review, locale }: DigestFactsProps) {
  const [copied, setCopied] = useState<'base' | 'next' | null>(null);
  const [fetched, setFetched] = useState<Digests | null>(null);
  const [failed, setFailed] = useState<number | null>(null);
  const running = useRef<AbortController | null>(null);
  const known = review.digests !== null && review.webCryptoCalls !== null;
  const digests: Omit<Digests, 'comparison'> | null =
    review.digests !== null && review.webCryptoCalls !== null
      ? { ...review.digests, webCryptoCalls: review.webCryptoCalls }
      : fetched?.comparison === review.comparison
        ? fetched
        : null;
  /** Asks the engine for the digests; a newer request or leaving the page cancels the last. */
  const load = useCallback((comparison: number) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    fetchReviewDigests(controller.signal).then(
      (d) => setFetched(d),
      () => {
        if (!controller.signal.aborted) setFailed(comparison);
      },
    );
  }, []);
  // A stale review (the data changed after the comparison) gets none begun: the engine would
  // read the data as it is now.
  const stale = review.stale !== null;
  useEffect(() => {
    if (!known && !stale) load(review.comparison);
    return () => running.current?.abort();
  }, [known, stale, load, review.comparison]);
  const copy = async (side: 'base' | 'next') => {
    if (digests === null) return;
    try {
      await navigator.clipboard.writeText(digests[side]);
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
  const missing = failed === review.comparison || stale;
  return (
    <div className="digests">
      <h4>{t('review.summary.digests')}</h4>
      <dl className="facts">
        {sides.map(([side, label]) => (
          <div key={side} className="facts-row">
            <dt>{label}</dt>
            <dd>
              {digests === null ? (
                <span className="muted" data-testid={`digest-${side}-pending`}>
                  {missing ? t('review.summary.digestsFailed') : t('review.summary.digestsPending')}
                </span>
              ) : (
                <>
                  <code className="checksum" data-testid={`digest-${side}`}>
                    {digests[side]}
                  </code>
                  <button
                    type="button"
                    className="small-button"
                    onClick={() => void copy(side)}
                    aria-label={t('review.summary.copyLabel', { side: label })}
                  >
                    {copied === side ? t('review.summary.copied') : t('review.summary.copy')}
                  </button>
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {missing && !stale && digests === null ? (
        <button
          type="button"
          className="small-button"
          onClick={() => {
            setFailed(null);
            load(review.comparison);
          }}
        >
          {t('review.summary.digestsRetry')}
        </button>
      ) : null}
      {/* A figure for the curious, not a result: kept behind a disclosure. */}
      {digests === null ? null : (
        <details className="muted small">
          <summary>{t('review.summary.technical')}</summary>
          <p data-testid="webcrypto-calls" data-count={digests.webCryptoCalls}>
            {t('review.summary.webCrypto', {
              count: digests.webCryptoCalls.toLocaleString(locale),
            })}
          </p>
        </details>
      )}
    </div>
  );
}
