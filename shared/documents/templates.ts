import type { DocumentFacts } from './facts.js';
import {
  chineseDate,
  DOCUMENT_TYPES,
  REPORTER_ADDRESS,
  REPORTER_NAME,
  type DocumentDraft,
  type DocumentType,
  type Envelope,
  type FormRow,
  type Paragraph,
} from './model.js';
import { citationText } from './settings.js';

/**
 * The eight 文书 drafted from a case (research/domain-brief.md §3). A template writes only what the case and the
 * user's `fields` say: a fact that is missing from both becomes a visible 【请填写：…】 placeholder, which the backend
 * refuses to issue. No template names or describes the reporter; documents to the reporter carry REPORTER_NAME and
 * REPORTER_ADDRESS, filled in when issued.
 */

type Facts = DocumentFacts;
type CaseFacts = DocumentFacts['case'];

interface FieldSpec {
  key: string;
  label: string;
  required: boolean;
  /** The value the case supplies when the field is not given. */
  fromCase?: (f: Facts) => string;
}

const UPPER_SOURCES = new Set(['上级转办', '上级交办']);

const SPECS: Record<DocumentType, FieldSpec[]> = {
  clarification: [
    { key: 'addressee', label: '主送机关（被澄清人所在单位党委或党组）', required: true, fromCase: (f) => (f.case.accusedUnit ? `${f.case.accusedUnit}党委（党组）` : '') },
    { key: 'accusedName', label: '被澄清人姓名', required: true, fromCase: (f) => f.case.accusedName },
    { key: 'allegations', label: '澄清的问题及核实结论（每行一项，如“反映……的问题，经核实，不属实”）', required: true },
    { key: 'scope', label: '澄清范围（默认“在适当范围内”）', required: false },
    { key: 'copyTo', label: '抄送机关（用顿号分隔）', required: false },
  ],
  settlement: [
    { key: 'party', label: '乙方姓名', required: true },
    { key: 'facts', label: '查明的事实和处理结果（可分行）', required: true },
    { key: 'agreement', label: '协议内容（每行一项）', required: true },
  ],
  recommendation: [
    { key: 'addressee', label: '主送单位（全称）', required: true, fromCase: (f) => f.case.accusedUnit },
    { key: 'matter', label: '建议事由（用于标题，如“加强惠民惠农资金管理”）', required: true, fromCase: (f) => shortSummary(f.case.summary) },
    { key: 'facts', label: '查明的事实和依据（可分行）', required: true },
    { key: 'problems', label: '存在的问题（每行一项）', required: true },
    { key: 'recommendations', label: '监察建议（每行一项）', required: true },
    { key: 'copyTo', label: '抄送机关（全称，用顿号分隔）', required: false },
  ],
  supervision: [{ key: 'addressee', label: '主送单位（承办单位）', required: true, fromCase: (f) => f.case.recipient }],
  assignment: [
    { key: 'addressee', label: '主送机关（承办的纪委、纪工委或派驻纪检监察组）', required: true, fromCase: (f) => f.case.recipient },
    { key: 'attachments', label: '附件名称（用顿号分隔，默认“信访举报件复印件”）', required: false },
  ],
  'acceptance-notice': [{ key: 'postcode', label: '检举控告人邮政编码', required: false }],
  'result-feedback': [
    { key: 'result', label: '处理结果（可分行）', required: true, fromCase: (f) => findingSentence(f.case) },
    { key: 'postcode', label: '检举控告人邮政编码', required: false },
  ],
  slip: [{ key: 'proposal', label: '拟办意见', required: false }],
};

/** The --fields keys each type reads, with a Chinese description, for the CLI's documentation and the editor. */
export const TEMPLATE_FIELDS: Record<DocumentType, { key: string; label: string; required: boolean }[]> = Object.fromEntries(
  DOCUMENT_TYPES.map((type) => [type, SPECS[type].map(({ key, label, required }) => ({ key, label, required }))]),
) as Record<DocumentType, { key: string; label: string; required: boolean }[]>;

/** Why a document to the reporter is not sent at all (returned by missingFields instead of field labels). */
export const NOT_SENT = {
  anonymousAcceptance: '匿名举报不发受理告知',
  anonymousFeedback: '匿名举报不发处理结果反馈',
  repeatAcceptance: '重复件不发受理告知',
  notAccepted: '不予受理的件不发受理告知书，请告知不予受理的理由',
} as const;

const isRepeat = (c: CaseFacts) => c.isRepeat || c.routing === '重复件留存备查';

