// The text a PDF of pdfkit's shows, compressed or not: each content stream inflated when it is
// FlateDecode'd, then one entry per text operator (pdfkit writes the standard fonts' text as hex
// strings of WinAnsi codes, `[<…> kerning <…>] TJ` or `<…> Tj`).
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const contents: string[] = [raw];
  for (const match of raw.matchAll(/\/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      contents.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream after all (or trailing bytes): its text is not looked for
    }
  }
  const operators = contents.flatMap((content) => content.match(/\[(?:[^\]]*)\]\s*TJ|<[0-9a-fA-F]*>\s*Tj/gu) ?? []);
  return operators.map((operator) =>
    [...operator.matchAll(/<([0-9a-fA-F]*)>/gu)].map(([, hex]) => Buffer.from(hex ?? '', 'hex').toString('latin1')).join(''),
  );
}
