import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { formatDate } from '../../ui/format';

export type FollowUp = components['schemas']['FollowUpResponse'];

/** 3 or 6: the months after the last payment that a follow-up asks about. */
export const months = (f: Pick<FollowUp, 'milestone'>) => (f.milestone === '3m' ? 3 : 6);

/** Follow-ups as a table: which, when due, its state in words, and what to do (answer, or read the answers). */
export function FollowUpTable({
  items,
  caption,
  withAward,
  hiddenCaption,
}: {
  items: FollowUp[];
  caption: string;
  withAward?: boolean;
  /** the caption repeats the heading above the table: read by screen readers only */
  hiddenCaption?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <table className="table">
      <caption className={hiddenCaption ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {withAward && <th scope="col">{t('followUps.award')}</th>}
          <th scope="col">{t('followUps.which')}</th>
          <th scope="col">{t('followUps.dueOn')}</th>
          <th scope="col">{t('table.status')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('followUps.action')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((f) => {
          // the link's words name the follow-up for a screen reader that lists the links of the page
          const which = `${withAward ? `${f.awardNumber}, ` : ''}${t('followUps.milestone', { count: months(f) })}`;
          return (
            <tr key={f.id}>
              {withAward && (
                <td>
                  <Link to={`/awards/${f.awardId}`}>{f.awardNumber}</Link>
                </td>
              )}
              <td>{t('followUps.milestone', { count: months(f) })}</td>
              <td>
                {/* the column's heading is hidden on a phone, where the cells stack */}
                <span className="cell-label">{t('followUps.dueOn')}: </span>
                {formatDate(f.dueOn, i18n.language)}
              </td>
              <td>
                <span className={`tag tag-follow-up-${f.status}`}>{t(`followUps.status.${f.status}`)}</span>
              </td>
              <td>
                {f.status === 'due' || f.status === 'overdue' ? (
                  <Link to={`/follow-ups/${f.id}`} className="button small" aria-label={t('followUps.answerWhich', { which })}>
                    {t('followUps.answer')}
                  </Link>
                ) : f.status === 'completed' ? (
                  <Link to={`/follow-ups/${f.id}`} aria-label={t('followUps.seeAnswersWhich', { which })}>
                    {t('followUps.seeAnswers')}
                  </Link>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