/** What the user must fill in before issuing: the labels of required fields neither the case nor `fields` supply. */
export function missingFields(type: DocumentType, facts: Facts): string[] {
  if (type === 'acceptance-notice' || type === 'result-feedback') {
    if (!facts.case.realName) return [type === 'acceptance-notice' ? NOT_SENT.anonymousAcceptance : NOT_SENT.anonymousFeedback];
    if (type === 'acceptance-notice' && isRepeat(facts.case)) return [NOT_SENT.repeatAcceptance];
    if (type === 'acceptance-notice' && facts.case.routing === '不予受理') return [NOT_SENT.notAccepted];
  }
  return SPECS[type].filter((s) => s.required && !valueOf(s, facts)).map((s) => s.label);
}

export function draftDocument(type: DocumentType, facts: Facts): DocumentDraft {
  return TEMPLATES[type](facts);
}

const TEMPLATES: Record<DocumentType, (f: Facts) => DocumentDraft> = {
  clarification,
  settlement,
  recommendation,
  supervision,
  assignment,
  'acceptance-notice': acceptanceNotice,
  'result-feedback': resultFeedback,
  slip,
};

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

/** A visible gap the user fills in; the label's trailing explanation in （） is left out. */
const placeholder = (label: string) => `【请填写：${label.replace(/（[^（）]*）$/, '')}】`;

const valueOf = (spec: FieldSpec, f: Facts) => f.fields[spec.key]?.trim() || spec.fromCase?.(f).trim() || '';

/** Reads a type's fields: the user's value first, then the case's, then a placeholder. */
function fieldsOf(type: DocumentType, f: Facts) {
  const spec = (key: string) => {
    const found = SPECS[type].find((s) => s.key === key);
    if (!found) throw new Error(`${type} 模板未声明字段 ${key}`);
    return found;
  };
  const raw = (key: string) => valueOf(spec(key), f);
  return {
    raw,
    text: (key: string) => raw(key) || placeholder(spec(key).label),
    /** One item a line, with any numbering the user typed removed (the template numbers them). */
    lines: (key: string) => {
      const value = raw(key);
      return value ? splitLines(value) : [placeholder(spec(key).label)];
    },
    /** A list written with 顿号 (抄送, 附件). */
    list: (key: string, fallback: string[] = []) => {
      const value = raw(key);
      return value ? value.split(/[、，,；;\n]/).map((s) => s.trim()).filter(Boolean) : fallback;
    },
  };
}

const ENUMERATOR = /^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])\s*/;
const splitLines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim().replace(ENUMERATOR, '').trim())
    .filter(Boolean);

/** Ends a user's line as a sentence (a placeholder is left as it is). */
function sentence(text: string): string {
  const t = text.trim();
  if (/[。！？…】]$/.test(t)) return t;
  return `${t.replace(/[，、；：,;:.]+$/, '')}。`;
}

