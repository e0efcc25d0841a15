// npm run serve:host [-- --port N] [--dir .held/dist]: serves a built site (default dist/) on
// 127.0.0.1:N under Cloudflare Pages' local runtime (wrangler pages dev, workerd), offline,
// with dist/_headers applied as the host applies it. The held build of `npm run update`:
// npm run serve:host -- --dir .held/dist --port 8790. See src/publish/site/host.ts.
import { parseArgs } from 'node:util';
import { startHost } from '../src/publish/site/host.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8788' },
    dir: { type: 'string', default: 'dist' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'npm run serve:host -- [--port N] [--dir FOLDER]\n' +
      '  Serves FOLDER (default dist/) on 127.0.0.1:N (default 8788) under Cloudflare Pages’ local runtime.\n' +
      '  BASE_PATH: the base path the site was built with (default /).',
  );
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected a port number from 0 to 65535, got "${values.port}".`);
  process.exit(2);
}
try {
  const host = await startHost(values.dir, { port, basePath: process.env.BASE_PATH, echo: true });
  console.log(`\nServing ${values.dir} under Cloudflare Pages' local runtime: ${host.url}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
