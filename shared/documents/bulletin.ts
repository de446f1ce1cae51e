import { ALERT_LABELS, DIMENSION_LABELS, percent, RATE_DEFINITIONS, RATE_LABELS, RATES, type Dimension, type ListRow, type Statistics, type Tally } from '../domain/statistics.js';
import { chineseDate, type BodyBlock, type ImageBlock, type LayoutInput, type Paragraph } from './model.js';

/**
 * 一月一通报: the month's figures as a 通报 in the 文件格式 (GB/T 9704), with tables of the breakdowns, the charts, the
 * overdue list by 承办单位 and the office's other lists. Built from the statistics alone: no reporter appears, and
 * cases are named by their 编号 only.
 */
export interface BulletinFacts {
  issuerMark: string;
  /** 署名: the office (县纪委监委) or its 信访室. */
  signature: string;
  addressee: string;
  printedBy: string;
  docNo: string;
  /** YYYY-MM */
  month: string;
  /** 成文日期 */
  date: string;
}

export interface BulletinCharts {
  source: ImageBlock;
  category: ImageBlock;
}

/** Rows of a list printed in the 通报; the workbook has all of them. */
export const BULLETIN_LIST_ROWS = 30;

const monthLabel = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/** “本级受理12件、上级转办20件”: the non-zero tallies in their order. */
function tallyText(tallies: readonly Tally[], unit = '件'): string {
  const parts = tallies.filter((t) => t.count > 0).map((t) => `${t.key}${t.count}${unit}`);
  return parts.length ? parts.join('、') : '无';
}

function tallyTable(dimension: Dimension, tallies: readonly Tally[], total: number): BodyBlock {
  const rows = tallies.filter((t) => t.count > 0).map((t) => [dimension === 'alert' ? ALERT_LABELS[t.key as keyof typeof ALERT_LABELS] : t.key, String(t.count), total ? `${((t.count / total) * 100).toFixed(1)}%` : '—', String(t.concluded)]);
  return {
    kind: 'table',
    columns: [{ label: DIMENSION_LABELS[dimension], align: 'left' }, { label: '件数', align: 'right' }, { label: '占比', align: 'right' }, { label: '已办结', align: 'right' }],
    rows: rows.length ? rows : [['（无）', '0', '—', '0']],
  };
}

/** A list as a table: the overdue list says what is overdue; the others when each case came in. */
function listTable(rows: readonly ListRow[], daysLabel: string, overdue = false): BodyBlock {
  return {
    kind: 'table',
    columns: [
      { label: '承办单位', align: 'left' },
      { label: '编号', align: 'left' },
      overdue ? { label: '超期事项', align: 'left' } : { label: '收件日期', align: 'center' },
      ...(daysLabel ? [{ label: daysLabel, align: 'right' as const }] : []),
    ],
    rows: rows.slice(0, BULLETIN_LIST_ROWS).map((r) => [r.handler, r.caseNo, overdue ? r.detail : r.receivedDate, ...(daysLabel ? [String(r.days)] : [])]),
  };
}

