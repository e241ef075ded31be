import { describe, expect, it } from 'vitest';
import { transitionBody } from '../schemas/problems.ts';
import { CLOSING_WITHOUT_PHOTOS, closingEvidenceProblem } from './closing.ts';

describe('closing a handed-over problem (销号)', () => {
  it('needs the bureau’s photos or a reason the group writes down', () => {
    expect(closingEvidenceProblem({ rectified: true, feedbackPhotos: 0 })).toBe(CLOSING_WITHOUT_PHOTOS);
    expect(closingEvidenceProblem({ rectified: true, feedbackPhotos: 0, noPhotoReason: '   ' })).toBe(
      CLOSING_WITHOUT_PHOTOS,
    );
    expect(closingEvidenceProblem({ rectified: true, feedbackPhotos: 0, noPhotoReason: '无' })).toBe(
      CLOSING_WITHOUT_PHOTOS,
    );
    expect(
      closingEvidenceProblem({
        rectified: true,
        feedbackPhotos: 0,
        noPhotoReason: '设施已拆除，现场核实无误',
      }),
    ).toBeNull();
    expect(closingEvidenceProblem({ rectified: true, feedbackPhotos: 2 })).toBeNull();
  });

  it('asks nothing of a follow-up that hands the problem over again', () => {
    expect(closingEvidenceProblem({ rectified: false, feedbackPhotos: 0 })).toBeNull();
  });

  it('refuses a no-photo reason on a follow-up that does not close', () => {
    const r = transitionBody.safeParse({
      action: 'follow_up',
      rectified: false,
      findings: '仍在排放',
      deadline: '2020-11-30',
      noPhotoReason: '现场无法拍照',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['noPhotoReason']);
  });
});
