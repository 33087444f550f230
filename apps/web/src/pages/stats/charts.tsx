import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';

/**
 * Charts drawn as SVG by React: no chart library, nothing fetched, readable with no network. Each
 * chart sits beside a table with the same figures, which is what screen readers and keyboards
 * use; the SVG carries one label saying so.
 */

export interface ChartRow {
  key: string;
  label: string;
  detentions: number;
  people: number;
}

/** Colours with ≥ 3:1 contrast on white (WCAG 1.4.11), told apart by position and the key too. */
export const DETENTIONS_COLOUR = '#8a3b3b';
export const PEOPLE_COLOUR = '#2f5c8f';

const MAX_BARS = 15;

function Legend() {
  const { t } = useTranslation();
  return (
    <p className="chart-legend" aria-hidden="true">
      <span><span className="swatch" style={{ background: DETENTIONS_COLOUR }} /> {t('stats.charts.detentions')}</span>
      <span><span className="swatch" style={{ background: PEOPLE_COLOUR }} /> {t('stats.charts.people')}</span>
    </p>
  );
}

/** Two horizontal bars per row (detentions, people); the 15 largest rows, the rest in the table. */
export function BarChart({ rows, title }: { rows: ChartRow[]; title: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = rows.slice(0, MAX_BARS);
  const max = Math.max(1, ...shown.map((r) => Math.max(r.detentions, r.people)));
  const labelWidth = 190;
  const barArea = 330;
  const bar = 14;
  const rowHeight = bar * 2 + 12;
  const height = shown.length * rowHeight + 4;
  return (
    <div className="chart">
      <Legend />
      <svg role="img" aria-label={t('stats.charts.chartLabel', { title })} viewBox={`0 0 ${labelWidth + barArea + 70} ${height}`} className="chart-svg" data-chart="bars">
        {shown.map((r, i) => {
          const y = i * rowHeight + 2;
          const wD = Math.max(1, Math.round((r.detentions / max) * barArea));
          const wP = Math.max(1, Math.round((r.people / max) * barArea));
          return (
            <g key={r.key} data-row={r.key}>
              <text x={labelWidth - 8} y={y + bar + 4} textAnchor="end" fontSize="12">
                {r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}
              </text>
              <rect x={labelWidth} y={y} width={wD} height={bar} fill={DETENTIONS_COLOUR} />
              <text x={labelWidth + wD + 4} y={y + bar - 3} fontSize="11">{format.number(r.detentions)}</text>
              <rect x={labelWidth} y={y + bar + 2} width={wP} height={bar} fill={PEOPLE_COLOUR} />
              <text x={labelWidth + wP + 4} y={y + 2 * bar - 1} fontSize="11">{format.number(r.people)}</text>
            </g>
          );
        })}
      </svg>
      {rows.length > MAX_BARS && <p className="hint">{t('stats.charts.more', { count: rows.length - MAX_BARS })}</p>}
    </div>
  );
}

/** Detentions and people per local date, as paired columns on a time axis (gaps for dates with none). */
export function TimeSeries({ rows, title }: { rows: ChartRow[]; title: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const days = rows.filter((r) => /^\d{4}-\d\d-\d\d$/.test(r.key));
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return null;
  const dayOf = (key: string) => Math.round(Date.parse(`${key}T00:00:00Z`) / 86_400_000);
  const span = dayOf(last.key) - dayOf(first.key) + 1;
  const max = Math.max(1, ...days.map((r) => Math.max(r.detentions, r.people)));
  const left = 44;
  const width = 560;
  const plot = 180;
  const top = 10;
  const slot = width / span;
  const column = Math.max(1, Math.min(18, slot / 2 - 1));
  const y = (v: number) => top + plot - (v / max) * plot;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, all) => all.indexOf(v) === i);
  // At most about six date labels, always the first and the last.
  const step = Math.max(1, Math.ceil(days.length / 6));
  const labelled = days.filter((_, i) => i % step === 0 || i === days.length - 1);
  return (
    <div className="chart">
      <Legend />
      <svg role="img" aria-label={t('stats.charts.chartLabel', { title })} viewBox={`0 0 ${left + width + 10} ${top + plot + 40}`} className="chart-svg" data-chart="time">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={left + width} y1={y(v)} y2={y(v)} stroke="#d3d9e0" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" fontSize="11">{format.number(v)}</text>
          </g>
        ))}
        {days.map((r) => {
          const x = left + (dayOf(r.key) - dayOf(first.key)) * slot + slot / 2;
          return (
            <g key={r.key} data-row={r.key}>
              <rect x={x - column - 0.5} y={y(r.detentions)} width={column} height={top + plot - y(r.detentions)} fill={DETENTIONS_COLOUR} />
              <rect x={x + 0.5} y={y(r.people)} width={column} height={top + plot - y(r.people)} fill={PEOPLE_COLOUR} />
            </g>
          );
        })}
        <line x1={left} x2={left + width} y1={top + plot} y2={top + plot} stroke="#4f5966" />
        {labelled.map((r) => {
          const x = left + (dayOf(r.key) - dayOf(first.key)) * slot + slot / 2;
          return (
            <text key={r.key} x={x} y={top + plot + 18} textAnchor="middle" fontSize="11">
              {r.label}
            </text>
          );
        })}
      </svg>
    </div>
  );
}

/** The figures of a chart as a table: the accessible form, and the place for rows the chart leaves out. */
export function FiguresTable({ rows, caption, keyHeading }: { rows: ChartRow[]; caption: string; keyHeading: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeading}</th>
            <th scope="col" className="n">{t('stats.charts.detentions')}</th>
            <th scope="col" className="n">{t('stats.charts.people')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-row={r.key}>
              <th scope="row">{r.label}</th>
              <td className="n" data-cell="detentions">{format.number(r.detentions)}</td>
              <td className="n" data-cell="people">{format.number(r.people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A titled chart with its table beside it (below it on narrow screens). */
export function ChartPanel({ title, rows, keyHeading, kind = 'bars', id }: { title: string; rows: ChartRow[]; keyHeading: string; kind?: 'bars' | 'time'; id: string }) {
  const { t } = useTranslation();
  const heading = useId();
  return (
    <section className="panel chart-panel" aria-labelledby={heading} data-breakdown={id}>
      <h3 id={heading}>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('stats.charts.empty')}</p>
      ) : (
        <div className="chart-pair">
          {kind === 'time' ? <TimeSeries rows={rows} title={title} /> : <BarChart rows={rows} title={title} />}
          <FiguresTable rows={rows} caption={title} keyHeading={keyHeading} />
        </div>
      )}
    </section>
  );
}
