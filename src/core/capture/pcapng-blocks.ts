/** pcapng block type numbers and the minimum lengths wiretap 4.0 demands of them. */

export const IDB = 1;
export const PB = 2;
export const SPB = 3;
export const NRB = 4;
export const ISB = 5;
export const EPB = 6;
export const DSB = 10;
export const CB_COPY = 0x00000bad;
export const CB_NO_COPY = 0x40000bad;
export const JOURNAL = 9;
export const SYSDIG_EVENT = 0x204;
export const SYSDIG_EVENT_V2 = 0x216;

/** wiretap's minimum total length per block type (no allocation: called for every block). */
export function minimumBlockSize(type: number): number {
  switch (type) {
    case EPB:
    case PB:
      return 32;
    case IDB:
    case DSB:
      return 20;
    case SPB:
    case NRB:
    case CB_COPY:
    case CB_NO_COPY:
      return 16;
    case ISB:
      return 24;
    case JOURNAL:
      return 35;
    case SYSDIG_EVENT:
      return 36;
    case SYSDIG_EVENT_V2:
      return 40;
    default:
      return 12;
  }
}

/** wiretap's complaint about a block shorter than its minimum. */
export function minimumSizeComplaint(type: number, len: number): string {
  const min = minimumBlockSize(type);
  const prefix = `pcapng: total block length ${len} of`;
  switch (type) {
    case EPB:
      return `${prefix} an EPB is less than the minimum EPB size ${min}`;
    case PB:
      return `${prefix} a PB is less than the minimum PB size ${min}`;
    case IDB:
      return `${prefix} an IDB is less than the minimum IDB size ${min}`;
    case SPB:
      return `${prefix} an SPB is less than the minimum SPB size ${min}`;
    case NRB:
      return `${prefix} an NRB is less than the minimum NRB size ${min}`;
    case DSB:
      return `${prefix} a DSB is less than the minimum DSB size ${min}`;
    case ISB:
      return `${prefix} an ISB is too small (< ${min})`;
    case CB_COPY:
    case CB_NO_COPY:
      return `${prefix} a CB is too small (< ${min})`;
    case JOURNAL:
      return `${prefix} a systemd journal export block is too small (< ${min})`;
    case SYSDIG_EVENT:
    case SYSDIG_EVENT_V2:
      return `${prefix} a Sysdig event block is too small (< ${min})`;
    default:
      return `${prefix} an unknown block type is less than the minimum block size ${min}`;
  }
}
