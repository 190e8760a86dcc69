import type { ColumnDef } from '@tanstack/react-table';
import type { RowData, SortColumn } from '../../worker/types';

export interface PacketColumnMeta {
  align?: 'right';
}

/** The packet list's columns (Wireshark's defaults) and their starting widths. */
export const PACKET_COLUMNS: ColumnDef<RowData>[] = [
  { id: 'num', header: 'No.', size: 72, minSize: 40, meta: { align: 'right' } },
  { id: 'time', header: 'Time', size: 120, minSize: 50 },
  { id: 'source', header: 'Source', size: 170, minSize: 50 },
  { id: 'destination', header: 'Destination', size: 170, minSize: 50 },
  { id: 'protocol', header: 'Protocol', size: 80, minSize: 40 },
  { id: 'length', header: 'Length', size: 64, minSize: 40, meta: { align: 'right' } },
  { id: 'info', header: 'Info', size: 640, minSize: 100 },
];

export function cellText(row: RowData, column: string): string {
  switch (column as SortColumn) {
    case 'num':
      return String(row.num);
    case 'length':
      return String(row.length);
    case 'time':
      return row.time;
    case 'source':
      return row.source;
    case 'destination':
      return row.destination;
    case 'protocol':
      return row.protocol;
    default:
      return row.info;
  }
}
