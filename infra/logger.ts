// Process-wide pino logger factory whose redaction keeps credentials and payment/identity data out of logs.
import { pino, type DestinationStream, type Logger as PinoLogger, type LevelWithSilent } from 'pino';

export type Logger = PinoLogger;

export const REDACTED = '[REDACTED]';

/**
 * Keys that never reach a log line, whatever object they sit in. Both the API spellings
 * (hyphenated Coupa, snake OAuth, PascalCase Workday SOAP) and our camelCase ones are listed,
 * because log objects are often raw payloads.
 */
export const SENSITIVE_KEYS: readonly string[] = [
  // credentials
  'authorization',
  'Authorization',
  'proxy-authorization',
  'x-coupa-api-key',
  'X-COUPA-API-KEY',
  'cookie',
  'set-cookie',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'id_token',
  'idToken',
  'token',
  'client_secret',
  'clientSecret',
  'password',
  'Password',
  'passwd',
  'secret',
  'apiKey',
  'api_key',
  // bank details
  'bank-account-number',
  'bank_account_number',
  'bankAccountNumber',
  'Bank_Account_Number',
  'account-number',
  'accountNumber',
  'iban',
  'IBAN',
  'iban-number',
  'ibanNumber',
  'bank-routing-number',
  'bank_routing_number',
  'bankRoutingNumber',
  'routing-number',
  'routingNumber',
  'Routing_Transit_Number',
  // tax and national identifiers
  'tax-id',
  'tax_id',
  'taxId',
  'Tax_ID',
  'Tax_ID_Text',
  'national-id',
  'national_id',
  'nationalId',
  'National_ID',
  'nationalIdentifier',
  'ssn',
  'SSN',
];

/** How deep below the log object's root a sensitive key is still found (headers sit at depth 2). */
const REDACT_DEPTH = 4;

function keySegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

/** Wildcard paths for every sensitive key at depths 0..REDACT_DEPTH. */
export function redactPaths(keys: readonly string[] = SENSITIVE_KEYS, depth = REDACT_DEPTH): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    for (let level = 0; level <= depth; level++) {
      const prefix = Array.from({ length: level }, () => '*').join('.');
      const segment = keySegment(key);
      if (prefix === '') paths.push(segment.startsWith('.') ? segment.slice(1) : segment);
      else paths.push(`${prefix}${segment}`);
    }
  }
  return paths;
}

export interface CreateLoggerOptions {
  /** Where JSON lines go (default: stdout). Tests hand in a stream to inspect the output. */
  destination?: DestinationStream;
  /** Extra fields on every line. */
  base?: Record<string, unknown>;
}

/** A JSON logger named after its component, with redaction of credentials, bank and tax data. */
export function createLogger(name: string, level: LevelWithSilent | string = 'info', options: CreateLoggerOptions = {}): Logger {
  const loggerOptions = {
    name,
    level,
    base: { pid: process.pid, ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(), censor: REDACTED },
  };
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}
