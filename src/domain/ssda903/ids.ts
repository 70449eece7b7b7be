// The SSDA903 child identifier (the CHILD column). The DfE's SSDA903 guidance gives it as a code of
// up to 10 letters and digits. This bot takes the CHILD id to be the child's case reference (see
// services/episodes.ts), and councils' case references often carry a hyphen (CR-1001 in examples/),
// so a hyphen inside the id is accepted too. Anything else (a name typed into the wrong column, a
// spreadsheet formula, a pasted paragraph) is a row problem, never a stored child.

export const CHILD_ID_MAX_LENGTH = 10;
const CHILD_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** Why `id` is not a CHILD id, or null when it is one. */
export function childIdProblem(id: string): string | null {
  if (id.length > CHILD_ID_MAX_LENGTH) return `CHILD ${shown(id)} is longer than ${CHILD_ID_MAX_LENGTH} characters`;
  if (!CHILD_ID.test(id)) return `CHILD ${shown(id)} may hold only letters, digits and a hyphen between them`;
  return null;
}

/** The id as it can be printed in a report: quoted, cut short, control characters shown as \u escapes. */
function shown(id: string): string {
  const cut = id.length > 20 ? `${id.slice(0, 20)}...` : id;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
