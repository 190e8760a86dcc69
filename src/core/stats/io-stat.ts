/**
 * Frames and bytes per time interval (tshark's -z io,stat and the I/O graph). Intervals are in
 * microseconds as tshark computes them: a frame's relative time is rounded to the microsecond
 * and falls in bucket floor(t / interval).
 */
export class IoBuckets {
  frames: number[] = [];
  bytes: number[] = [];

  constructor(readonly intervalUs: number) {}

  add(relNs: number, bytes: number): void {
    const us = Math.floor((relNs + 500) / 1000);
    const i = this.intervalUs === Infinity ? 0 : Math.floor(us / this.intervalUs);
    while (this.frames.length <= i) {
      this.frames.push(0);
      this.bytes.push(0);
    }
    this.frames[i]++;
    this.bytes[i] += bytes;
  }
}
