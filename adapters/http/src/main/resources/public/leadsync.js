// The admin UI's only script besides htmx: a file, since the Content-Security-Policy allows no inline script.
// A form with data-confirm asks before it is sent (disconnecting a CRM, say).
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form && form.getAttribute ? form.getAttribute('data-confirm') : null;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);

// A 422 answer to an htmx form is the form again with each field's reason beside it: show it. (htmx leaves 4xx
// answers unswapped by default, so a refused save looked like a button that did nothing.)
document.addEventListener('htmx:beforeSwap', function (event) {
  if (event.detail.xhr && event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
