// The dispatcher behind the `mbbpe` binary: picks the command, runs it, and maps errors to exit codes
// (0 ok, 1 failure, 2 bad arguments). Each command lives in its own file and is loaded lazily,
// so `mbbpe encode` never pays for loading the analyser or the trainer.

import pkg from '../../package.json';
import { MbbpeError } from '../errors.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { readHint } from './errors.js';

type Loader = () => Promise<Command>;

// One line per command; keep the list sorted by how often it is used.
export const commands: Record<string, Loader> = {
  // COMMANDS-BEGIN (each helper adds `name: () => import('./name.js').then((m) => m.command),` lines here)
  segment: () => import('./segment.js').then((m) => m.command),
  clean: () => import('./clean.js').then((m) => m.command),
  export: () => import('./export.js').then((m) => m.command),
  train: () => import('./train.js').then((m) => m.command),
  encode: () => import('./encode.js').then((m) => m.command),
  decode: () => import('./decode.js').then((m) => m.command),
  count: () => import('./count.js').then((m) => m.command),
  inspect: () => import('./inspect.js').then((m) => m.command),
  eval: () => import('./eval.js').then((m) => m.command),
  playground: () => import('./playground.js').then((m) => m.command),
  dict: () => import('./dict.js').then((m) => m.command),
  // COMMANDS-END
};

function topUsage(): string {
  return [
    'usage: mbbpe <command> [options]',
    '',
    `commands: ${Object.keys(commands).join(', ')}`,
    "run 'mbbpe <command> --help' for a command's options",
  ].join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(topUsage() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`mbbpe: unknown command '${name}'\n\n${topUsage()}\n`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write((command.helpFor ? await command.helpFor(rest) : command.usage) + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      // `count --words` and the like have their own usage: show the one the arguments asked for.
      const usage = command.helpFor ? await command.helpFor(rest) : command.usage;
      io.stderr.write(`mbbpe ${name}: ${err.message}\n\n${usage}\n`);
      return 2;
    }
    if (err instanceof MbbpeError) {
      io.stderr.write(`mbbpe ${name}: ${oneLine(err.message)}\n`);
      return 1;
    }
    // A broken pipe (`mbbpe encode … | head`) is a normal way for output to end.
    if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
    // A file error no command turned into a typed one is still the user's file, not our bug.
    const fsErr = err as NodeJS.ErrnoException;
    if (typeof fsErr?.code === 'string' && typeof fsErr.path === 'string') {
      const { reason, hint } = readHint(fsErr.code);
      io.stderr.write(`mbbpe ${name}: ${fsErr.path}: ${reason} (${hint})\n`);
      return 1;
    }
    throw err;
  }
}

/** Errors are one line on stderr, whatever their message holds. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}
