// roll-cms.js: what the form of roll adds to Decap CMS before starting it
// (see package internal/cms, which writes config.yml).
(function () {
  'use strict';

  var CMS = window.CMS;
  var jsyaml = window.jsyaml;
  if (!CMS || !jsyaml) {
    var p = document.createElement('p');
    p.style.cssText = 'margin:3em auto;max-width:36em;font:16px/1.8 sans-serif';
    p.textContent = '录入表单的程序文件没有装好：生成网站之前，请先在仓库里运行 make cms（见 README）。';
    document.body.appendChild(p);
    return;
  }

  // Records that are lists (the catalogs, a month of the fund) are edited
  // as a mapping whose "items" is the list: Decap CMS edits mappings only.
  CMS.registerCustomFormat('yaml-list', 'yaml', {
    fromFile: function (text) {
      var v = jsyaml.load(text);
      return { items: v == null ? [] : v };
    },
    toFile: function (data) {
      // A record's id first, as every record is written; the other keys
      // as they come (a new item's defaults, then what was typed).
      return jsyaml.dump(data.items || [], {
        lineWidth: -1,
        noRefs: true,
        sortKeys: function (a, b) { return (b === 'id') - (a === 'id'); }
      });
    }
  });

  // empties lists, into paths, the values of v to drop before saving: empty
  // strings and nulls, and lists and mappings left with nothing. It returns
  // whether v itself is empty; then its own values are not listed.
  // Decap CMS writes "" for a text box that was touched and emptied, and
  // an optional object whose box was opened: roll check would reject both.
  function empties(v, path, paths) {
    if (v === '' || v === null || v === undefined) {
      return true;
    }
    if (typeof v !== 'object') {
      return false;
    }
    var keys = Array.isArray(v) ? v.map(function (_, i) { return i; }).reverse() : Object.keys(v);
    var mine = [];
    var kept = 0;
    keys.forEach(function (k) {
      var sub = [];
      if (empties(v[k], path.concat([k]), sub)) {
        mine.push(path.concat([k]));
      } else {
        kept++;
        Array.prototype.push.apply(mine, sub);
      }
    });
    if (kept === 0) {
      return true;
    }
    Array.prototype.push.apply(paths, mine);
    return false;
  }

  CMS.registerEventListener({
    name: 'preSave',
    handler: function (ev) {
      var data = ev.entry.get('data');
      var paths = [];
      if (empties(data.toJS(), [], paths)) {
        return data.clear();
      }
      paths.forEach(function (p) {
        data = data.removeIn(p);
      });
      return data;
    }
  });

  CMS.init();
})();
