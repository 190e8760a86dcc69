import { writeSync } from 'node:fs';

/** Where Output's bytes go; the buffer is reused after the call returns (copy to keep). */
export type OutputSink = (data: Uint8Array) => void;

/** Writes all of `data` to stdout with blocking writes. */
export function writeStdout(data: Uint8Array): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(1, data, off, data.length - off);
    } catch (e) {
      // EAGAIN on a non-blocking pipe: retry; EPIPE (reader went away, e.g. `| head`): stop quietly.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE') process.exit(0);
      throw e;
    }
  }
}

const CAPACITY = 1 << 17;

/**
 * Buffered stdout: tshark prints millions of lines; one write per line would dominate. Lines are
 * encoded into one reused byte buffer as they come (no string concatenation to flatten and
 * encode again at flush time).
 */
export class Output {
  private readonly buf = Buffer.allocUnsafe(CAPACITY);
  private off = 0;

  constructor(private readonly sink: OutputSink = writeStdout) {}

  line(s: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit; +1 for the newline.
    if (this.off + s.length * 3 + 1 > CAPACITY) {
      this.flush();
      if (s.length * 3 + 1 > CAPACITY) {
        this.sink(Buffer.from(`${s}\n`, 'utf8'));
        return;
      }
    }
    this.off += this.buf.write(s, this.off);
    this.buf[this.off++] = 10;
  }

  write(s: string): void {
    if (this.off + s.length * 3 > CAPACITY) {
      this.flush();
      if (s.length * 3 > CAPACITY) {
        this.sink(Buffer.from(s, 'utf8'));
        return;
      }
    }
    this.off += this.buf.write(s, this.off);
  }

  flush(): void {
    if (this.off === 0) return;
    const n = this.off;
    this.off = 0;
    this.sink(this.buf.subarray(0, n));
  }
}
