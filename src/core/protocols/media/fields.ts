import { registerFields, registerProtocol, tfs, vals } from '../../dissect/fields';
import { BASE, FT } from '../../dissect/field-types';

export const protoTextLines = registerProtocol(
  'data-text-lines',
  'Line-based text data',
  'Line-based text data',
);
export const protoJson = registerProtocol('json', 'JavaScript Object Notation', 'JSON');
export const protoUrlencoded = registerProtocol(
  'urlencoded-form',
  'HTML Form URL Encoded',
  'URL Encoded Form Data',
);
export const protoMedia = registerProtocol('media', 'Media Type', 'Media');
export const protoMessageHttp = registerProtocol('message-http', 'Media Type: message/http', 'message/http');
export const protoPng = registerProtocol('png', 'Portable Network Graphics', 'PNG');
export const protoGif = registerProtocol('image-gif', 'Compuserve GIF', 'GIF image');
export const protoJfif = registerProtocol('image-jfif', 'JPEG File Interchange Format', 'JFIF (JPEG) image');
export const protoXml = registerProtocol('xml', 'eXtensible Markup Language', 'XML');
export const protoMultipart = registerProtocol(
  'mime_multipart',
  'MIME Multipart Media Encapsulation',
  'MIME multipart',
);

const STR = { type: FT.STRING, base: BASE.NONE } as const;
const NONE = { type: FT.NONE } as const;

export const hfJson = registerFields({
  array: { abbrev: 'json.array', name: 'Array', ...NONE },
  object: { abbrev: 'json.object', name: 'Object', ...NONE },
  member: { abbrev: 'json.member', name: 'Member', ...STR },
  key: { abbrev: 'json.key', name: 'Key', ...STR },
  path: { abbrev: 'json.path', name: 'Path', ...STR },
  pathWithValue: { abbrev: 'json.path_with_value', name: 'Path with value', ...STR },
  memberWithValue: { abbrev: 'json.member_with_value', name: 'Member with value', ...STR },
  valueString: { abbrev: 'json.value.string', name: 'String value', ...STR },
  valueNumber: { abbrev: 'json.value.number', name: 'Number value', ...STR },
  valueFalse: { abbrev: 'json.value.false', name: 'False value', ...NONE },
  valueNull: { abbrev: 'json.value.null', name: 'Null value', ...NONE },
  valueTrue: { abbrev: 'json.value.true', name: 'True value', ...NONE },
  valueNan: { abbrev: 'json.value.nan', name: 'NaN value', ...NONE },
});

export const hfForm = registerFields({
  key: { abbrev: 'urlencoded-form.key', name: 'Key', ...STR },
  value: { abbrev: 'urlencoded-form.value', name: 'Value', ...STR },
});

export const hfMedia = registerFields({
  type: { abbrev: 'media.type', name: 'Media type', type: FT.BYTES, base: BASE.NONE },
});

export const hfPng = registerFields({
  signature: { abbrev: 'png.signature', name: 'PNG Signature', type: FT.BYTES, base: BASE.NONE },
  chunkData: { abbrev: 'png.chunk.data', name: 'Data', ...NONE },
  chunkType: { abbrev: 'png.chunk.type', name: 'Chunk', ...STR },
  chunkLen: { abbrev: 'png.chunk.len', name: 'Len', type: FT.UINT32 },
  chunkCrc: { abbrev: 'png.chunk.crc', name: 'CRC', type: FT.UINT32, base: BASE.HEX },
  ancillary: {
    abbrev: 'png.chunk.flag.ancillary',
    name: 'Ancillary',
    type: FT.BOOLEAN,
    bitWidth: 32,
    bitmask: 0x20000000,
    strings: tfs('This is an ANCILLARY chunk', 'This is a CRITICAL chunk'),
  },
  private: {
    abbrev: 'png.chunk.flag.private',
    name: 'Private',
    type: FT.BOOLEAN,
    bitWidth: 32,
    bitmask: 0x200000,
    strings: tfs('This is a PRIVATE chunk', 'This is a PUBLIC chunk'),
  },
  stc: {
    abbrev: 'png.chunk.flag.stc',
    name: 'Safe To Copy',
    type: FT.BOOLEAN,
    bitWidth: 32,
    bitmask: 0x20,
    strings: tfs('This chunk is SAFE to copy', 'This chunk is NOT safe to copy'),
  },
  width: { abbrev: 'png.ihdr.width', name: 'Width', type: FT.UINT32 },
  height: { abbrev: 'png.ihdr.height', name: 'Height', type: FT.UINT32 },
  bitdepth: { abbrev: 'png.ihdr.bitdepth', name: 'Bit Depth', type: FT.UINT8 },
  colourType: {
    abbrev: 'png.ihdr.colour_type',
    name: 'Colour Type',
    type: FT.UINT8,
    strings: vals({
      0: 'Greyscale',
      2: 'Truecolour',
      3: 'Indexed-colour',
      4: 'Greyscale with alpha',
      6: 'Truecolour with alpha',
    }),
  },
  compression: {
    abbrev: 'png.ihdr.compression_method',
    name: 'Compression Method',
    type: FT.UINT8,
    strings: vals({ 0: 'Deflate' }),
  },
  filter: {
    abbrev: 'png.ihdr.filter_method',
    name: 'Filter Method',
    type: FT.UINT8,
    strings: vals({ 0: 'Adaptive' }),
  },
  interlace: {
    abbrev: 'png.ihdr.interlace_method',
    name: 'Interlace Method',
    type: FT.UINT8,
    strings: vals({ 0: 'No interlace', 1: 'Adam7' }),
  },
});

