#!/usr/bin/env python3
"""Chat-template goldens: renders test/chat/templates/*.jinja over many conversations the way
transformers' apply_chat_template does (jinja2 ImmutableSandboxedEnvironment with trim_blocks,
lstrip_blocks and loopcontrols; tojson = json.dumps(ensure_ascii=False, ...); raise_exception;
strftime_now), and writes test/chat/golden/chat-templates.json with the versions used.
Run once: python3 scripts/golden/chat-templates.py  (CI only reads the JSON)."""

import json, platform, random, sys
from datetime import datetime
from pathlib import Path

import jinja2
import jinja2.ext
from jinja2.exceptions import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "test/chat/templates"
OUT = ROOT / "test/chat/golden/chat-templates.json"
# strftime_now's clock is fixed so the goldens do not change with the day they are made.
NOW = datetime(2026, 12, 3, 9, 5, 7)
SPECIAL = {"bos_token": "<|begin_of_text|>", "eos_token": "<|endoftext|>", "unk_token": "<unk>", "pad_token": "<|endoftext|>"}


def make_env():
    # transformers.utils.chat_template_utils._compile_jinja_template
    def raise_exception(message):
        raise TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(fmt):
        return NOW.strftime(fmt)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


TEXTS = ["안녕하세요", "오늘 서울 날씨 어때?", "  앞뒤 공백이 있는 문장  ", "", " ", "줄바꿈\n이 있는\n\n내용", "Hello, world!",
         "한국어와 English 섞인 text 😀", "\t탭\t", "따옴표 \"큰\" '작은' 그리고 \\ 역슬래시", "<|endoftext|>를 입력한 사용자",
         "{{ not a template }} {% neither %}", "가" * 40, "유니코드: é ñ 漢字 ㄱㄴㄷ"]
TOOLS = [
    {"type": "function", "function": {"name": "get_weather", "description": "도시의 현재 날씨", "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "도시 이름"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["city"]}}},
    {"type": "function", "function": {"name": "search", "description": "Search the web", "parameters": {"type": "object", "properties": {"q": {"type": "string"}, "n": {"type": "integer"}}}}},
]
DOCS = [{"title": "한국어", "text": "한국어는 교착어이다."}, {"title": "BPE", "text": "Byte-level BPE merges byte pairs."}]


def conversations(rng):
    fixed = [
        [{"role": "user", "content": "안녕하세요"}],
        [{"role": "system", "content": "너는 친절한 비서야."}, {"role": "user", "content": "자기소개 해 줘"}],
        [{"role": "user", "content": "1+1은?"}, {"role": "assistant", "content": "2입니다."}, {"role": "user", "content": "고마워"}],
        [{"role": "system", "content": "  공백으로 둘러싼 시스템 프롬프트  "}, {"role": "user", "content": ""}, {"role": "assistant", "content": "  "}],
        [{"role": "user", "content": "서울 날씨 알려줘"},
         {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": "get_weather", "arguments": {"city": "서울", "unit": "celsius"}}}]},
         {"role": "tool", "content": "{\"temperature\": 3, \"sky\": \"맑음\"}"},
         {"role": "assistant", "content": "서울은 3도이고 맑습니다."}],
        [{"role": "user", "content": "두 도시"},
         {"role": "assistant", "content": "찾아볼게요", "tool_calls": [{"function": {"name": "get_weather", "arguments": {"city": "부산"}}}, {"function": {"name": "search", "arguments": {"q": "대구 날씨", "n": 3}}}]},
         {"role": "tool", "content": "부산 5도"}, {"role": "tool", "content": "대구 2도"}],
        [{"role": "assistant", "content": "먼저 말하는 어시스턴트"}],
        [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}],
    ]
    out = list(fixed)
    for _ in range(36):
        n = rng.randint(1, 7)
        conv = []
        if rng.random() < 0.4:
            conv.append({"role": "system", "content": rng.choice(TEXTS)})
        for i in range(n):
            role = "user" if i % 2 == 0 else "assistant"
            if rng.random() < 0.08:
                role = rng.choice(["user", "assistant"])
            conv.append({"role": role, "content": rng.choice(TEXTS) + (rng.choice(TEXTS) if rng.random() < 0.3 else "")})
        out.append(conv)
    return out


def main():
    env = make_env()
    rng = random.Random(20261203)
    convs = conversations(rng)
    cases = []
    for path in sorted(TEMPLATES.glob("*.jinja")):
        source = path.read_text(encoding="utf-8")
        template = env.from_string(source)
        for ci, messages in enumerate(convs):
            for agp in (False, True):
                opts = {"add_generation_prompt": agp}
                if ci % 3 == 0:
                    opts["tools"] = TOOLS
                if ci % 4 == 1:
                    opts["documents"] = DOCS
                if ci % 5 == 2:
                    opts["enable_thinking"] = True
                case = {"template": path.name, "messages": messages, "options": opts}
                try:
                    case["output"] = template.render(messages=messages, **opts, **SPECIAL)
                except TemplateError as e:
                    case["error"] = str(e)
                cases.append(case)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc = {"generator": "scripts/golden/chat-templates.py", "python": platform.python_version(), "jinja2": jinja2.__version__,
           "now": NOW.isoformat(), "special_tokens": SPECIAL, "cases": cases}
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases ({sum('error' in c for c in cases)} errors) -> {OUT.relative_to(ROOT)}", file=sys.stderr)


main()
