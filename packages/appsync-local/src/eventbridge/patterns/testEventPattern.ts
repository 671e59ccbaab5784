// AWS's TestEventPattern in process: does this pattern match this event? An invalid pattern
// throws InvalidEventPatternException, as PutRule would.
import { compilePattern } from './compile.ts';
import { matchesPattern } from './match.ts';

export function testEventPattern(eventPattern: Readonly<Record<string, unknown>>, event: unknown): boolean {
  return matchesPattern(compilePattern(eventPattern), event);
}
