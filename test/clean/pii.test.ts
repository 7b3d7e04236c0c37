// PII masking: hand-written Korean examples of every kind that must be masked, and of numbers that
// must not be (dates, prices, ISBNs, order/parcel/company numbers, invalid dates and check digits).

import { describe, expect, it } from 'vitest';
import { maskPii, findPii, DEFAULT_PII_TOKENS, type PiiKind } from '../../src/clean/index.js';

const ALL: Record<PiiKind, boolean> = { tel: true, rrn: true, acc: true, card: true, email: true };
const mask = (s: string) => maskPii(s, ALL, { ...DEFAULT_PII_TOKENS }).text;

/** Every example is embedded in a sentence so boundaries are exercised on both sides. */
function expectMasked(kind: PiiKind, examples: string[]): void {
  for (const ex of examples) {
    const token = DEFAULT_PII_TOKENS[kind];
    expect(mask(`연락 정보: ${ex} 입니다.`), ex).toBe(`연락 정보: ${token} 입니다.`);
  }
}

function expectUntouched(examples: string[]): void {
  for (const ex of examples) expect(mask(ex), ex).toBe(ex);
}

describe('tel', () => {
  it('masks mobile numbers in every common spelling', () => {
    expectMasked('tel', [
      '010-1234-5678', '010.1234.5678', '010 1234 5678', '01012345678', '010 - 1234 - 5678',
      '010–9876–5432', '011-318-7092', '016 234 5678', '017-1234-5678', '018-234-5678', '019-1234-5678',
      '(010) 1234-5678', '010)1234-5678',
    ]);
  });
  it('masks landlines with every area code form and 070', () => {
    expectMasked('tel', [
      '02-2123-4567', '02-312-4567', '02)2123-4567', '(02) 2123-4567', '(02)312-4567', '0223456789',
      '031-234-5678', '032-8765-4321', '033.256.7890', '042-123-4567'.replace('123', '823'), '044-300-1234',
      '051-740-1234', '055 234 5678', '061-123-4567'.replace('123', '723'), '064-712-3456', '070-7123-4567',
    ]);
  });
  it('masks +82 and 0082 forms', () => {
    expectMasked('tel', ['+82 10-1234-5678', '+82-10-1234-5678', '+821012345678', '+82 (0)2 2123 4567', '+82-2-2123-4567', '0082-10-1234-5678', '+82 31 234 5678']);
  });
  it('masks numbers glued to Hangul', () => {
    expect(mask('전화번호는010-1234-5678입니다')).toBe('전화번호는<|tel|>입니다');
    expect(mask('연락주세요027071764')).toBe('연락주세요<|tel|>');
    expect(mask('010-1234-5678, 02-2123-4567로 연락')).toBe('<|tel|>, <|tel|>로 연락');
    expect(mask('010-1234-5678,010-2345-6789')).toBe('<|tel|>,<|tel|>');
  });
  it('leaves numbers that are not subscriber phone numbers', () => {
    expectUntouched([
      '대표번호 1588-1234', '고객센터 1577-1234로', '수신자부담 080-123-4567', '국번 없이 123-4567',
      '010-0123-4567', '012-345-6789', '02-123-4567', '031-123-4567', '035-234-5678', '010-123-4567',
      '010-1234-5678-9012', '2010-2020년', '1.010.1234.5678', 'ID01012345678', '01012345678abc',
      '1900/01/02 20000101', '10:02 2345 6789', '02 20000101', '031 2345678',
    ]);
  });
});

describe('rrn', () => {
  it('masks hyphenated numbers with a real date and gender digit 1-8', () => {
    expectMasked('rrn', [
      '900101-1234567', '900101 - 2234567', '000229-3123456', '991231-2345678', '850315-5123456',
      '030704-4123456', '120630-7123456', '900101-1******', '900101-2xxxxxx',
    ]);
  });
  it('masks 13 bare digits only with a valid check digit or a label', () => {
    // Check digit of 900101123456?: weights 2..9,2..5 sum 124, 124 % 11 = 3, (11 - 3) % 10 = 8.
    expect(mask('번호 9001011234568 확인')).toBe('번호 <|rrn|> 확인');
    expect(mask('번호 9001011234567 확인')).toBe('번호 9001011234567 확인');
    expect(mask('주민번호 9001011234567 확인')).toBe('주민번호 <|rrn|> 확인');
    expect(mask('주민등록번호: 900101 1234567')).toBe('주민등록번호: <|rrn|>');
  });
  it('leaves impossible dates, gender digits 0 and 9, and labelled company numbers', () => {
    expectUntouched([
      '900230-1234567', '901301-1234567', '900001-1234567', '900100-1234567', '900101-9234567',
      '900101-0234567', '010229-1234567', '990229-2123456', '법인등록번호 110111-1234567',
      '주문번호 900101-1234567', '900101-12345678', '1900101-1234567',
    ]);
  });
});

