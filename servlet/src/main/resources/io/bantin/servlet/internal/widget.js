// bantin widget: counts this page view and fills <div data-bantin-stats></div> with the
// "Thống kê truy cập" box. Include with <script src="https://your-bantin/widget.js" async></script>.
// Optional: <div data-bantin-stats data-article-slug="slug"></div> counts a view of that article.
(function () {
  'use strict';
  var script = document.currentScript;
  // The API lives next to this script: https://host/widget.js calls https://host/api/…, and a
  // portal's filter serving https://host/bantin/widget.js is called at https://host/bantin/api/….
  var base = '';
  if (script && script.src) {
    var src = new URL(script.src);
    base = src.origin + src.pathname.replace(/\/[^\/]*$/, '');
  }
  // Same rows, labels and class names as the stats box the core renders on bantin's own pages.
  var LABELS = [
    ['online', 'Đang online', 'online'], ['today', 'Hôm nay', 'today'], ['yesterday', 'Hôm qua', 'yesterday'],
    ['thisWeek', 'Trong tuần', 'this-week'], ['thisMonth', 'Trong tháng', 'this-month'], ['total', 'Tất cả', 'total']
  ];
  function format(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  }
  function fill(box, stats) {
    var section = document.createElement('section');
    section.className = 'bantin-stats';
    var h = document.createElement('h2');
    h.className = 'bantin-stats__heading';
    h.textContent = 'Thống kê truy cập';
    section.appendChild(h);
    var dl = document.createElement('dl');
    dl.className = 'bantin-stats__rows';
    LABELS.forEach(function (row) {
      var div = document.createElement('div');
      div.className = 'bantin-stats__row';
      div.setAttribute('data-bantin-stat', row[2]);
      var dt = document.createElement('dt');
      dt.className = 'bantin-stats__label';
      dt.textContent = row[1];
      var dd = document.createElement('dd');
      dd.className = 'bantin-stats__value';
      dd.textContent = format(stats[row[0]]);
      div.appendChild(dt);
      div.appendChild(dd);
      dl.appendChild(div);
    });
    section.appendChild(dl);
    box.textContent = '';
    box.appendChild(section);
  }
  function run() {
    var boxes = document.querySelectorAll('[data-bantin-stats]');
    var slug = null;
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].getAttribute('data-article-slug')) { slug = boxes[i].getAttribute('data-article-slug'); }
    }
    var hit = { path: location.pathname };
    if (slug) { hit.articleSlug = slug; }
    var send = fetch(base + '/api/hits', {
      method: 'POST', mode: 'cors', credentials: 'omit',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(hit)
    }).catch(function () {});
    if (!boxes.length) { return; }
    send.then(function () {
      return fetch(base + '/api/stats', { mode: 'cors', credentials: 'omit' });
    }).then(function (r) { return r && r.ok ? r.json() : null; })
      .then(function (stats) {
        if (!stats) { return; }
        for (var j = 0; j < boxes.length; j++) { fill(boxes[j], stats); }
      }).catch(function () {});
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run);
  } else {
    run();
  }
})();
