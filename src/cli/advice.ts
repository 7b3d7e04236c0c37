// Library errors name API options (`threads: 1`, `{ reuse: true }`, `(input)`); a CLI user needs the
// flags instead. This table rewrites those phrases in an error's message when the CLI prints it.
// Not handled: phrases not listed here stay as the library wrote them (tests pin the listed ones).

const FLAG_FOR_OPTION: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bthreads: 1\b/g, '-j 1'],
  [/\(\{ reuse: true \}\)/g, '(--dedup-reuse)'],
  [/\(port: 0 = any free port\)/g, '(--port 0 = any free port)'],
  [/\banother output path\b/g, 'another --output'],
  [/\(input\)/g, '(--input)'],
  [/\(fromCounts\)/g, '(--from-counts)'],
  [/\bthe same preset\b/g, 'the same --preset'],
  [/\bcounted with segment (\w+)/g, 'counted with --segment $1'],
  [/\bleave the segment mode out \(the counts files say it\)/g, 'drop --segment'],
  [/\(onError: "skip"\)/g, '(--on-error skip)'],
  [/\bset textField to the field holding the text\b/g, 'name the text field with --text-field'],
  [/\bformat: "text"/g, '--format text'],
];

/** `message` with the API options it names replaced by the CLI flags that set them. */
export function cliAdvice(message: string): string {
  let s = message;
  for (const [re, flag] of FLAG_FOR_OPTION) s = s.replace(re, flag);
  return s;
}