const DIGITS = '零一二三四五六七八九';
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${units ? DIGITS[units] : ''}`;
}

const para = (text: string, level: Paragraph['level'] = 0): Paragraph => ({ text, level });
const heading = (n: number, text: string) => para(`${chineseNumber(n)}、${text}`, 1);
const body = (lines: string[]) => lines.map((l) => para(sentence(l)));
/** （一）（二）… items, 楷体. */
const items2 = (lines: string[]) => lines.map((l, i) => para(`（${chineseNumber(i + 1)}）${sentence(l)}`, 2));
/** 1. 2. … items; a single item is not numbered. */
const items3 = (lines: string[]) => (lines.length === 1 ? body(lines) : lines.map((l, i) => para(`${i + 1}.${sentence(l)}`, 3)));

const date = (iso: string | null | undefined) => (iso ? chineseDate(iso) : placeholder('日期'));

const cite = (f: Facts, key: string) => citationText(f.settings, key) || '【请填写：文书设置中的引用条文】';

const organ = (name: string) => name || '【请填写：文书设置中的署名机关】';

/** 被反映人 in running text; more than two are shortened in titles. */
const accusedOf = (c: CaseFacts) => c.accused || '有关人员';
function accusedShort(c: CaseFacts): string {
  const names = c.accused.split('、').filter(Boolean);
  return names.length > 2 ? `${names[0]}等${names.length}人` : accusedOf(c);
}

/** 反映走马镇财政所所长赵某某有关问题 */
const reportedIssue = (c: CaseFacts) => `反映${accusedOf(c)}有关问题`;

/** How the item reached the commission, in general terms: never who sent it. */
function receivedClause(c: CaseFacts): string {
  const when = date(c.receivedDate);
  if (UPPER_SOURCES.has(c.source)) return `我委于${when}收到${c.upperOffice || '上级机关'}${c.source.slice(2)}的${reportedIssue(c)}的信访举报`;
  if (c.source === '巡视巡察发现') return `我委于${when}收到巡视巡察工作中发现的${reportedIssue(c)}的问题线索`;
  if (c.source === '监督执纪发现') return `我委于${when}在监督执纪工作中发现${reportedIssue(c)}的问题线索`;
  if (c.source === '职能部门移交' || c.source === '其他机关移送') return `我委于${when}收到有关部门移交的${reportedIssue(c)}的问题线索`;
  return `我委于${when}收到${reportedIssue(c)}的信访举报`;
}

/** 来信、来访 … as the verb of “你于…来信反映”. */
const CHANNEL_PHRASE: Record<string, string> = { 来信: '来信', 来访: '来访', 来电: '来电', 网络: '通过网络' };
const reporterRaised = (c: CaseFacts, who: string) => `${who}于${date(c.receivedDate)}${CHANNEL_PHRASE[c.channel] ?? ''}${reportedIssue(c)}`;

function findingSentence(c: CaseFacts): string {
  if (!c.finding) return '';
  const how = c.disposition === '谈话函询' ? '谈话函询' : c.disposition === '初步核实' ? '初步核实' : c.disposition === '移送审查调查' ? '审查调查' : '核查';
  return `经${how}，你反映的问题${c.finding === '失实' ? '不属实' : c.finding}。`;
}

/** The first clause of the case summary when it is short enough for a title. */
function shortSummary(summary: string): string {
  const first = (summary.split(/[。；！？\n]/)[0] ?? '').trim().replace(/^(?:反映|举报|检举)/, '').replace(/[，、,]+$/, '');
  return first.length >= 4 && first.length <= 30 ? first : '';
}

function contactNote(f: Facts): string {
  const { contactName, contactPhone } = f.settings;
  const parts = [contactName && `联系人：${contactName}`, contactPhone && `联系电话：${contactPhone}`].filter(Boolean);
  return parts.length ? `（${parts.join('，')}）` : '';
}

function reporterEnvelope(f: Facts): Envelope {
  const postcode = f.fields.postcode?.trim() ?? '';
  return {
    to: REPORTER_NAME,
    address: REPORTER_ADDRESS,
    postcode: /^\d{6}$/.test(postcode) ? postcode : '',
    returnAddress: f.settings.returnAddress || '【请填写：文书设置中的寄件地址】',
  };
}

function blankDraft(type: DocumentType, f: Facts, title: string): DocumentDraft {
  return { type, title, addressee: '', body: [], attachments: [], signatures: [], date: f.today, note: '', copyTo: [], printedBy: '', envelope: null, form: [], citations: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// The templates

/** 澄清函 (§1.9, §3.2): each 失实 allegation with its conclusion; no overall evaluation of the person. */
function clarification(f: Facts): DocumentDraft {
  const v = fieldsOf('clarification', f);
  const name = v.text('accusedName');
  const allegations = v.lines('allegations');
  return {
    ...blankDraft('clarification', f, `关于对${name}同志有关问题予以澄清的函`),
    addressee: v.text('addressee'),
    body: [
      para(`${receivedClause(f.case)}。按照有关规定，我委对反映的问题进行了核实。现将有关情况函告如下：`),
      ...items3(allegations),
      para(`根据${cite(f, 'clarification.basis')}有关规定，经研究，决定对${name}同志被反映的上述问题予以澄清。本次澄清仅针对上述反映的问题。`),
      para(`请你单位将澄清情况告知${name}同志本人，并${v.raw('scope') || '在适当范围内'}予以说明，消除不良影响；不得因上述问题影响${name}同志的选拔任用、评先评优等，鼓励其放下包袱、担当作为。`),
      para('特此函告。'),
    ],
    signatures: [organ(f.office.discipline)],
    copyTo: v.list('copyTo'),
    citations: ['clarification.basis'],
  };
}

/** 息诉息访协议书 (§3.3): parties, the matter, facts and result, what was agreed, the undertaking, effect; signed by hand. */
function settlement(f: Facts): DocumentDraft {
  const v = fieldsOf('settlement', f);
  const c = f.case;
  return {
    ...blankDraft('settlement', f, '息诉息访协议书'),
    body: [
      para(`甲方：${organ(f.office.discipline)}`),
      para(`乙方：${v.text('party')}`),
      para(`根据${cite(f, 'settlement.basis')}有关规定，甲乙双方本着平等自愿、实事求是、依法依规的原则，经协商，就乙方反映的信访事项达成如下协议：`),
      heading(1, '信访事项'),
      para(`${reporterRaised(c, '乙方')}，登记编号为${c.caseNo}。`),
      heading(2, '查明的事实和处理结果'),
      ...body(v.lines('facts')),
      heading(3, '协议内容'),
      ...items3(v.lines('agreement')),
      heading(4, '乙方承诺'),
      para('乙方认可上述事实和处理结果，自本协议签订之日起息诉息访，不再以同一事实和理由提出信访事项；今后如有新的事实和理由，通过合法途径、按照规定程序反映。'),
      heading(5, '协议效力'),
      para('本协议经甲方盖章、乙方签名后生效，双方应当自觉履行。乙方违反本协议，以同一事实和理由再次提出信访事项的，甲方按照有关规定不再重复受理。'),
      para('本协议一式两份，甲乙双方各执一份，具有同等效力。'),
      para('甲方（盖章）：'),
      para('乙方（签名）：'),
      para('见证人（签名）：'),
      para('签订日期：  年  月  日'),
    ],
    citations: ['settlement.basis'],
  };
}

/** 监察建议书 (§1.11, §3.1): origin, facts and basis, problems, recommendations, reply deadline and objections. */
function recommendation(f: Facts): DocumentDraft {
  const v = fieldsOf('recommendation', f);
  return {
    ...blankDraft('recommendation', f, `关于${v.text('matter')}的监察建议`),
    addressee: v.text('addressee'),
    body: [
      heading(1, '问题来源'),
      para(`${receivedClause(f.case)}，依规依纪依法对有关问题进行了核查。`),
      heading(2, '查明的事实和依据'),
      ...body(v.lines('facts')),
      heading(3, '存在的问题'),
      ...items2(v.lines('problems')),
      heading(4, '监察建议'),
      para(`根据${cite(f, 'recommendation.basis')}的规定，我委建议你单位：`),
      ...items2(v.lines('recommendations')),
      para(`请你单位认真研究落实上述监察建议，于${date(f.replyBy.recommendation)}前将采纳监察建议的情况书面回复我委。`),
      para(
        `如对本监察建议有异议，可自收到之日起15日内向我委书面提出。无正当理由拒不采纳监察建议的，依照${cite(f, 'recommendation.refusal')}的规定，由主管部门、上级机关责令改正，对单位给予通报批评，对负有责任的领导人员和直接责任人员依法给予处理。`,
      ),
    ],
    signatures: [organ(f.office.supervision)],
    replyBy: f.replyBy.recommendation,
    copyTo: v.list('copyTo'),
    printedBy: f.settings.printedBy,
    citations: ['recommendation.basis', 'recommendation.refusal'],
  };
}

/** 督办函 (§3.4): what was handed over, what fell due, what is asked now . */
function supervision(f: Facts): DocumentDraft {
  const v = fieldsOf('supervision', f);
  const c = f.case;
  const handedOver = c.routing && c.recipient ? '，已交由你单位办理' : '';
  const d = f.deadline;
  const overdue = d?.due ? (d.due < f.today ? `，截至${date(f.today)}已超期` : '，现已临近期限') : '';
  const due = d ? `按照规定，该件的“${d.label}”${d.due ? `应于${date(d.due)}前完成` : '应在规定期限内完成'}${overdue}。` : '该件目前尚未办结。';
  return {
    ...blankDraft('supervision', f, `关于督促办理${c.caseNo}信访举报件的函`),
    addressee: v.text('addressee'),
    body: [
      para(`${receivedClause(c)}（编号：${c.caseNo}）${handedOver}。`),
      para(due),
      para(`请你单位高度重视，抓紧办理，于${date(f.replyBy.supervision)}前将办理情况书面报送我委；确有特殊情况不能按期办结的，请书面说明理由和预计办结时间。`),
      para('特此函告。'),
    ],
    signatures: [organ(f.office.discipline)],
    note: contactNote(f),
    replyBy: f.replyBy.supervision,
  };
}

/** 交办函 (§3.4): the item handed down with a report-back deadline and the confidentiality duty. */
function assignment(f: Facts): DocumentDraft {
  const v = fieldsOf('assignment', f);
  const c = f.case;
  return {
    ...blankDraft('assignment', f, `关于交办反映${accusedShort(c)}有关问题的函`),
    addressee: v.text('addressee'),
    body: [
      para(
        `根据${cite(f, 'assignment.basis')}有关规定，现将${reportedIssue(c)}的信访举报（编号：${c.caseNo}）转去，请你单位认真调查核实，依规依纪依法处理，并于${date(f.replyBy.assignment)}前将调查处理结果书面报告我委。`,
      ),
      para('调查处理结果报告应当写明调查核实的过程、认定的事实、处理意见及依据，并附相关材料；确有特殊情况不能按期办结的，请在期限届满前书面说明理由。'),
      para('请严格遵守保密规定，对检举控告人信息和举报内容严格保密，不得泄露检举控告人信息，不得将举报材料转给被反映人或者被反映单位。'),
      para('特此函告。'),
    ],
    attachments: v.list('attachments', ['信访举报件复印件']),
    signatures: [organ(f.office.discipline)],
    note: contactNote(f),
    replyBy: f.replyBy.assignment,
    citations: ['assignment.basis'],
  };
}

/** What happened on acceptance, as told to the reporter (the receiving unit is not named). */
function acceptedClause(c: CaseFacts): string {
  if (c.routing === '转办') return '我委已按照规定转交有关纪检监察机关办理';
  if (c.routing === '报送上级') return '我委已按照规定报送上级纪检监察机关办理';
  if (c.routing === '交办') return '我委已受理，并交由有关单位调查核实';
  return '我委已受理，将按照规定程序办理';
}

/** 受理告知书 (§1.6, §3.5): to a 实名 reporter, with the confidentiality promise and the duty to report truthfully. */
function acceptanceNotice(f: Facts): DocumentDraft {
  const c = f.case;
  return {
    ...blankDraft('acceptance-notice', f, '受理告知书'),
    addressee: `${REPORTER_NAME}同志`,
    body: [
      para(`${reporterRaised(c, '你')}的检举控告收悉。根据${cite(f, 'complaints.rules')}有关规定，${acceptedClause(c)}，办理结果将按照规定向你反馈。`),
      para('我委将对你的个人信息和检举控告内容严格保密。请你如实反映问题，对所反映问题的真实性负责，不得捏造事实、伪造材料诬告陷害他人。办理期间如有新的情况或者证据，可以继续向我委反映。'),
      para('特此告知。'),
    ],
    signatures: [organ(f.office.discipline)],
    envelope: reporterEnvelope(f),
    citations: ['complaints.rules'],
  };
}

/** 处理结果反馈告知书 (§3.5): the result, the right to object, and a 回执 for the reporter's 反馈意见. */
function resultFeedback(f: Facts): DocumentDraft {
  const v = fieldsOf('result-feedback', f);
  const c = f.case;
  const given = f.fields.result?.trim();
  const result = [findingSentence(c), ...(given ? splitLines(given) : [])].filter(Boolean);
  return {
    ...blankDraft('result-feedback', f, '处理结果反馈告知书'),
    addressee: `${REPORTER_NAME}同志`,
    body: [
      para(`${reporterRaised(c, '你')}的检举控告，我委已按照规定程序办理。现将处理结果告知如下：`),
      ...body(result.length ? result : [v.text('result')]),
      para('你如对上述处理结果有异议，可以向我委书面提出，并说明理由；如有新的事实和证据，可以继续向我委反映。'),
      para('特此告知。'),
      para('请你在下方签署反馈意见后交回我委。'),
      para('反馈意见：'),
      para('检举控告人（签名）：'),
      para('年  月  日'),
    ],
    signatures: [organ(f.office.discipline)],
    envelope: reporterEnvelope(f),
  };
}

const FORM_VALUE_MAX = 2000;
const clip = (s: string) => (s.length > FORM_VALUE_MAX ? `${s.slice(0, FORM_VALUE_MAX - 8)}……（详见原件）` : s);
const row = (label: string, value: string, minLines = 1): FormRow => ({ label, value: clip(value), minLines });

/** 阅办卡: the internal routing slip; the reporter appears only as 实名 or 匿名. */
function slip(f: Facts): DocumentDraft {
  const v = fieldsOf('slip', f);
  const c = f.case;
  const upper = UPPER_SOURCES.has(c.source) ? [c.upperOffice, c.upperRefNo].filter(Boolean).join('，') : '';
  return {
    ...blankDraft('slip', f, '信访举报件阅办卡'),
    form: [
      row('编号', c.caseNo),
      row('收件日期', date(c.receivedDate)),
      row('来源', upper ? `${c.source}（${upper}）` : c.source),
      row('方式', c.channel),
      row('被反映人', c.accused),
      row('反映人', c.realName ? '实名' : '匿名'),
      row('问题类别', c.category),
      row('主要内容', c.summary, 4),
      row('拟办意见', v.raw('proposal'), 3),
      row('领导批示', '', 5),
      row('办理结果', '', 2),
    ],
  };
}
