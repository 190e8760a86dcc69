/**
 * The "media_type" dissector table (bodies by MIME type, e.g. from HTTP's Content-Type) and
 * the heuristic list HTTP tries on bodies no media type claimed.
 */
import { dissectorTable, heuristicList } from '../../dissect/tables';

/** What HTTP passes to media-type dissectors as `data` (http_message_info_t). */
export interface MediaInfo {
  /** 1 request, 2 response, 3 notification, 0 other. */
  messageType: number;
  /** The media type's parameters ("charset=utf-8"), or null. */
  mediaStr: string | null;
  /** The matched media type, lower case without parameters (pinfo->match_string), or null. */
  matchString: string | null;
}

/** Keys are lower-case media types without parameters ("text/html"). */
export const mediaTypeTable = dissectorTable('media_type', 'Internet media type');

export const httpHeuristics = heuristicList('http');

export function mediaInfo(data: unknown): MediaInfo | null {
  if (data && typeof data === 'object' && 'matchString' in data) return data as MediaInfo;
  return null;
}
