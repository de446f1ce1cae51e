import { useEffect, useState } from 'react';
import { DOCUMENT_TYPE_INFO, type DocumentType } from '../../../../shared/documents/model';
import { api } from '../../api/client';
import { saveFile } from '../../host/files';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Fetches an issued document's .docx and hands it to the host's download (Electron asks where to save it). */
export async function downloadDocument(caseId: string, documentId: string): Promise<string> {
  const file = await api['documents.download']({ caseId, documentId });
  saveFile(file.fileName, file.base64, DOCX_MIME);
  return file.fileName;
}

export const typeLabel = (type: DocumentType) => DOCUMENT_TYPE_INFO[type].label;

/** `value`, settled: it follows `value` once it has not changed for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** 2026-11-25T03:04:05Z → 2026-11-25 11:04 (local). */
export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).replaceAll('/', '-');
}

