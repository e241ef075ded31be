import type { HandoverOut } from '@ancha/core';
import type { HandoversTable } from '../../db/schema.ts';

/**
 * A handover in the API's shape; `names` resolves division codes, `today` is the Shanghai
 * date, `contact` the province's contact for the bureau, `feedbackPhotos` the bureau's photos
 * on its feedback.
 */
export function handoverOut(
  h: HandoversTable,
  names: Map<string, string>,
  today: string,
  contact: HandoverOut['contact'] = null,
  feedbackPhotos = 0,
): HandoverOut {
  const fb = h.feedback ? JSON.parse(h.feedback) : null;
  const fu = h.follow_up ? JSON.parse(h.follow_up) : null;
  return {
    id: h.id,
    number: h.number,
    bureauDivision: {
      code: h.bureau_division_code,
      name: names.get(h.bureau_division_code) ?? h.bureau_division_code,
    },
    deadline: h.deadline,
    requirements: h.requirements,
    handedOverAt: h.handed_over_at,
    receivedAt: h.received_at,
    feedback:
      fb && h.feedback_at
        ? { ...fb, caseNumber: fb.caseNumber ?? null, penaltyYuan: fb.penaltyYuan ?? null, at: h.feedback_at }
        : null,
    followUp:
      fu && h.followed_up_at
        ? {
            rectified: fu.rectified,
            findings: fu.findings,
            noPhotoReason: fu.noPhotoReason ?? null,
            at: h.followed_up_at,
          }
        : null,
    feedbackPhotos,
    // Overdue: past the deadline without the bureau's feedback.
    overdue: !h.feedback_at && h.deadline < today,
    contact,
  };
}
