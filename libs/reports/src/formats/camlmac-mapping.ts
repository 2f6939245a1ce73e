/**
 * THE mapping of the CAMLMAC-style PHTR (large-value) and PSTR (suspicious) XML for payment institutions.
 *
 * The official CAMLMAC interface specification is not public: this is the project's reconstruction from the
 * public description (DOMAIN.md: RBIF header; CATI/CTIF subjects; TSDT/STIF transactions with TSIF payment,
 * TCIF counterparty, ATIF account; `@I` for information unavailable; GB18030). Every element code, its meaning
 * and its source field is here and in docs/report-formats.md, so that it can be corrected against the real
 * specification in one place; a correction is a new MAPPING_VERSION (recorded with every stored output).
 */
export const CAMLMAC_MAPPING_VERSION = 'cpg-camlmac/1';

/** Written where a value is required but not known (CAMLMAC convention). */
export const INFORMATION_UNAVAILABLE = '@I';

export interface ElementMapping {
  meaning: string;
  /** the canonical report model field it comes from */
  source: string;
  /** value format */
  format: string;
}

export const CAMLMAC_ELEMENTS = {
  // roots
  PHTR: {
    meaning: 'Payment institution large-value (大额) transaction report, root',
    source: 'report type LTR or CORRECTION',
    format: 'container',
  },
  PSTR: {
    meaning: 'Payment institution suspicious transaction report, root',
    source: 'report type STR',
    format: 'container',
  },
  // header
  RBIF: {
    meaning: 'Report basic information (报告基本信息)',
    source: 'report',
    format: 'container, exactly one',
  },
  RINM: {
    meaning: 'Reporting institution name (报告机构名称)',
    source: 'report_rules.definition.reportingInstitution.name',
    format: 'text ≤ 128',
  },
  FICD: {
    meaning: 'Reporting institution code (报告机构编码)',
    source: 'reportingInstitution.code',
    format: 'text',
  },
  FIRC: {
    meaning: 'Reporting institution region code (报告机构所在地区编码)',
    source: 'reportingInstitution.regionCode',
    format: 'GB/T 2260, 6 digits',
  },
  RPNM: { meaning: 'Report number (报告编号)', source: 'reports.id', format: 'uuid' },
  RPDT: {
    meaning: 'Report generation date (报告生成日期)',
    source: 'content.generatedAt (Beijing date)',
    format: 'YYYYMMDD',
  },
  HTDT: {
    meaning: 'Large-value transaction date (大额交易发生日期)',
    source: 'content.period',
    format: 'YYYYMMDD',
  },
  DUDT: {
    meaning: 'Filing deadline (报送截止日期), 5 working days',
    source: 'content.dueOn',
    format: 'YYYYMMDD',
  },
  RPTP: { meaning: 'Report kind: N new, C correction (报告类型)', source: 'report type', format: 'N | C' },
  ORPN: {
    meaning: 'Original report number corrected (原报告编号)',
    source: 'content.correctsReportId',
    format: 'uuid or @I',
  },
  RLVN: { meaning: 'Report rule version (规则版本)', source: 'content.ruleVersion', format: 'integer' },
  FXVN: {
    meaning: 'FX table version used for equivalents (汇率表版本)',
    source: 'content.fxVersion',
    format: 'integer',
  },
  CTNU: {
    meaning: 'Number of subjects in the report (客户总数)',
    source: 'count of CATI',
    format: 'integer',
  },
  TTNU: {
    meaning: 'Number of transactions in the report (交易总数)',
    source: 'count of STIF',
    format: 'integer',
  },
  SCDT: {
    meaning: 'Date suspicion was confirmed (可疑确认日期)',
    source: 'content.suspicionConfirmedOn',
    format: 'YYYYMMDD',
  },
  DETR: {
    meaning: 'Urgency (紧急程度): 01 normal, 02 immediate (sanctions/terrorist list)',
    source: 'content.immediate',
    format: '01 | 02',
  },
  TORP: { meaning: 'Filing count (报送次数标志): 1 first filing', source: 'constant 1', format: 'integer' },
  CSNO: { meaning: 'Case number (案件编号)', source: 'content.caseId', format: 'text' },
  // subjects
  CATI: {
    meaning: 'One reported customer (subject) with its transactions (客户及交易)',
    source: 'entry / STR subject',
    format: 'container, repeated',
  },
  CTIF: { meaning: 'Customer information (客户信息)', source: 'entry.subject', format: 'container' },
  CTNM: { meaning: 'Customer name (客户名称/姓名)', source: 'subject.name', format: 'text' },
  CTON: {
    meaning: 'Customer name in original script (客户原文姓名)',
    source: 'subject.nameOriginalScript',
    format: 'text or @I',
  },
  CTTP: {
    meaning: 'Customer type (客户类型): 01 natural person, 02 non-natural person',
    source: 'subject.kind',
    format: '01 | 02',
  },
  CITP: {
    meaning: 'ID type (身份证件/证明文件类型)',
    source: 'subject.idDocument.type via ID_TYPE_CODES',
    format: '6 digits or @I',
  },
  CTID: {
    meaning: 'ID number (身份证件/证明文件号码)',
    source: 'subject.idDocument.number; merchant id for merchants',
    format: 'text or @I',
  },
  CTNT: {
    meaning: 'Nationality / country (国籍/国别)',
    source: 'subject.nationality (persons), subject.country (organisations)',
    format: 'ISO 3166-1 alpha-3 or @I',
  },
  CTBD: { meaning: 'Date of birth (出生日期)', source: 'subject.dateOfBirth', format: 'YYYYMMDD or @I' },
  CTAR: {
    meaning: 'Address / region (住址或经营地址)',
    source: 'subject.city + country, residence country for payers',
    format: 'text or @I',
  },
  CTVC: {
    meaning: 'Occupation or industry (职业或行业): MCC for merchants',
    source: 'subject.mcc',
    format: 'text or @I',
  },
  CTLR: {
    meaning: 'Legal representative (法定代表人)',
    source: 'subject.legalRepresentative',
    format: 'text or @I',
  },
  // large-value characteristics
  HTCR: {
    meaning: 'Large-value characteristics of the subject (大额交易特征)',
    source: 'entry',
    format: 'container',
  },
  CRCD: {
    meaning: 'Large-value characteristic code (大额交易特征代码)',
    source: 'entry.thresholdKind via CRITERION_CODES',
    format: '4 digits',
  },
  CRBS: {
    meaning: 'Basis met: single/cumulative, CNY/USD (触发依据)',
    source: 'entry.criteria',
    format: 'comma-separated',
  },
  TTCN: {
    meaning: 'Transactions counted (累计笔数)',
    source: 'entry.transactions.length',
    format: 'integer',
  },
  TCNY: { meaning: 'Total CNY equivalent (折人民币合计)', source: 'entry.totalCnyFen', format: 'decimal 2' },
  TUSD: { meaning: 'Total USD equivalent (折美元合计)', source: 'entry.totalUsdCents', format: 'decimal 2' },
  CRAC: {
    meaning: 'Correction action (纠正类型): A amend, W withdraw',
    source: 'correction entry.action',
    format: 'A | W',
  },
  // suspicion
  STCR: {
    meaning: 'Suspicious characteristic (可疑交易特征), repeated',
    source: 'content.indicators[]',
    format: 'container',
  },
  SSCD: {
    meaning: 'Suspicious characteristic code (可疑特征代码)',
    source: 'indicator.code',
    format: 'text',
  },
  SSDS: {
    meaning: 'Suspicious characteristic description (可疑特征描述)',
    source: 'indicator.description',
    format: 'text',
  },
  AOSP: {
    meaning: 'Analysis of the suspicion: officer narrative (疑点分析)',
    source: 'content.narrative',
    format: 'text',
  },
  TKMS: { meaning: 'Measures taken (采取措施)', source: 'content.actionTaken', format: 'text or @I' },
  // transactions
  TSDT: {
    meaning: 'Transaction details of the subject (交易明细)',
    source: 'entry.transactions',
    format: 'container',
  },
  STIF: { meaning: 'One transaction (单笔交易)', source: 'transaction', format: 'container, repeated' },
  TSIF: { meaning: 'Payment information (交易信息)', source: 'transaction', format: 'container' },
  TICD: {
    meaning: 'Business identifier, CPG transaction id (业务标识号)',
    source: 'transaction.transactionId',
    format: 'text',
  },
  TSTM: {
    meaning: 'Transaction time, Beijing (交易时间)',
    source: 'transaction.occurredAt',
    format: 'YYYYMMDDHHMMSS',
  },
  TSST: {
    meaning: 'Payment status (交易状态)',
    source: 'transaction.status',
    format: 'SETTLED | DECLINED | …',
  },
  TRCD: {
    meaning: 'Place of transaction (交易发生地)',
    source: 'merchant city + country',
    format: 'text or @I',
  },
  TSDR: {
    meaning: 'Funds direction for the subject (资金收付标志): 01 received, 02 paid',
    source: 'entry.direction',
    format: '01 | 02',
  },
  TSTP: {
    meaning: 'Transaction method (交易方式): cross-border QR payment',
    source: 'transaction.qrType',
    format: 'QR-DYNAMIC | QR-STATIC',
  },
  CRPP: {
    meaning: 'Purpose of funds (资金用途): purchase of goods and services',
    source: 'constant',
    format: 'text',
  },
  CRTP: {
    meaning: 'Transaction currency, merchant leg (交易币种)',
    source: 'transaction.amount.currency',
    format: 'ISO 4217',
  },
  CRAT: {
    meaning: 'Transaction amount, merchant leg (交易金额)',
    source: 'transaction.amount.value',
    format: 'decimal 2',
  },
  PYTP: {
    meaning: 'Payer leg currency (付款方币种)',
    source: 'transaction.payerAmount.currency',
    format: 'ISO 4217 or @I',
  },
  PYAT: {
    meaning: 'Payer leg amount (付款方金额)',
    source: 'transaction.payerAmount.value',
    format: 'decimal or @I',
  },
  CNYA: { meaning: 'CNY equivalent (折人民币金额)', source: 'transaction.cnyFen', format: 'decimal 2' },
  USDA: { meaning: 'USD equivalent (折美元金额)', source: 'transaction.usdCents', format: 'decimal 2' },
  OCEC: {
    meaning: 'Device identifier of a non-counter transaction (设备代码)',
    source: 'payer.deviceId',
    format: 'text or @I',
  },
  TSIP: { meaning: 'IP address of the payer (交易IP地址)', source: 'payer.ipAddress', format: 'text or @I' },
  TCIF: {
    meaning: 'Counterparty information (交易对手信息)',
    source: 'the other party of the transaction',
    format: 'container',
  },
  TCNM: { meaning: 'Counterparty name (交易对手名称/姓名)', source: 'counterparty.name', format: 'text' },
  TCTP: {
    meaning: 'Counterparty type: 01 natural person, 02 non-natural person',
    source: 'counterparty.kind',
    format: '01 | 02',
  },
  TCIT: {
    meaning: 'Counterparty ID type (交易对手证件类型)',
    source: 'counterparty.idDocument.type',
    format: '6 digits or @I',
  },
  TCID: {
    meaning: 'Counterparty ID number (交易对手证件号码)',
    source: 'counterparty.idDocument.number / merchant id',
    format: 'text or @I',
  },
  TCNT: {
    meaning: 'Counterparty country (交易对手国别)',
    source: 'counterparty.nationality / country',
    format: 'alpha-3 or @I',
  },
  TCAC: {
    meaning: 'Counterparty account (交易对手账号)',
    source: 'wallet account id / merchant id',
    format: 'text or @I',
  },
  TCMC: {
    meaning: 'Counterparty merchant category code (商户类别码)',
    source: 'counterparty.mcc',
    format: '4 digits or @I',
  },
  ATIF: {
    meaning: "Account information of the subject's side (账户信息)",
    source: 'subject wallet account / merchant account',
    format: 'container',
  },
  CATP: {
    meaning: 'Account type (账户类型): 01 foreign e-wallet account, 02 merchant collection account',
    source: 'subject role',
    format: '01 | 02',
  },
  CTAC: {
    meaning: 'Account number (账号)',
    source: 'payer walletAccountId / merchant id',
    format: 'text or @I',
  },
  ACIS: {
    meaning: 'Account issuer: wallet provider or CPG (账户发行机构)',
    source: 'payer walletProvider / "CPG"',
    format: 'text or @I',
  },
} as const satisfies Record<string, ElementMapping>;

export type CamlmacCode = keyof typeof CAMLMAC_ELEMENTS;

/** ID document types → CAMLMAC ID type codes (to verify against the official code list). */
export const ID_TYPE_CODES: Record<string, string> = {
  PASSPORT: '110023',
  NATIONAL_ID: '119999',
  RESIDENCE_PERMIT: '110025',
  DRIVING_LICENCE: '119999',
  OTHER: '119999',
  MERCHANT_ID: '619999',
};

/** Large-value characteristic codes: PBOC Order [2016] No. 3, art. 5 items (2)–(4). */
export const CRITERION_CODES: Record<string, string> = {
  NON_NATURAL_PERSON: '0502',
  NATURAL_PERSON_DOMESTIC: '0503',
  NATURAL_PERSON_CROSS_BORDER: '0504',
};
