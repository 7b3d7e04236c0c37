// E-mail addresses → `email`: ASCII local part, dotted ASCII domain with a 2-24 letter TLD. An
// address may follow a sentence's full stop directly ("드릴께요.joon@naver.com").
// Not handled: internationalised (Hangul) domains, quoted local parts, obfuscated forms such as
// "abc 골뱅이 naver.com" or "abc(at)naver.com".

import { scan, type PiiSpan } from './common.js';

const EMAIL =
  /(?<![A-Za-z0-9_%+-])(?<![A-Za-z0-9_%+-]\.)[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])(?!\.[A-Za-z0-9])/g;

export function findEmail(text: string, out: PiiSpan[]): void {
  if (!text.includes('@')) return;
  scan(EMAIL, text, (m) => ({ start: m.index, end: m.index + m[0].length, kind: 'email' }), out);
}
