// bantin-server: small progressive enhancements; every page works without this file.
(function () {
  'use strict';
  // Ask before deleting: a plain form post otherwise.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form && form.action && /\/delete$/.test(form.action)) {
      if (!window.confirm('Xóa bài viết này? Không thể hoàn tác.')) {
        event.preventDefault();
      }
    }
  });
})();
