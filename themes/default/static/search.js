// Client-side search over the n-gram index that gongkai writes to search/.
// Works offline and from file:// (index files are scripts, not fetched JSON).
// A document matches when it holds every character bigram of the query (or its one
// character), after Traditional characters are folded to Simplified.
(function (global) {
  var SHARDS = 256;
  // Documents are listed in chunks of DOCS_PER_CHUNK, so a query loads only the chunks that
  // hold the results it shows, however large the site.
  var DOCS_PER_CHUNK = 500;
  var api = global.gongkaiSearch = global.gongkaiSearch || {};
  var state = { docs: {}, fold: null, shards: {} };
  api.docs = function (chunk, rows) { state.docs[chunk] = rows; };
  api.fold = function (map) { state.fold = map; };
  api.shard = function (n, grams) { state.shards[n] = grams; };

  function utf8(text) {
    var bytes = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.codePointAt(i);
      if (c > 0xffff) i++;
      if (c < 0x80) bytes.push(c);
      else if (c < 0x800) bytes.push(0xc0 | c >> 6, 0x80 | c & 63);
      else if (c < 0x10000) bytes.push(0xe0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63);
      else bytes.push(0xf0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63);
    }
    return bytes;
  }
  function shardOf(gram) {
    var h = 0x811c9dc5;
    utf8(gram).forEach(function (b) { h = Math.imul((h ^ b) >>> 0, 0x01000193) >>> 0; });
    return h % SHARDS;
  }
  function fold(text) {
    var out = [];
    Array.from(text).forEach(function (ch) {
      if (/\s/.test(ch)) return;
      ch = (state.fold && state.fold[ch]) || ch;
      out.push(ch.toLowerCase());
    });
    return out;
  }
  function grams(chars) {
    if (chars.length === 1) return [chars[0]];
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out.filter(function (g, i) { return out.indexOf(g) === i; });
  }
  function postings(gram) {
    var shard = state.shards[shardOf(gram)] || {};
    var packed = shard[gram];
    if (!packed) return [];
    var id = 0;
    return packed.split(',').map(function (gap) { id += parseInt(gap, 36); return id; });
  }
  // Intersection of two ascending id lists.
  function both(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }
  function pad(n) { return ('00' + n).slice(-3); }
  // `load(path)` returns a promise that runs the index script at `path` (relative to search/).
  // Resolves to the first `limit` hits (all without a limit); `hits.total` counts them all.
  api.query = function (text, load, limit) {
    var need = state.fold ? [] : ['fold.js'];
    return Promise.all(need.map(load)).then(function () {
      var chars = fold(text);
      if (!chars.length) return [];
      var gs = grams(chars);
      var files = [];
      gs.forEach(function (g) {
        var n = shardOf(g);
        var name = 's/' + pad(n) + '.js';
        if (!state.shards[n] && files.indexOf(name) < 0) files.push(name);
      });
      return Promise.all(files.map(load)).then(function () {
        var result = null;
        gs.forEach(function (g) {
          var ids = postings(g);
          result = result === null ? ids : both(result, ids);
        });
        result = result || [];
        var shown = limit === undefined ? result : result.slice(0, limit);
        var chunks = [];
        shown.forEach(function (id) {
          var c = Math.floor(id / DOCS_PER_CHUNK);
          if (!state.docs[c] && chunks.indexOf(c) < 0) chunks.push(c);
        });
        return Promise.all(chunks.map(function (c) { return load('d/' + c + '.js'); })).then(function () {
          var hits = shown.map(function (id) {
            var d = state.docs[Math.floor(id / DOCS_PER_CHUNK)][id % DOCS_PER_CHUNK];
            return { title: d[0], url: d[1], kind: d[2], context: d[3] };
          });
          hits.total = result.length;
          return hits;
        });
      });
    });
  };

  // The search page: read ?q=, load index scripts with <script> tags, list results.
  if (typeof document === 'undefined') return;
  var form = document.getElementById('search-form');
  var list = document.getElementById('search-results');
  var summary = document.getElementById('search-summary');
  if (!form || !list) return;
  // The index sits beside assets/ at the site root, wherever this page is (the zh-hant/
  // mirror included), so find it from this script's own address.
  var me = document.currentScript && document.currentScript.src;
  var indexBase = me ? me.replace(/assets\/search\.js(\?.*)?$/, 'search/') : '';
  function loadScript(path) {
    return new Promise(function (ok, fail) {
      var s = document.createElement('script');
      path = indexBase + path;
      // A shard with no grams is not written; its absence means "no postings".
      s.src = path; s.onload = ok; s.onerror = /\/s\/\d+\.js$/.test(path) ? ok : fail;
      document.head.appendChild(s);
    });
  }
  var q = new URLSearchParams(location.search).get('q') || '';
  form.q.value = q;
  if (!q.trim()) return;
  summary.textContent = '正在搜索……';
  api.query(q, loadScript, 200).then(function (hits) {
    var total = hits.total || hits.length;
    summary.textContent = '“' + q + '”共找到 ' + total + ' 条结果' + (total > 200 ? '，显示前 200 条' : '') + '。';
    hits.forEach(function (hit) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '../' + hit.url;
      a.textContent = hit.title;
      var meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = ' ' + hit.kind + ' · ' + hit.context;
      li.appendChild(a); li.appendChild(meta);
      list.appendChild(li);
    });
    summary.focus();
  }, function () { summary.textContent = '搜索索引加载失败。'; });
})(typeof window !== 'undefined' ? window : globalThis);
