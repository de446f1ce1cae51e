import { describe, expect, it } from 'vitest';
import type { DocumentFacts } from './facts.js';
import { BLOCK_WIDTH_PT, SIZE_PT } from './gbt9704.js';
import { FORM_VALUE_WIDTH_PT, layoutDocument, textWidthPt } from './layout.js';
import { DOCUMENT_TYPE_INFO, DOCUMENT_TYPES, DocumentDraft, REPORTER_ADDRESS, REPORTER_NAME, type DocumentType } from './model.js';
import { DocumentSettings, organNames } from './settings.js';
import { draftDocument, missingFields, NOT_SENT, TEMPLATE_FIELDS } from './templates.js';

/** The reporter, known to the case's sealed identity only: used here solely to prove it never reaches a draft. */
const REPORTER = { name: '张三', phone: '13907185566', idNumber: '422828198503150017' };

const FULL_NAME = '中共鹤峰县纪律检查委员会 鹤峰县监察委员会';
const settings = DocumentSettings.parse({
  printedBy: '中共鹤峰县纪委办公室',
  contactName: '李某',
  contactPhone: '0718-5221234',
  returnAddress: '鹤峰县邮政信箱18号',
});

const FIELDS: Record<string, string> = {
  addressee: '中共走马镇委员会',
  allegations: '反映赵某某在2025年耕地地力保护补贴发放中截留挪用资金的问题，经核实，不属实\n反映赵某某违规为亲属办理补贴的问题，经核实，不属实',
  copyTo: '县委组织部、走马镇纪委',
  facts: '经核查，走马镇2025年耕地地力保护补贴共发放1236户，补贴资金均通过“一卡通”直接发放到户。\n部分村补贴面积公示不及时，群众知晓度不高。',
  agreement: '甲方向乙方说明补贴核算办法和发放情况\n乙方对补贴发放情况有疑问的，可向走马镇财政所查询',
  matter: '加强惠民惠农补贴资金管理',
  problems: '补贴面积公示不及时、不规范\n财政所对村级申报数据审核把关不严',
  recommendations: '1.严格落实补贴面积公示制度，公示期不少于7天\n（二）建立村级申报数据复核机制',
  result: '对走马镇财政所在补贴公示工作中存在的问题，已责令整改',
  postcode: '445800',
  proposal: '拟转第一监督检查室承办。',
};

function factsOf(over: { case?: Partial<DocumentFacts['case']>; fields?: Record<string, string>; settings?: DocumentSettings } = {}): DocumentFacts {
  const s = over.settings ?? settings;
  return {
    today: '2026-04-03',
    office: { fullName: FULL_NAME, shortName: '鹤峰县纪委监委', issuerMark: '中共鹤峰县纪律检查委员会', ...organNames(FULL_NAME, s) },
    settings: s,
    case: {
      caseNo: '鹤纪信〔2026〕12号',
      receivedDate: '2026-03-05',
      channel: '来信',
      source: '本级受理',
      upperOffice: '',
      upperRefNo: '',
      kind: '检举控告',
      category: '违反廉洁纪律、违反群众纪律',
      summary: '反映走马镇财政所所长赵某某在2025年耕地地力保护补贴发放中截留挪用惠民惠农资金，并违规为亲属办理补贴。',
      accused: '走马镇财政所所长赵某某',
      accusedName: '赵某某',
      accusedUnit: '走马镇财政所',
      accusedPost: '所长',
      realName: true,
      routing: '本级承办',
      recipient: '第一监督检查室',
      disposition: '初步核实',
      finding: '部分属实',
      closedOn: null,
      isRepeat: false,
      ...over.case,
    },
    deadline: { label: '实名结果反馈', due: '2026-04-01' },
    replyBy: { supervision: '2026-04-10', assignment: '2026-05-08', recommendation: '2026-05-08' },
    fields: over.fields ?? FIELDS,
  };
}

const json = (d: DocumentDraft) => JSON.stringify(d);
const draft = (type: DocumentType, facts = factsOf()) => DocumentDraft.parse(draftDocument(type, facts));
const PLACEHOLDER = /【请填写[^】]*】/;
/** Punctuation a line may hang past the margin (layout.ts). */
const HANGING = /[，。、．,.]/;

