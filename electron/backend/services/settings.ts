import { AppError } from '../../../shared/errors.js';
import type { BackendContext } from '../context.js';
import type { Handlers } from '../dispatch.js';

export function settingsHandlers(ctx: BackendContext): Pick<Handlers, 'app.info' | 'settings.get' | 'settings.setupOffice' | 'settings.updateOffice'> {
  return {
    async 'app.info'() {
      return {
        productName: '信访举报工作台',
        version: ctx.version,
        host: ctx.host === 'electron' ? 'electron' : 'web',
        dataDir: ctx.dataDir,
        setUp: ctx.store.settings().office !== null,
        recoveries: ctx.store.recoveries,
      };
    },
    async 'settings.get'() {
      return ctx.store.settings();
    },
    async 'settings.setupOffice'(office) {
      if (ctx.store.settings().office) throw new AppError('ALREADY_SET_UP', '本机已完成初始设置；如需修改，请到“设置”中更改。');
      const settings = await ctx.store.updateSettings((s) => ({ ...s, office }));
      ctx.log.info('office set up', { shortName: office.shortName });
      ctx.emit('settings.changed', settings);
      return settings;
    },
    async 'settings.updateOffice'(office) {
      if (!ctx.store.settings().office) throw new AppError('NOT_SET_UP', '尚未完成初始设置。');
      const settings = await ctx.store.updateSettings((s) => ({ ...s, office }));
      ctx.emit('settings.changed', settings);
      return settings;
    },
  };
}
