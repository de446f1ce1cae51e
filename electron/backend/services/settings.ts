import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';

export function settingsHandlers(ctx: BackendContext): Pick<Handlers, 'app.info' | 'settings.get' | 'settings.setupOffice' | 'settings.updateOffice'> {
  return {
    async 'app.info'() {
      // The store is open only while someone is logged in; before that, the login screen needs no more than this.
      const store = ctx.session.user ? ctx.store : null;
      return {
        productName: '信访举报工作台',
        version: ctx.version,
        host: ctx.host === 'electron' ? 'electron' : 'web',
        dataDir: ctx.dataDir,
        setUp: store ? store.settings().office !== null : false,
        recoveries: store?.recoveries ?? [],
      };
    },
    async 'settings.get'() {
      return ctx.store.settings();
    },
    async 'settings.setupOffice'(office) {
      if (ctx.store.settings().office) throw new AppError('ALREADY_SET_UP', '本机已完成初始设置；如需修改，请到“设置”中更改。');
      const settings = await ctx.store.updateSettings((s) => ({ ...s, office }));
      await ctx.audit('settings.change', '本机关信息', 'success', `初始设置：${office.shortName}`);
      ctx.emit('settings.changed', settings);
      return settings;
    },
    async 'settings.updateOffice'(office) {
      const before = ctx.store.settings().office;
      if (!before) throw new AppError('NOT_SET_UP', '尚未完成初始设置。');
      const settings = await ctx.store.updateSettings((s) => ({ ...s, office }));
      const changed = (Object.keys(office) as (keyof typeof office)[]).filter((k) => JSON.stringify(office[k]) !== JSON.stringify(before[k]));
      await ctx.audit('settings.change', '本机关信息', 'success', `修改：${changed.join('、') || '无'}`);
      ctx.emit('settings.changed', settings);
      return settings;
    },
  };
}
