// The story page is the same for every reader and carries no token of its own. When the
// reader turns to the comments, this fetches their browser's own: the CSRF token and a one-use
// comment token (comments.views.comment_tokens, never cached), and puts them in the forms.
// Without it, a form comes back once from the site with the tokens in it.
(function () {
  "use strict";
  var section = document.getElementById("comments");
  var form = section && section.querySelector("form[data-tokens]");
  if (!form) return;
  var pending = null;

  function fill(tokens) {
    section.querySelectorAll("form").forEach(function (each) {
      Object.keys(tokens).forEach(function (name) {
        var input = each.querySelector('input[name="' + name + '"]');
        if (input) input.value = tokens[name];
      });
    });
  }

  function tokens() {
    if (!pending) {
      pending = fetch(form.dataset.tokens, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error("tokens: " + response.status);
          return response.json();
        })
        .then(fill)
        .catch(function () {
          pending = null; // the site asks once more instead
        });
    }
    return pending;
  }

  section.addEventListener("focusin", tokens);
  section.addEventListener("submit", function (event) {
    var sent = event.target;
    var token = sent.querySelector('input[name="csrfmiddlewaretoken"]');
    if (!token || token.value || sent.dataset.asked) return;
    event.preventDefault();
    sent.dataset.asked = "1";
    tokens().then(function () {
      sent.requestSubmit(event.submitter || undefined);
    });
  });
})();
