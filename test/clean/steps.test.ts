// Each cleaning step on hand-written Korean examples, switched on alone through the public
// Cleaner, plus the drop steps, the option validation and the report counts.

import { describe, expect, it } from 'vitest';
import { Cleaner, CleanOptionsError, CLEAN_STEPS, type CleanOptions, type CleanStep } from '../../src/clean/index.js';

/** A cleaner with only `step` on (and no drops unless asked). */
function only(step: CleanStep, extra: CleanOptions = {}): Cleaner {
  const steps = Object.fromEntries(CLEAN_STEPS.map((s) => [s, s === step])) as Record<CleanStep, boolean>;
  return new Cleaner({ ...extra, steps });
}
const run = (c: Cleaner, s: string) => c.cleanText(s).text;

describe('html', () => {
  const c = only('html');
  it('removes tags, keeping block boundaries as line breaks', () => {
    expect(run(c, '<p>첫 문단</p><p>둘째 <b>문단</b></p>')).toBe('\n첫 문단\n\n둘째 문단\n');
    expect(run(c, '줄<br>바꿈<br/>두 번<BR />')).toBe('줄\n바꿈\n두 번\n');
    expect(run(c, '<td>이름</td><td>나이</td>')).toBe(' 이름  나이 ');
    expect(run(c, '<a href="https://x.kr/?a=1&b=2" title=\'링크 > 예\'>링크</a>')).toBe('링크');
  });
  it('drops comments, script and style bodies', () => {
    expect(run(c, '앞<!-- 주석 <b> -->뒤')).toBe('앞뒤');
    expect(run(c, '본문<script type="text/javascript">var a = "<b>";</script>끝')).toBe('본문끝');
    expect(run(c, '<SPAN CLASS="x">대문자</SPAN><o:p></o:p><my-widget a="1">맞춤</my-widget>')).toBe('대문자맞춤');
    expect(run(c, '<style>p { color: red; }</style>내용')).toBe('내용');
  });
  it('decodes entities, repeatedly when escaped twice', () => {
    expect(run(c, '김&amp;이 &lt;공동&gt; &quot;발표&quot; &#44032;&#xAC01; &middot; &hellip;')).toBe('김&이 <공동> "발표" 가각 · …');
    expect(run(c, '&amp;lt;b&amp;gt;굵게&amp;lt;/b&amp;gt;')).toBe('굵게');
    expect(run(c, '&nbsp;')).toBe('\u00a0');
  });
  it('keeps what is not markup', () => {
    for (const s of ['a < b 이고 c > d', '사랑해요 <3', '<개정 2008. 2. 29.>', '&unknown; &#0; &#xD800; AT&T', '[별첨 1](공동이행방식)', '[위 (1)항 제17조와 동일](3)', '#해시태그', '1 * 2 * 3',
      '삽입곡 <Bad Girl> 강민국 작곡', '<For Paul> 그리고', '영화 <Big>을 봤다', '(mist****) kimd**** 토레스(torr****)',
      '~~~전설의 시작~~~', '자는 (__)(__)(__)', '재밌었어~~ **^^**', '`사랑은 이렇게 하는것이다` 라는 걸', "I hadn`t seen him"]) {
      expect(run(c, s), s).toBe(s);
    }
  });
  it('removes Markdown markup around text', () => {
    expect(run(c, '# 제목\n## 소제목\n본문 **강조**와 __굵게__ `인용`')).toBe('제목\n소제목\n본문 강조와 굵게 `인용`');
    expect(run(c, '[네이버](https://www.naver.com) ![그림](img/a.png "설명")')).toBe('네이버 그림');
    expect(run(c, '| 이름 | 나이 |\n|---|:---:|\n| 김 | 3 |')).toBe('| 이름 | 나이 |\n\n| 김 | 3 |');
    expect(run(c, '위\n---\n```js\n코드\n```\n아래')).toBe('위\n\n\n코드\n\n아래');
  });
});

describe('whitespace', () => {
  const c = only('whitespace');
  it('collapses spaces and tabs, trims lines, keeps line and paragraph breaks', () => {
    expect(run(c, '  안녕   하세요\t\t반갑습니다  ')).toBe('안녕 하세요 반갑습니다');
    expect(run(c, '첫 줄  \n  둘째 줄\r\n셋째\r넷째')).toBe('첫 줄\n둘째 줄\n셋째\n넷째');
    expect(run(c, '문단 하나\n\n\n\n문단 둘\n\n문단 셋\n\n')).toBe('문단 하나\n\n문단 둘\n\n문단 셋');
    expect(run(c, '전각\u3000공백\u00a0과 nbsp')).toBe('전각 공백 과 nbsp');
  });
  it('honours maxBlankLines and lineBreaks', () => {
    expect(run(only('whitespace', { maxBlankLines: 0 }), 'a\n\n\nb')).toBe('a\nb');
    expect(run(only('whitespace', { maxBlankLines: 2 }), 'a\n\n\n\n\nb')).toBe('a\n\n\nb');
    expect(run(only('whitespace', { lineBreaks: 'space' }), '한 줄\n\n다음 줄')).toBe('한 줄 다음 줄');
  });
});

