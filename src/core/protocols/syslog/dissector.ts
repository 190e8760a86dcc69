import type { PacketInfo } from '../../dissect/packet-info';
import { dissectorTable, type TreeParent } from '../../dissect/tables';
import type { ProtoNode } from '../../dissect/tree';
import type { Tvb } from '../../dissect/tvb';
import { hfSyslog, protoSyslog } from './fields';

const SHORT_FACILITY = [
  'KERN',
  'USER',
  'MAIL',
  'DAEMON',
  'AUTH',
  'SYSLOG',
  'LPR',
  'NEWS',
  'UUCP',
  'CRON',
  'AUTHPRIV',
  'FTP',
  'NTP',
  'AUDIT',
  'ALERT',
  'CRON2',
  'LOCAL0',
  'LOCAL1',
  'LOCAL2',
  'LOCAL3',
  'LOCAL4',
  'LOCAL5',
  'LOCAL6',
  'LOCAL7',
];
const SHORT_LEVEL = ['EMERG', 'ALERT', 'CRIT', 'ERR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

/** Wireshark's tvb_format_text: printable ASCII kept, the rest as C escapes. */
function formatText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) out += s[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else out += `\\${c.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** "2026-11-23T04:48:16.339521+00:00" → epoch seconds/nanoseconds, or null. */
function parseRfc3339(s: string): { sec: number; nsec: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return null;
  let sec = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
  if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    sec -= sign * (Number(m[8].slice(1, 3)) * 3600 + Number(m[8].slice(4, 6)) * 60);
  }
  const nsec = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  return { sec, nsec };
}

/** RFC 5424 header fields after PRI, as tshark 4.0 splits them (the message id keeps the rest). */
function addRfc5424(t: ProtoNode, tvb: Tvb, off: number, text: string): void {
  const parts = /^(\d{1,2}) (\S+) (\S+) (\S+) (\S+) /.exec(text);
  if (!parts) return;
  let pos = off;
  const field = (
    def: Parameters<ProtoNode['add']>[0],
    s: string,
    value: Parameters<ProtoNode['add']>[4],
  ): void => {
    t.add(def, tvb, pos, s.length, value);
    pos += s.length + 1;
  };
  field(hfSyslog.version, parts[1], parts[1]);
  const ts = parseRfc3339(parts[2]);
  if (ts) field(hfSyslog.timestamp, parts[2], ts);
  else pos += parts[2].length + 1;
  field(hfSyslog.hostname, parts[3], parts[3]);
  field(hfSyslog.appname, parts[4], parts[4]);
  field(hfSyslog.procid, parts[5], parts[5]);
  const rest = text.slice(parts[0].length);
  t.add(hfSyslog.msgid, tvb, pos, rest.length, rest);
}

/** Syslog over UDP (RFC 3164 / RFC 5424 with the PRI part). */
export function dissectSyslog(tvb: Tvb, pinfo: PacketInfo, tree: TreeParent): number {
  pinfo.currentProto = 'Syslog';
  pinfo.addLayer('syslog');
  const len = tvb.length;
  let off = 0;
  let pri = -1;
  if (len > 2 && tvb.u8(0) === 0x3c) {
    let i = 1;
    let v = 0;
    while (i < len && i <= 4 && tvb.u8(i) >= 0x30 && tvb.u8(i) <= 0x39) v = v * 10 + (tvb.u8(i++) - 0x30);
    if (i > 1 && i < len && tvb.u8(i) === 0x3e) {
      pri = v;
      off = i + 1;
    }
  }
  const text = tvb.latin1(off, len - off);
  const shown = formatText(text);
  if (pinfo.cols) {
    pinfo.cols.setProtocol('Syslog');
    if (pri >= 0) {
      const fac = SHORT_FACILITY[pri >> 3] ?? 'UNKNOWN';
      const lev = SHORT_LEVEL[pri & 7];
      pinfo.cols.setInfo(`${fac}.${lev}: ${shown}`);
    } else pinfo.cols.setInfo(shown);
  }
  if (tree) {
    const t = tree.add(protoSyslog, tvb, 0, len, null, `Syslog message: ${pinfo.cols?.info ?? shown}`);
    if (pri >= 0) {
      t.add(hfSyslog.facility, tvb, 0, off, pri >> 3);
      t.add(hfSyslog.level, tvb, 0, off, pri & 7);
    }
    const m = t.add(hfSyslog.msg, tvb, off, len - off, shown);
    addRfc5424(m, tvb, off, text);
  }
  return len;
}

dissectorTable('udp.port').add(514, dissectSyslog);
