/**
 * The tshark command line the fixture generators use to record its answers: every occurrence
 * of each field, comma-joined, with a header row — the format the conformance tests read back.
 */
export function tsharkFieldsArgs(file: string, fields: readonly string[]): string[] {
  const args = [
    '-n',
    '-r',
    file,
    '-T',
    'fields',
    '-E',
    'header=y',
    '-E',
    'occurrence=a',
    '-E',
    'aggregator=,',
  ];
  for (const f of fields) args.push('-e', f);
  return args;
}
