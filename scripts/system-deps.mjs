// Debian packages the tests need (browser, Chinese fonts, document rendering). Installed when root on Debian;
// otherwise the exact command to run is printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-cjk', 'fonts-arphic-ukai', 'libreoffice-writer-nogui', 'poppler-utils', 'fontconfig'];

function missingPackages() {
  return DEBIAN_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

export function ensureSystemPackages() {
  if (!existsSync('/usr/bin/dpkg-query')) {
    if (existsSync(process.env.XINFANG_CHROMIUM ?? '/usr/bin/chromium')) return;
    throw new Error('测试需要 Chromium：请安装后设置 XINFANG_CHROMIUM 指向其可执行文件 / the tests need Chromium: set XINFANG_CHROMIUM');
  }
  const missing = missingPackages();
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`测试需要以下系统软件包，请以 root 运行 / the tests need these Debian packages; run as root:\n  sudo sh -c '${command}'`);
  }
  console.log(`安装测试所需的系统软件包 / installing: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env });
}
