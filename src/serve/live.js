// gongkai serve: reload on rebuild, show build errors over the page until they are fixed.
(function () {
  var source = new EventSource('/__gongkai/events');
  source.addEventListener('reload', function () { location.reload(); });
  source.addEventListener('error', function (event) {
    if (!event.data) return;
    var box = document.getElementById('gongkai-error') || document.createElement('div');
    box.id = 'gongkai-error';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:2rem;font:16px/1.6 monospace;white-space:pre-wrap';
    var title = document.createElement('h2');
    title.textContent = '构建失败 / Build failed — 修改文件并保存后自动刷新';
    var pre = document.createElement('pre');
    pre.textContent = JSON.parse(event.data);
    box.replaceChildren(title, pre);
    document.body.appendChild(box);
  });
})();
