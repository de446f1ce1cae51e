import { randomUUID } from 'node:crypto';
import { addDays } from '../../../shared/domain/calendar.js';
import type { CaseRecord, ReporterPerson } from '../../../shared/domain/case.js';
import { OBLIGATION_LABELS } from '../../../shared/domain/deadlines.js';
import { roleMay } from '../../../shared/domain/users.js';
import { docCodeOf, docNoCounterKey, formatDocNo, provisionalDocNo } from '../../../shared/documents/doc-number.js';
import type { DocumentFacts } from '../../../shared/documents/facts.js';
import { blanksOf, DOCUMENT_TYPE_INFO, REPORTER_ADDRESS, REPORTER_NAME, type DocumentDraft, type DocumentType, type IssuedDocument, type OfficialDocument } from '../../../shared/documents/model.js';
import type { RegistryEntry } from '../../../shared/documents/registry.js';
import { organNames } from '../../../shared/documents/settings.js';
import { draftDocument, missingFields } from '../../../shared/documents/templates.js';
import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';
import { renderDocx } from '../documents/docx.js';
import { mentionsReporter, openIdentity } from '../security/identity.js';
import { localIsoDate } from '../time.js';
import { checkFresh, getCase, refuseIfArchived, saveCase } from './cases/cases.js';

/** 文书: drafts from a case, issuing with a 文号 from the registry, the kept .docx, voiding, and the office's settings. */

function officeOf(ctx: BackendContext) {
  const settings = ctx.store.settings();
  if (!settings.office) throw new AppError('NOT_SET_UP', '尚未完成本机关设置，不能生成文书');
  return { office: settings.office, documents: settings.documents };
}

const accusedText = (record: CaseRecord) => record.accused.map((a) => (a.type === 'unit' ? a.name : `${a.unit}${a.post}${a.name}`)).join('、');

/** What the templates may know of a case: everything but the reporter's identity. */
export function factsOf(ctx: BackendContext, record: CaseRecord, fields: Record<string, string>): DocumentFacts {
  const { office, documents } = officeOf(ctx);
  const organs = organNames(office.fullName, documents);
  const today = localIsoDate(ctx.now());
  const state = ctx.view.state(record);
  const calendar = ctx.view.calendar();
  const replyIn = (days: number) => calendar.addWorkingDays(today, days).due ?? addDays(today, Math.ceil((days * 7) / 5));
  const open = ctx.view
    .deadlines(record)
    .filter((d) => !d.fulfilledAt)
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'))[0];
  const person = record.accused.find((a) => a.type === 'person') ?? record.accused[0];
  const closed = [...state.steps].reverse().find((s) => s.kind === 'close');
  const days = documents.replyWorkingDays;
  return {
    today,
    office: { fullName: office.fullName, shortName: office.shortName, issuerMark: office.issuerMark, ...organs },
    settings: documents,
    case: {
      caseNo: record.caseNo,
      receivedDate: record.receivedDate,
      channel: record.channel,
      source: record.source,
      upperOffice: record.upperOffice,
      upperRefNo: record.upperRefNo,
      kind: record.kind,
      category: record.categories.join('、'),
      summary: record.summary,
      accused: accusedText(record),
      accusedName: person?.name ?? '',
      accusedUnit: person?.type === 'person' ? person.unit : (person?.name ?? ''),
      accusedPost: person?.type === 'person' ? person.post : '',
      realName: record.identity.realName,
      routing: state.routing,
      recipient: state.recipient ?? '',
      disposition: state.disposition,
      finding: state.finding,
      closedOn: closed ? closed.at.slice(0, 10) : null,
      isRepeat: record.repeatOf !== null,
    },
    deadline: open ? { label: OBLIGATION_LABELS[open.obligation], due: open.due } : null,
    replyBy: { supervision: replyIn(days.supervision), assignment: replyIn(days.assignment), recommendation: replyIn(days.recommendation) },
    fields,
  };
}

/** The 标志 of a type: 监察建议 are served in the 监委's name, the rest under the office's 标志. */
function issuerMarkOf(ctx: BackendContext, type: DocumentType): string {
  const { office, documents } = officeOf(ctx);
  return type === 'recommendation' ? organNames(office.fullName, documents).supervision : office.issuerMark;
}

