import { writeSync } from 'node:fs';

/** Buffered stdout: tshark prints millions of lines; one write per line would dominate. */
export class Output {
  private buf = '';
  line(s: string): void {
    this.buf += s + '\n';
    if (this.buf.length > 1 << 16) this.flush();
  }
  write(s: string): void {
    this.buf += s;
    if (this.buf.length > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.buf.length === 0) return;
    const data = Buffer.from(this.buf, 'utf8');
    this.buf = '';
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
}
