/**
 * Case rules as pure functions: the status machine, four eyes, and what an attachment may be. Each answers an
 * allowance or a rejection with its reason; the use case turns rejections into domain errors.
 */
export type CaseStatus =
  | 'OPEN'
  | 'INVESTIGATING'
  | 'PENDING_APPROVAL'
  | 'CLOSED_CONFIRMED'
  | 'CLOSED_REFUTED'
  | 'CLOSED_INCONCLUSIVE';
export type CaseConclusion = 'CONFIRMED_SUSPICIOUS' | 'REFUTED' | 'INCONCLUSIVE';
export type CaseAction = 'investigate' | 'propose' | 'approve' | 'reject' | 'amend';

export const CASE_STATUSES: readonly CaseStatus[] = [
  'OPEN',
  'INVESTIGATING',
  'PENDING_APPROVAL',
  'CLOSED_CONFIRMED',
  'CLOSED_REFUTED',
  'CLOSED_INCONCLUSIVE',
];
export const CASE_CONCLUSIONS: readonly CaseConclusion[] = [
  'CONFIRMED_SUSPICIOUS',
  'REFUTED',
  'INCONCLUSIVE',
];

export const CLOSED_STATUS_OF: Record<CaseConclusion, CaseStatus> = {
  CONFIRMED_SUSPICIOUS: 'CLOSED_CONFIRMED',
  REFUTED: 'CLOSED_REFUTED',
  INCONCLUSIVE: 'CLOSED_INCONCLUSIVE',
};

export type Verdict<T> =
  { allowed: true; value: T } | { allowed: false; code: 'CONFLICT' | 'FORBIDDEN'; reason: string };

export function isClosed(status: CaseStatus): boolean {
  return status.startsWith('CLOSED_');
}

/**
 * OPEN → INVESTIGATING → PENDING_APPROVAL → CLOSED_CONFIRMED / CLOSED_REFUTED / CLOSED_INCONCLUSIVE; a rejected
 * proposal goes back to INVESTIGATING. Alerts, notes and attachments are added to any case not yet closed.
 */
export function nextStatus(
  current: CaseStatus,
  action: CaseAction,
  conclusion?: CaseConclusion | null,
): Verdict<CaseStatus> {
  const refuse = (reason: string): Verdict<CaseStatus> => ({ allowed: false, code: 'CONFLICT', reason });
  switch (action) {
    case 'investigate':
      return current === 'OPEN'
        ? { allowed: true, value: 'INVESTIGATING' }
        : refuse(`A ${current} case cannot become INVESTIGATING (only an OPEN one can)`);
    case 'propose':
      return current === 'INVESTIGATING'
        ? { allowed: true, value: 'PENDING_APPROVAL' }
        : refuse(`A conclusion is proposed on an INVESTIGATING case, not on a ${current} one`);
    case 'approve':
      if (current !== 'PENDING_APPROVAL' || !conclusion)
        return refuse(`Only a case PENDING_APPROVAL can be approved; this one is ${current}`);
      return { allowed: true, value: CLOSED_STATUS_OF[conclusion] };
    case 'reject':
      return current === 'PENDING_APPROVAL'
        ? { allowed: true, value: 'INVESTIGATING' }
        : refuse(`Only a case PENDING_APPROVAL can be rejected; this one is ${current}`);
    case 'amend':
      return isClosed(current)
        ? refuse(`The case is ${current}: a closed case is not changed`)
        : { allowed: true, value: current };
  }
}

/** Four eyes: the officer who approves or rejects a conclusion is not the one who proposed it. */
export function fourEyes(proposerId: string | null, approverId: string): Verdict<true> {
  if (proposerId !== null && proposerId === approverId) {
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason: 'Four eyes: the officer who proposed the conclusion cannot approve or reject it',
    };
  }
  return { allowed: true, value: true };
}

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** Allowed attachment types; binary ones must start with their format's magic number. */
const MAGIC: Record<string, number[][] | null> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'text/plain': null,
  'text/csv': null,
};
export const ATTACHMENT_CONTENT_TYPES = Object.keys(MAGIC);

export type AttachmentVerdict =
  | { allowed: true; contentType: string }
  | {
      allowed: false;
      code: 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE' | 'VALIDATION_FAILED';
      reason: string;
    };

/** Checks the declared type against the allow-list and the bytes against the type (a PNG called a PDF is refused). */
export function checkAttachment(declaredType: string, bytes: Uint8Array): AttachmentVerdict {
  const contentType = declaredType.split(';')[0].trim().toLowerCase();
  if (!(contentType in MAGIC)) {
    return {
      allowed: false,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      reason: `Content type ${contentType} is not accepted; accepted: ${ATTACHMENT_CONTENT_TYPES.join(', ')}`,
    };
  }
  if (bytes.length === 0)
    return { allowed: false, code: 'VALIDATION_FAILED', reason: 'The attachment is empty' };
  if (bytes.length > ATTACHMENT_MAX_BYTES) {
    return {
      allowed: false,
      code: 'PAYLOAD_TOO_LARGE',
      reason: `The attachment is ${bytes.length} bytes; at most ${ATTACHMENT_MAX_BYTES} are accepted`,
    };
  }
  const magic = MAGIC[contentType];
  if (magic && !magic.some((prefix) => prefix.every((byte, index) => bytes[index] === byte))) {
    return {
      allowed: false,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      reason: `The content is not ${contentType}: its first bytes do not match the format`,
    };
  }
  if (!magic) {
    const detected = Object.entries(MAGIC).find(([, prefixes]) =>
      prefixes?.some((prefix) => prefix.every((byte, index) => bytes[index] === byte)),
    );
    if (detected || bytes.includes(0))
      return {
        allowed: false,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        reason: `The content is not ${contentType}: it is binary${detected ? ` (${detected[0]})` : ''}`,
      };
  }
  return { allowed: true, contentType };
}

/** Strict base64 (standard alphabet, padded): anything else is refused rather than silently truncated. */
export function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
