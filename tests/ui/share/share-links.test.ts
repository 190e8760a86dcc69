import { describe, expect, it } from 'vitest';
import { parseViewState } from '../../../src/core/share/view-state';
import {
  apiUrl,
  appBasePath,
  describeView,
  isCaptureId,
  shareLink,
  sharedIdFromPath,
  viewOnlyLink,
} from '../../../src/ui/share/share-links';

const ID = '0123456789abcdef0123456789abcdef';
const KEY = 'q3Xh0mPz0s7Q2o2GxWm1cQ1oZ8yVfT4nLr6aEjYkUuI';

describe('share routes', () => {
  it('finds the id of /s/<id>, with or without a path prefix or trailing slash', () => {
    expect(sharedIdFromPath(`/s/${ID}`)).toBe(ID);
    expect(sharedIdFromPath(`/s/${ID}/`)).toBe(ID);
    expect(sharedIdFromPath(`/wirelight/s/${ID}`)).toBe(ID);
    expect(sharedIdFromPath('/s/not-an-id')).toBe('not-an-id');
    expect(sharedIdFromPath('/')).toBeNull();
    expect(sharedIdFromPath('/index.html')).toBeNull();
    expect(sharedIdFromPath(`/s/${ID}/more`)).toBeNull();
    expect(isCaptureId(ID)).toBe(true);
    expect(isCaptureId(ID.toUpperCase())).toBe(false);
    expect(isCaptureId('../etc/passwd')).toBe(false);
  });

  it('resolves API paths against the app directory, not the share route', () => {
    expect(appBasePath('/')).toBe('/');
    expect(appBasePath('/index.html')).toBe('/');
    expect(appBasePath(`/s/${ID}`)).toBe('/');
    expect(appBasePath(`/wirelight/s/${ID}/`)).toBe('/wirelight/');
    expect(appBasePath('/wirelight/')).toBe('/wirelight/');
    expect(apiUrl(`https://h.example:8443/s/${ID}#k=${KEY}`, 'api/config')).toBe(
      'https://h.example:8443/api/config',
    );
    expect(apiUrl('http://127.0.0.1:8080/?url=x#f=tcp', `api/captures/${ID}`)).toBe(
      `http://127.0.0.1:8080/api/captures/${ID}`,
    );
    expect(apiUrl(`https://h.example/wirelight/s/${ID}`, 'api/captures')).toBe(
      'https://h.example/wirelight/api/captures',
    );
  });
});

describe('share links', () => {
  const view = {
    key: 'old-key-of-the-share-this-was-opened-from',
    filter: 'http.request && ip.addr == 10.0.0.1 # "&"',
    frame: 42,
    follow: { protocol: 'tcp' as const, stream: 3, direction: 'c2s' as const },
    time: 'utc' as const,
    url: 'https://captures.example/x.pcap',
  };

  it('carries the new key and the view in the fragment, never the capture address', () => {
    const link = shareLink('https://w.example/', ID, KEY, view);
    const hash = link.slice(link.indexOf('#'));
    expect(link.startsWith(`https://w.example/s/${ID}#k=${KEY}&f=`)).toBe(true);
    const back = parseViewState(hash);
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual({
      key: KEY,
      filter: view.filter,
      frame: 42,
      follow: view.follow,
      time: 'utc',
    });
  });

  it('keeps a public URL path prefix', () => {
    expect(shareLink('https://h.example/wirelight', ID, KEY, {})).toBe(
      `https://h.example/wirelight/s/${ID}#k=${KEY}`,
    );
  });

  it('makes a link without upload only for a capture with a web address', () => {
    expect(viewOnlyLink('http://127.0.0.1:5173/?url=abc#f=x', { filter: 'dns' })).toBeNull();
    const link = viewOnlyLink(`https://w.example/s/${ID}#k=${KEY}`, view);
    expect(link).toBe(
      'https://w.example/#f=http.request%20%26%26%20ip.addr%20%3D%3D%2010.0.0.1%20%23%20%22%26%22&p=42&follow=tcp:3:c2s&t=utc&url=https://captures.example/x.pcap',
    );
    const back = parseViewState(link!.slice(link!.indexOf('#')));
    expect(back.state.key).toBeUndefined();
    expect(back.state.url).toBe(view.url);
    expect(back.state.filter).toBe(view.filter);
  });

  it('describes the view a recipient will see', () => {
    expect(describeView({})).toEqual([]);
    expect(describeView(view)).toEqual([
      `the display filter “${view.filter}”`,
      'packet 42 selected',
      'Follow TCP Stream 3 open (client to server only)',
      'time shown as UTC date and time of day',
    ]);
  });
});
