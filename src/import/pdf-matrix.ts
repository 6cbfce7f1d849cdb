// A PDF's transformation matrices [a b c d e f], as its content stream sets them (cm, Tm, a form's
// /Matrix): what places a glyph or a shape on the page.
export type Matrix = [number, number, number, number, number, number];

/** m then n: the matrix that applies m, then n. */
export const times = (m: Matrix, n: Matrix): Matrix => [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** An operator's matrix argument as pdf.js gives it: six numbers, or an array holding them. */
export const matrixOf = (arg: unknown): Matrix => Array.from((Array.isArray(arg) && arg.length !== 6 ? arg[0] : arg) as ArrayLike<number>).slice(0, 6) as Matrix;