describe('repeat', () => {
  it('cuts runs longer than maxRepeat, but never digits or whitespace', () => {
    const c = only('repeat');
    expect(run(c, 'ㅋㅋㅋㅋㅋㅋㅋ 최고!!!!!!! ㅠㅠㅠㅠ....... ~~~~~~')).toBe('ㅋㅋㅋ 최고!!! ㅠㅠㅠ... ~~~');
    expect(run(c, 'ㅋㅋㅋ 좋아요!!! 1000000원 0000')).toBe('ㅋㅋㅋ 좋아요!!! 1000000원 0000');
    expect(run(c, '😂😂😂😂😂 와아아아아아')).toBe('😂😂😂 와아아아');
    expect(run(only('repeat', { maxRepeat: 1 }), 'ㅋㅋㅋ!!')).toBe('ㅋ!');
    expect(run(only('repeat', { maxRepeat: 5 }), 'ㅋㅋㅋㅋㅋㅋㅋ')).toBe('ㅋㅋㅋㅋㅋ');
  });
  it('never cuts into a mask token next to a run', () => {
    const c = new Cleaner({ steps: { dedup: false, short: false, fragment: false } });
    expect(c.cleanText('<<<<<010-1234-5678>>>>>').text).toBe('<<<<|tel|>>>>');
    expect(c.cleanText('<<<<|tel|>>>>').text).toBe('<<<<|tel|>>>>');
  });
});

describe('fragment and short', () => {
  it('drops documents that are mostly markup or code symbols', () => {
    const c = only('fragment');
    for (const s of ['}}}', '{{#each}}{{/each}}', '<<<>>>', '||||||', '=== // ===', '@#$%&', '//.//.//']) {
      expect(c.cleanText(s).droppedBy, s).toBe('fragment');
    }
    for (const s of ['잼있어요^^;;', '최고 ★★★★★', '타워링>>>넘사벽>>>>짝퉁 타워', '[1] 민법 제806조', 'a = b 라는 식', '010 <|tel|>']) {
      expect(c.cleanText(s).text, s).toBe(s);
    }
  });
  it('drops empty and short documents by non-space characters, a token counting as one', () => {
    const c = only('short', { minChars: 5 });
    for (const s of ['', '   ', '굿', '최 고 다 !', '<|tel|>']) expect(c.cleanText(s).droppedBy, JSON.stringify(s)).toBe('short');
    for (const s of ['정말 최고다', '12345', '전화번호 <|tel|>']) expect(c.cleanText(s).text, s).toBe(s);
    expect(c.report.emptyDropped).toBe(2);
    expect(only('short', { minChars: 0 }).cleanText('').droppedBy).toBe('short');
    expect(only('short', { minChars: 0 }).cleanText('굿').text).toBe('굿');
  });
});

describe('dedup', () => {
  it('drops exact repeats of the cleaned text across the stream', () => {
    const c = new Cleaner();
    const docs = ['같은 문장입니다.', '같은   문장입니다.', '다른 문장입니다.', '같은 문장입니다.  ', '같은 문장입니다'];
    expect(docs.map((d) => c.cleanText(d).droppedBy)).toEqual([null, 'dedup', null, 'dedup', null]);
    expect(c.report.steps.dedup.dropped).toBe(2);
  });
});

describe('options and report', () => {
  it('rejects bad options with the option name', () => {
    expect(() => new Cleaner({ maxRepeat: 0 })).toThrow(CleanOptionsError);
    expect(() => new Cleaner({ minChars: -1 })).toThrow(/minChars/);
    expect(() => new Cleaner({ maxSymbolRatio: 2 })).toThrow(/maxSymbolRatio/);
    expect(() => new Cleaner({ steps: { nope: true } as never })).toThrow(/steps.nope/);
    expect(() => new Cleaner({ piiTokens: { tel: '<|tel 1|>' } })).toThrow(/piiTokens.tel/);
    expect(() => new Cleaner({ piiTokens: { tel: '' } })).toThrow(CleanOptionsError);
    expect(() => new Cleaner({ steps: { html: 'no' as never } })).toThrow(/steps.html/);
    // undefined keeps the default instead of switching a step off
    expect(new Cleaner({ steps: { dedup: undefined }, pii: { tel: undefined } }).options.steps.dedup).toBe(true);
    expect(new Cleaner({ pii: { tel: undefined } }).options.pii.tel).toBe(true);
  });
  it('counts changes per step, drops per step and PII spans per kind', () => {
    const c = new Cleaner();
    const docs = [
      '<b>연락처</b>   010-1234-5678 ㅋㅋㅋㅋㅋ',
      '메일 a@b.co 와 카드 4111-1111-1111-1111',
      '굿',
      '{}{}{}{}',
      '평범한 문장입니다.',
      '평범한 문장입니다.',
    ];
    for (const d of docs) c.cleanText(d);
    const r = c.report;
    expect(r.documentsIn).toBe(6);
    expect(r.documentsOut).toBe(3);
    expect(r.steps.html.changed).toBe(1);
    expect(r.steps.whitespace.changed).toBe(1);
    expect(r.steps.repeat.changed).toBe(1);
    expect(r.steps.pii.changed).toBe(2);
    expect(r.steps.short.dropped).toBe(1);
    expect(r.steps.fragment.dropped).toBe(1);
    expect(r.steps.dedup.dropped).toBe(1);
    expect(r.pii).toEqual({ tel: 1, rrn: 0, acc: 0, card: 1, email: 1 });
  });
});
