// `npm run dev`: the local library server and WXT dev mode (Chromium with the extension loaded,
// already pointed at the local library, which is the development default).
import { spawn } from 'node:child_process';

if (process.platform === 'linux' && !process.env.DISPLAY) {
  console.log('Tidak ada layar (DISPLAY kosong): browser tidak dibuka. Muat .output/chrome-mv3-dev secara manual, atau jalankan `xvfb-run -a npm run dev`.');
}

// Each child gets its own process group so stopping dev also stops the processes npx starts.
const start = (args, env = process.env) => spawn('npx', args, { stdio: 'inherit', env, detached: true });
const children = [start(['tsx', 'library/cli.ts']), start(['wxt'], { ...process.env, HK_DEFAULT_LIBRARY_URL: 'http://127.0.0.1:8787' })];

let stopping = false;
const stop = (code = 0) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  process.exit(code);
};
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