const GIF_BITS = { type: FT.UINT8, bitWidth: 8 } as const;

export const hfGif = registerFields({
  version: { abbrev: 'image-gif.version', name: 'Version', ...STR },
  screenWidth: { abbrev: 'image-gif.screen.width', name: 'Screen width', type: FT.UINT16 },
  screenHeight: { abbrev: 'image-gif.screen.height', name: 'Screen height', type: FT.UINT16 },
  globalMapPresent: {
    abbrev: 'image-gif.global.color_map.present',
    name: 'Global color map is present',
    ...GIF_BITS,
    bitmask: 0x80,
    strings: vals({ 0: 'False', 1: 'True' }),
  },
  globalColorBpp: {
    abbrev: 'image-gif.global.color_bpp',
    name: 'Bits per color minus 1',
    ...GIF_BITS,
    bitmask: 0x70,
  },
  globalMapOrdered: {
    abbrev: 'image-gif.global.color_map.ordered',
    name: 'Global color map is ordered',
    ...GIF_BITS,
    bitmask: 0x08,
    strings: vals({ 0: 'False', 1: 'True' }),
  },
  globalBpp: {
    abbrev: 'image-gif.global.bpp',
    name: 'Image bits per pixel minus 1',
    ...GIF_BITS,
    bitmask: 0x07,
  },
  backgroundIndex: {
    abbrev: 'image-gif.image_background_index',
    name: 'Background color index',
    type: FT.UINT8,
  },
  pixelAspectRatio: {
    abbrev: 'image-gif.global.pixel_aspect_ratio',
    name: 'Global pixel aspect ratio',
    type: FT.UINT8,
  },
  globalColorMap: {
    abbrev: 'image-gif.global.color_map',
    name: 'Global color map',
    type: FT.BYTES,
    base: BASE.NONE,
  },
  imageLeft: { abbrev: 'image-gif.image.left', name: 'Image left position', type: FT.UINT16 },
  imageTop: { abbrev: 'image-gif.image.top', name: 'Image top position', type: FT.UINT16 },
  imageWidth: { abbrev: 'image-gif.image.width', name: 'Image width', type: FT.UINT16 },
  imageHeight: { abbrev: 'image-gif.image.height', name: 'Image height', type: FT.UINT16 },
  localMapPresent: {
    abbrev: 'image-gif.local.color_map.present',
    name: 'Local color map is present',
    ...GIF_BITS,
    bitmask: 0x80,
    strings: vals({ 0: 'False', 1: 'True' }),
  },
  localColorBpp: {
    abbrev: 'image-gif.local.color_bpp',
    name: 'Bits per color minus 1',
    ...GIF_BITS,
    bitmask: 0x70,
  },
  localMapOrdered: {
    abbrev: 'image-gif.local.color_map.ordered',
    name: 'Local color map is ordered',
    ...GIF_BITS,
    bitmask: 0x08,
    strings: vals({ 0: 'False', 1: 'True' }),
  },
  localBpp: {
    abbrev: 'image-gif.local.bpp',
    name: 'Image bits per pixel minus 1',
    ...GIF_BITS,
    bitmask: 0x07,
  },
  localColorMap: {
    abbrev: 'image-gif.local.color_map',
    name: 'Local color map',
    type: FT.BYTES,
    base: BASE.NONE,
  },
  extension: { abbrev: 'image-gif.extension', name: 'Extension', ...NONE },
  extensionLabel: {
    abbrev: 'image-gif.extension.label',
    name: 'Extension label',
    type: FT.UINT8,
    base: BASE.HEX,
  },
  image: { abbrev: 'image-gif.image', name: 'Image', ...NONE },
  codeSize: { abbrev: 'image-gif.image.code_size', name: 'LZW minimum code size', type: FT.UINT8 },
  end: { abbrev: 'image-gif.end', name: 'Trailer (End of the GIF stream)', ...NONE },
  dataBlock: { abbrev: 'image-gif.data_block', name: 'Data block', type: FT.BYTES, base: BASE.NONE },
});

