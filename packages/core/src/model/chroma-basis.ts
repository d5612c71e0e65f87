/**
 * An orthonormal basis (in RGB units) of the chroma plane 0.21 r + 0.72 g + 0.07 b = 0: the
 * offsets from (gray, gray, gray) that leave the gray unchanged. E1 runs red to green, E2 runs
 * yellow to blue. Any colour of gray y is (y, y, y) + u E1 + v E2 for one (u, v).
 */
const N = [0.21, 0.72, 0.07];

function normalize(v: number[]): [number, number, number] {
  const l = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / l, v[1] / l, v[2] / l];
}

function cross(a: readonly number[], b: readonly number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export const E1: readonly [number, number, number] = normalize(cross(N, [0, 0, 1]));
export const E2: readonly [number, number, number] = normalize(cross(N, E1));
