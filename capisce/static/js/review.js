// The trainer's review page and the hard-moment page in the admin.
//
// Review: plays the session as it happened (consecutive: source turn, then the learner's
// rendition of it, turn by turn; simultaneous: both together), draws the rendition's timeline
// with the turns and the remarks, and drops a remark at the current moment of the rendition
// with the M key or a button. Remarks are sent as JSON with the CSRF token; the server says
// why when it refuses one. Without this script the page still works: the audio players have
// their controls and the remark form posts the moment typed in.
//
// Hard moments: each play button plays its recording from the clip's start to its end.
(function () {
  "use strict";

  function seconds(value) {
    var number = parseFloat(value);
    return isFinite(number) ? number : 0;
  }

  function fill(template, values) {
    return String(template || "").replace(/__(\w+)__/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  // Plays `audio` from `start` to `end`; resolves true at the end, false when stopped.
  function Player(onStop) {
    this.token = 0;
    this.onStop = onStop;
  }
  Player.prototype.stop = function () {
    this.token += 1;
    Array.prototype.forEach.call(arguments, function (audio) {
      if (audio) audio.pause();
    });
    if (this.onStop) this.onStop();
  };
  Player.prototype.span = function (audio, start, end) {
    var token = this.token;
    var self = this;
    return new Promise(function (resolve) {
      function cleanup() {
        audio.removeEventListener("timeupdate", onTime);
        audio.removeEventListener("ended", onEnded);
        audio.removeEventListener("pause", onPause);
      }
      function onTime() {
        if (token !== self.token) {
          cleanup();
          resolve(false);
        } else if (audio.currentTime >= end) {
          cleanup();
          audio.pause();
          resolve(true);
        }
      }
      function onEnded() {
        cleanup();
        resolve(token === self.token);
      }
      function onPause() {
        if (audio.currentTime < end - 0.1) {
          cleanup();
          resolve(false);
        }
      }
      audio.currentTime = start;
      audio.addEventListener("timeupdate", onTime);
      audio.addEventListener("ended", onEnded);
      audio.addEventListener("pause", onPause);
      var playing = audio.play();
      if (playing && playing.catch) {
        playing.catch(function () {
          cleanup();
          resolve(false);
        });
      }
    });
  };

  function csrfToken(scope) {
    var input = scope.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(url, token, body) {
    var headers = { Accept: "application/json", "X-CSRFToken": token };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          return { ok: response.ok, status: response.status, data: data };
        });
    });
  }

  function review(root) {
    var labels = root.dataset;
    var duration = seconds(root.dataset.duration);
    var rendition = root.querySelector("[data-rendition-audio]");
    var source = root.querySelector("[data-source-audio]");
    var nowPlaying = root.querySelector("[data-now-playing]");
    var timeline = root.querySelector("[data-timeline]");
    var list = root.querySelector("[data-remarks]");
    var empty = root.querySelector("[data-remarks-empty]");
    var status = root.querySelector("[data-remarks-status]");
    var template = root.querySelector("[data-remark-template]");
    var form = root.querySelector("[data-remark-form]");
    var turns = Array.prototype.map.call(root.querySelectorAll("[data-turn]"), function (item) {
      return {
        item: item,
        number: item.dataset.turn,
        sourceStart: seconds(item.dataset.sourceStart),
        sourceEnd: seconds(item.dataset.sourceEnd),
        start: seconds(item.dataset.renditionStart),
        end: seconds(item.dataset.renditionEnd),
      };
    });
    if (!rendition) return;

    root.querySelectorAll("[data-session-controls], [data-turn-buttons], [data-remark-now-row]").forEach(
      function (element) {
        element.hidden = false;
      }
    );

    function say(text) {
      if (nowPlaying) nowPlaying.textContent = text || "";
    }
    function showError(element, text) {
      element.textContent = text || "";
      element.hidden = !text;
    }
    function atLabel(at) {
      return fill(labels.labelSeconds, { AT: at.toFixed(1) });
    }

    var player = new Player();

    function stop() {
      player.stop(rendition, source);
      rendition.removeEventListener("seeked", follow);
    }

    // The timeline: the turns the learner rendered, the remarks, where the rendition is.
    var playhead = null;
    function percent(at) {
      return duration > 0 ? Math.max(0, Math.min(100, (100 * at) / duration)) : 0;
    }
    function bar(classes, left, width) {
      var element = document.createElement("span");
      element.className = "w-absolute w-top-0 w-h-full " + classes;
      element.style.left = percent(left) + "%";
      element.style.width = width;
      timeline.appendChild(element);
      return element;
    }
    function drawTimeline() {
      if (!timeline) return;
      timeline.textContent = "";
      turns.forEach(function (turn, index) {
        var span = bar(index % 2 ? "w-bg-info-50" : "w-bg-info-75", turn.start, "0");
        span.style.width = percent(turn.end) - percent(turn.start) + "%";
      });
      list.querySelectorAll("[data-remark]").forEach(function (item) {
        var good = item.dataset.category === "good_solution";
        bar(good ? "w-bg-positive-100" : "w-bg-critical-200", seconds(item.dataset.at), "4px");
      });
      playhead = bar("w-bg-black", rendition.currentTime || 0, "2px");
    }
    rendition.addEventListener("timeupdate", function () {
      if (playhead) playhead.style.left = percent(rendition.currentTime) + "%";
    });
    if (timeline) {
      timeline.style.cursor = "pointer";
      timeline.addEventListener("click", function (event) {
        var box = timeline.getBoundingClientRect();
        rendition.currentTime = ((event.clientX - box.left) / box.width) * duration;
      });
    }

    // The session: turn by turn, or both together.
    var session = root.querySelector("[data-play-session]");
    if (session) {
      session.addEventListener("click", function () {
        stop();
        var index = 0;
        function next() {
          if (index >= turns.length) {
            say(labels.labelDone);
            return;
          }
          var turn = turns[index];
          index += 1;
          say(fill(labels.labelSource, { N: turn.number }));
          player.span(source, turn.sourceStart, turn.sourceEnd).then(function (done) {
            if (!done) return;
            say(fill(labels.labelRendition, { N: turn.number }));
            player.span(rendition, turn.start, turn.end).then(function (done) {
              if (done) next();
            });
          });
        }
        next();
      });
    }
    function follow() {
      if (Math.abs(source.currentTime - rendition.currentTime) > 0.3) {
        source.currentTime = rendition.currentTime;
      }
    }
    var together = root.querySelector("[data-play-together]");
    if (together && source) {
      together.addEventListener("click", function () {
        stop();
        source.currentTime = rendition.currentTime;
        rendition.addEventListener("seeked", follow);
        say(labels.labelTogether);
        [source, rendition].forEach(function (audio) {
          var playing = audio.play();
          if (playing && playing.catch) playing.catch(function () {});
        });
      });
    }
    var stopButton = root.querySelector("[data-stop]");
    if (stopButton) {
      stopButton.addEventListener("click", function () {
        stop();
        say(labels.labelStopped);
      });
    }
    turns.forEach(function (turn) {
      var sourceButton = turn.item.querySelector("[data-play-source-turn]");
      var renditionButton = turn.item.querySelector("[data-play-rendition-turn]");
      if (sourceButton && source) {
        sourceButton.addEventListener("click", function () {
          stop();
          say(fill(labels.labelSource, { N: turn.number }));
          player.span(source, turn.sourceStart, turn.sourceEnd);
        });
      }
      if (renditionButton) {
        renditionButton.addEventListener("click", function () {
          stop();
          say(fill(labels.labelRendition, { N: turn.number }));
          player.span(rendition, turn.start, turn.end);
        });
      }
    });

    // Remarks: listed in the order of their moments, a click plays from a second before.
    function showEmpty() {
      if (empty) empty.hidden = list.querySelector("[data-remark]") !== null;
    }
    list.addEventListener("click", function (event) {
      var seek = event.target.closest("[data-remark-seek]");
      if (!seek) return;
      var item = seek.closest("[data-remark]");
      stop();
      rendition.currentTime = Math.max(0, seconds(item.dataset.at) - 1);
      var playing = rendition.play();
      if (playing && playing.catch) playing.catch(function () {});
    });
    list.addEventListener("submit", function (event) {
      var deleteForm = event.target.closest("[data-remark-delete]");
      if (!deleteForm) return;
      event.preventDefault();
      var item = deleteForm.closest("[data-remark]");
      send(deleteForm.action, csrfToken(deleteForm)).then(
        function (answer) {
          if (!answer.ok) {
            status.textContent = labels.labelFailed;
            return;
          }
          item.remove();
          status.textContent = labels.labelDeleted;
          showEmpty();
          drawTimeline();
        },
        function () {
          status.textContent = labels.labelFailed;
        }
      );
    });

    function addRemark(remark) {
      var item = template.content.firstElementChild.cloneNode(true);
      item.id = "remark-" + remark.id;
      item.dataset.at = remark.at;
      item.dataset.category = remark.category;
      item.querySelector("[data-remark-seek]").textContent = atLabel(remark.at);
      item.querySelector("[data-remark-label]").textContent = remark.category_label;
      item.querySelector("[data-remark-comment-text]").textContent = remark.comment;
      var deleteForm = item.querySelector("[data-remark-delete]");
      if (deleteForm) {
        deleteForm.action = remark.delete_url;
        item.querySelector("[data-remark-delete-label]").textContent =
          ": " + remark.category_label + ", " + atLabel(remark.at);
      }
      var after = Array.prototype.find.call(list.querySelectorAll("[data-remark]"), function (other) {
        return seconds(other.dataset.at) > remark.at;
      });
      list.insertBefore(item, after || null);
      showEmpty();
      drawTimeline();
    }

    if (form) {
      var at = form.querySelector("[data-remark-at]");
      var category = form.querySelector("[data-remark-category]");
      var comment = form.querySelector("[data-remark-comment]");
      var error = form.querySelector("[data-remark-error]");
      var now = form.querySelector("[data-remark-now]");

      var remarkNow = function () {
        stop();
        say(labels.labelStopped);
        var moment = Math.min(duration || Infinity, rendition.currentTime || 0);
        at.value = moment.toFixed(1);
        showError(error, "");
        status.textContent = fill(labels.labelRemarkAt, { AT: moment.toFixed(1) });
        category.focus();
      };
      if (now) now.addEventListener("click", remarkNow);
      document.addEventListener("keydown", function (event) {
        if (event.key !== "m" && event.key !== "M") return;
        if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
        var target = event.target;
        if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
        event.preventDefault();
        remarkNow();
      });

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        showError(error, "");
        send(form.action, csrfToken(form), {
          at: at.value,
          category: category.value,
          comment: comment.value,
        }).then(
          function (answer) {
            if (answer.status === 201) {
              addRemark(answer.data);
              comment.value = "";
              category.value = "";
              status.textContent = fill(labels.labelAdded, { AT: answer.data.at.toFixed(1) });
              if (now) now.focus();
            } else {
              showError(error, answer.data.error || labels.labelFailed);
            }
          },
          function () {
            showError(error, labels.labelFailed);
          }
        );
      });
    }

    drawTimeline();
  }

  function moments(root) {
    var player = new Player();
    var audios = root.querySelectorAll("audio");
    root.querySelectorAll("[data-clip]").forEach(function (clip) {
      var button = clip.querySelector("[data-play-clip]");
      var audio = clip.querySelector("audio");
      if (!button || !audio) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        player.stop.apply(player, audios);
        player.span(audio, seconds(clip.dataset.start), seconds(clip.dataset.end));
      });
    });
  }

  document.querySelectorAll("[data-review]").forEach(review);
  document.querySelectorAll("[data-hard-moment]").forEach(moments);
})();