describe('draftDocument', () => {
  it.each(DOCUMENT_TYPES)('%s: a valid draft of its type, dated today', (type) => {
    const d = draft(type);
    expect(d.type).toBe(type);
    expect(d.date).toBe('2026-04-03');
    expect(d.title.length).toBeGreaterThan(1);
  });

  it.each(DOCUMENT_TYPES)('%s: never the reporter’s name, phone or ID number', (type) => {
    for (const facts of [factsOf(), factsOf({ fields: {} }), factsOf({ case: { realName: false } })]) {
      const text = json(draft(type, facts));
      for (const secret of Object.values(REPORTER)) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/实名举报|匿名举报|举报人张/);
    }
  });

  it('documents to the reporter carry the placeholders in addressee and envelope; no other document does', () => {
    for (const type of DOCUMENT_TYPES) {
      const d = draft(type);
      if (DOCUMENT_TYPE_INFO[type].toReporter) {
        expect(d.addressee).toContain(REPORTER_NAME);
        expect(d.envelope).toEqual({ to: REPORTER_NAME, address: REPORTER_ADDRESS, postcode: '445800', returnAddress: '鹤峰县邮政信箱18号' });
      } else {
        expect(json(d)).not.toContain(REPORTER_NAME);
        expect(json(d)).not.toContain(REPORTER_ADDRESS);
        expect(d.envelope).toBeNull();
      }
    }
  });

  it('the envelope falls back to a visible placeholder without a return address, and drops an invalid postcode', () => {
    const d = draft('acceptance-notice', factsOf({ settings: { ...settings, returnAddress: '' }, fields: { postcode: '4458' } }));
    expect(d.envelope?.returnAddress).toMatch(PLACEHOLDER);
    expect(d.envelope?.postcode).toBe('');
  });

  it('the slip says 实名 or 匿名, never who', () => {
    const row = (d: DocumentDraft) => d.form.find((r) => r.label === '反映人')?.value;
    expect(row(draft('slip'))).toBe('实名');
    expect(row(draft('slip', factsOf({ case: { realName: false } })))).toBe('匿名');
    const d = draft('slip');
    expect(d.addressee).toBe('');
    expect(d.signatures).toEqual([]);
    expect(d.form.map((r) => r.label)).toEqual(['编号', '收件日期', '来源', '方式', '被反映人', '反映人', '问题类别', '主要内容', '拟办意见', '领导批示', '办理结果']);
    expect(d.form.find((r) => r.label === '领导批示')).toMatchObject({ value: '', minLines: 5 });
    expect(d.form.find((r) => r.label === '收件日期')?.value).toBe('2026年3月5日');
  });

  it('quotes the citations from the office’s table', () => {
    for (const type of DOCUMENT_TYPES) {
      const keys = draft(type).citations;
      for (const key of keys) {
        const changed = { ...settings, citations: settings.citations.map((c) => (c.key === key ? { ...c, text: `《测试条文》第${key.length}条` } : c)) };
        const text = json(draft(type, factsOf({ settings: changed })));
        expect(text, `${type} ${key}`).toContain(`《测试条文》第${key.length}条`);
      }
    }
    expect(draft('recommendation').citations).toEqual(['recommendation.basis', 'recommendation.refusal']);
    expect(draft('clarification').citations).toEqual(['clarification.basis']);
    expect(draft('assignment').citations).toEqual(['assignment.basis']);
    expect(draft('settlement').citations).toEqual(['settlement.basis']);
    expect(draft('acceptance-notice').citations).toEqual(['complaints.rules']);
  });

  it('writes dates without leading zeros', () => {
    for (const type of DOCUMENT_TYPES) {
      const text = json(draft(type));
      expect(text, type).not.toMatch(/年0\d月|月0\d日/);
    }
    expect(json(draft('clarification'))).toContain('2026年3月5日');
    expect(json(draft('recommendation'))).toContain('于2026年5月8日前将采纳监察建议的情况书面回复我委');
    expect(json(draft('supervision'))).toContain('于2026年4月10日前');
  });

  it('with every field given, nothing is left to fill in', () => {
    for (const type of DOCUMENT_TYPES) {
      const facts = factsOf({ fields: { ...FIELDS, party: '王某' } });
      expect(missingFields(type, facts), type).toEqual([]);
      expect(json(draft(type, facts)), type).not.toMatch(PLACEHOLDER);
    }
  });

  it('without fields, each missing required field is a visible placeholder and reported by missingFields', () => {
    const bare = factsOf({ fields: {}, case: { accused: '', accusedName: '', accusedUnit: '', recipient: '', finding: null, summary: '反映有关人员在惠民惠农补贴发放中存在违规问题，具体情况包括多个方面，需进一步核实。' } });
    for (const type of DOCUMENT_TYPES) {
      const missing = missingFields(type, bare);
      const required = TEMPLATE_FIELDS[type].filter((f) => f.required).map((f) => f.label);
      expect(missing, type).toEqual(required);
      const text = json(draft(type, bare));
      for (const label of missing) expect(text, `${type}: ${label}`).toContain(`【请填写：${label.replace(/（[^（）]*）$/, '')}】`);
    }
  });

  it('case facts fill required fields when the user gives none', () => {
    const facts = factsOf({ fields: {} });
    expect(missingFields('clarification', facts)).toEqual(['澄清的问题及核实结论（每行一项，如“反映……的问题，经核实，不属实”）']);
    const d = draft('clarification', facts);
    expect(d.title).toBe('关于对赵某某同志有关问题予以澄清的函');
    expect(d.addressee).toBe('走马镇财政所党委（党组）');
    expect(missingFields('supervision', facts)).toEqual([]);
    expect(draft('supervision', facts).addressee).toBe('第一监督检查室');
    expect(missingFields('result-feedback', facts)).toEqual([]);
    expect(json(draft('result-feedback', facts))).toContain('经初步核实，你反映的问题部分属实。');
  });

  it('documents to the reporter are not sent for anonymous items, and no acceptance notice for repeats', () => {
    const anonymous = factsOf({ case: { realName: false } });
    expect(missingFields('acceptance-notice', anonymous)).toEqual([NOT_SENT.anonymousAcceptance]);
    expect(missingFields('result-feedback', anonymous)).toEqual([NOT_SENT.anonymousFeedback]);
    expect(missingFields('acceptance-notice', factsOf({ case: { isRepeat: true } }))).toEqual([NOT_SENT.repeatAcceptance]);
    expect(missingFields('acceptance-notice', factsOf({ case: { routing: '不予受理' } }))).toEqual([NOT_SENT.notAccepted]);
    expect(missingFields('acceptance-notice', factsOf({ case: { routing: '重复件留存备查' } }))).toEqual([NOT_SENT.repeatAcceptance]);
    expect(missingFields('result-feedback', factsOf({ case: { isRepeat: true } }))).toEqual([]);
    // The draft still builds, so the user sees what would have been sent.
    expect(() => draft('acceptance-notice', anonymous)).not.toThrow();
  });
});

