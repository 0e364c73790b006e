// Search of the honor roll, in the browser, with no server and no other
// host. search.json names the shards of the index (one per year of the
// deed) and the words its codes stand for; the shards are loaded at once.
//
// Chinese has no spaces between words, so every query word is looked for
// as it is in the name, jurisdiction, year, place, summary, the first
// paragraph of the story, the titles awarded, the kind of deed and the
// outcome: 王伟 and 射阳县 both match. A word of Latin letters also matches
// the pinyin of the name, 全拼 or 首字母 (wangwei, ww), and the code of the
// jurisdiction (sheyang). The filters (kind, outcome, honor, jurisdiction,
// a range of years) narrow the results, with or without words; the page's
// address keeps them, so a search can be shared. Results are built with
// textContent, never innerHTML.
(function () {
  'use strict';
  var form = document.getElementById('search');
  if (!form || !window.fetch || !window.Promise) { return; }
  var input = document.getElementById('q');
  var status = document.getElementById('status');
  var list = document.getElementById('results');
  var filters = document.getElementById('filters');
  var root = form.getAttribute('data-root') || '';
  var LIMIT = 200;
  var FIELDS = ['kind', 'outcome', 'honor', 'j', 'from', 'to'];
  var heroes = null;
  var words = null;

  if (filters) { filters.hidden = false; }

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

  function word(kind, id) { return (words && words[kind] && words[kind][id]) || id || ''; }

  function row(h) {
    var fallen = h.o === 'deceased';
    var li = el('li', fallen ? 'row row-fallen' : 'row');
    var head = el('span', 'row-head');
    var a = el('a', 'row-name', h.n);
    a.href = root + h.u;
    head.appendChild(a);
    if (h.m) {
      head.appendChild(document.createTextNode(' '));
      head.appendChild(el('span', 'badge badge-martyr', '烈士'));
    } else if (fallen) {
      head.appendChild(document.createTextNode(' '));
      head.appendChild(el('span', 'badge badge-fallen', word('o', h.o)));
    }
    li.appendChild(head);
    li.appendChild(el('span', 'row-where', word('j', h.j) + (h.y ? ' · ' + h.y + '年' : '')));
    li.appendChild(el('span', 'row-what', h.s + (h.p ? '（' + h.p + '）' : '')));
    return li;
  }

  function field(name) {
    var f = form.elements[name];
    return f ? f.value : '';
  }

  function pass(x, f) {
    var h = x.hero;
    if (f.kind && h.k !== f.kind) { return false; }
    if (f.outcome && h.o !== f.outcome) { return false; }
    if (f.j && h.j !== f.j) { return false; }
    if (f.honor && (h.h || []).indexOf(f.honor) < 0) { return false; }
    if (f.from && h.y < f.from) { return false; }
    if (f.to && h.y > f.to) { return false; }
    return true;
  }

  function run() {
    var q = input.value.trim();
    var f = {};
    var url = new URL(window.location.href);
    if (q) { url.searchParams.set('q', q); } else { url.searchParams.delete('q'); }
    var any = false;
    FIELDS.forEach(function (name) {
      var v = field(name);
      if (v) { url.searchParams.set(name, v); any = true; } else { url.searchParams.delete(name); }
      f[name] = v;
    });
    if (f.from) { f.from = +f.from; }
    if (f.to) { f.to = +f.to; }
    if (f.from && f.to && f.from > f.to) { var t = f.from; f.from = f.to; f.to = t; }
    window.history.replaceState(null, '', url);
    list.textContent = '';
    if (!heroes) { return; }
    if (!q && !any) { say(''); return; }
    var ws = norm(q).split(/\s+/).filter(Boolean);
    var found = heroes.filter(function (x) {
      return pass(x, f) && ws.every(function (w) {
        return x.text.indexOf(w) >= 0 || (/^[a-z]+$/.test(w) && x.py.indexOf(w) >= 0);
      });
    });
    var frag = document.createDocumentFragment();
    found.slice(0, LIMIT).forEach(function (x) { frag.appendChild(row(x.hero)); });
    list.appendChild(frag);
    if (found.length === 0) {
      say(q ? '没有找到与“' + q + '”相符的记录。' : '没有符合筛选条件的记录。');
    } else if (found.length > LIMIT) {
      say('找到 ' + found.length + ' 位，显示前 ' + LIMIT + ' 位。请增加关键词或筛选条件缩小范围。');
    } else {
      say('找到 ' + found.length + ' 位。');
    }
  }

  function json(u) {
    return fetch(u, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get('q')) { input.value = params.get('q'); }
  FIELDS.forEach(function (name) {
    var v = params.get(name);
    if (v && form.elements[name]) { form.elements[name].value = v; }
  });
  say('正在载入索引……');
  json(form.getAttribute('data-index'))
    .then(function (m) {
      words = m.words || {};
      return Promise.all((m.shards || []).map(function (s) { return json(root + s.u); }));
    })
    .then(function (shards) {
      heroes = [];
      shards.forEach(function (s) {
        (s.heroes || []).forEach(function (h) {
          var honors = (h.h || []).map(function (id) { return word('h', id); });
          heroes.push({
            hero: h,
            text: norm([h.n, word('j', h.j), h.y ? h.y + '年' : '', h.p, h.s, h.t || '',
              honors.join('\n'), word('k', h.k), word('o', h.o)].join('\n')),
            py: (h.py || '') + ' ' + h.j
          });
        });
      });
      form.setAttribute('data-ready', 'true');
      say('');
      run();
    })
    .catch(function () {
      say('搜索索引载入失败。请通过网站地址访问本页，或浏览英雄名录。');
    });

  input.addEventListener('input', run);
  FIELDS.forEach(function (name) {
    if (form.elements[name]) { form.elements[name].addEventListener('change', run); }
  });
  form.addEventListener('reset', function () { window.setTimeout(run, 0); });
  form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
})();
