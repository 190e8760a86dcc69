/** The sample captures shipped with the app (sample-pcaps/, emitted as static assets). */
const urls = import.meta.glob('/sample-pcaps/*.{pcap,pcapng,gz,cap}', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface Sample {
  name: string;
  url: string;
}

export const SAMPLES: Sample[] = Object.entries(urls)
  .map(([path, url]) => ({ name: path.slice(path.lastIndexOf('/') + 1), url }))
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** Absolute address of a sample (the worker fetches it; links keep it). */
export function sampleHref(s: Sample): string {
  return new URL(s.url, window.location.href).href;
}
