/**
 * Tokenizer for capture-filter expressions, following libpcap's scanner: longest match wins,
 * and on equal length the earlier rule wins (keywords, then operators, then addresses, numbers,
 * named constants, identifiers). Keywords are case-sensitive, as in libpcap.
 */

export interface Token {
  /** Token kind: a keyword kind ('HOST', 'TCP', ...), 'NUM', 'ID', 'HID', 'HID6', 'EID', 'AID', an operator ('(' '>=' ...), 'EOF' or 'ERR'. */
  kind: string;
  text: string;
  /** Value of a NUM token (unsigned 32-bit). */
  num: number;
  from: number;
  to: number;
  /** For 'ERR' tokens (and bogus addresses): the libpcap error message, if libpcap sets one. */
  error?: string;
}

/** Keyword spellings and the grammar token each one produces. */
const KEYWORDS: Record<string, string> = {
  dst: 'DST',
  src: 'SRC',
  link: 'LINK',
  ether: 'LINK',
  ppp: 'LINK',
  slip: 'LINK',
  fddi: 'LINK',
  tr: 'LINK',
  wlan: 'LINK',
  arp: 'ARP',
  rarp: 'RARP',
  ip: 'IP',
  sctp: 'SCTP',
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMP',
  igmp: 'IGMP',
  igrp: 'IGRP',
  pim: 'PIM',
  vrrp: 'VRRP',
  carp: 'CARP',
  radio: 'RADIO',
  ip6: 'IPV6',
  icmp6: 'ICMPV6',
  ah: 'AH',
  esp: 'ESP',
  atalk: 'ATALK',
  aarp: 'AARP',
  decnet: 'DECNET',
  lat: 'LAT',
  sca: 'SCA',
  moprc: 'MOPRC',
  mopdl: 'MOPDL',
  iso: 'ISO',
  esis: 'ESIS',
  'es-is': 'ESIS',
  isis: 'ISIS',
  'is-is': 'ISIS',
  l1: 'L1',
  l2: 'L2',
  iih: 'IIH',
  lsp: 'LSP',
  snp: 'SNP',
  csnp: 'CSNP',
  psnp: 'PSNP',
  clnp: 'CLNP',
  stp: 'STP',
  ipx: 'IPX',
  netbeui: 'NETBEUI',
  host: 'HOST',
  net: 'NET',
  mask: 'NETMASK',
  port: 'PORT',
  portrange: 'PORTRANGE',
  proto: 'PROTO',
  protochain: 'PROTOCHAIN',
  gateway: 'GATEWAY',
  type: 'TYPE',
  subtype: 'SUBTYPE',
  direction: 'DIR',
  dir: 'DIR',
  address1: 'ADDR1',
  addr1: 'ADDR1',
  address2: 'ADDR2',
  addr2: 'ADDR2',
  address3: 'ADDR3',
  addr3: 'ADDR3',
  address4: 'ADDR4',
  addr4: 'ADDR4',
  ra: 'RA',
  ta: 'TA',
  less: 'LESS',
  greater: 'GREATER',
  byte: 'CBYTE',
  broadcast: 'TK_BROADCAST',
  multicast: 'TK_MULTICAST',
  and: 'AND',
  '&&': 'AND',
  or: 'OR',
  '||': 'OR',
  not: '!',
  len: 'LEN',
  length: 'LEN',
  inbound: 'INBOUND',
  outbound: 'OUTBOUND',
  ifindex: 'IFINDEX',
  vlan: 'VLAN',
  mpls: 'MPLS',
  pppoed: 'PPPOED',
  pppoes: 'PPPOES',
  geneve: 'GENEVE',
  lane: 'LANE',
  llc: 'LLC',
  metac: 'METAC',
  bcc: 'BCC',
  oam: 'OAM',
  oamf4: 'OAMF4',
  oamf4ec: 'OAMF4EC',
  oamf4sc: 'OAMF4SC',
  sc: 'SC',
  ilmic: 'ILMIC',
  vpi: 'VPI',
  vci: 'VCI',
  connectmsg: 'CONNECTMSG',
  metaconnect: 'METACONNECT',
  on: 'PF_IFNAME',
  ifname: 'PF_IFNAME',
  rset: 'PF_RSET',
  ruleset: 'PF_RSET',
  rnr: 'PF_RNR',
  rulenum: 'PF_RNR',
  srnr: 'PF_SRNR',
  subrulenum: 'PF_SRNR',
  reason: 'PF_REASON',
  action: 'PF_ACTION',
  fisu: 'FISU',
  lssu: 'LSSU',
  lsu: 'LSSU',
  msu: 'MSU',
  hfisu: 'HFISU',
  hlssu: 'HLSSU',
  hmsu: 'HMSU',
  sio: 'SIO',
  opc: 'OPC',
  dpc: 'DPC',
  sls: 'SLS',
  hsio: 'HSIO',
  hopc: 'HOPC',
  hdpc: 'HDPC',
  hsls: 'HSLS',
};

