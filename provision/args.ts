// A strict command-line flag parser: every flag a subcommand accepts is declared, so an unknown or
// misspelt flag is an error instead of silently producing an event with default settings.
import type { Result } from '../firmware/result.js';
import { err, ok } from '../firmware/result.js';

export interface FlagSpec {
  /** Takes a value (`--name VALUE` or `--name=VALUE`) or is a switch. */
  value: boolean;
  /** May be given more than once (values are collected). */
  repeat?: boolean;
}

export interface ParsedArgs {
  flags: Map<string, string[]>;
  switches: Set<string>;
  positional: string[];
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>, maxPositional = 0): Result<ParsedArgs, string> {
  const flags = new Map<string, string[]>();
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    const def = spec[name];
    if (def === undefined || !arg.startsWith('--')) return err(`unknown option ${arg.slice(0, eq >= 0 ? eq : undefined)}`);
    if (!def.value) {
      if (eq >= 0) return err(`--${name} is a switch and takes no value`);
      switches.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) return err(`--${name} needs a value`);
      i++;
    }
    const list = flags.get(name) ?? [];
    if (list.length > 0 && !def.repeat) return err(`--${name} is given twice`);
    list.push(value);
    flags.set(name, list);
  }
  if (positional.length > maxPositional) return err(`unexpected argument ${positional[maxPositional] as string}`);
  return ok({ flags, switches, positional });
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.[0];
}
