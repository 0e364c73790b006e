// Search of the honor roll: substring matching over search.json, in the
// browser, with no server and no other host. Chinese has no spaces between
// words, so every query word is looked for as it is in the name,
// jurisdiction, year, place and summary of each hero: 王伟 and 射阳县 both
// match. Results are built with textContent, never innerHTML.
(function () {
  'use strict';
  var form = document.getElementById('search');
  if (!form || !window.fetch) { return; }
  var input = document.getElementById('q');
  var status = document.getElementById('status');
  var list = document.getElementById('results');
  var root = form.getAttribute('data-root') || '';
  var LIMIT = 200;
  var heroes = null;

  function norm(s) {
    s = String(s);
    if (s.normalize) { s = s.normalize('NFKC'); }
    return s.toLowerCase();
  }

  function say(text) { status.textContent = text; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function row(h) {
    var li = el('li', h.f ? 'row row-fallen' : 'row');
    var head = el('span', 'row-head');
    var a = el('a', 'row-name', h.n);
    a.href = root + h.u;
    head.appendChild(a);
    if (h.m) {
      head.appendChild(document.createTextNode(' '));
      head.appendChild(el('span', 'badge badge-martyr', '烈士'));
    } else if (h.f) {
      head.appendChild(document.createTextNode(' '));
      head.appendChild(el('span', 'badge badge-fallen', '英勇牺牲'));
    }
    li.appendChild(head);
    li.appendChild(el('span', 'row-where', h.j + (h.y ? ' · ' + h.y + '年' : '')));
    li.appendChild(el('span', 'row-what', h.s + (h.p ? '（' + h.p + '）' : '')));
    return li;
  }

  function run() {
    var q = input.value.trim();
    var url = new URL(window.location.href);
    if (q) { url.searchParams.set('q', q); } else { url.searchParams.delete('q'); }
    window.history.replaceState(null, '', url);
    list.textContent = '';
    if (!heroes) { return; }
    if (!q) { say(''); return; }
    var words = norm(q).split(/\s+/).filter(Boolean);
    var found = heroes.filter(function (h) {
      return words.every(function (w) { return h.text.indexOf(w) >= 0; });
    });
    var frag = document.createDocumentFragment();
    found.slice(0, LIMIT).forEach(function (h) { frag.appendChild(row(h.hero)); });
    list.appendChild(frag);
    if (found.length === 0) {
      say('没有找到与“' + q + '”相符的记录。');
    } else if (found.length > LIMIT) {
      say('找到 ' + found.length + ' 位，显示前 ' + LIMIT + ' 位。请增加关键词缩小范围。');
    } else {
      say('找到 ' + found.length + ' 位。');
    }
  }

  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) { input.value = initial; }
  say('正在载入索引……');
  fetch(form.getAttribute('data-index'), { credentials: 'same-origin' })
    .then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    })
    .then(function (idx) {
      heroes = (idx.heroes || []).map(function (h) {
        return { hero: h, text: norm([h.n, h.j, h.y ? h.y + '年' : '', h.p, h.s].join('\n')) };
      });
      form.setAttribute('data-ready', 'true');
      say('');
      run();
    })
    .catch(function () {
      say('搜索索引载入失败。请通过网站地址访问本页，或浏览英雄名录。');
    });

  input.addEventListener('input', run);
  form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
})();