describe('acc', () => {
  it('masks hyphenated numbers in the formats Korean banks print', () => {
    expectMasked('acc', [
      '123456-78-901234', '123-45-6789-012', '110-123-456789', '123-45-678901', '1002-123-456789',
      '123-456789-12345', '302-1234-5678-91', '123-123456-01-012', '123-456789-123', '3333-01-1234567',
      '1000-1234-5678', '9002-12-345678-9', '508-12-123456-7',
    ]);
  });
  it('masks other groupings and bare digits after a bank word', () => {
    expect(mask('국민은행 123456789012 홍길동')).toBe('국민은행 <|acc|> 홍길동');
    expect(mask('입금 계좌: 110 123 456789')).toBe('입금 계좌: <|acc|>');
    expect(mask('예금주 홍길동 농협 3021234567891')).toBe('예금주 홍길동 농협 <|acc|>');
    expect(mask('계좌 110123456789 3만원 보냄')).toBe('계좌 <|acc|> 3만원 보냄');
  });
  it('leaves parcel, company, order numbers and dates even near a bank word', () => {
    expectUntouched([
      '운송장 6071-2345-6789', '6071-2345-6789', '사업자등록번호 123-45-67890', '123-45-67890',
      '주문번호 20230115123456', '20230115123456', '은행 가는 날 2023-01-15', '은행에서 1,500,000원 찾음',
      '우리은행 주문번호: 1002-123-456789', '2023-0115-123456', '입금일자 2015-08-21194,159원', '123456-78-901234,500원',
    ]);
  });
});

describe('card', () => {
  it('masks Luhn-valid card numbers in the usual groupings', () => {
    expectMasked('card', [
      '4111-1111-1111-1111', '4111 1111 1111 1111', '4012888888881881', '5555-5555-5555-4444',
      '5105 1051 0510 5100', '3782-822463-10005', '371449635398431', '6011-1111-1111-1117',
      '3530-1113-3330-0000', '3056-930902-5904',
    ]);
  });
  it('leaves Luhn-invalid, unknown-prefix and mixed-separator numbers', () => {
    expectUntouched(['4111-1111-1111-1112', '4111111111111112', '0000-0000-0000-0000', '1111-1111-1111-1111', '4111-1111 1111-1111']);
  });
});

describe('email', () => {
  it('masks addresses, also glued to Hangul', () => {
    expectMasked('email', ['hong.gildong@naver.com', 'a_b-c+tag@sub.example.co.kr', 'user01@gmail.com', '0114868595@naver.com']);
    expect(mask('메일은abc@daum.net으로 보내주세요')).toBe('메일은<|email|>으로 보내주세요');
    expect(mask('mail: x@y.kr.')).toBe('mail: <|email|>.');
    expect(mask('메일로 드릴께요.joon.p@naver.com 입니다')).toBe('메일로 드릴께요.<|email|> 입니다');
  });
  it('leaves mentions and hostless addresses', () => {
    expectUntouched(['@username 님', 'user@localhost', '이메일 없음', 'a@b', '가격@5000원']);
  });
});

describe('numbers that must never be masked', () => {
  it('leaves dates, times, prices, versions, ISBNs and measurements', () => {
    expectUntouched([
      '2023-01-15', '2023.01.15', '23.01.15', '2023년 1월 15일', '2023/01/15 10:30:00', '20230115',
      '15,000원', '1,234,567원', '₩12,345,678', '$1,299.99', '1억 2345만 원', '3.14159', '0.5%',
      'v1.2.3', '192.168.0.1', 'ISBN 978-89-6626-123-4', 'ISBN 979-11-5839-123-4', 'ISBN 89-7914-123-4',
      'ISBN 0312345678', 'ISBN-13: 9788966261234', '9788966261234', '1996. 4. 18.', '제3694호', '258,600,000원',
      '대법원 2019. 2. 14. 선고 2015다244432 판결', '전화 010', '02', '50㎡', '1588-1234-5678',
    ]);
  });
  it('reports span kinds and positions', () => {
    const text = '전화 010-1234-5678, 메일 a@b.co';
    const spans = findPii(text, ALL);
    expect(spans.map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ['tel', '010-1234-5678'],
      ['email', 'a@b.co'],
    ]);
  });
  it('masks only the kinds switched on, with the configured tokens', () => {
    const r = maskPii('010-1234-5678 a@b.co', { ...ALL, tel: false }, { ...DEFAULT_PII_TOKENS, email: '[EMAIL]' });
    expect(r.text).toBe('010-1234-5678 [EMAIL]');
    expect(r.counts).toEqual({ tel: 0, rrn: 0, acc: 0, card: 0, email: 1 });
  });
});
