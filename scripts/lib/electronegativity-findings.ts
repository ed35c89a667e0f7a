/**
 * Reads electronegativity's CSV report and decides which findings block CI.
 * A finding of MEDIUM severity or above blocks unless the source justifies it
 * inline, on the flagged line or in the comment lines right above it:
 *
 *   // electronegativity-justified CHECK_ID: why this is safe here
 *
 * Findings without a file (global checks) are justified by the same comment
 * anywhere in the scanned sources. The reason is required.
 */
export const BLOCKING_SEVERITIES = ['MEDIUM', 'HIGH', 'CRITICAL'] as const;

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  /** Path relative to the scanned root, or null for global checks. */
  file: string | null;
  line: number;
  sample: string;
  description: string;
}

/** Splits one CSV line, honouring double quotes and doubled quotes inside them. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

export function parseFindingsCsv(csv: string): Finding[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (!header?.startsWith('issue')) throw new Error(`not an electronegativity CSV report (header: ${JSON.stringify(header)})`);
  return lines.map((line) => {
    const [check = '', severity = '', confidence = '', file = '', location = '0:0', sample = '', description = ''] = splitCsvLine(line);
    return {
      check,
      severity: severity.toUpperCase(),
      confidence,
      file: file === 'N/A' || file === '' ? null : file,
      line: Number.parseInt(location.split(':')[0] ?? '0', 10) || 0,
      sample,
      description,
    };
  });
}

const JUSTIFICATION = /electronegativity-justified\s+([A-Z0-9_]+)\s*:\s*(\S.{5,})/;

function justifies(text: string, check: string): boolean {
  const match = JUSTIFICATION.exec(text);
  return !!match && match[1] === check;
}

/** True when the flagged line or the contiguous comment lines above it justify the check. */
export function isJustifiedAt(source: string, line: number, check: string): boolean {
  const lines = source.split(/\r?\n/);
  const index = line - 1;
  if (index < 0 || index >= lines.length) return false;
  if (justifies(lines[index]!, check)) return true;
  for (let i = index - 1; i >= 0; i--) {
    const text = lines[i]!.trim();
    if (!(text.startsWith('//') || text.startsWith('*') || text.startsWith('/*') || text.startsWith('<!--'))) break;
    if (justifies(text, check)) return true;
  }
  return false;
}

export interface GateResult {
  blocking: Finding[];
  justified: Finding[];
  ignored: Finding[];
}

/** `readSource(file)` returns a scanned file's text; `allSources` are searched for global justifications. */
export function gate(findings: Finding[], readSource: (file: string) => string, allSources: () => string[]): GateResult {
  const result: GateResult = { blocking: [], justified: [], ignored: [] };
  for (const finding of findings) {
    if (!(BLOCKING_SEVERITIES as readonly string[]).includes(finding.severity)) {
      result.ignored.push(finding);
      continue;
    }
    const ok = finding.file
      ? isJustifiedAt(readSource(finding.file), finding.line, finding.check)
      : allSources().some((text) => text.split(/\r?\n/).some((line) => justifies(line, finding.check)));
    (ok ? result.justified : result.blocking).push(finding);
  }
  return result;
}

export function describeFinding(f: Finding): string {
  return `${f.severity} ${f.check} at ${f.file ?? '(global)'}${f.file ? `:${f.line}` : ''}: ${f.description}${f.sample && f.sample !== 'N/A' ? `\n    ${f.sample}` : ''}`;
}
