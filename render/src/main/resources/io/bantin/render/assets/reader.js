/* bantin reader tools: text size (A+ / A / A-), contrast toggle, print. No framework, no inline
   handlers: one delegated click listener, state kept as attributes on <html> (see prefs.js). */
(function () {
  'use strict';
  var STEPS = ['87.5', '100', '112.5', '125', '150', '175', '200'];
  var DEFAULT_STEP = 1;
  var root = document.documentElement;

  function store(key, value) {
    try {
      if (value === null) {
        window.localStorage.removeItem(key);
      } else {
        window.localStorage.setItem(key, value);
      }
    } catch (e) {
      /* storage blocked: the choice lasts for this page only */
    }
  }

  function each(selector, fn) {
    var list = document.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) {
      fn(list[i]);
    }
  }

  function currentStep() {
    var i = STEPS.indexOf(root.getAttribute('data-bantin-font') || '100');
    return i < 0 ? DEFAULT_STEP : i;
  }

  function highContrast() {
    return root.getAttribute('data-bantin-contrast') === 'high';
  }

  function announce(toolbar, text) {
    var status = toolbar && toolbar.querySelector('[data-bantin-status]');
    if (status) {
      status.textContent = text;
    }
  }

  function sync() {
    var step = currentStep();
    var pressed = highContrast() ? 'true' : 'false';
    each('[data-bantin-action="contrast"]', function (b) { b.setAttribute('aria-pressed', pressed); });
    each('[data-bantin-action="font-larger"]', function (b) {
      b.setAttribute('aria-disabled', step === STEPS.length - 1 ? 'true' : 'false');
    });
    each('[data-bantin-action="font-smaller"]', function (b) {
      b.setAttribute('aria-disabled', step === 0 ? 'true' : 'false');
    });
  }

  function setFont(index, toolbar) {
    var i = Math.max(0, Math.min(STEPS.length - 1, index));
    var step = STEPS[i];
    if (i === DEFAULT_STEP) {
      root.removeAttribute('data-bantin-font');
      store('bantin.font', null);
    } else {
      root.setAttribute('data-bantin-font', step);
      store('bantin.font', step);
    }
    sync();
    if (toolbar) {
      var lang = (toolbar.closest('[lang]') || root).getAttribute('lang') || '';
      var shown = lang.indexOf('vi') === 0 ? step.replace('.', ',') : step;
      announce(toolbar, (toolbar.getAttribute('data-bantin-status-font') || '{0}%').replace('{0}', shown));
    }
  }

  function setContrast(on, toolbar) {
    root.setAttribute('data-bantin-contrast', on ? 'high' : 'normal');
    store('bantin.contrast', on ? 'high' : 'normal');
    sync();
    if (toolbar) {
      announce(toolbar, toolbar.getAttribute(on ? 'data-bantin-status-contrast-on' : 'data-bantin-status-contrast-off') || '');
    }
  }

  document.addEventListener('click', function (event) {
    var target = event.target && event.target.closest ? event.target.closest('[data-bantin-action]') : null;
    if (!target) {
      return;
    }
    var toolbar = target.closest('[data-bantin-toolbar]');
    switch (target.getAttribute('data-bantin-action')) {
      case 'font-larger':
        setFont(currentStep() + 1, toolbar);
        break;
      case 'font-smaller':
        setFont(currentStep() - 1, toolbar);
        break;
      case 'font-reset':
        setFont(DEFAULT_STEP, toolbar);
        break;
      case 'contrast':
        setContrast(!highContrast(), toolbar);
        break;
      case 'print-now':
        window.print();
        break;
      default:
        /* "print" is a plain link to the print view: works without JavaScript too */
        return;
    }
  });

  if (root.className.indexOf('bantin-js') < 0) {
    root.className += (root.className ? ' ' : '') + 'bantin-js';
  }
  sync();
})();
