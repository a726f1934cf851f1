import { useId, useRef } from 'react';
import { BUILTIN_OBJECTS } from '../../core/schema/builtin-objects';
import type { CrmObject } from '../../core/schema/schema-types';
import type { PhoneCountryGuess } from '../../core/transform/phone-country';
import type { Locale } from '../../i18n/translate';
import type { T } from './mapping-text';

/** Countries most CRM files come from; any other ISO 3166 code can be typed. */
const COMMON_COUNTRIES = ['US', 'CN', 'GB', 'DE', 'FR', 'CA', 'AU', 'IN', 'JP', 'KR', 'HK', 'TW', 'SG', 'NL', 'CH', 'AT', 'ES', 'IT', 'BR', 'MX'];

function regionName(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export interface MappingOptionsProps {
  readonly t: T;
  readonly locale: Locale;
  readonly object: CrmObject;
  readonly country: string;
  /** What the numbers said, when the country is still the inferred one. */
  readonly inferred: PhoneCountryGuess | null;
  readonly disabled: boolean;
  readonly onObject: (key: string) => void;
  readonly onCountry: (code: string) => void;
}

/** What the file is imported as, and the country assumed for phone numbers. */
export function MappingOptions({ t, locale, object, country, inferred, disabled, onObject, onCountry }: MappingOptionsProps) {
  const id = useId();
  const common = COMMON_COUNTRIES.includes(country);
  const codeInput = useRef<HTMLInputElement>(null);
  return (
    <div className="map-options">
      <div className="field">
        <label htmlFor={`${id}o`}>{t('map.object')}</label>
        <select id={`${id}o`} value={object.key} disabled={disabled} onChange={(e) => onObject(e.target.value)} data-testid="map-object">
          {BUILTIN_OBJECTS.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label[locale]}
            </option>
          ))}
          {!BUILTIN_OBJECTS.some((o) => o.key === object.key) && <option value={object.key}>{object.label[locale]}</option>}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}c`}>{t('map.country')}</label>
        <div className="country-row">
          <select id={`${id}c`} value={common ? country : ''} onChange={(e) => (e.target.value === '' ? codeInput.current?.select() : onCountry(e.target.value))} aria-describedby={`${id}h`} data-testid="map-country">
            {COMMON_COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {regionName(locale, c)} ({c})
              </option>
            ))}
            <option value="">{t('map.countryOther')}</option>
          </select>
          <label htmlFor={`${id}i`} className="sr-only">
            {t('map.countryCode')}
          </label>
          <input
            ref={codeInput}
            id={`${id}i`}
            type="text"
            size={3}
            maxLength={2}
            value={country}
            title={t('map.countryCode')}
            onChange={(e) => {
              const code = e.target.value.toUpperCase().replace(/[^A-Z]/g, '');
              onCountry(code);
            }}
            data-testid="map-country-code"
          />
        </div>
        <small id={`${id}h`} className="muted">
          {t('map.countryHint')}
        </small>
        {inferred !== null && inferred.country === country && (
          <small className="muted country-why" data-testid="map-country-why" data-country={inferred.country} data-reason={inferred.reason}>
            {t(`map.countryWhy.${inferred.reason}`, {
              country: regionName(locale, inferred.country),
              support: inferred.support,
              samples: inferred.samples,
            })}
          </small>
        )}
      </div>
    </div>
  );
}