function codeOf(ctx: BackendContext, type: DocumentType): string {
  const { office, documents } = officeOf(ctx);
  return docCodeOf(type, office.docCode, documents.codes);
}

/** Refuses a document that names the reporter where it must not (澄清函, 督办函, 交办函, 监察建议书 …). */
function checkReporterAbsent(draft: DocumentDraft, persons: ReporterPerson[]): void {
  if (mentionsReporter(JSON.stringify(draft), persons)) throw new AppError('INVALID_INPUT', '文书中出现了检举控告人的姓名、电话或身份证号，不得发出；请删除后再出具');
}

function fillReporter(doc: OfficialDocument, persons: ReporterPerson[]): OfficialDocument {
  const person = persons[0];
  if (!person) throw new AppError('INVALID_INPUT', '该件未登记检举控告人，不能出具告知书');
  if (doc.envelope && !person.address) throw new AppError('INVALID_INPUT', '检举控告人未登记通信地址，无法填写信封；请补充地址，或在文书中去掉信封');
  const fill = (s: string) => s.replaceAll(REPORTER_NAME, person.name).replaceAll(REPORTER_ADDRESS, person.address ?? '');
  return {
    ...doc,
    addressee: fill(doc.addressee),
    body: doc.body.map((p) => ({ ...p, text: fill(p.text) })),
    envelope: doc.envelope ? { ...doc.envelope, to: fill(doc.envelope.to), address: fill(doc.envelope.address) } : null,
  };
}

function findDocument(record: CaseRecord, documentId: string): IssuedDocument {
  const found = record.documents.find((d) => d.id === documentId);
  if (!found) throw new AppError('NOT_FOUND', '该信访件没有这份文书');
  return found;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60);

