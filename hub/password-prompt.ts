// The password for `npm run hub -- user add`: typed at a terminal with echo off (nothing shown, so
// nobody behind the administrator reads it), or the first line of piped stdin for scripts. There is
// deliberately no command-line option: argv is visible to every local user in `ps` and lands in
// shell history. HK_HUB_PASSWORD (cli.ts) remains for automation.
import { createInterface } from 'node:readline';

export interface PasswordInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(on: boolean): unknown;
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = ['\u007f', '\b'];

export function readPassword(input: PasswordInput, output: NodeJS.WritableStream, prompt: string): Promise<string> {
  if (!input.isTTY || !input.setRawMode) return firstLine(input);
  output.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode!(false);
      input.pause();
      // Only the line break: the characters typed are never written back.
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string | Buffer) => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n' || char === CTRL_D) return finish();
        if (char === CTRL_C) return finish(new Error('dibatalkan / cancelled'));
        if (BACKSPACE.includes(char)) typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}

function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input, terminal: false });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      resolve(line);
      lines.close();
    });
    lines.once('close', () => answered || resolve(''));
  });
}
