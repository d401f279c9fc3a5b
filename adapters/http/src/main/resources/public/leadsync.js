// The admin UI's only script besides htmx: a file, since the Content-Security-Policy allows no inline script.
// A form with data-confirm asks before it is sent (disconnecting a CRM, say).
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form && form.getAttribute ? form.getAttribute('data-confirm') : null;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);
