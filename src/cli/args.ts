import { DEFAULT_FIELDS_OPTIONS, type FieldsOptions } from '../core/output/fields-writer';

/** The tshark-compatible options Wirelight's CLI understands. */
export interface CliOptions {
  readFile: string | null;
  count: number;
  outputType: 'text' | 'fields';
  fields: FieldsOptions;
  displayFilter: string | null;
  bpfFilter: string | null;
  quiet: boolean;
  stats: string[];
  prefs: Map<string, string>;
  twoPass: boolean;
  help: boolean;
  version: boolean;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string };

function unescapeSeparator(v: string): string {
  if (v === '/t') return '\t';
  if (v === '/s') return ' ';
  return v.length > 0 ? v[0] : '\t';
}

/** Parses argv (without node and script) the way tshark's getopt does for the flags we support. */
export function parseArgs(argv: string[]): ParsedArgs {
  const o: CliOptions = {
    readFile: null,
    count: 0,
    outputType: 'text',
    fields: { ...DEFAULT_FIELDS_OPTIONS, fields: [], occurrence: 'a' },
    displayFilter: null,
    bpfFilter: null,
    quiet: false,
    stats: [],
    prefs: new Map(),
    twoPass: false,
    help: false,
    version: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    // tshark accepts "-rFILE" as well as "-r FILE".
    const flag = a.startsWith('-') && !a.startsWith('--') && a.length > 2 ? a.slice(0, 2) : a;
    const attached = flag !== a ? a.slice(2) : null;
    const value = (): string | null => {
      if (attached !== null) return attached;
      if (i + 1 < argv.length) return argv[++i];
      return null;
    };
    const need = (name: string): string => {
      const v = value();
      if (v === null) throw new Error(`option requires an argument -- '${name}'`);
      return v;
    };
    try {
      switch (flag) {
        case '-r':
          o.readFile = need('r');
          break;
        case '-n':
        case '-l':
        case '-S':
          break;
        case '-2':
          o.twoPass = true;
          break;
        case '-c': {
          const v = need('c');
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0)
            return { ok: false, message: `The specified packet count "${v}" isn't a valid number` };
          o.count = n;
          break;
        }
        case '-T': {
          const v = need('T');
          if (v === 'fields') o.outputType = 'fields';
          else if (v === 'text') o.outputType = 'text';
          else return { ok: false, message: `Invalid -T parameter "${v}"; it must be one of: fields, text` };
          break;
        }
        case '-e':
          o.fields.fields.push(need('e'));
          break;
        case '-E': {
          const v = need('E');
          const eq = v.indexOf('=');
          const key = eq < 0 ? v : v.slice(0, eq);
          const val = eq < 0 ? '' : v.slice(eq + 1);
          if (key === 'header') o.fields.header = val === 'y';
          else if (key === 'separator') o.fields.separator = unescapeSeparator(val);
          else if (key === 'occurrence') {
            if (val !== 'f' && val !== 'l' && val !== 'a')
              return { ok: false, message: `Invalid -E parameter "${v}"` };
            o.fields.occurrence = val;
          } else if (key === 'aggregator') o.fields.aggregator = unescapeSeparator(val);
          else if (key === 'quote') {
            o.fields.quote = val === 'd' ? 'd' : val === 's' ? 's' : 'n';
          } else if (key === 'bom' || key === 'escape') {
            // accepted for compatibility; output is always plain UTF-8
          } else return { ok: false, message: `Invalid -E parameter "${v}"` };
          break;
        }
        case '-Y':
        case '-R':
          o.displayFilter = need('Y');
          break;
        case '-f':
          o.bpfFilter = need('f');
          break;
        case '-q':
          o.quiet = true;
          break;
        case '-z':
          o.stats.push(need('z'));
          break;
        case '-o': {
          const v = need('o');
          const c = v.indexOf(':');
          if (c < 0) return { ok: false, message: `Invalid -o flag "${v}"` };
          o.prefs.set(v.slice(0, c), v.slice(c + 1));
          break;
        }
        case '-h':
        case '--help':
          o.help = true;
          break;
        case '-v':
        case '--version':
          o.version = true;
          break;
        default:
          return { ok: false, message: `invalid option -- '${a.replace(/^-+/, '')}'` };
      }
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }
  return { ok: true, options: o };
}

export const USAGE = `Wirelight (tshark-compatible command line)
Usage: wirelight [options] -r <infile>

  -r <infile>              read packets from a pcap, pcapng or gzip-compressed capture file
  -n                       accepted for compatibility (names are never resolved)
  -c <count>               stop after <count> packets
  -2                       accepted for compatibility (analysis is single-pass, like tshark without -2)
  -Y <display filter>      print only packets matching a Wireshark display filter
  -f <BPF filter>          print only packets matching a tcpdump/libpcap (BPF) filter. Unlike tshark,
                           which takes capture filters only when capturing live, Wirelight applies
                           them to the frames of the file (frame numbers are kept)
  -T fields|text           output format (default: text, one summary line per packet)
  -e <field>               field to print with -T fields (repeatable); _ws.col.<Column> for columns
  -E <fieldsoption>=<value> header=y|n, separator=/t|/s|<char>, occurrence=f|l|a,
                           aggregator=,|/s|<char>, quote=d|s|n
  -q                       no per-packet output (with -z)
  -z <statistics>          follow,tcp|udp,raw|ascii|hex,<stream>  conv,eth|ip|ipv6|tcp|udp
                           endpoints,ip|tcp|udp  io,stat,<interval>[,<filter>...]  expert  io,phs
  -o <name>:<value>        preference (accepted: tls.keylog_file, tcp.*; others are ignored)
  -h, --help               this help
  -v, --version            version
`;
