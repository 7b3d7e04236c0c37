"""Generates test/hub/golden/pretrained.json: what transformers does with tokenizer_config.json /
special_tokens_map.json on top of the Polyglot-Ko tokenizer.json. The reference is the installed
transformers (its version and tokenizers' are recorded in the output); the configs are variants
written here, the tokenizer.json is ../shared/vocab/polyglot-ko/tokenizer.json (not copied).

Run:  PY=/path/to/python-with-transformers; $PY scripts/golden/hub-pretrained.py
"""
import json
import os
import random
import shutil
import sys
import tempfile

import tokenizers
import transformers
from transformers import PreTrainedTokenizerFast

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SHARED = os.path.join(ROOT, "..", "shared", "vocab", "polyglot-ko")
TOKENIZER_JSON = os.path.join(SHARED, "tokenizer.json")
ADDED = {"__type": "AddedToken", "content": "<|endoftext|>", "lstrip": False, "normalized": False, "rstrip": False, "single_word": False, "special": True}
POLY_CONFIG = json.load(open(os.path.join(SHARED, "tokenizer_config.json"), encoding="utf-8"))
POLY_MAP = json.load(open(os.path.join(SHARED, "special_tokens_map.json"), encoding="utf-8"))

TEXTS = [
    "안녕하세요 . 오늘은 날씨가 좋네요 !",
    "He said , \" it 's fine \" and I 'm sure they 've done it , haven 't they ?",
    "don 't stop . we 're here ' s the end",
    "한국어 형태소 분석기와 바이트 수준 BPE 토크나이저를 함께 사용하는 예시 문장입니다. " * 3,
    "<|endoftext|>문장 끝<|sep|>다음",
    "a</s>b x <unk>y say hello there <x1><|tel|> <mask>z a<new> b<sp>c <pad>",
]

# name -> (tokenizer_config.json or None, special_tokens_map.json or None)
CASES = {
    "polyglot-as-published": (POLY_CONFIG, POLY_MAP),
    "config-only": (POLY_CONFIG, None),
    "map-only": (None, POLY_MAP),
    "map-overrides-legacy-config": (
        {"eos_token": "<|endoftext|>", "bos_token": "<|endoftext|>", "unk_token": "<|endoftext|>", "additional_special_tokens": ["<|sep|>"]},
        {"eos_token": {"content": "<|sep|>", "lstrip": False, "normalized": False, "rstrip": False, "single_word": False}, "additional_special_tokens": ["<|acc|>", "<|sep|>"]},
    ),
    "added-tokens-decoder-ignores-map": (
        {
            "added_tokens_decoder": {"2": {k: v for k, v in ADDED.items() if k != "__type"}},
            "eos_token": ADDED,
            "bos_token": ADDED,
            "pad_token": None,
            "clean_up_tokenization_spaces": False,
            "model_max_length": 1000000000000000019884624838656,
            "tokenizer_class": "PreTrainedTokenizerFast",
        },
        {"eos_token": "<|sep|>", "pad_token": "<|sep|>"},
    ),
    "max-length-2048-left": ({**POLY_CONFIG, "model_max_length": 16, "truncation_side": "left"}, POLY_MAP),
    "max-length-right": ({**POLY_CONFIG, "model_max_length": 12}, POLY_MAP),
    "legacy-max-len": ({**POLY_CONFIG, "max_len": 10}, POLY_MAP),
    "cleanup-true-bpe": ({**POLY_CONFIG, "clean_up_tokenization_spaces": True}, POLY_MAP),
    "cleanup-true-bpe-forced": (
        {**POLY_CONFIG, "clean_up_tokenization_spaces": True, "clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output": True},
        POLY_MAP,
    ),
    "add-bos-eos-in-config": ({**POLY_CONFIG, "bos_token": "<|endoftext|>", "add_bos_token": True, "add_eos_token": True}, POLY_MAP),
    "config-adds-special-tokens": (
        {
            "eos_token": "</s>",
            "unk_token": {"__type": "AddedToken", "content": "<unk>", "lstrip": True, "rstrip": False, "normalized": False, "single_word": False},
            "bos_token": "<|sep|>",
            "pad_token": "hello",
            "additional_special_tokens": ["<x1>", "<|tel|>"],
            "tokenizer_class": "PreTrainedTokenizerFast",
        },
        None,
    ),
    "map-adds-token-with-flags": (
        POLY_CONFIG,
        {**POLY_MAP, "mask_token": {"content": "<mask>", "lstrip": True, "rstrip": True, "normalized": False, "single_word": False}},
    ),
    "config-token-object-without-type": ({"eos_token": {"content": "<|endoftext|>"}}, None),
    "added-tokens-decoder-adds-tokens": (
        {
            "added_tokens_decoder": {
                "30004": {"content": "<sp>", "lstrip": False, "normalized": False, "rstrip": False, "single_word": False, "special": True},
                "2": {"content": "<|endoftext|>", "lstrip": False, "normalized": False, "rstrip": False, "single_word": False, "special": True},
                "30003": {"content": "<new>", "lstrip": False, "normalized": False, "rstrip": True, "single_word": False, "special": False},
            },
            "eos_token": "<|endoftext|>",
            "pad_token": "<pad>",
            "tokenizer_class": "PreTrainedTokenizerFast",
        },
        None,
    ),
}


