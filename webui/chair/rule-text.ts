// Human wording of a poll's decision rule and quorum, for the agenda and the results.
import { t } from '../shared/i18n/translator.js';
import type { Quorum, Rule } from '../shared/types.js';

export function ruleText(rule: Rule | undefined): string {
  if (!rule) return t('rule_simple');
  if (rule.kind === 'qualified' || rule.kind === 'entitled') return t(`rule_${rule.kind}`, { fraction: rule.fraction });
  return t(`rule_${rule.kind}`);
}

export function quorumText(quorum: Quorum | null | undefined): string {
  if (!quorum) return t('noQuorum');
  return t('quorumText', {
    atLeast: quorum.atLeast.includes('/') ? t('fractionOfEntitled', { fraction: quorum.atLeast }) : quorum.atLeast,
    measure: t(`measure_${quorum.measure}`),
    of: t(`quorumOf_${quorum.of}`),
  });
}