export function buildBulletin(stats: Statistics, facts: BulletinFacts, charts: BulletinCharts): LayoutInput {
  const body: Paragraph[] = [];
  const blocks: NonNullable<LayoutInput['blocks']> = [];
  const para = (text: string, level: Paragraph['level'] = 0) => body.push({ text, level });
  const block = (b: BodyBlock) => blocks.push({ after: body.length - 1, block: b });
  const { totals, rates, by } = stats;
  const cutoff = chineseDate(stats.cutoff);
  const month = monthLabel(facts.month);

  para(`现将${month}（${chineseDate(stats.period.from)}至${chineseDate(stats.period.to)}）信访举报工作情况通报如下。`);

  para('一、总体情况', 1);
  para(
    `本月共收到信访举报件${totals.received}件，其中实名${totals.realName}件，重复件${totals.repeats}件，重复率${percent(rates.repeat)}。` +
      `截至${cutoff}，本月收件已办结${totals.concluded}件，办结率${percent(rates.concluded)}；本月共办结${totals.concludedInPeriod}件，按期办结率${percent(rates.onTime)}。` +
      `实名件结果反馈率${percent(rates.feedback)}，回访率${percent(rates.returnVisit)}，满意率${percent(rates.satisfaction)}。`,
  );
  block({
    kind: 'table',
    columns: [{ label: '指标', align: 'left' }, { label: '数值', align: 'right' }, { label: '分子/分母', align: 'center' }],
    rows: [
      ['收件数', `${totals.received}件`, '—'],
      ['截至期末已办结', `${totals.concluded}件`, '—'],
      ['本期办结', `${totals.concludedInPeriod}件`, '—'],
      ...RATES.map((k) => [RATE_LABELS[k], percent(rates[k]), `${rates[k].numerator}/${rates[k].denominator}`]),
    ],
  });

  para('二、分类情况', 1);
  para('（一）来源和反映方式', 2);
  para(`按来源分：${tallyText(by.source)}。按反映方式分：${tallyText(by.channel)}。按信访类型分：${tallyText(by.kind)}。`);
  block(tallyTable('source', by.source, totals.received));
  block(charts.source);
  para(`图1  本月收件按来源分布（自左至右依次为上表各行，红色柱为收件数，深色柱为已办结数）`);
  para('（二）问题类别和被反映人职级', 2);
  para(`按问题类别分（一件反映多类问题的分别计入）：${tallyText(by.category)}。按被反映人职级分：${tallyText(by.rank)}。`);
  block(tallyTable('category', by.category, totals.received));
  block(charts.category);
  para(`图2  本月收件按问题类别分布（自左至右依次为上表各行，至多前12类）`);
  para('（三）区域和承办部门', 2);
  para(`按所属区域分：${tallyText(by.region)}。按承办部门分：${tallyText(by.handler)}。`);
  block(tallyTable('region', by.region, totals.received));

  para('三、预警督办和工作开展情况', 1);
  const modes = tallyText(stats.supervisions.byMode, '次');
  const visits = `带信下访${stats.visits['带信下访'].count}次，入户走访${stats.visits['入户走访'].count}次、走访${stats.visits['入户走访'].households}户`;
  const sets = stats.documents.sets.map((s) => `${s.name}${s.count}份`).join('、');
  para(
    `截至${cutoff}，有超期未履行期限的信访件${totals.overdue}件（涉及期限${stats.warnings.overdueDeadlines}项）；本月收件中当前为红色预警${stats.warnings.red}件、黄色预警${stats.warnings.yellow}件。` +
      `本月催办督办${stats.supervisions.total}次${stats.supervisions.total ? `（${modes}）` : ''}；出具文书${stats.documents.total}份${stats.documents.total ? `（${tallyText(stats.documents.byType.map((t) => ({ key: t.label, count: t.count, concluded: 0 })), '份')}）` : ''}${sets ? `，其中${sets}` : ''}；${visits}。`,
  );

  para('四、超期件清单（按承办单位）', 1);
  const overdue = stats.overdueByUnit.flatMap((u) => u.rows);
  if (overdue.length === 0) para(`截至${cutoff}，无超期件。`);
  else {
    para(`截至${cutoff}，超期件共${overdue.length}件，分布在${stats.overdueByUnit.length}个承办单位：${stats.overdueByUnit.map((u) => `${u.unit}${u.total}件`).join('、')}。${overdue.length > BULLETIN_LIST_ROWS ? `下表列出超期时间最长的${BULLETIN_LIST_ROWS}件，完整清单见同期台账（Excel）。` : ''}`);
    block(listTable(overdue.sort((a, b) => b.days - a.days).slice(0, BULLETIN_LIST_ROWS).sort((a, b) => a.handler.localeCompare(b.handler, 'zh') || b.days - a.days), '超期天数', true));
  }

  const others = stats.lists.filter((l) => l.kind !== 'overdue');
  if (others.length) {
    para('五、其他清单', 1);
    others.forEach((l, i) => {
      const n = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i] ?? String(i + 1);
      para(`（${n}）${l.name}`, 2);
      para(`${l.description}：共${l.total}件。${l.total > BULLETIN_LIST_ROWS ? `下表列出前${BULLETIN_LIST_ROWS}件，完整清单见同期台账（Excel）。` : ''}`);
      if (l.rows.length) block(listTable(l.rows, l.kind === 'backlog' ? '收件天数' : l.kind === 'supervised' ? '督办次数' : ''));
    });
  }

  para(`${others.length ? '六' : '五'}、有关要求`, 1);
  para('请各承办单位对照清单，抓紧办理超期件和积案，按期向实名检举控告人反馈办理结果，并将办理情况及时报信访室。');
  para(`统计口径：${RATES.map((k) => `${RATE_LABELS[k]}＝${RATE_DEFINITIONS[k]}`).join('；')}。`);

  return {
    type: 'bulletin',
    title: `关于${month}信访举报工作情况的通报`,
    addressee: facts.addressee,
    body,
    blocks,
    attachments: [],
    signatures: [facts.signature],
    date: facts.date,
    note: '',
    copyTo: [],
    printedBy: facts.printedBy,
    envelope: null,
    form: [],
    citations: [],
    issuerMark: facts.issuerMark,
    docNo: facts.docNo,
  };
}
