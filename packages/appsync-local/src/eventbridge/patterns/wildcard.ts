// The `wildcard` operator: `*` matches any run of characters (also none); `\*` is a literal
// asterisk and `\\` a literal backslash. EventBridge refuses consecutive `*` and any other escape.
import { invalidPattern } from '../errors.ts';

export function compileWildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*') {
      if (pattern[i + 1] === '*') throw invalidPattern(`Consecutive wildcard characters at pos ${i}`);
      source += '.*';
    } else if (char === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') throw invalidPattern(`Invalid escape character at pos ${i}`);
      source += escapeRegExp(next);
      i++;
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
