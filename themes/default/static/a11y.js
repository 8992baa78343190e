// 适老化 reading aids: larger text, high contrast, simplified view and read-aloud.
// Served from the site itself; the page reads fully without it. Choices are remembered
// across pages in localStorage (nothing leaves the reader's browser).
(function () {
  var root = document.documentElement;
  var bar = document.getElementById('reading-aids');
  if (!bar) return;
  var modes = ['large', 'contrast', 'simple'];
  function stored(mode) {
    try { return localStorage.getItem('gongkai-' + mode) === '1'; } catch (e) { return false; }
  }
  function apply(mode, on) {
    root.classList.toggle('aid-' + mode, on);
    var button = bar.querySelector('[data-aid="' + mode + '"]');
    if (button) button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  modes.forEach(function (mode) { apply(mode, stored(mode)); });
  bar.hidden = false;
  bar.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button) return;
    var mode = button.getAttribute('data-aid');
    if (mode === 'speak') return speak(button);
    var on = button.getAttribute('aria-pressed') !== 'true';
    apply(mode, on);
    try { localStorage.setItem('gongkai-' + mode, on ? '1' : '0'); } catch (e) { /* private mode */ }
  });
  function speak(button) {
    if (!('speechSynthesis' in window)) { button.disabled = true; button.textContent = '本浏览器不支持朗读'; return; }
    if (speechSynthesis.speaking) { speechSynthesis.cancel(); button.setAttribute('aria-pressed', 'false'); return; }
    var main = document.getElementById('main');
    var utterance = new SpeechSynthesisUtterance(main ? main.innerText : document.body.innerText);
    utterance.lang = root.lang || 'zh-CN';
    utterance.onend = function () { button.setAttribute('aria-pressed', 'false'); };
    button.setAttribute('aria-pressed', 'true');
    speechSynthesis.speak(utterance);
  }
})();
