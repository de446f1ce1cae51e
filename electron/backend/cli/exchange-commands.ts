import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { MethodOutput } from '../../../shared/contract.js';
import { openBackend, type Backend } from '../backend.js';
import { resolveDataDir } from '../data-dir.js';
import { fileLogger } from '../log.js';
import { createBackup, restoreBackup } from '../services/exchange/backup.js';
import { exportCases } from '../services/exchange/export.js';
import { importBundle, previewImport } from '../services/exchange/import.js';

/** 交换 on the command line: keys, export, import (with a JSON summary), backup and restore, for scripts and IT staff. */
export const EXCHANGE_USAGE = `  key export --data DIR --user NAME --out FILE.xfkey
                                    导出本机关公钥文件并打印指纹 / write this office's key file, print its fingerprint
  key trust --data DIR --user NAME --file FILE.xfkey --fingerprint "XXXX XXXX …"
                                    电话核对指纹后登记对方机关为可信机关 / trust another office after comparing fingerprints
  export --data DIR --user NAME --to 机关ID或全称 (--ids ID,ID… | --all) --out FILE.xfb
         [--passphrase-file F] [--passphrase-only] [--include-identity --reason 事由]
                                    导出签名加密的交换包（默认以对方公钥加密，另可加口令）；输出 JSON
                                    export a signed, encrypted bundle; prints JSON {seq, cases, file}
  import --data DIR --user NAME --file FILE.xfb [--passphrase-file F] [--receipt-out FILE] [--preview]
                                    校验并导入交换包或回执，输出 JSON 摘要 {added, updated, unchanged, conflicts}；
                                    --receipt-out 写出给发送机关的回执；--preview 只校验并预览，不写入
  backup --data DIR --user NAME --out 目录或FILE.xfb --passphrase-file F
                                    完整备份（含检举控告人身份、附件、文号登记簿与交换密钥），口令加密
  restore --data DIR --user NAME --file FILE.xfb --passphrase-file F
                                    恢复到空白数据目录；目录中尚无用户时以 --user 和密码创建管理员
  交换口令 / passphrase: --passphrase-file FILE 或环境变量 XINFANG_PASSPHRASE
`;

type Options = Record<string, string | true>;
export interface CliKit {
  parseOptions(args: string[], spec: Record<string, 'value' | 'flag'>): Options;
  withBackend<T>(options: Options, run: (backend: Backend) => Promise<T>): Promise<T>;
  password(options: Options): Promise<string>;
  usage(message: string): Error;
  input(message: string): Error;
}
type Command = (args: string[], io: { out(t: string): void; err(t: string): void }) => Promise<number>;

const AUTH = { data: 'value', user: 'value', 'password-file': 'value' } as const;

