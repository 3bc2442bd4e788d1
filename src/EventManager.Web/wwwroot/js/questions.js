// Questions asked only after another question's answer: shown while that answer is chosen. The server checks the same
// rule, so without this script every question shows, each saying when it applies.
(function () {
  const conditional = document.querySelectorAll('.question[data-show-when]:not([data-show-when=""])');
  if (conditional.length === 0) return;
  const form = conditional[0].closest('form');
  function chosen(questionId) {
    const checked = form.querySelector('input[name="Answers[' + questionId + ']"]:checked');
    return checked ? checked.value : null;
  }
  function update() {
    conditional.forEach(function (q) {
      const shown = chosen(q.dataset.showWhen) === q.dataset.showAnswer;
      q.hidden = !shown;
      q.querySelectorAll('.condition-hint').forEach(function (h) { h.hidden = true; });
    });
  }
  form.addEventListener('change', update);
  update();
})();
