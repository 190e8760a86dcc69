import { registerFields, registerProtocol, tfs, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';

export const protoSyslog = registerProtocol('syslog', 'Syslog message', 'Syslog');

/** Facility names for the tree (RFC 5424 §6.2.1, as Wireshark words them). */
export const FACILITIES = vals({
  0: 'KERN - kernel messages',
  1: 'USER - random user-level messages',
  2: 'MAIL - mail system',
  3: 'DAEMON - system daemons',
  4: 'AUTH - security/authorization messages',
  5: 'SYSLOG - messages generated internally by syslogd',
  6: 'LPR - line printer subsystem',
  7: 'NEWS - network news subsystem',
  8: 'UUCP - UUCP subsystem',
  9: 'CRON - clock daemon',
  10: 'AUTHPRIV - security/authorization messages (private)',
  11: 'FTP - ftp daemon',
  12: 'NTP - ntp subsystem',
  13: 'SECURITY - Log audit',
  14: 'CONSOLE - Log alert',
  15: 'SOLARIS-CRON - clock daemon',
  16: 'LOCAL0 - reserved for local use',
  17: 'LOCAL1 - reserved for local use',
  18: 'LOCAL2 - reserved for local use',
  19: 'LOCAL3 - reserved for local use',
  20: 'LOCAL4 - reserved for local use',
  21: 'LOCAL5 - reserved for local use',
  22: 'LOCAL6 - reserved for local use',
  23: 'LOCAL7 - reserved for local use',
});

export const LEVELS = vals({
  0: 'EMERG - system is unusable',
  1: 'ALERT - action must be taken immediately',
  2: 'CRIT - critical conditions',
  3: 'ERR - error conditions',
  4: 'WARNING - warning conditions',
  5: 'NOTICE - normal but significant condition',
  6: 'INFO - informational',
  7: 'DEBUG - debug-level messages',
});

export const hfSyslog = registerFields({
  facility: {
    abbrev: 'syslog.facility',
    name: 'Facility',
    type: FT.UINT8,
    base: BASE.DEC,
    strings: FACILITIES,
    bitmask: 0x03f8,
    bitWidth: 16,
  },
  level: {
    abbrev: 'syslog.level',
    name: 'Level',
    type: FT.UINT8,
    base: BASE.DEC,
    strings: LEVELS,
    bitmask: 0x0007,
    bitWidth: 16,
  },
  msg: { abbrev: 'syslog.msg', name: 'Message', type: FT.STRING },
  msuPresent: {
    abbrev: 'syslog.msu_present',
    name: 'SS7 MSU present',
    type: FT.BOOLEAN,
    strings: tfs('True', 'False'),
  },
  version: { abbrev: 'syslog.version', name: 'Syslog version', type: FT.STRING },
  timestamp: {
    abbrev: 'syslog.timestamp',
    name: 'Syslog timestamp',
    type: FT.ABSOLUTE_TIME,
    base: BASE.NONE,
  },
  timestamp3164: { abbrev: 'syslog.timestamp_rfc3164', name: 'Syslog timestamp (RFC3164)', type: FT.STRING },
  hostname: { abbrev: 'syslog.hostname', name: 'Syslog hostname', type: FT.STRING },
  appname: { abbrev: 'syslog.appname', name: 'Syslog app name', type: FT.STRING },
  procid: { abbrev: 'syslog.procid', name: 'Syslog process id', type: FT.STRING },
  msgid: { abbrev: 'syslog.msgid', name: 'Syslog message id', type: FT.STRING },
});
