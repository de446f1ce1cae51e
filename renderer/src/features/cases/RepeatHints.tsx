import { Alert, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseInputDraft } from '../../../../shared/domain/case';
import { api } from '../../api/client';

export type Suggestion = Awaited<ReturnType<(typeof api)['repeats.forDraft']>>[number];

/** One suggested earlier case: its number, 重复件 or 一信多投, and why. */
export function SuggestionLine({ suggestion: s }: { suggestion: Suggestion }) {
  return (
    <>
      <Typography.Text strong>{s.caseNo}</Typography.Text>
      <Tag color={s.kind === '一信多投' ? 'purple' : 'orange'}>{s.kind}</Tag>
      <Typography.Text type="secondary">{s.reasons.join('；')}</Typography.Text>
    </>
  );
}
type Draft = Pick<CaseInputDraft, 'receivedDate' | 'source' | 'upperOffice' | 'upperRefNo' | 'summary' | 'accused' | 'reporter'>;

/** While a case is being registered: earlier cases it may repeat, with the reasons (checked as the user types). */
export function RepeatHints({ draft }: { draft: Draft | null }) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const key = JSON.stringify(draft);
  useEffect(() => {
    if (!draft || (draft.summary ?? '').trim().length < 10) {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api['repeats.forDraft'](draft).then((s) => current && setSuggestions(s), () => current && setSuggestions([]));
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (suggestions.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="repeat-hints"
      message={`可能与 ${suggestions.length} 件在先信访件重复（重复件登记后留存备查，无需受理告知）`}
      description={
        <List
          size="small"
          dataSource={suggestions}
          renderItem={(s) => (
            <List.Item style={{ justifyContent: 'flex-start', gap: 8 }}>
              <SuggestionLine suggestion={s} />
            </List.Item>
          )}
        />
      }
    />
  );
}
