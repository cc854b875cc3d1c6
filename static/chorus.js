// Chorus progressive enhancement: everything works without this file.
// - Read aloud: reveals the hidden "Read aloud" buttons only where the browser can speak.
// - Copy link: reveals "Copy link" buttons where the browser can copy, and says when it did.
// - Exit this page: leaves for the neutral site without a history entry, also on Shift pressed
//   three times within a second (as the GOV.UK Design System's component does).
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  if (synth && window.SpeechSynthesisUtterance) {
    document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-read-aloud"));
        if (!target) {
          return;
        }
        var copy = target.cloneNode(true);
        copy.querySelectorAll("[aria-hidden='true'], button, script").forEach(function (el) {
          el.remove();
        });
        var text = copy.textContent.replace(/\s+/g, " ").trim();
        synth.cancel();
        if (text) {
          var utterance = new SpeechSynthesisUtterance(text);
          utterance.lang = document.documentElement.lang || "en";
          synth.speak(utterance);
        }
      });
    });
  }

  var exit = document.querySelector("[data-exit-this-page]");
  if (exit) {
    var leave = function (event) {
      if (event) {
        event.preventDefault();
      }
      if (synth) {
        synth.cancel();
      }
      document.body.classList.add("exiting");
      window.location.replace(exit.href);
    };
    exit.addEventListener("click", leave);
    var presses = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        presses = [];
        return;
      }
      if (event.repeat) {
        return;
      }
      var now = Date.now();
      presses = presses.filter(function (t) {
        return now - t < 1000;
      });
      presses.push(now);
      if (presses.length >= 3) {
        leave();
      }
    });
  }
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var id = button.getAttribute("data-copy");
      var link = document.getElementById(id);
      var status = document.querySelector("[data-copy-status='" + id + "']");
      if (!link) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(link.href).then(function () {
          button.textContent = "Link copied";
          if (status) {
            status.textContent = "The link is copied.";
          }
        });
      });
    });
  }
})();