/** Named constants that the scanner turns straight into numbers. */
const NAMED_NUMBERS: Record<string, number> = {
  icmptype: 0,
  icmpcode: 1,
  'icmp-echoreply': 0,
  'icmp-unreach': 3,
  'icmp-sourcequench': 4,
  'icmp-redirect': 5,
  'icmp-echo': 8,
  'icmp-routeradvert': 9,
  'icmp-routersolicit': 10,
  'icmp-timxceed': 11,
  'icmp-paramprob': 12,
  'icmp-tstamp': 13,
  'icmp-tstampreply': 14,
  'icmp-ireq': 15,
  'icmp-ireqreply': 16,
  'icmp-maskreq': 17,
  'icmp-maskreply': 18,
  icmp6type: 0,
  icmp6code: 1,
  'icmp6-destinationunreach': 1,
  'icmp6-packettoobig': 2,
  'icmp6-timeexceeded': 3,
  'icmp6-parameterproblem': 4,
  'icmp6-echo': 128,
  'icmp6-echoreply': 129,
  'icmp6-multicastlistenerquery': 130,
  'icmp6-multicastlistenerreportv1': 131,
  'icmp6-multicastlistenerdone': 132,
  'icmp6-routersolicit': 133,
  'icmp6-routeradvert': 134,
  'icmp6-neighborsolicit': 135,
  'icmp6-neighboradvert': 136,
  'icmp6-redirect': 137,
  'icmp6-routerrenum': 138,
  'icmp6-nodeinformationquery': 139,
  'icmp6-nodeinformationresponse': 140,
  'icmp6-ineighbordiscoverysolicit': 141,
  'icmp6-ineighbordiscoveryadvert': 142,
  'icmp6-multicastlistenerreportv2': 143,
  'icmp6-homeagentdiscoveryrequest': 144,
  'icmp6-homeagentdiscoveryreply': 145,
  'icmp6-mobileprefixsolicit': 146,
  'icmp6-mobileprefixadvert': 147,
  'icmp6-certpathsolicit': 148,
  'icmp6-certpathadvert': 149,
  'icmp6-multicastrouteradvert': 151,
  'icmp6-multicastroutersolicit': 152,
  'icmp6-multicastrouterterm': 153,
  tcpflags: 13,
  'tcp-fin': 0x01,
  'tcp-syn': 0x02,
  'tcp-rst': 0x04,
  'tcp-push': 0x08,
  'tcp-ack': 0x10,
  'tcp-urg': 0x20,
  'tcp-ece': 0x40,
  'tcp-cwr': 0x80,
};

const TWO_CHAR_OPS: Record<string, string> = {
  '>=': 'GEQ',
  '<=': 'LEQ',
  '!=': 'NEQ',
  '==': '=',
  '<<': 'LSH',
  '>>': 'RSH',
};
const ONE_CHAR_OPS = '+-*/%:[]!<>()&|^=';

// Building blocks of the address patterns.
const N = '(?:0[Xx][0-9A-Fa-f]+|[0-9]+)';
const B = '[0-9A-Fa-f]{1,2}';
const B2 = '[0-9A-Fa-f]{4}';
const W = '[0-9A-Fa-f]{1,4}';
const IPV4 = `${N}\\.${N}\\.${N}\\.${N}`;

const sticky = (src: string): RegExp => new RegExp(src, 'y');

