/**
 * 销号 of a handed-over problem rests on evidence: the bureau's photos of the rectified site
 * (attached to its feedback on the current handover), or, where it sent none, a reason the
 * group records itself (the site was demolished, the photos came on paper…). Without one of
 * the two a closed problem in the ledger would have nothing behind it.
 */
export const CLOSING_REASON_MIN = 4;

export const CLOSING_WITHOUT_PHOTOS = '属地未上传整改后照片，销号须写明无照片的理由';

/** The message refusing a 回头看 that closes the problem, or null when it may close it. */
export function closingEvidenceProblem(input: {
  rectified: boolean;
  /** The bureau's photos on the handover being followed up. */
  feedbackPhotos: number;
  noPhotoReason?: string | null;
}): string | null {
  if (!input.rectified || input.feedbackPhotos > 0) return null;
  const reason = input.noPhotoReason?.trim() ?? '';
  return reason.length >= CLOSING_REASON_MIN ? null : CLOSING_WITHOUT_PHOTOS;
}