def observe(t):
    out = {
        "bos_token": t.bos_token,
        "eos_token": t.eos_token,
        "unk_token": t.unk_token,
        "sep_token": t.sep_token,
        "pad_token": t.pad_token,
        "cls_token": t.cls_token,
        "mask_token": t.mask_token,
        "vocab_size": len(t),
        "bos_token_id": t.bos_token_id,
        "eos_token_id": t.eos_token_id,
        "pad_token_id": t.pad_token_id,
        "model_max_length": t.model_max_length if t.model_max_length <= 10**20 else None,
        "clean_up_tokenization_spaces": t.clean_up_tokenization_spaces,
        "encode": [t(x)["input_ids"] for x in TEXTS],
        "encode_truncated": [t(x, truncation=True)["input_ids"] for x in TEXTS],
        "encode_truncated_8": [t(x, truncation=True, max_length=8)["input_ids"] for x in TEXTS],
    }
    ids = [t(x, add_special_tokens=False)["input_ids"] for x in TEXTS]
    out["decode"] = [t.decode(i) for i in ids]
    out["decode_cleanup_true"] = [t.decode(i, clean_up_tokenization_spaces=True) for i in ids]
    out["decode_cleanup_false"] = [t.decode(i, clean_up_tokenization_spaces=False) for i in ids]
    out["decode_skip_special"] = [t.decode(i, skip_special_tokens=True) for i in ids]
    return out


def from_pretrained_case(cfg, smap):
    d = tempfile.mkdtemp()
    try:
        shutil.copy(TOKENIZER_JSON, os.path.join(d, "tokenizer.json"))
        if cfg is not None:
            json.dump(cfg, open(os.path.join(d, "tokenizer_config.json"), "w"))
        if smap is not None:
            json.dump(smap, open(os.path.join(d, "special_tokens_map.json"), "w"))
        try:
            t = PreTrainedTokenizerFast.from_pretrained(d)
        except (TypeError, ValueError) as e:
            return {"error": type(e).__name__}
        return observe(t)
    finally:
        shutil.rmtree(d)


def cleanup_samples():
    # Strings dense in the patterns clean_up_tokenization rewrites, from a fixed seed.
    rng = random.Random(20261122)
    alphabet = [" ", ".", "?", "!", ",", "'", "n", "t", "s", "m", "v", "e", "r", "a", "한", "\n"]
    strings = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(400)]
    strings += [" ' s", " ' 's", "  .", " n't", "a ' b ' c", " 're 've 'm 's n't , ! ? ."]
    return [[s, PreTrainedTokenizerFast.clean_up_tokenization(None, s)] for s in strings]


def main():
    golden = {
        "reference": {"transformers": transformers.__version__, "tokenizers": tokenizers.__version__},
        "generator": "scripts/golden/hub-pretrained.py",
        "texts": TEXTS,
        "cases": {},
        "cleanup": cleanup_samples(),
    }
    for name, (cfg, smap) in CASES.items():
        golden["cases"][name] = {"tokenizer_config": cfg, "special_tokens_map": smap, "expected": from_pretrained_case(cfg, smap)}
    # add_bos/add_eos passed to the constructor (honoured, unlike from the config file).
    t = PreTrainedTokenizerFast(tokenizer_file=TOKENIZER_JSON, bos_token="<|endoftext|>", eos_token="<|sep|>", add_bos_token=True, add_eos_token=True)
    golden["add_bos_eos_kwargs"] = {
        "config": {"bos_token": "<|endoftext|>", "eos_token": "<|sep|>", "add_bos_token": True, "add_eos_token": True},
        "encode": [t(x)["input_ids"] for x in TEXTS],
        "encode_no_special": [t(x, add_special_tokens=False)["input_ids"] for x in TEXTS],
        "encode_truncated_8": [t(x, truncation=True, max_length=8)["input_ids"] for x in TEXTS],
    }
    out = os.path.join(ROOT, "test", "hub", "golden", "pretrained.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
