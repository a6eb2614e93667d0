/* bantin reader preferences: applied before first paint, so there is no flash.
   Load it with a plain <script src> in <head> (blocking, tiny); it only sets attributes on <html>. */
(function () {
  'use strict';
  var root = document.documentElement;
  var steps = ['87.5', '100', '112.5', '125', '150', '175', '200'];
  var font = null;
  var contrast = null;
  try {
    font = window.localStorage.getItem('bantin.font');
    contrast = window.localStorage.getItem('bantin.contrast');
  } catch (e) {
    /* storage blocked (privacy mode): defaults apply */
  }
  if (font && font !== '100' && steps.indexOf(font) >= 0) {
    root.setAttribute('data-bantin-font', font);
  }
  if (contrast === 'high' || contrast === 'normal') {
    root.setAttribute('data-bantin-contrast', contrast);
  } else if (window.matchMedia && window.matchMedia('(prefers-contrast: more)').matches) {
    root.setAttribute('data-bantin-contrast', 'high');
  }
  root.className += (root.className ? ' ' : '') + 'bantin-js';
})();