const RE_N = [sticky('0[Xx][0-9A-Fa-f]+'), sticky('[0-9]+')];
const RE_HID = [sticky(`${N}\\.${N}\\.${N}\\.${N}`), sticky(`${N}\\.${N}\\.${N}`), sticky(`${N}\\.${N}`)];
const RE_MAC = [
  `${B}:${B}:${B}:${B}:${B}:${B}`,
  `${B}-${B}-${B}-${B}-${B}-${B}`,
  `${B}\\.${B}\\.${B}\\.${B}\\.${B}\\.${B}`,
  `${B2}\\.${B2}\\.${B2}`,
  `${B2}${B2}${B2}`,
].map(sticky);
const RE_AID = [sticky(`\\$${B}`)];
const RE_BOGUS_ETHER = [sticky(`${B}:+(?:${B}:+)+`)];
const RE_ID = [sticky('[A-Za-z0-9](?:[-_.A-Za-z0-9]*[.A-Za-z0-9])?')];
const RE_BACKSLASH_ID = [sticky('\\\\[^ !()\\n\\t]+')];

/** Every IPv6 spelling the scanner accepts: n groups with an optional "::" and an optional trailing IPv4. */
function ipv6Patterns(): RegExp[] {
  const out: string[] = [];
  const groups = (n: number): string[] => Array.from({ length: n }, () => W);
  out.push(groups(8).join(':'));
  for (let n = 0; n <= 7; n++) {
    for (let i = 0; i <= n; i++) out.push(`${groups(i).join(':')}::${groups(n - i).join(':')}`);
  }
  out.push(`${groups(6).join(':')}:${IPV4}`);
  for (let n = 0; n <= 5; n++) {
    for (let i = 0; i <= n; i++) {
      const right = groups(n - i).map((g) => `${g}:`);
      out.push(`${groups(i).join(':')}::${right.join('')}${IPV4}`);
    }
  }
  return out.map(sticky);
}
const RE_V6 = ipv6Patterns();

/** Whether a ':' occurs in the run of characters an IPv6 pattern could match from pos. */
function mayBeIpv6(input: string, pos: number): boolean {
  for (let i = pos; i < input.length; i++) {
    const c = input[i];
    if (c === ':') return true;
    if (!/[0-9A-Fa-fXx.]/.test(c)) return false;
  }
  return false;
}

function longest(res: RegExp[], input: string, pos: number): number {
  let best = 0;
  for (const re of res) {
    re.lastIndex = pos;
    const m = re.exec(input);
    if (m && m[0].length > best) best = m[0].length;
  }
  return best;
}

/** Longest keyword, named constant or `&&`/`||` spelled at pos. */
function longestLiteral(table: Record<string, unknown>, input: string, pos: number): string {
  let best = '';
  for (const word of Object.keys(table)) {
    if (word.length > best.length && input.startsWith(word, pos)) best = word;
  }
  return best;
}

/** libpcap's string-to-unsigned conversion: 0x hex, leading-0 octal, else decimal, all checked for 32-bit overflow. */
function parseNumber(text: string): { value: number } | { error: string } {
  let n = 0;
  if (text[0] === '0' && (text[1] === 'x' || text[1] === 'X')) {
    for (const c of text.slice(2)) {
      if (n > 0xfffffff) return { error: `number ${text} overflows 32 bits` };
      n = n * 16 + parseInt(c, 16);
    }
  } else if (text[0] === '0') {
    for (const c of text.slice(1)) {
      if (c > '7') return { error: `number ${text} contains non-octal digit` };
      if (n > 0o3777777777) return { error: `number ${text} overflows 32 bits` };
      n = n * 8 + (c.charCodeAt(0) - 48);
    }
  } else {
    const cutoff = Math.floor(0xffffffff / 10);
    for (const c of text) {
      const d = c.charCodeAt(0) - 48;
      if (n > cutoff || (n === cutoff && d > 0xffffffff % 10))
        return { error: `number ${text} overflows 32 bits` };
      n = n * 10 + d;
    }
  }
  return { value: n };
}