describe('the templates’ wording', () => {
  it('澄清函: one conclusion per allegation, the request to the unit, signed by the 纪委, with 抄送', () => {
    const d = draft('clarification');
    expect(d.addressee).toBe('中共走马镇委员会');
    const text = d.body.map((p) => p.text);
    expect(text[0]).toBe('我委于2026年3月5日收到反映走马镇财政所所长赵某某有关问题的信访举报。按照有关规定，我委对反映的问题进行了核实。现将有关情况函告如下：');
    expect(text).toContain('1.反映赵某某在2025年耕地地力保护补贴发放中截留挪用资金的问题，经核实，不属实。');
    expect(text.join('')).toContain('不得因上述问题影响赵某某同志的选拔任用、评先评优');
    expect(d.signatures).toEqual(['中共鹤峰县纪律检查委员会']);
    expect(d.copyTo).toEqual(['县委组织部', '走马镇纪委']);
    expect(d.printedBy).toBe('');
  });

  it('息诉息访协议书: parties, numbered agreement, signature lines and no 署名 block', () => {
    const d = draft('settlement', factsOf({ fields: { ...FIELDS, party: '王某' } }));
    const text = d.body.map((p) => p.text);
    expect(text.slice(0, 2)).toEqual(['甲方：中共鹤峰县纪律检查委员会', '乙方：王某']);
    expect(text).toContain('乙方于2026年3月5日来信反映走马镇财政所所长赵某某有关问题，登记编号为鹤纪信〔2026〕12号。');
    expect(d.body.filter((p) => p.level === 3).map((p) => p.text.slice(0, 2))).toEqual(['1.', '2.']);
    expect(text.slice(-4)).toEqual(['甲方（盖章）：', '乙方（签名）：', '见证人（签名）：', '签订日期：  年  月  日']);
    expect(d.signatures).toEqual([]);
    expect(draft('settlement', factsOf({ fields: {} })).body[1]?.text).toBe('乙方：【请填写：乙方姓名】');
  });

  it('监察建议书: four headed parts, numbered items, reply date, objection route, 监委 署名 and 版记', () => {
    const d = draft('recommendation');
    expect(d.title).toBe('关于加强惠民惠农补贴资金管理的监察建议');
    expect(d.body.filter((p) => p.level === 1).map((p) => p.text)).toEqual(['一、问题来源', '二、查明的事实和依据', '三、存在的问题', '四、监察建议']);
    expect(d.body.filter((p) => p.level === 2).map((p) => p.text)).toEqual([
      '（一）补贴面积公示不及时、不规范。',
      '（二）财政所对村级申报数据审核把关不严。',
      '（一）严格落实补贴面积公示制度，公示期不少于7天。',
      '（二）建立村级申报数据复核机制。',
    ]);
    const text = json(d);
    expect(text).toContain('如对本监察建议有异议，可自收到之日起15日内向我委书面提出');
    expect(d.signatures).toEqual(['鹤峰县监察委员会']);
    expect(d.replyBy).toBe('2026-05-08');
    expect(d.printedBy).toBe('中共鹤峰县纪委办公室');
    expect(d.copyTo).toEqual(['县委组织部', '走马镇纪委']);
    // A short summary serves as the 事由 when none is given; a long one does not.
    const short = factsOf({ fields: {}, case: { summary: '惠民惠农资金管理问题。其他内容。' } });
    expect(draft('recommendation', short).title).toBe('关于惠民惠农资金管理问题的监察建议');
    const reported = factsOf({ fields: {}, case: { summary: '反映走马镇惠民惠农资金发放不规范。详情略。' } });
    expect(draft('recommendation', reported).title).toBe('关于走马镇惠民惠农资金发放不规范的监察建议');
  });

  it('督办函: the overdue deadline, the reply date and the contact note', () => {
    const d = draft('supervision');
    expect(d.title).toBe('关于督促办理鹤纪信〔2026〕12号信访举报件的函');
    expect(d.body[1]?.text).toBe('按照规定，该件的“实名结果反馈”应于2026年4月1日前完成，截至2026年4月3日已超期。');
    expect(d.note).toBe('（联系人：李某，联系电话：0718-5221234）');
    expect(d.replyBy).toBe('2026-04-10');
    const open = draftDocument('supervision', { ...factsOf(), deadline: { label: '交办件回复', due: null } });
    expect(open.body[1]?.text).toBe('按照规定，该件的“交办件回复”应在规定期限内完成。');
  });

  it('交办函: the report-back deadline, the confidentiality duty and the default attachment', () => {
    const d = draft('assignment', factsOf({ fields: { addressee: '中共走马镇纪律检查委员会' } }));
    expect(d.title).toBe('关于交办反映走马镇财政所所长赵某某有关问题的函');
    const text = json(d);
    expect(text).toContain('现将反映走马镇财政所所长赵某某有关问题的信访举报（编号：鹤纪信〔2026〕12号）转去');
    expect(text).toContain('于2026年5月8日前将调查处理结果书面报告我委');
    expect(text).toContain('不得泄露检举控告人信息，不得将举报材料转给被反映人');
    expect(d.attachments).toEqual(['信访举报件复印件']);
    expect(d.addressee).toBe('中共走马镇纪律检查委员会');
    const many = draft('assignment', factsOf({ case: { accused: '甲某、乙某、丙某' } }));
    expect(many.title).toBe('关于交办反映甲某等3人有关问题的函');
  });

  it('受理告知书 and 处理结果反馈告知书: the channel as a verb, reminders, and the 回执 last', () => {
    const notice = draft('acceptance-notice');
    expect(notice.body[0]?.text).toBe(
      '你于2026年3月5日来信反映走马镇财政所所长赵某某有关问题的检举控告收悉。根据《纪检监察机关处理检举控告工作规则》有关规定，我委已受理，将按照规定程序办理，办理结果将按照规定向你反馈。',
    );
    expect(json(notice)).toContain('不得捏造事实、伪造材料诬告陷害他人');
    const feedback = draft('result-feedback');
    expect(feedback.body.slice(-3).map((p) => p.text)).toEqual(['反馈意见：', '检举控告人（签名）：', '年  月  日']);
    expect(json(feedback)).toContain('已责令整改');
    expect(json(feedback)).toContain('可以向我委书面提出');
  });
});

