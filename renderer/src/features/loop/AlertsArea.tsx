import { useState } from 'react';
import { CaseDetailPage } from '../cases/CaseDetailPage';
import { AlertsPage } from './AlertsPage';

/** 预警督办 with the case detail one click away (editing stays in 登记台账). */
export function AlertsArea() {
  const [caseId, setCaseId] = useState<string | null>(null);
  if (caseId) return <CaseDetailPage id={caseId} onBack={() => setCaseId(null)} backLabel="返回预警督办" />;
  return <AlertsPage onOpenCase={setCaseId} />;
}