export function documentHandlers(
  ctx: BackendContext,
): Pick<Handlers, 'documents.draft' | 'documents.issue' | 'documents.download' | 'documents.void' | 'documents.registry' | 'documents.updateSettings'> {
  return {
    async 'documents.draft'({ caseId, type, fields }) {
      const record = getCase(ctx, caseId);
      const facts = factsOf(ctx, record, fields);
      const draft = draftDocument(type, facts);
      const info = DOCUMENT_TYPE_INFO[type];
      return {
        draft,
        issuerMark: issuerMarkOf(ctx, type),
        docNo: info.numbered ? provisionalDocNo(codeOf(ctx, type), Number(draft.date.slice(0, 4))) : '',
        missing: missingFields(type, facts),
        unconfirmed: facts.settings.citations.filter((c) => draft.citations.includes(c.key) && !c.confirmed),
      };
    },

    async 'documents.issue'({ caseId, expectedUpdatedAt, draft }) {
      const current = getCase(ctx, caseId);
      checkFresh(current, expectedUpdatedAt);
      // Before a 文号 is taken: an archived case gets no new document.
      await refuseIfArchived(ctx, current, '出具文书');
      const info = DOCUMENT_TYPE_INFO[draft.type];
      const blanks = blanksOf(draft);
      if (blanks.length) throw new AppError('INVALID_INPUT', `文书中还有未填写的内容：${blanks.join('、')}`);
      const user = ctx.session.user!;
      let persons: ReporterPerson[] = [];
      if (info.toReporter) {
        if (!current.identity.realName) throw new AppError('INVALID_INPUT', `匿名举报没有可告知的检举控告人，不出具${info.label}`);
        if (!roleMay(user.role, 'identity.reveal')) throw new AppError('FORBIDDEN', `出具${info.label}须填写检举控告人姓名，“${user.role}”角色无权查看`);
      }
      if (ctx.session.keys.identity) persons = openIdentity(ctx.session.keys.identity, current).persons;
      if (!info.toReporter) checkReporterAbsent(draft, persons);

      const at = ctx.now().toISOString();
      const year = Number(draft.date.slice(0, 4));
      const code = codeOf(ctx, draft.type);
      const seq = info.numbered ? await ctx.store.takeNumbers(docNoCounterKey(code, year)) : 0;
      const docNo = info.numbered ? formatDocNo(code, year, seq) : '';
      const entry = (documentId: string | null, status: RegistryEntry['status'], voided: RegistryEntry['voided']): RegistryEntry => ({
        docNo, code, year, seq, type: draft.type, caseId, caseNo: current.caseNo, documentId, title: draft.title, takenAt: at, takenBy: ctx.actor(), status, voided,
      });
      const document: OfficialDocument = { ...draft, issuerMark: issuerMarkOf(ctx, draft.type), docNo };
      let stored: { sha256: string; size: number };
      try {
        const bytes = await renderDocx(info.toReporter ? fillReporter(document, persons) : document);
        stored = { sha256: await ctx.store.attachments.put(bytes), size: bytes.length };
      } catch (error) {
        // The number was taken: record it as voided, so the registry explains the gap.
        if (info.numbered) await ctx.store.recordDocNo(entry(null, 'voided', { at, by: ctx.actor(), reason: '生成文书失败，文号自动作废' }));
        throw error;
      }
      const issued: IssuedDocument = { id: randomUUID(), type: draft.type, docNo, title: draft.title, issuedAt: at, issuedBy: ctx.actor(), ...stored, document, voided: null };
      if (info.numbered) await ctx.store.recordDocNo(entry(issued.id, 'issued', null));
      const label = `${info.label}${docNo ? `（${docNo}）` : ''}`;
      const detail = await saveCase(ctx, current, { documents: [...current.documents, issued] }, { action: 'document', summary: `出具${label}：${draft.title}` });
      await ctx.audit('document.issue', `${current.caseNo}（${caseId}）`, 'success', label);
      ctx.log.info('document issued', { caseId, type: draft.type, docNo });
      return { detail, documentId: issued.id, docNo };
    },

    async 'documents.download'({ caseId, documentId }) {
      const record = getCase(ctx, caseId);
      const issued = findDocument(record, documentId);
      const info = DOCUMENT_TYPE_INFO[issued.type];
      const user = ctx.session.user!;
      if (info.toReporter && !roleMay(user.role, 'identity.reveal')) throw new AppError('FORBIDDEN', `${info.label}载有检举控告人姓名，“${user.role}”角色无权查看`);
      const bytes = await ctx.store.attachments.read(issued.sha256);
      await ctx.audit('export', `${record.caseNo}（${caseId}）`, 'success', `${info.label}${issued.docNo}`);
      return { fileName: `${safeName(issued.docNo || info.label)}-${safeName(issued.title)}.docx`, base64: bytes.toString('base64') };
    },

    async 'documents.void'({ caseId, documentId, expectedUpdatedAt, reason }) {
      const current = getCase(ctx, caseId);
      checkFresh(current, expectedUpdatedAt);
      const issued = findDocument(current, documentId);
      if (issued.voided) throw new AppError('INVALID_INPUT', '这份文书已作废');
      const voided = { at: ctx.now().toISOString(), by: ctx.actor(), reason };
      const registered = ctx.store.registry().find((e) => e.documentId === documentId);
      if (registered) await ctx.store.recordDocNo({ ...registered, status: 'voided', voided });
      const label = `${DOCUMENT_TYPE_INFO[issued.type].label}${issued.docNo ? `（${issued.docNo}）` : ''}`;
      const documents = current.documents.map((d) => (d.id === documentId ? { ...d, voided } : d));
      return saveCase(ctx, current, { documents }, { action: 'document', summary: `作废${label}，理由：${reason}` });
    },

    async 'documents.registry'({ year }) {
      return ctx.store
        .registry()
        .filter((e) => year === undefined || e.year === year)
        .sort((a, b) => a.code.localeCompare(b.code) || a.year - b.year || a.seq - b.seq);
    },

    async 'documents.updateSettings'(documents) {
      const settings = await ctx.store.updateSettings((s) => ({ ...s, documents }));
      await ctx.audit('settings.change', '文书设置', 'success', '修改代字、署名、引用条款等');
      ctx.emit('settings.changed', settings);
      return settings;
    },
  };
}