export const hfJfif = registerFields({
  marker: { abbrev: 'image-jfif.marker', name: 'Marker', type: FT.UINT16, base: BASE.HEX },
  markerSegment: { abbrev: 'image-jfif.marker_segment', name: 'Marker segment', ...NONE },
  length: { abbrev: 'image-jfif.length', name: 'Length', type: FT.UINT16 },
  identifier: { abbrev: 'image-jfif.identifier', name: 'Identifier', ...STR },
  version: { abbrev: 'image-jfif.version', name: 'Version', ...NONE },
  versionMajor: { abbrev: 'image-jfif.version.major', name: 'Major Version', type: FT.UINT8 },
  versionMinor: { abbrev: 'image-jfif.version.minor', name: 'Minor Version', type: FT.UINT8 },
  units: {
    abbrev: 'image-jfif.units',
    name: 'Units',
    type: FT.UINT8,
    strings: vals({
      0: 'No units; Xdensity and Ydensity specify the pixel aspect ratio',
      1: 'Xdensity and Ydensity are dots per inch',
      2: 'Xdensity and Ydensity are dots per centimeter',
    }),
  },
  xdensity: { abbrev: 'image-jfif.Xdensity', name: 'Xdensity', type: FT.UINT16 },
  ydensity: { abbrev: 'image-jfif.Ydensity', name: 'Ydensity', type: FT.UINT16 },
  xthumbnail: { abbrev: 'image-jfif.Xthumbnail', name: 'Xthumbnail', type: FT.UINT16 },
  ythumbnail: { abbrev: 'image-jfif.Ythumbnail', name: 'Ythumbnail', type: FT.UINT16 },
  remainSegData: {
    abbrev: 'image-jfif.remain_seg_data',
    name: 'Remaining segment data',
    type: FT.BYTES,
    base: BASE.NONE,
  },
  entropyCodedSegment: {
    abbrev: 'image-jfif.entropy_coded_segment',
    name: 'Entropy-coded segment (dissection is not yet implemented)',
    type: FT.BYTES,
  },
});

export const hfXml = registerFields({
  xmlpi: { abbrev: 'xml.xmlpi', name: 'XMLPI', ...STR },
  cdatasection: { abbrev: 'xml.cdatasection', name: 'CDATASection', ...STR },
  comment: { abbrev: 'xml.comment', name: 'Comment', ...STR },
  attribute: { abbrev: 'xml.attribute', name: 'Attribute', ...STR },
  doctype: { abbrev: 'xml.doctype', name: 'Doctype', ...STR },
  dtdtag: { abbrev: 'xml.dtdtag', name: 'DTD Tag', ...STR },
  cdata: { abbrev: 'xml.cdata', name: 'CDATA', ...STR },
  tag: { abbrev: 'xml.tag', name: 'Tag', ...STR },
  unknown: { abbrev: 'xml.unknown', name: 'Unknown', ...STR },
  xmlpiXml: { abbrev: 'xml.xmlpi.xml', name: 'xml', ...STR },
  xmlpiStandalone: { abbrev: 'xml.xmlpi.xml.standalone', name: 'standalone', ...STR },
  xmlpiVersion: { abbrev: 'xml.xmlpi.xml.version', name: 'version', ...STR },
  xmlpiEncoding: { abbrev: 'xml.xmlpi.xml.encoding', name: 'encoding', ...STR },
});

export const hfMultipart = registerFields({
  type: { abbrev: 'mime_multipart.type', name: 'Type', ...STR },
  part: { abbrev: 'mime_multipart.part', name: 'Encapsulated multipart part', ...STR },
  firstBoundary: { abbrev: 'mime_multipart.first_boundary', name: 'First boundary', ...STR },
  preamble: { abbrev: 'mime_multipart.preamble', name: 'Preamble', type: FT.BYTES, base: BASE.NONE },
  lastBoundary: { abbrev: 'mime_multipart.last_boundary', name: 'Last boundary', ...STR },
  boundary: { abbrev: 'mime_multipart.boundary', name: 'Boundary', ...STR },
  trailer: { abbrev: 'mime_multipart.trailer', name: 'Trailer', type: FT.BYTES, base: BASE.NONE },
  contentDescription: {
    abbrev: 'mime_multipart.header.content-description',
    name: 'Content-Description',
    ...STR,
  },
  contentDisposition: {
    abbrev: 'mime_multipart.header.content-disposition',
    name: 'Content-Disposition',
    ...STR,
  },
  contentEncoding: { abbrev: 'mime_multipart.header.content-encoding', name: 'Content-Encoding', ...STR },
  contentId: { abbrev: 'mime_multipart.header.content-id', name: 'Content-Id', ...STR },
  contentLanguage: { abbrev: 'mime_multipart.header.content-language', name: 'Content-Language', ...STR },
  contentLength: { abbrev: 'mime_multipart.header.content-length', name: 'Content-Length', ...STR },
  contentTransferEncoding: {
    abbrev: 'mime_multipart.header.content-transfer-encoding',
    name: 'Content-Transfer-Encoding',
    ...STR,
  },
  contentType: { abbrev: 'mime_multipart.header.content-type', name: 'Content-Type', ...STR },
  originalContent: { abbrev: 'mime_multipart.header.originalcontent', name: 'OriginalContent', ...STR },
  noRequiredParameter: {
    abbrev: 'mime_multipart.no_required_parameter',
    name: 'The multipart dissector could not find a required parameter.',
    type: FT.NONE,
  },
});
