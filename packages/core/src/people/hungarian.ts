/**
 * Minimum-cost assignment (Hungarian method with potentials, O(rows² · columns)). For 18
 * groups and a few dozen candidate columns that is some ten thousand steps, so the planner
 * can afford to solve it many times inside a branch-and-bound search.
 */

/**
 * For a rows × columns cost matrix with rows ≤ columns, the column assigned to each row so
 * the total cost is minimal. Deterministic: ties go to the lower column index as the
 * algorithm scans them in order.
 */
export function solveAssignment(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  if (n === 0) return [];
  const m = cost[0]!.length;
  if (m < n) throw new RangeError('assignment needs at least as many columns as rows');
  // 1-based arrays as in the textbook formulation; column 0 is the virtual start.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOf = new Int32Array(m + 1); // rowOf[j] = row (1-based) holding column j, 0 = free
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOf[j0]!;
      const row = cost[i0 - 1]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = row[j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOf[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOf[j0] = rowOf[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const assignment = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (rowOf[j]) assignment[rowOf[j]! - 1] = j - 1;
  return assignment;
}

export function assignmentCost(cost: readonly (readonly number[])[], assignment: readonly number[]): number {
  return assignment.reduce((s, j, i) => s + cost[i]![j]!, 0);
}
