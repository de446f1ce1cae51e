import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/contract';
import { api, onEvent } from '../../api/client';
import { useAsync } from '../../useAsync';

/** 交换 data the screens share: the office's status (trusted offices, bundles sent, backup reminder), conflicts, progress. */
export function useExchangeStatus() {
  const status = useAsync(() => api['exchange.status']({}));
  useEffect(() => onEvent('cases.changed', () => void status.reload()), [status.reload]);
  return status;
}

export function useExchangeConflicts() {
  const conflicts = useAsync(() => api['exchange.conflicts']({}));
  useEffect(() => onEvent('cases.changed', () => void conflicts.reload()), [conflicts.reload]);
  return conflicts;
}

export type ExchangeProgress = EventPayload<'exchange.progress'>;

/** The latest progress report of a long export, import, backup or restore (null when none is running). */
export function useExchangeProgress(operation: ExchangeProgress['operation'], running: boolean): ExchangeProgress | null {
  const [progress, setProgress] = useState<ExchangeProgress | null>(null);
  useEffect(() => {
    if (!running) {
      setProgress(null);
      return;
    }
    return onEvent('exchange.progress', (p) => {
      if (p.operation === operation) setProgress(p);
    });
  }, [operation, running]);
  return progress;
}

export const BUNDLE_MIME = 'application/octet-stream';