export function exchangeCommands(kit: CliKit): Record<string, Command> {
  const need = (options: Options, name: string, what: string): string => {
    const value = options[name];
    if (typeof value !== 'string') throw kit.usage(`${what}需要 --${name} / --${name} is required`);
    return value;
  };
  const readFile = (file: string) =>
    fsp.readFile(file).catch(() => {
      throw kit.input(`无法读取文件 / cannot read ${file}`);
    });
  const passphrase = async (options: Options, required: boolean): Promise<string | undefined> => {
    if (typeof options['passphrase-file'] === 'string') return (await readFile(options['passphrase-file'])).toString('utf8').replace(/\r?\n$/, '');
    if (process.env.XINFANG_PASSPHRASE) return process.env.XINFANG_PASSPHRASE;
    if (required) throw kit.usage('需要交换口令：--passphrase-file FILE 或环境变量 XINFANG_PASSPHRASE / a passphrase is needed');
    return undefined;
  };
  const dispatch = async <T>(backend: Backend, method: string, input: unknown): Promise<T> => {
    const result = await backend.dispatch(method, input);
    if (!result.ok) throw kit.input(`${result.error.message} (${result.error.code})`);
    return result.value as T;
  };
  /** Large bundles go straight to the service (no base64 size limit of the HTTP host), after the same permission check. */
  const direct = async <T>(run: () => Promise<T>): Promise<T> =>
    run().catch((err: unknown) => {
      throw kit.input(`${(err as Error).message}${(err as { code?: string }).code ? ` (${(err as { code?: string }).code})` : ''}`);
    });

  return {
    async key(args, io) {
      const [sub, ...rest] = args;
      if (sub === 'export') {
        const options = kit.parseOptions(rest, { ...AUTH, out: 'value' });
        const out = need(options, 'out', 'key export ');
        const file = await kit.withBackend(options, (b) => dispatch<MethodOutput<'exchange.keyFile'>>(b, 'exchange.keyFile', {}));
        await fsp.writeFile(out, file.text);
        io.out(`${file.fingerprint}\t${out}\n`);
        return 0;
      }
      if (sub === 'trust') {
        const options = kit.parseOptions(rest, { ...AUTH, file: 'value', fingerprint: 'value' });
        const text = (await readFile(need(options, 'file', 'key trust '))).toString('utf8');
        const trusted = await kit.withBackend(options, (b) => dispatch<MethodOutput<'exchange.trust'>>(b, 'exchange.trust', { text, fingerprint: need(options, 'fingerprint', 'key trust ') }));
        io.out(`已登记可信机关 / trusted: ${trusted.name}\t${trusted.officeId}\t${trusted.fingerprint}\n`);
        return 0;
      }
      throw kit.usage(`key 需要子命令 export 或 trust / key needs export or trust${sub ? `: ${sub}` : ''}`);
    },

    async export(args, io) {
      const options = kit.parseOptions(args, { ...AUTH, to: 'value', ids: 'value', all: 'flag', out: 'value', 'passphrase-file': 'value', 'passphrase-only': 'flag', 'include-identity': 'flag', reason: 'value' });
      const to = need(options, 'to', 'export ');
      const out = need(options, 'out', 'export ');
      if (!options.all && typeof options.ids !== 'string') throw kit.usage('export 需要 --ids ID,ID… 或 --all / export needs --ids or --all');
      const secret = await passphrase(options, options['passphrase-only'] === true);
      const result = await kit.withBackend(options, async (b) => {
        b.context.session.authorise('export');
        const status = await dispatch<MethodOutput<'exchange.status'>>(b, 'exchange.status', {});
        const recipient = status.trusted.find((t) => t.officeId === to || t.name === to);
        if (!recipient) throw kit.input(`“${to}”不是已登记的可信机关 / not a trusted office（${status.trusted.map((t) => `${t.name} ${t.officeId}`).join('；') || '尚无'}）`);
        return direct(() =>
          exportCases(b.context, {
            caseIds: typeof options.ids === 'string' ? options.ids.split(',').map((s) => s.trim()).filter(Boolean) : [],
            all: options.all === true,
            recipientId: recipient.officeId,
            passphrase: secret,
            encryptToRecipient: options['passphrase-only'] !== true,
            includeIdentity: options['include-identity'] === true,
            identityReason: typeof options.reason === 'string' ? options.reason : undefined,
          }),
        );
      });
      await fsp.writeFile(out, Buffer.from(result.base64, 'base64'));
      io.out(`${JSON.stringify({ seq: result.seq, cases: result.caseCount, file: out })}\n`);
      return 0;
    },

    async import(args, io) {
      const options = kit.parseOptions(args, { ...AUTH, file: 'value', 'passphrase-file': 'value', 'receipt-out': 'value', preview: 'flag' });
      const bytes = await readFile(need(options, 'file', 'import '));
      const secret = await passphrase(options, false);
      const summary = await kit.withBackend(options, async (b) => {
        b.context.session.authorise('case.write');
        if (options.preview) {
          const p = await direct(() => previewImport(b.context, bytes, secret));
          return { kind: p.kind, sender: p.sender.name, seq: p.seq, preview: true, added: p.counts.new, updated: p.counts.updated, unchanged: p.counts.unchanged, conflicts: p.counts.conflict, cases: p.rows };
        }
        const r = await direct(() => importBundle(b.context, bytes, secret));
        let receipt: string | null = null;
        if (r.receipt && typeof options['receipt-out'] === 'string') {
          receipt = (await fsp.stat(options['receipt-out']).catch(() => null))?.isDirectory() ? path.join(options['receipt-out'], r.receipt.fileName) : options['receipt-out'];
          await fsp.writeFile(receipt, Buffer.from(r.receipt.base64, 'base64'));
        }
        return { kind: r.kind, sender: r.sender.name, seq: r.seq, added: r.counts.new, updated: r.counts.updated, unchanged: r.counts.unchanged, conflicts: r.counts.conflict, receipt };
      });
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    },

    async backup(args, io) {
      const options = kit.parseOptions(args, { ...AUTH, out: 'value', 'passphrase-file': 'value' });
      const out = need(options, 'out', 'backup ');
      const secret = (await passphrase(options, true))!;
      const file = await kit.withBackend(options, async (b) => {
        b.context.session.authorise('settings.write');
        return direct(() => createBackup(b.context, secret));
      });
      const target = (await fsp.stat(out).catch(() => null))?.isDirectory() ? path.join(out, file.fileName) : out;
      await fsp.writeFile(target, Buffer.from(file.base64, 'base64'));
      io.out(`${JSON.stringify({ cases: file.caseCount, file: target })}\n`);
      return 0;
    },

    async restore(args, io) {
      const options = kit.parseOptions(args, { ...AUTH, file: 'value', 'passphrase-file': 'value' });
      const bytes = await readFile(need(options, 'file', 'restore '));
      const secret = (await passphrase(options, true))!;
      await createAdminIfEmpty(options, kit);
      const restored = await kit.withBackend(options, async (b) => {
        b.context.session.authorise('settings.write');
        return direct(() => restoreBackup(b.context, bytes, secret));
      });
      io.out(`${JSON.stringify(restored)}\n`);
      return 0;
    },
  };
}

/** Restoring onto a new machine: a data directory without users gets its administrator from --user and the password. */
async function createAdminIfEmpty(options: Options, kit: CliKit): Promise<void> {
  const dataDir = resolveDataDir(typeof options.data === 'string' ? ['--data', options.data] : []);
  const user = options.user;
  if (typeof user !== 'string') throw kit.usage('需要 --user NAME / --user NAME is required');
  const backend = await openBackend({ dataDir, host: 'cli', version: process.env.XINFANG_VERSION ?? '0.1.0', log: fileLogger(dataDir) });
  try {
    if (backend.context.keyring.hasUsers) return;
    const result = await backend.dispatch('auth.setupAdmin', { name: user, displayName: user, password: await kit.password(options), createRecoveryKey: false });
    if (!result.ok) throw kit.input(`${result.error.message} (${result.error.code})`);
  } finally {
    await backend.close();
  }
}
