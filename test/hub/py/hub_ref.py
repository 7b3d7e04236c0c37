"""Reference side of the hub parity tests: runs the real huggingface_hub / transformers and prints
JSON. Called by test/hub/python-parity.test.ts with one JSON argument; never imported by mbbpe.
Commands:
  versions                                   -> {"huggingface_hub": v, "transformers": v | null}
  download {repo, files, cache_dir, endpoint, revision}
                                             -> {file: path} (hf_hub_download, online)
  read_cache {repo, files, cache_dir}        -> {file: text | "<NO_EXIST>" | null} (offline)
  tokenizer {repo, cache_dir}                -> special tokens and model_max_length of the tokenizer class
  constants {}                               -> cache dir, offline flag, endpoint, token from the environment
  urls {endpoint, cases: [[repo, file, rev]]} -> [hf_hub_url(...)]
  etags {etags}                              -> [_normalize_etag(e)]
  pretrained {dir, texts}                    -> per text: ids, truncation=True ids, decodes (from_pretrained(dir))
  cleanup {texts} (JSON on stdin with "-")   -> [transformers clean_up_tokenization(text)]
"""
import json
import sys


def main():
    cmd = sys.argv[1]
    raw = sys.argv[2] if len(sys.argv) > 2 else "{}"
    args = json.loads(sys.stdin.read() if raw == "-" else raw)
    import huggingface_hub as hh

    if cmd == "versions":
        try:
            import transformers
            tv = transformers.__version__
        except ImportError:
            tv = None
        out = {"huggingface_hub": hh.__version__, "transformers": tv}
    elif cmd == "download":
        out = {}
        for f in args["files"]:
            out[f] = hh.hf_hub_download(
                args["repo"], f, cache_dir=args["cache_dir"], endpoint=args["endpoint"], revision=args.get("revision")
            )
    elif cmd == "read_cache":
        out = {}
        for f in args["files"]:
            p = hh.try_to_load_from_cache(args["repo"], f, cache_dir=args["cache_dir"], revision=args.get("revision"))
            if p is hh.file_download._CACHED_NO_EXIST:
                out[f] = "<NO_EXIST>"
            elif isinstance(p, str):
                # and the public download API agrees, offline
                q = hh.hf_hub_download(args["repo"], f, cache_dir=args["cache_dir"], local_files_only=True)
                assert q == p, (p, q)
                with open(p, encoding="utf-8") as fh:
                    out[f] = fh.read()
            else:
                out[f] = None
    elif cmd == "tokenizer":
        # The class tokenizer_config.json names (AutoTokenizer would also want the model's config.json).
        import transformers

        cls = getattr(transformers, args.get("class", "PreTrainedTokenizerFast"))
        t = cls.from_pretrained(args["repo"], cache_dir=args["cache_dir"], local_files_only=True)
        out = {
            "class": type(t).__name__,
            "bos_token": t.bos_token,
            "eos_token": t.eos_token,
            "unk_token": t.unk_token,
            "pad_token": t.pad_token,
            "eos_token_id": t.eos_token_id,
            "pad_token_id": t.pad_token_id,
            "model_max_length": t.model_max_length if t.model_max_length <= 10**20 else None,
            "clean_up_tokenization_spaces": t.clean_up_tokenization_spaces,
        }
    elif cmd == "constants":
        # What huggingface_hub derives from the environment it was started with.
        from huggingface_hub import constants
        from huggingface_hub.utils._auth import _get_token_from_environment

        out = {
            "cache": constants.HF_HUB_CACHE,
            "offline": constants.HF_HUB_OFFLINE,
            "endpoint": constants.ENDPOINT,
            "token": _get_token_from_environment(),
        }
    elif cmd == "urls":
        out = [hh.hf_hub_url(r, f, revision=rev, endpoint=args["endpoint"]) for r, f, rev in args["cases"]]
    elif cmd == "etags":
        from huggingface_hub.file_download import _normalize_etag

        out = [_normalize_etag(e) for e in args["etags"]]
    elif cmd == "pretrained":
        # PreTrainedTokenizerFast.from_pretrained(dir) on args["texts"]: what our PretrainedTokenizer must match
        from transformers import PreTrainedTokenizerFast

        t = PreTrainedTokenizerFast.from_pretrained(args["dir"])
        out = []
        for x in args["texts"]:
            ids = t(x)["input_ids"]
            out.append(
                {
                    "ids": ids,
                    "truncated": t(x, truncation=True)["input_ids"],
                    "decode": t.decode(ids),
                    "decode_cleanup": t.decode(ids, clean_up_tokenization_spaces=True),
                    "decode_skip": t.decode(ids, skip_special_tokens=True),
                }
            )
    elif cmd == "cleanup":
        # transformers' own clean_up_tokenization on each string of args["texts"]
        from transformers import PreTrainedTokenizerFast

        out = [PreTrainedTokenizerFast.clean_up_tokenization(None, s) for s in args["texts"]]
    else:
        raise SystemExit(f"unknown command {cmd}")
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
