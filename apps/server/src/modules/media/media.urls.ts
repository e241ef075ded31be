/** The URLs a client reads stored bytes at; no thumbnail for videos, documents or undecodable photos. */
export function mediaUrls(sha256: string, thumbnailKey: string | null) {
  return {
    url: `/api/v1/media/${sha256}`,
    // An empty key means the thumbnail could not be made (e.g. an undecodable HEIC).
    thumbnailUrl: thumbnailKey ? `/api/v1/media/${sha256}/thumbnail` : null,
  };
}
