// Shared by the dict-*.test.ts suites: the native mecab-dict-index / mecab-ko oracle on user
// dictionaries, temp dirs, and hand-made real-looking user-dictionary lines. Suites skip loudly
// without the oracle, and fail instead when CI is set.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oracleDir } from './oracle.js';

export const oracleDic = `${oracleDir}/dic`;

export function haveDictOracle(who: string): boolean {
  if (existsSync(`${oracleDir}/mecab-dict-index`) && existsSync(`${oracleDic}/left-id.def`)) return true;
  const msg = `no native mecab-dict-index at .cache/mecab-oracle — build it with ../shared/tools/build-mecab-oracle.sh .cache/mecab-oracle`;
  if (process.env.CI) throw new Error(`${who}: ${msg}`);
  process.stderr.write(`\n*** SKIP (${who}): ${msg} ***\n\n`);
  return false;
}

export function tempDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mbbpe-dict-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Native compile of CSV files (contents) in `dir`: the .dic bytes, or the error text. */
export function nativeCompile(dir: string, csvs: (string | Uint8Array)[], out = 'native.dic'): { dic: Buffer | null; err: string } {
  const names = csvs.map((c, i) => {
    const n = join(dir, `in${i}.csv`);
    writeFileSync(n, c);
    return n;
  });
  const r = spawnSync(`${oracleDir}/mecab-dict-index`, ['-d', oracleDic, '-u', join(dir, out), '-f', 'utf-8', '-t', 'utf-8', ...names], { encoding: 'utf8' });
  if (r.status !== 0) return { dic: null, err: `${r.stdout}${r.stderr}` };
  return { dic: readFileSync(join(dir, out)), err: '' };
}

/** Native `mecab-ko -u a.dic,b.dic` output for `input`. */
export function nativeAnalyse(input: string | Uint8Array, userDics: string[], vanilla = false): Buffer {
  const args = userDics.length > 0 ? ['-u', userDics.join(',')] : [];
  return execFileSync(`${oracleDir}/${vanilla ? 'mecab-vanilla' : 'mecab-ko'}`, args, { input, maxBuffer: 1 << 30 });
}

const jong = (s: string) => {
  const c = s.codePointAt(s.length - 1)! - 0xac00;
  return c >= 0 && c < 11172 ? (c % 28 === 0 ? 'F' : 'T') : '*';
};

/**
 * Hundreds of real-looking mecab-ko-dic user-dictionary lines: proper nouns (groups, products,
 * people, places), neologisms, compounds with an expression field, inflected forms, the same
 * surface with several POS, ASCII, digits, emoji, quoted commas, very long surfaces, explicit and
 * empty ids, negative costs.
 */
export function realLookingCsv(): string {
  const names = ['뉴진스', '블랙핑크', '아이브', '르세라핌', '방탄소년단', '세븐틴', '에스파', '카카오톡', '네이버', '쿠팡', '배달의민족', '당근마켓',
    '토스뱅크', '갤럭시', '아이폰', '챗지피티', '유튜브', '넷플릭스', '손흥민', '김연아', '봉준호', '박찬욱', '이순신', '세종대왕', '판교', '성수동',
    '해운대', '제주올레', '한강공원', '남산타워', '경복궁', '광화문광장', '오징어게임', '기생충', '무한도전', '런닝맨', '흑백요리사', '눈물의여왕', '파묘', '서울의봄'];
  const words = ['갓생', '꾸안꾸', '킹받다', '스불재', '억텐', '점메추', '오운완', '중꺾마', '완내스', '알잘딱깔센', '내또출', '만반잘부', '얼죽아', '꿀잼', '노잼', '핵인싸',
    '혼밥', '혼술', '워라밸', '소확행', '가성비', '가심비', '멍때리기', '집콕', '랜선', '언택트', '메타버스', '딥러닝', '트랜스포머', '토크나이저', '형태소분석기'];
  const lines: string[] = [];
  let i = 0;
  for (const n of names) {
    const j = jong(n);
    lines.push(`${n},,,${(i++ % 7) * 150 - 300},NNP,*,${j},${n},*,*,*,*`);
    if (i % 3 === 0) lines.push(`${n},1788,${j === 'T' ? 3549 : 3548},${-1000 - i},NNP,인명,${j},${n},*,*,*,*`);
    if (i % 4 === 0) lines.push(`${n},,,${500 + i},NNG,*,${j},${n},*,*,*,*`);
  }
  for (const w of words) {
    const j = jong(w);
    lines.push(`${w},,,${i++ * 37 - 600},NNG,*,${j},${w},*,*,*,*`);
    if (w.length >= 3) {
      const a = w.slice(0, 2), b = w.slice(2);
      lines.push(`${w},,,${-i * 11},NNG,*,${j},${w},Compound,*,*,${a}/NNG/*+${b}/NNG/*`);
    }
  }
  // Inflected forms with an expression, several POS for one surface.
  for (const [s, e] of [['갔다', '가/VV/*+았/EP/*+다/EF/*'], ['먹었', '먹/VV/*+었/EP/*'], ['했어요', '하/VV/*+였/EP/*+어요/EF/*'], ['예뻤', '예쁘/VA/*+었/EP/*']] as const) {
    lines.push(`${s},,,${100 + i++},${e.includes('VA') ? 'VA' : 'VV'}+EP,*,F,${s},Inflect,${e.includes('VA') ? 'VA' : 'VV'},EP,${e}`);
    lines.push(`${s},,,${200 + i},NNG,*,F,${s},*,*,*,*`);
  }
  for (const s of ['GPT', 'ChatGPT', 'iPhone', 'K-pop', 'BTS', 'LLM', 'SaaS', 'macOS', 'x86_64', 'C++', 'node.js', 'e-mail']) lines.push(`${s},,,${i++ * 13},SL,*,*,*,*,*,*,*`);
  for (const s of ['2024', '1', '007', '3.14', '1,000']) lines.push(`${s.includes(',') ? `"${s}"` : s},,,${-50 - i++},SN,*,*,*,*,*,*,*`);
  for (const s of ['😀', '👍🏻', '🇰🇷', '❤️', '🔥🔥', '☕']) lines.push(`${s},1801,3566,${i++ * 3},SY,*,*,*,*,*,*,*`);
  lines.push('"쉼표,있는,이름",,,10,NNP,*,F,"쉼표,있는,이름",*,*,*,*');
  lines.push('"따옴표""이름""",,,20,NNP,*,F,따옴표,*,*,*,*');
  lines.push('  앞공백,,,30,NNG,*,T,앞공백,*,*,*,*');
  lines.push('대한민국만세,1786,3545,-32768,NNP,*,F,대한민국만세,*,*,*,*');
  lines.push('최대비용,1780,3533,32767,NNG,*,F,최대비용,*,*,*,*');
  lines.push('자동아이디,-1,-1,5,NNG,*,F,자동아이디,*,*,*,*');
  lines.push(`${'가나다라마바사아자차카타파하'.repeat(40)},,,0,NNG,*,F,긴단어,*,*,*,*`);
  lines.push(`${'long'.repeat(500)},,,0,SL,*,*,*,*,*,*,*`);
  lines.push(`${'뉴진스'.repeat(200)},1786,3545,-5,NNP,*,F,*,*,*,*,*`);
  // Explicit ids for a block of entries (ids of other POS, as a user copying a line might write).
  for (let k = 0; k < 60; k++) lines.push(`테스트단어${k},${(k * 97) % 2693},${(k * 131) % 3822},${k * 50 - 1500},NNG,*,F,테스트단어${k},*,*,*,*`);
  return lines.join('\n') + '\n';
}
