// Client-side search over the n-gram index that gongkai writes to search/.
// Works offline and from file:// (index files are scripts, not fetched JSON).
// A document matches when it holds every character bigram of the query (or its one
// character), after Traditional characters are folded to Simplified.
(function (global) {
  var SHARDS = 256;
  var api = global.gongkaiSearch = global.gongkaiSearch || {};
  var state = { docs: null, fold: null, shards: {} };
  api.docs = function (rows) { state.docs = rows; };
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
  // `load(path)` returns a promise that runs the index script at `path` (relative to search/).
  api.query = function (text, load) {
    var need = ['docs.js', 'fold.js'].filter(function (f) { return f === 'docs.js' ? !state.docs : !state.fold; });
    return Promise.all(need.map(load)).then(function () {
      var chars = fold(text);
      if (!chars.length) return [];
      var gs = grams(chars);
      var files = [];
      gs.forEach(function (g) {
        var n = shardOf(g);
        var name = 's/' + ('00' + n).slice(-3) + '.js';
        if (!state.shards[n] && files.indexOf(name) < 0) files.push(name);
      });
      return Promise.all(files.map(load)).then(function () {
        var result = null;
        gs.forEach(function (g) {
          var ids = postings(g);
          result = result === null ? ids : result.filter(function (id) { return ids.indexOf(id) >= 0; });
        });
        return (result || []).map(function (id) {
          var d = state.docs[id];
          return { title: d[0], url: d[1], kind: d[2], context: d[3] };
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
  api.query(q, loadScript).then(function (hits) {
    summary.textContent = '“' + q + '”共找到 ' + hits.length + ' 条结果' + (hits.length > 200 ? '，显示前 200 条' : '') + '。';
    hits.slice(0, 200).forEach(function (hit) {
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
