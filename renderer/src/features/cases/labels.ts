import type { CaseStatus, Source } from '../../../../shared/domain/case';
export { statusOfStage } from '../../../../shared/domain/case';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  已登记: 'default',
  办理中: 'processing',
  已办结: 'success',
  已存档: 'purple',
};

export const SOURCE_COLORS: Partial<Record<Source, string>> = { 上级转办: 'orange', 上级交办: 'red' };

export const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