describe('layout of each draft', () => {
  it.each(DOCUMENT_TYPES)('%s: at least one page and no line wider than the 版心', (type) => {
    for (const facts of [factsOf(), factsOf({ fields: {} })]) {
      const d = draft(type, facts);
      const layout = layoutDocument({ ...d, issuerMark: '中共鹤峰县纪律检查委员会', docNo: DOCUMENT_TYPE_INFO[type].numbered ? '鹤纪〔2026〕1号' : '' });
      expect(layout.pages.filter((p) => p.kind === 'page').length).toBeGreaterThan(0);
      for (const item of layout.flow) {
        if (item.kind === 'paragraph') {
          const s = item.style;
          item.lines.forEach((line, i) => {
            const indent = s.leftPt + (i === 0 && !item.explicitBreaks ? s.firstLinePt : 0);
            const hang = HANGING.test(line.slice(-1)) ? s.sizePt : 0;
            expect(indent + textWidthPt(line, s.sizePt), `${type}: ${line}`).toBeLessThanOrEqual(BLOCK_WIDTH_PT - s.rightPt + hang + 0.01);
          });
        } else if (item.kind === 'form') {
          for (const line of item.rows.flatMap((r) => r.lines)) {
            const hang = HANGING.test(line.slice(-1)) ? SIZE_PT.body : 0;
            expect(textWidthPt(line, SIZE_PT.body), line).toBeLessThanOrEqual(FORM_VALUE_WIDTH_PT + hang + 0.01);
          }
        }
      }
    }
  });
});
