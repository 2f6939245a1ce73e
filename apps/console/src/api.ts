/** The console's only way to the server: the public /v1 API, with the officer's bearer token. */

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Officer {
  id: string;
  username: string;
  role: 'ANALYST' | 'SUPERVISOR' | 'ADMIN' | 'AUDITOR';
}

export interface StoredSession {
  accessToken: string;
  expiresAt: string;
}

const STORAGE_KEY = 'cpg.console.session';

/** The token lives in memory and in sessionStorage (per tab, gone with the tab); never in a URL or a cookie. */
let current: StoredSession | null = readStored();
let onUnauthenticated: (() => void) | null = null;

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredSession;
    if (typeof parsed.accessToken !== 'string' || Date.parse(parsed.expiresAt) <= Date.now()) return null;
    return parsed;
  } catch {
    return null;
  }
}

export function storedSession(): StoredSession | null {
  return current;
}

export function setSession(session: StoredSession | null): void {
  current = session;
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
}

export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  options: { anonymous?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!options.anonymous && current) headers.authorization = `Bearer ${current.accessToken}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'network error');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = text;
  }
  if (!response.ok) {
    const error = (
      payload as { error?: { code?: string; message?: string; details?: FieldProblem[] } } | null
    )?.error;
    const apiError = new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      Array.isArray(error?.details) ? error.details : [],
    );
    if (response.status === 401 && !options.anonymous) {
      setSession(null);
      onUnauthenticated?.();
    }
    throw apiError;
  }
  return payload as T;
}

/** Downloads a file through fetch (so the token stays in a header, never in a link) and hands it to the browser. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(path, {
    headers: current ? { authorization: `Bearer ${current.accessToken}` } : {},
    credentials: 'omit',
  });
  if (!response.ok) {
    let code = `HTTP_${response.status}`;
    let message = response.statusText;
    try {
      const parsed = (await response.json()) as { error?: { code?: string; message?: string } };
      code = parsed.error?.code ?? code;
      message = parsed.error?.message ?? message;
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, code, message);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ---- API shapes the console reads (only what the /v1 API answers) ----

export interface Me {
  officer: Officer;
  permissions: string[];
  expiresAt: string;
}

export interface AlertView {
  id: string;
  dedupKey: string;
  status: string;
  type: string;
  priority: string;
  ruleId: string;
  partyKey: string | null;
  merchantId: string | null;
  riskScore: number;
  occurrences: number;
  source: string;
  slaDueAt: string;
  slaBreachedAt: string | null;
  assignee: string | null;
  disposition: string | null;
  disposedBy: string | null;
  disposedAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface ExplanationPart {
  query: string | null;
  list: string | null;
  score: number;
  method: string;
}

export interface Explanation {
  queryName: string;
  listName: string;
  nameStrength: string;
  nameScore: number;
  parts: ExplanationPart[];
  qualifiers: Array<{ field: string; effect: number; detail: string }>;
  corroborated: boolean;
}

export interface Hit {
  party: string;
  list: string;
  sourceId: string;
  primaryName: string;
  matchedName: string;
  score: number;
  band: string;
  entryVersion?: string;
  explanation?: Explanation;
}

export interface AlertDetail extends AlertView {
  evidence: {
    transactionId?: string;
    outcome?: string;
    ruleSetVersion?: number;
    listSnapshotIds?: string[];
    reasons?: Array<{ code: string; ruleId: string; message: string }>;
    hits?: Hit[];
    [key: string]: unknown;
  } | null;
  occurrenceRefs: Array<{ ref: string; at: string }>;
  notes: Array<{ id: number; author: string; text: string; createdAt: string }>;
  dispositions: Array<{
    id: number;
    action: string;
    disposition: string;
    rationale: string | null;
    officer: string;
    createdAt: string;
  }>;
}

export interface HoldListItem {
  transactionId: string;
  status: string;
  heldAt: string;
  expiresAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  paymentStatus: string;
  amount: { value: string; currency: string };
  payerKey: string;
  merchantId: string;
  riskScore: number;
}

export interface HeldPaymentView {
  transactionId: string;
  decision: {
    decision: string;
    riskScore: number;
    reasons: Array<{ code: string; ruleId: string; message: string }>;
    screening: { listSnapshots: string[]; hits: Hit[] };
    ruleSetVersion: number;
    decidedAt: string;
  };
  paymentStatus: string;
  paymentStatusAt: string;
  hold: {
    status: string;
    heldAt: string;
    expiresAt: string;
    resolution: string | null;
    resolvedAt: string | null;
    resolvedBy?: string | null;
    rationale?: string | null;
  } | null;
  finalDecision: string;
}

export interface SearchMatch {
  list: string;
  sourceId: string;
  type: string;
  primaryName: string;
  matchedName: string;
  score: number;
  band: string;
  programmes: string[];
  explanation: Explanation;
}

export interface ListsView {
  lists: Array<{
    id: string;
    list: string;
    format: string;
    entries: number;
    names: number;
    contentHash: string;
    publishedOn: string | null;
    source: string | null;
    importedAt: string;
    importedBy: string | null;
    delta: { added: number; removed: number; changed: number } | null;
    inIndex: boolean;
  }>;
  index: { loaded: boolean; entries: number; names: number; builtAt: string | null };
}

export interface RescreenProgress {
  snapshotId: string;
  list: string;
  status: string;
  phase: string;
  deltaEntries: number;
  partiesScreened: number;
  hits: number;
  alertsRaised: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

// --- detail pages ---

export interface AlertStats {
  byStatus: Record<string, number>;
  byTypeAndPriority: Array<{ type: string; priority: string; count: number }>;
  byTypeAndAge: Array<{ type: string; age: string; count: number }>;
  slaBreached: number;
  byAge: Record<string, number>;
  queueDepth: {
    unassigned: number;
    oldestUnassignedAt: string | null;
    jobs: Array<{
      queue: string;
      waiting: number | null;
      active: number | null;
      delayed: number | null;
      failed: number | null;
    }>;
  };
  at: string;
}

export interface DecisionStats {
  minutes: number;
  from: string;
  to: string;
  perMinute: Array<{ minute: string; outcome: string; count: number }>;
  byOutcome: Record<string, number>;
}

export interface PartyPayment {
  transactionId: string;
  occurredAt: string;
  merchantId: string;
  merchantName: string | null;
  amount: { value: string; currency: string };
  payerAmount: { value: string; currency: string } | null;
  amountUsdCents: number;
  amountCnyFen: number;
  decision: string;
  status: string;
  qrType: string;
}

export interface PartyActivity {
  payerKey: string;
  firstSeenAt: string;
  periods: { day: string; month: string; year: string };
  payments: PartyPayment[];
  /** USD cents for DAY / MONTH / YEAR, CNY fen for STATIC_QR_DAY */
  limitUsage: Array<{ period: string; periodKey: string; amount: number }>;
  blocks: Array<{
    ruleId: string;
    reason: string;
    transactionId: string | null;
    createdAt: string;
    until: string | null;
    liftedAt: string | null;
  }>;
  limits: {
    tier: string;
    kycLevel: string | null;
    fromTransactionId: string;
    ruleSetVersion: number;
    perPayment: number;
    daily: number;
    monthly: number;
    annual: number;
    staticQrDaily: number | null;
  } | null;
}

export interface ListEntryRecord {
  snapshotId: string;
  entryVersion: string;
  importedAt: string;
  entry: {
    list: string;
    sourceId: string;
    type: string;
    names: Array<{ full: string; strength: string; originalScript?: boolean; language?: string }>;
    datesOfBirth: Array<{ kind: string; from: string; to: string; text?: string }>;
    nationalities: string[];
    identifiers: Array<{ type: string; number: string; country?: string; text?: string }>;
    addresses: Array<{ text: string; city?: string; country?: string }>;
    programmes: string[];
    gender?: string;
    remarks?: string;
    listedOn?: string;
  };
}

export function partyActivity(payerKey: string): Promise<PartyActivity> {
  return api<PartyActivity>('GET', `/v1/parties/${encodeURIComponent(payerKey)}`);
}

export interface MerchantOutcomeTotals {
  count: number;
  amountUsdCents: number;
  amountCnyFen: number;
}

export interface MerchantActivity {
  merchantId: string;
  profile: {
    name: string | null;
    mcc: string | null;
    city: string | null;
    country: string | null;
    fromTransactionId: string;
  } | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  window: { days: number; from: string };
  /** newest first, at most 200: `truncated` says when the window holds more (the totals count them all) */
  payments: Array<{
    transactionId: string;
    occurredAt: string;
    decidedAt: string | null;
    payerKey: string;
    amount: { value: string; currency: string };
    payerAmount: { value: string; currency: string } | null;
    amountUsdCents: number;
    amountCnyFen: number;
    decision: string;
    status: string;
    hold: string | null;
    qrType: string;
  }>;
  truncated: boolean;
  totals: MerchantOutcomeTotals & { byOutcome: Record<string, MerchantOutcomeTotals> };
  openAlerts: { total: number; aboutMerchant: number };
}

export function merchantActivity(merchantId: string): Promise<MerchantActivity> {
  return api<MerchantActivity>('GET', `/v1/merchants/${encodeURIComponent(merchantId)}`);
}

export function listEntryRecord(list: string, sourceId: string): Promise<ListEntryRecord> {
  return api<ListEntryRecord>(
    'GET',
    `/v1/lists/${encodeURIComponent(list)}/entries/${encodeURIComponent(sourceId)}`,
  );
}

// --- admin pages ---

export interface OfficerAccount {
  id: string;
  username: string;
  role: Officer['role'];
  createdAt: string;
  createdBy: string;
  disabledAt: string | null;
  lockedUntil: string | null;
  failedAttempts: number;
  lastSeenAt: string | null;
}

export interface VersionRow<T> {
  version: number;
  createdAt: string;
  createdBy: string;
  note: string | null;
  definition: T;
}

export interface ReportSchedule {
  name: string;
  type: string;
  cron: string;
  timezone: string;
  enabled: boolean;
  updatedAt: string;
  updatedBy: string;
  scheduled: boolean;
  nextRunAt: string | null;
}

export interface ListSource {
  list: string;
  format: string;
  location: string;
  schedule: string | null;
  enabled: boolean;
  demo: boolean;
  note: string | null;
}

export interface ListImportResult {
  status: 'ACTIVATED' | 'UNCHANGED';
  snapshotId: string;
  list: string;
  contentHash: string;
  entries: number;
  names: number;
  delta: { added: number; removed: number; changed: number };
  warnings: number;
}

export const LIST_FORMATS = [
  'simple-csv',
  'un-xml',
  'eu-fsf-xml',
  'uk-hmt-csv',
  'us-csl-csv',
  'ofac-sdn-csv',
  'ofac-cons-csv',
  'ofac-enhanced-xml',
] as const;

/** Same bound as the API (LIST_UPLOAD_MAX_BYTES): checked here too, so a big file is refused before it is sent. */
export const LIST_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** A file's bytes as base64, for JSON bodies. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

// --- admin pages (list refresh jobs) ---

export interface RefreshJob {
  jobId: string;
  list: string;
  format: string | null;
  state: string;
  attemptsMade: number;
  attempts: number;
  failedReason: string | null;
  result: Record<string, unknown> | null;
  requestedAt: string;
  finishedAt: string | null;
}
