// Builds the console's pages into the bundle: src/main.js and its modules bundled and minified by esbuild into
// app.js; index.html, app.css and favicon.svg copied beside it. ConsolePages serves that folder from the classpath.
//
// Output folder: TILLPAY_WEB_OUT (Maven passes ${project.build.outputDirectory}/console/web), else the first
// argument, else the bundle's target/classes/console/web.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.env.TILLPAY_WEB_OUT || process.argv[2] || join(here, '../../../target/classes/console/web'));

await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src/main.js')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css', 'favicon.svg']) {
  await copyFile(join(here, 'src', file), join(out, file));
}
console.log(`console pages built into ${out}`);
