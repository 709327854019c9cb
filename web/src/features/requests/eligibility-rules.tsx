import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { formatMoney } from '../../ui/format';

type RuleResult = components['schemas']['RuleResultResponse'];
const MONEY_VALUES = new Set(['cap', 'total', 'available', 'remaining', 'approved365d', 'limit']);

/** Where a case worker fixes what a failed rule found: the step of the request form, or the person. */
const FIX_STEP: Record<string, string> = {
  APPLICATION_CAP: 'items',
  TYPE_CAP: 'items',
  TYPE_ALLOWED: 'items',
  BENEFICIARY_CAP_365D: 'items',
  STATE_SUPPORT_SOUGHT: 'about',
  REQUIRED_DOCUMENTS: 'documents',
  CATEGORY_ELIGIBLE: 'person',
  CONSENT_RECORDED: 'person',
};

/**
 * The eligibility check rule by rule in the reader's words: what failed or needs attention first,
 * each with what to do (the values it compared, money formatted) and, on the request form, a link
 * to the step that fixes it; then what passed.
 */
export function EligibilityRules({
  results,
  currency,
  fixBase,
}: {
  results: RuleResult[];
  currency: string;
  /** the request form's address (/requests/:id/edit): failed rules link to the step that fixes them */
  fixBase?: string;
}) {
  const { t, i18n } = useTranslation(['common', 'eligibility']);
  const ruleText = (r: RuleResult) => {
    const params: Record<string, unknown> = { ...r.values };
    for (const [k, v] of Object.entries(r.values))
      if (MONEY_VALUES.has(k) && typeof v === 'string') params[k] = formatMoney(v, currency, i18n.language);
    return t(`eligibility:${r.ruleCode}.fail`, params);
  };
  const open = results
    .filter((r) => r.outcome !== 'pass' && !r.waived)
    .sort((x, y) => Number(x.outcome === 'warn') - Number(y.outcome === 'warn'));
  const met = results.filter((r) => r.outcome === 'pass' || r.waived);
  const rule = (r: RuleResult) => {
    const unmet = r.outcome !== 'pass' && !r.waived;
    const step = FIX_STEP[r.ruleCode];
    return (
      <li key={r.ruleCode} className={`rule rule-${unmet ? r.outcome : 'pass'}`}>
        <strong>
          {t(`requests.ruleOutcome.${r.waived ? 'waived' : r.outcome}`)}: {t(`eligibility:${r.ruleCode}.title`)}
        </strong>
        {unmet && <p>{ruleText(r)}</p>}
        {unmet && fixBase && step && (
          <p>
            <Link to={`${fixBase}/${step}`} state={{ back: 'check' }}>
              {t(`form.fix.${step}`)}
            </Link>
          </p>
        )}
      </li>
    );
  };
  // what needs doing first, each rule in full; the rules met fold away (a phone screen is short)
  return (
    <>
      {open.length > 0 && <ul className="rules">{open.map(rule)}</ul>}
      {met.length > 0 && (
        <details className="rules-met">
          <summary>{t('requests.rulesMet', { count: met.length })}</summary>
          <ul className="rules">{met.map(rule)}</ul>
        </details>
      )}
    </>
  );
}
