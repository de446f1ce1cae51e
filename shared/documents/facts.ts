import type { Disposition, Finding, Routing } from '../domain/loop.js';
import type { DocumentSettings } from './settings.js';

/**
 * What a template knows about a case when it drafts a document: never the reporter's identity (documents to the
 * reporter carry the REPORTER_NAME / REPORTER_ADDRESS placeholders, filled in when issued). `fields` supplies what
 * the case lacks (the CLI's --fields file, or the user's edits); each template documents the fields it reads.
 */
export interface DocumentFacts {
  /** ISO date the document is drafted (成文日期 by default). */
  today: string;
  office: {
    fullName: string;
    shortName: string;
    issuerMark: string;
    /** 署名 of discipline matters (县纪委) and 监察 matters (县监委). */
    discipline: string;
    supervision: string;
  };
  settings: DocumentSettings;
  case: {
    caseNo: string;
    receivedDate: string;
    channel: string;
    source: string;
    upperOffice: string;
    upperRefNo: string;
    kind: string;
    category: string;
    summary: string;
    /** 被反映人 as written in letters: 走马镇财政所所长赵某某 (unit, post, name), joined with 、 */
    accused: string;
    /** The first accused person's name alone (澄清函 names the person cleared). */
    accusedName: string;
    accusedUnit: string;
    accusedPost: string;
    realName: boolean;
    routing: Routing | null;
    /** 承办单位 the case was handed to. */
    recipient: string;
    disposition: Disposition | null;
    finding: Finding | null;
    /** The date the loop was closed (办结), if it was. */
    closedOn: string | null;
    /** This case was linked as a repeat (重复件) of an earlier one: it owes no acceptance notice. */
    isRepeat: boolean;
  };
  /** The open deadline a 督办函 chases. */
  deadline: { label: string; due: string | null } | null;
  /** Reply dates counted in working days from today, per the office's settings. */
  replyBy: { supervision: string; assignment: string; recommendation: string };
  fields: Record<string, string>;
}
