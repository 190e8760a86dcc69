/** Registers the media-type dissectors (HTTP bodies) and the image heuristics for HTTP. */
import { dissectGif, dissectJfif, dissectPng } from './images';
import { dissectJson } from './json';
import { dissectMediaFallback, dissectMessageHttp, dissectOctetStream } from './media';
import { dissectMultipart } from './multipart';
import { httpHeuristics, mediaTypeTable } from './table';
import { dissectTextLines } from './text-lines';
import { dissectUrlencoded } from './urlencoded';
import { dissectXml } from './xml';

const TEXT_LINES = [
  'text/plain',
  'text/richtext',
  'text/enriched',
  'text/parameters',
  'text/html',
  'text/xml-external-parsed-entity',
  'text/css',
  'application/xml-external-parsed-entity',
  'text/javascript',
  'application/x-javascript',
  'application/x-tia-p25-issi',
  'application/x-tia-p25-sndcp',
  'application/x-ns-proxy-autoconfig',
  'text/vnd.sun.j2me.app-descriptor',
  'application/vnd.poc.refer-to',
  'application/vnd.drm.message',
  'application/x-wms-logplaystats',
  'application/x-rtsp-udp-packetpair',
];
const JSON_TYPES = [
  'application/json',
  'application/senml+json',
  'application/sensml+json',
  'application/json-rpc',
  'application/jsonrequest',
  'application/dds-web+json',
  'application/vnd.oma.lwm2m+json',
  'application/problem+json',
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/x-ndjson',
  'application/3gpphal+json',
];
const XML_TYPES = [
  'text/xml',
  'application/xml',
  'image/svg+xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/soap+xml',
  'application/rdf+xml',
  'application/mathml+xml',
  'application/smil',
  'application/xslt+xml',
  'application/xml-dtd',
  'application/auth-policy+xml',
  'application/pidf+xml',
  'application/rlmi+xml',
  'application/simple-filter+xml',
  'application/reginfo+xml',
  'application/resource-lists+xml',
  'application/xcap-el+xml',
  'application/xcap-att+xml',
  'application/xcap-error+xml',
  'application/xcap-caps+xml',
  'application/watcherinfo+xml',
  'application/conference-info+xml',
  'application/dialog-info+xml',
  'application/cpl+xml',
  'application/vnd.3gpp.sms+xml',
  'application/vnd.3gpp.state-and-event-info+xml',
  'application/vnd.3gpp.mid-call+xml',
  'application/vnd.3gpp.ussd+xml',
  'application/vnd.oma.poc.detailed-progress-talk+xml',
  'application/vnd.oma.poc.groups+xml',
  'application/vnd.oma.xcap-directory+xml',
  'application/vnd.wv.csp.xml',
  'application/wspolicy+xml',
  'application/xenc+xml',
  'application/xop+xml',
  'application/xcon-conference-info+xml',
];

for (const t of TEXT_LINES) mediaTypeTable.add(t, dissectTextLines);
for (const t of JSON_TYPES) mediaTypeTable.add(t, dissectJson);
for (const t of XML_TYPES) mediaTypeTable.add(t, dissectXml);
mediaTypeTable.add('application/x-www-form-urlencoded', dissectUrlencoded);
mediaTypeTable.add('message/http', dissectMessageHttp);
mediaTypeTable.add('application/octet-stream', dissectOctetStream);
mediaTypeTable.add('image/png', dissectPng);
mediaTypeTable.add('image/gif', dissectGif);
for (const t of ['image/jfif', 'image/jpg', 'image/jpeg', 'image/pjpeg']) mediaTypeTable.add(t, dissectJfif);
for (const t of [
  'multipart/mixed',
  'multipart/related',
  'multipart/alternative',
  'multipart/form-data',
  'multipart/report',
  'multipart/signed',
  'multipart/encrypted',
  'multipart/',
]) {
  mediaTypeTable.add(t, dissectMultipart);
}

httpHeuristics.add('png_http', (tvb, pinfo, tree) => dissectPng(tvb, pinfo, tree) > 0);
httpHeuristics.add('jfif_http', (tvb, pinfo, tree) => dissectJfif(tvb, pinfo, tree) > 0);
httpHeuristics.add('gif_http', (tvb, pinfo, tree) => dissectGif(tvb, pinfo, tree) > 0);

export { dissectMediaFallback };
