// Reads and validates the mapping file (config/mapping.yaml); cheap enough to call on every activity attempt.
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { MappingConfigError, parseMappingConfig, type MappingConfig } from '../mapping/config';

interface CachedMapping {
  mtimeMs: number;
  size: number;
  config: MappingConfig;
}

// Keyed by path and invalidated by mtime + size, so an admin's edit is picked up by the next attempt
// without re-parsing an unchanged file on every call. Failures are never cached.
const cache = new Map<string, CachedMapping>();

/**
 * Loads the mapping file. Throws MappingConfigError naming the file and, for YAML syntax errors, the line
 * and column; for content errors, every bad key by its dotted path.
 */
export function loadMappingFile(path: string): MappingConfig {
  let mtimeMs: number;
  let size: number;
  let text: string;
  try {
    const stats = statSync(path);
    mtimeMs = stats.mtimeMs;
    size = stats.size;
    const hit = cache.get(path);
    if (hit && hit.mtimeMs === mtimeMs && hit.size === size) return hit.config;
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new MappingConfigError(path, [`cannot read the mapping file (${reason})`]);
  }

  const config = parseMappingText(text, path);
  cache.set(path, { mtimeMs, size, config });
  return config;
}

/** Parses mapping YAML from text; `source` names the file in error messages. */
export function parseMappingText(text: string, source: string): MappingConfig {
  // uniqueKeys: a cost center listed twice is an error, not a silent "last one wins".
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  if (document.errors.length > 0) {
    throw new MappingConfigError(
      source,
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return `YAML syntax error at line ${line}, column ${col}: ${firstLine(error.message)}`;
      }),
    );
  }
  return parseMappingConfig(document.toJS({ maxAliasCount: 100 }), source);
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