/** True when text is an IPv6 address getaddrinfo would accept (the scanner pattern already fixed its shape). */
export function parseIpv6(text: string): Uint8Array | null {
  const out = new Uint8Array(16);
  let head = text;
  let v4: number[] | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) >= 0) {
    const parts = text.slice(lastColon + 1).split('.');
    if (parts.length !== 4) return null;
    v4 = [];
    for (const p of parts) {
      if (!/^[0-9]{1,3}$/.test(p) || Number(p) > 255) return null;
      v4.push(Number(p));
    }
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const words = v4 ? 6 : 8;
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string): number[] | null => {
    if (s === '') return [];
    const g = s.split(':');
    if (g.some((x) => !/^[0-9A-Fa-f]{1,4}$/.test(x))) return null;
    return g.map((x) => parseInt(x, 16));
  };
  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  if (!left || !right) return null;
  if (halves.length === 1 ? left.length !== words : left.length + right.length > words - 1) return null;
  const all = [...left, ...new Array<number>(words - left.length - right.length).fill(0), ...right];
  all.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  if (v4) out.set(v4, 12);
  return out;
}

interface Candidate {
  len: number;
  make: () => Token;
}

/** Splits an expression into tokens; the last token is always 'EOF' (or an 'ERR' the parser will report). */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const tok = (kind: string, len: number, extra?: Partial<Token>): Token => ({
    kind,
    text: input.slice(pos, pos + len),
    num: 0,
    from: pos,
    to: pos + len,
    ...extra,
  });
  while (pos < input.length) {
    const c = input[pos];
    if (c === ' ' || c === '\r' || c === '\n' || c === '\t') {
      pos++;
      continue;
    }
    // Candidates in libpcap's rule order; the first of the longest wins.
    const cands: Candidate[] = [];
    const kw = longestLiteral(KEYWORDS, input, pos);
    if (kw) cands.push({ len: kw.length, make: () => tok(KEYWORDS[kw], kw.length) });
    const two = input.slice(pos, pos + 2);
    if (ONE_CHAR_OPS.includes(c)) cands.push({ len: 1, make: () => tok(c, 1) });
    if (TWO_CHAR_OPS[two]) cands.push({ len: 2, make: () => tok(TWO_CHAR_OPS[two], 2) });
    const aid = longest(RE_AID, input, pos);
    if (aid) cands.push({ len: aid, make: () => tok('AID', aid) });
    const mac = longest(RE_MAC, input, pos);
    if (mac) cands.push({ len: mac, make: () => tok('EID', mac) });
    const num = longest(RE_N, input, pos);
    if (num) {
      cands.push({
        len: num,
        make: () => {
          const r = parseNumber(input.slice(pos, pos + num));
          return 'error' in r ? tok('ERR', num, { error: r.error }) : tok('NUM', num, { num: r.value });
        },
      });
    }
    const hid = longest(RE_HID, input, pos);
    if (hid) cands.push({ len: hid, make: () => tok('HID', hid) });
    // Every IPv6 spelling holds a ':' among its hex digits, dots and "0x" (IPv4 tail): without
    // one the ~60 patterns cannot match, and skipping them spares compiling them.
    const v6 = mayBeIpv6(input, pos) ? longest(RE_V6, input, pos) : 0;
    if (v6) {
      cands.push({
        len: v6,
        make: () => {
          const text = input.slice(pos, pos + v6);
          return parseIpv6(text) ? tok('HID6', v6) : tok('HID6', v6, { error: `bogus IPv6 address ${text}` });
        },
      });
    }
    const bogus = longest(RE_BOGUS_ETHER, input, pos);
    if (bogus) {
      const text = input.slice(pos, pos + bogus);
      cands.push({ len: bogus, make: () => tok('EID', bogus, { error: `bogus ethernet address ${text}` }) });
    }
    const named = longestLiteral(NAMED_NUMBERS, input, pos);
    if (named)
      cands.push({ len: named.length, make: () => tok('NUM', named.length, { num: NAMED_NUMBERS[named] }) });
    const id = longest(RE_ID, input, pos);
    if (id) cands.push({ len: id, make: () => tok('ID', id) });
    const bid = longest(RE_BACKSLASH_ID, input, pos);
    if (bid)
      cands.push({ len: bid, make: () => ({ ...tok('ID', bid), text: input.slice(pos + 1, pos + bid) }) });
    let best: Candidate | null = null;
    for (const cand of cands) if (!best || cand.len > best.len) best = cand;
    if (!best) {
      tokens.push(tok('ERR', 1));
      return tokens;
    }
    const t = best.make();
    tokens.push(t);
    if (t.kind === 'ERR') return tokens;
    pos += best.len;
  }
  tokens.push({ kind: 'EOF', text: '', num: 0, from: input.length, to: input.length });
  return tokens;
}
