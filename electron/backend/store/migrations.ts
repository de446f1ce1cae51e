/**
 * Schema versions of stored documents and the steps between them. Each step takes the document at version n
 * and returns it at version n + 1; every step has a test in migrations.test.ts.
 */
export const CURRENT_SCHEMA_VERSION = 1;

type Step = (doc: Record<string, unknown>) => Record<string, unknown>;

/** steps[kind][n] migrates a document of that kind from version n to n + 1. */
export const migrationSteps: Record<string, Record<number, Step>> = {};

export function migrateToCurrent(
  kind: string,
  raw: unknown,
  steps: Record<number, Step> = migrationSteps[kind] ?? {},
  current = CURRENT_SCHEMA_VERSION,
): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('不是一个 JSON 对象');
  let doc = raw as Record<string, unknown>;
  let version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new Error('缺少有效的 schemaVersion');
  if (version > current) throw new Error(`数据版本 ${version} 高于本程序支持的版本 ${current}，请升级程序`);
  while (version < current) {
    const step = steps[version];
    if (!step) throw new Error(`缺少从版本 ${version} 升级的迁移步骤`);
    doc = { ...step(doc), schemaVersion: version + 1 };
    version += 1;
  }
  return doc;
}
