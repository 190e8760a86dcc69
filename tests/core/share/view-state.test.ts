import { describe, expect, it } from 'vitest';
import { formatViewState, parseViewState, type ViewState } from '../../../src/core/share/view-state';

const KEY = 'q3Jx0bH0oR2y8nC4mYV0k5yq8ZsWn3l0bB7cXzJqf1E';

function roundTrip(state: ViewState): void {
  const text = formatViewState(state);
  const parsed = parseViewState('#' + text);
  expect(parsed.notices, text).toEqual([]);
  expect(parsed.state, text).toEqual(state);
  // What the browser hands back in location.hash must parse the same.
  const viaUrl = new URL(`https://wirelight.example/s/abc#${text}`).hash;
  expect(parseViewState(viaUrl).state).toEqual(state);
}

describe('view state fragment codec', () => {
  it('round-trips every field', () => {
    roundTrip({
      key: KEY,
      filter: 'tcp.port == 443',
      frame: 42,
      follow: { protocol: 'tcp', stream: 3, direction: 's2c' },
      graph: { name: 'tcptrace', stream: 3 },
      time: 'delta',
      url: 'https://example.com/caps/a.pcap?x=1&y=2#frag',
    });
    roundTrip({ graph: { name: 'io' } });
    roundTrip({});
  });

  it('round-trips tricky filters', () => {
    const filters = [
      'http.request.uri contains "a&b=c"',
      'frame contains "#"',
      'a == b && c != d || !(e)',
      'http.host == "ünïcødé.example" and dns.qry.name ~ "日本"',
      'tcp.flags & 0x02 == 0x02',
      'http.user_agent matches "^curl/[0-9]+\\\\.[0-9]+$"',
      '100% = 1+1 ; foo@bar, $x :: /path?q',
      'single \'quotes\' and "double" and `back`',
      'emoji 🦈 and tab\tand newline\n',
      '%41%zz%',
      ' leading and trailing spaces ',
    ];
    for (const filter of filters) roundTrip({ filter });
  });

  it('writes readable fragments', () => {
    expect(
      formatViewState({
        key: KEY,
        filter: 'ip.addr == 10.0.0.1',
        frame: 7,
        follow: { protocol: 'tcp', stream: 0, direction: 'both' },
      }),
    ).toBe(`k=${KEY}&f=ip.addr%20%3D%3D%2010.0.0.1&p=7&follow=tcp:0:both`);
    expect(formatViewState({ url: 'https://h.example/x.pcap', time: 'utc' })).toBe(
      't=utc&url=https://h.example/x.pcap',
    );
    expect(formatViewState({ filter: 'a&b#c+d' })).toBe('f=a%26b%23c%2Bd');
  });

  it('replaces lone surrogates instead of throwing', () => {
    const text = formatViewState({ filter: 'x\uD800y' });
    expect(parseViewState(text).state.filter).toBe('x\uFFFDy');
  });

  it('accepts hand-written variants', () => {
    expect(parseViewState('follow=udp:5').state.follow).toEqual({
      protocol: 'udp',
      stream: 5,
      direction: 'both',
    });
    expect(parseViewState('#f=a+b').state.filter).toBe('a+b');
    expect(parseViewState('&&f=x&&').state.filter).toBe('x');
    expect(parseViewState('f=').state).toEqual({});
    expect(parseViewState('').state).toEqual({});
    expect(parseViewState('#').notices).toEqual([]);
    expect(parseViewState('f=a=b').state.filter).toBe('a=b');
    expect(parseViewState('t=epoch').state.time).toBe('epoch');
  });

  it('drops malformed parts with a notice and keeps the rest', () => {
    const cases: [string, RegExp][] = [
      ['p=0', /frame number "0"/],
      ['p=-3', /frame number/],
      ['p=1.5', /frame number/],
      ['p=99999999999999999999', /frame number/],
      ['p=abc', /frame number/],
      ['follow=tcp', /followed stream/],
      ['follow=sctp:1:both', /followed stream/],
      ['follow=tcp:x:both', /followed stream/],
      ['follow=tcp:1:up', /followed stream/],
      ['follow=tcp:1:both:extra', /followed stream/],
      ['graph=:3', /graph/],
      ['graph=io:x', /graph/],
      ['graph=a:1:2', /graph/],
      ['graph=bad%20name', /graph/],
      ['t=local', /time format/],
      ['url=javascript:alert(1)', /capture URL/],
      ['url=not a url', /capture URL/],
      ['f=%E0%A4%A', /percent-encoded/],
      ['f=%zz', /percent-encoded/],
      ['zoom=3', /unknown link setting "zoom"/],
      ['f', /without a value/],
    ];
    for (const [bad, notice] of cases) {
      const tail = bad.startsWith('t=') ? 'p=9' : 't=abs';
      const parsed = parseViewState(`#k=${KEY}&${bad}&${tail}`);
      expect(parsed.notices.length, bad).toBe(1);
      expect(parsed.notices[0], bad).toMatch(notice);
      expect(parsed.state.key, bad).toBe(KEY);
      if (tail === 'p=9') expect(parsed.state.frame, bad).toBe(9);
      else expect(parsed.state.time, bad).toBe('abs');
    }
  });

  it('keeps the first of repeated settings', () => {
    const parsed = parseViewState('f=first&f=second');
    expect(parsed.state.filter).toBe('first');
    expect(parsed.notices).toEqual(['Ignored a repeated link setting "f" (the first one applies).']);
  });

  it('never throws on random input', () => {
    const alphabet = 'kfp=&#%+:tfollowgraph0123456789aAzZé🦈"\'\\ \uD800';
    let seed = 1;
    for (let n = 0; n < 5000; n++) {
      let s = '';
      const len = n % 40;
      for (let i = 0; i < len; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += alphabet[seed % alphabet.length];
      }
      const parsed = parseViewState(s);
      expect(Array.isArray(parsed.notices)).toBe(true);
      // Whatever was accepted must survive formatting and re-parsing unchanged.
      expect(parseViewState(formatViewState(parsed.state)).state).toEqual(parsed.state);
    }
  });
});
