import { useTranslation } from 'react-i18next';
import { type ImportRun, type RowProblem } from './api.js';

/** A row's problems, in the preview. */
export function ProblemList({ problems }: { problems: RowProblem[] }) {
  return (
    <ul className="plain-list problem-list">
      {problems.map((p, i) => (
        <li key={i}>
          {p.column && <strong>{p.column}: </strong>}
          {p.problem}
        </li>
      ))}
    </ul>
  );
}

/** The row-level report of a run (row, column, problem) and the link to all of it as CSV. */
export function ProblemsTable({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  if (run.problemCount === 0) return <p className="muted">{t('imports.problems.none')}</p>;
  return (
    <div className="run-problems">
      <div className="table-scroll">
        <table className="data-table" data-testid="run-problems">
          <caption>{t('imports.problems.caption', { shown: run.problems.length, count: run.problemCount })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.problems.row')}</th>
              <th scope="col">{t('imports.problems.column')}</th>
              <th scope="col">{t('imports.problems.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {run.problems.map((p, i) => (
              <tr key={i}>
                <td>{p.row ?? t('imports.problems.wholeFile')}</td>
                <td>{p.column ?? ''}</td>
                <td>{p.problem}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a className="button" href={run.problemsCsv} download>
          {t('imports.problems.download', { count: run.problemCount })}
        </a>
      </p>
    </div>
  );
}
