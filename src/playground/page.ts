// The playground page (kept as a string so the CLI bundle carries it; the script is dist/playground/app.js).

export const INDEX_HTML = `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mbbpe playground</title>
<style>
  :root { font: 15px/1.5 system-ui, sans-serif; color: #1d1d1f; background: #fafafa; }
  body { margin: 0 auto; padding: 1em; max-width: 80em; }
  h1 { font-size: 1.2em; margin: 0 0 .5em; }
  label { font-weight: 600; }
  textarea { box-sizing: border-box; width: 100%; height: 8em; font: inherit; padding: .5em; resize: vertical; }
  :focus-visible { outline: 3px solid #4e79a7; outline-offset: 2px; }
  .controls { display: flex; flex-wrap: wrap; gap: .5em 1.5em; align-items: center; margin: .5em 0; }
  .panes { display: grid; grid-template-columns: repeat(auto-fit, minmax(18em, 1fr)); gap: 1em; }
  section { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .6em; min-width: 0; }
  section h2 { font-size: 1em; margin: 0; overflow-wrap: anywhere; }
  .count { font-size: 1.6em; font-weight: 700; }
  dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(8em, 1fr)); gap: 0 .8em; margin: .3em 0; font-size: .85em; }
  dt { color: #666; } dd { margin: 0; font-variant-numeric: tabular-nums; }
  .tokens, #morphemes { height: 16em; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 2.4; contain: strict; }
  ruby.t { border-radius: 3px; padding: 0 1px; margin: 0 1px; }
  ruby.t rt { font-size: .6em; color: #555; }
  .c0 { background: #dbe8f5; } .c1 { background: #fde2c8; } .c2 { background: #d6efd2; }
  .c3 { background: #f8d3d4; } .c4 { background: #d5ecea; } .c5 { background: #f7eec4; }
  .cut { color: #b00020; font-size: .8em; }
  .m { margin: 0 .3em 0 0; padding: 0 .1em; border-bottom: 2px solid #76b7b2; }
  .m small { color: #666; margin-left: .15em; }
  .more { color: #666; font-style: italic; }
  .error { color: #b00020; min-height: 1.5em; margin: 0; }
  #status { min-height: 1.5em; }
</style>
</head>
<body>
<h1>mbbpe playground</h1>
<label for="text">Text</label>
<textarea id="text" spellcheck="false">아버지가방에들어가신다. 뉴진스의 새 앨범이 나왔어요!</textarea>
<div class="controls">
  <span><label for="tok-0">Tokenizer A</label> <select id="tok-0"></select></span>
  <span><label for="tok-1">Tokenizer B</label> <select id="tok-1"></select></span>
  <span><input type="checkbox" id="aware"> <label for="aware">morpheme-aware (MeCab boundaries kept)</label></span>
</div>
<p id="status" role="status" aria-live="polite"></p>
<div class="panes">
  <section id="pane-0" aria-labelledby="name-0"><h2 id="name-0"></h2><div><span class="count" id="count-0"></span> tokens</div><dl id="figures-0"></dl><p class="error" id="error-0"></p><div class="tokens" id="tokens-0" tabindex="0" aria-label="tokens of tokenizer A"></div></section>
  <section id="pane-1" aria-labelledby="name-1"><h2 id="name-1"></h2><div><span class="count" id="count-1"></span> tokens</div><dl id="figures-1"></dl><p class="error" id="error-1"></p><div class="tokens" id="tokens-1" tabindex="0" aria-label="tokens of tokenizer B"></div></section>
</div>
<section style="margin-top:1em"><h2>Morphemes (mecab-ko)</h2><p class="error" id="morph-note"></p><div id="morphemes" tabindex="0" aria-label="morphemes"></div></section>
<script type="module" src="app.js"></script>
</body>
</html>
`;
