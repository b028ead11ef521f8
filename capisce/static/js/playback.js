// A rendition's page: the session played back as it happened, and the trainer's remarks on
// the recording's timeline. Consecutive: each source turn, then the learner's rendition of
// it, from the turn marks the recorder kept. Simultaneous: both tracks together, with a
// balance between them. A remark, on the timeline or in the list, plays the recording from
// a second before it. Without this script both recordings play with their own controls.
(function () {
  "use strict";

  var TICK_MS = 40;
  var DRIFT = 0.25; // seconds the two tracks may drift apart before they are aligned again
  var LEAD_IN = 1; // a remark plays from this many seconds before it

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function play(media, onError) {
    var playing = media.play();
    if (playing && playing.catch) playing.catch(onError || function () {});
  }

  // A recording made by a browser (WebM) may not say how long it is: the browser finds out
  // once it has looked at the end, and its controls can then show the length and seek.
  function learnDuration(media) {
    if (!media) return;
    function probe() {
      if (media.duration !== Infinity) return;
      media.addEventListener("durationchange", function settled() {
        if (!isFinite(media.duration)) return;
        media.removeEventListener("durationchange", settled);
        if (media.paused) media.currentTime = 0;
      });
      media.currentTime = 1e101;
    }
    if (media.readyState >= 1) probe();
    else media.addEventListener("loadedmetadata", probe, { once: true });
  }

  function seek(media, seconds) {
    if (Math.abs(media.currentTime - seconds) > 0.05) media.currentTime = seconds;
  }

  // --- The session ---------------------------------------------------------------------------

  function Session(root) {
    this.root = root;
    this.msg = root.dataset;
    this.kind = root.dataset.kind;
    this.rendition = root.querySelector("[data-rendition-audio]");
    this.source = root.querySelector("[data-source-audio]");
    this.player = root.querySelector("[data-session-player]");
    this.now = root.querySelector("[data-session-now]");
    this.button = root.querySelector("[data-session-play]");
    this.restart = root.querySelector("[data-session-restart]");
    this.balance = root.querySelector("[data-balance]");
    this.playing = false;
  }

  Session.prototype.init = function () {
    if (!this.player || !this.source || !this.rendition) return;
    var self = this;
    this.player.hidden = false;
    if (this.kind === "turns") this.steps = this.turnSteps();
    this.step = 0;
    this.button.addEventListener("click", function () {
      if (self.playing) self.pause();
      else self.play();
    });
    this.restart.addEventListener("click", function () {
      self.stop();
      self.step = 0;
      self.position = 0;
      self.play();
    });
    if (this.balance) {
      this.balance.addEventListener("input", function () {
        self.mix();
      });
      this.mix();
    }
    // Playing the other track with its own controls takes over from the session.
    [this.source, this.rendition].forEach(function (media) {
      media.addEventListener("play", function () {
        if (self.playing && !self.drives(media)) self.stop();
      });
    });
  };

  Session.prototype.drives = function (media) {
    if (this.kind !== "turns") return true;
    var step = this.steps[this.step];
    return !!step && step.media === media;
  };

  // Consecutive: [source turn 1, rendition of turn 1, source turn 2, ...].
  Session.prototype.turnSteps = function () {
    var self = this;
    var steps = [];
    var sourceFrom = 0;
    var list = this.root.querySelector("[data-turn-marks]");
    if (!list) return steps;
    list.querySelectorAll("li[data-turn]").forEach(function (item) {
      var turn = parseInt(item.dataset.turn, 10);
      var sourceEnd = parseFloat(item.dataset.sourceEnd);
      var start = parseFloat(item.dataset.renditionStart);
      var end = parseFloat(item.dataset.renditionEnd);
      var first = steps.length;
      steps.push({ media: self.source, from: sourceFrom, to: sourceEnd, turn: turn, what: "source" });
      steps.push({ media: self.rendition, from: start, to: end, turn: turn, what: "rendition" });
      sourceFrom = sourceEnd;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button--secondary button--small turn__play";
      button.textContent = format(self.msg.labelPlayTurn, { turn: turn });
      button.addEventListener("click", function () {
        self.stop();
        self.step = first;
        self.play();
      });
      item.appendChild(button);
    });
    return steps;
  };

  Session.prototype.say = function (text) {
    this.now.textContent = text || "";
  };

  Session.prototype.fail = function () {
    this.stop();
    this.say(this.msg.errorPlayback);
  };

  Session.prototype.play = function () {
    var self = this;
    this.playing = true;
    this.button.textContent = this.msg.labelPause;
    window.clearInterval(this.timer);
    this.timer = window.setInterval(function () {
      self.tick();
    }, TICK_MS);
    if (this.kind === "turns") this.playStep(this.resumeAt);
    else this.playTogether();
    this.resumeAt = null;
  };

  Session.prototype.playStep = function (resumeAt) {
    var step = this.steps[this.step];
    if (!step) {
      this.stop();
      this.step = 0;
      this.say(this.msg.nowEnded);
      return;
    }
    var other = step.media === this.source ? this.rendition : this.source;
    other.pause();
    seek(step.media, resumeAt === null || resumeAt === undefined ? step.from : resumeAt);
    play(step.media, this.fail.bind(this));
    this.say(format(step.what === "source" ? this.msg.nowSource : this.msg.nowRendition, { turn: step.turn }));
  };

  Session.prototype.playTogether = function () {
    var position = this.position || 0;
    seek(this.source, position);
    seek(this.rendition, position);
    play(this.source, this.fail.bind(this));
    play(this.rendition, this.fail.bind(this));
    this.say(this.msg.nowTogether);
  };

  Session.prototype.tick = function () {
    if (!this.playing) return;
    if (this.kind === "turns") {
      var step = this.steps[this.step];
      if (!step) return;
      if (step.media.ended || step.media.currentTime >= step.to - 0.02) {
        step.media.pause();
        this.step += 1;
        this.playStep(null);
      }
      return;
    }
    var source = this.source;
    var rendition = this.rendition;
    if (source.ended && rendition.ended) {
      this.stop();
      this.position = 0;
      this.say(this.msg.nowEnded);
      return;
    }
    // Keep the rendition where the source is, while both still play.
    if (!source.ended && !rendition.ended && Math.abs(source.currentTime - rendition.currentTime) > DRIFT) {
      rendition.currentTime = source.currentTime;
    }
  };

  Session.prototype.pause = function () {
    this.stop();
    if (this.kind === "turns") {
      var step = this.steps[this.step];
      this.resumeAt = step ? step.media.currentTime : null;
    } else {
      this.position = this.source.ended ? this.rendition.currentTime : this.source.currentTime;
    }
    this.button.textContent = this.msg.labelResume;
    this.say(this.msg.nowPaused);
  };

  Session.prototype.stop = function () {
    window.clearInterval(this.timer);
    this.playing = false;
    this.resumeAt = null;
    this.source.pause();
    this.rendition.pause();
    this.button.textContent = this.msg.labelPlay;
  };

  // The balance: in the middle both tracks at full volume; towards an end, the other fades.
  Session.prototype.mix = function () {
    var value = parseInt(this.balance.value, 10);
    var source = Math.min(100, Math.round((100 - value) * 2));
    var rendition = Math.min(100, Math.round(value * 2));
    this.source.volume = source / 100;
    this.rendition.volume = rendition / 100;
    this.balance.setAttribute(
      "aria-valuetext",
      format(this.msg.balanceText, { source: source + "%", rendition: rendition + "%" })
    );
  };

  // --- The remarks on the timeline -------------------------------------------------------------

  function Timeline(root, session) {
    this.root = root;
    this.msg = root.dataset;
    this.session = session;
    this.track = root.querySelector("[data-timeline-track]");
    this.playhead = root.querySelector("[data-playhead]");
    this.now = root.querySelector("[data-timeline-now]");
    this.rendition = document.querySelector("[data-rendition-audio]");
    this.duration = parseFloat(root.dataset.duration) || 0;
  }

  Timeline.prototype.place = function (element, seconds) {
    var fraction = this.duration > 0 ? Math.min(1, Math.max(0, seconds / this.duration)) : 0;
    element.style.setProperty("--at", fraction.toFixed(4));
    return fraction;
  };

  // Marks closer than their own width (on a phone, remarks a few seconds apart) take turns on
  // a lane above the track, so that none hides another; laid out again when the width changes.
  Timeline.prototype.layoutMarks = function () {
    var width = this.track.clientWidth;
    var ends = [-Infinity, -Infinity]; // where the last mark of each lane ends, in pixels
    var raised = false;
    this.items
      .map(function (item) { return item.mark; })
      .sort(function (a, b) { return a.fraction - b.fraction; })
      .forEach(function (mark) {
        var half = mark.offsetWidth / 2 + 1;
        var x = mark.fraction * width;
        var lane = x - half >= ends[0] ? 0 : x - half >= ends[1] ? 1 : 0;
        ends[lane] = x + half;
        mark.classList.toggle("timeline__mark--raised", lane === 1);
        raised = raised || lane === 1;
      });
    this.track.classList.toggle("timeline__track--lanes", raised); // room above for them
  };

  Timeline.prototype.init = function () {
    if (!this.rendition || !this.track || !(this.duration > 0)) return;
    var self = this;
    this.root.hidden = false;
    var end = this.root.querySelector("[data-timeline-end]");
    if (end) end.textContent = clock(this.duration);
    // Where each turn's rendition begins (consecutive).
    document.querySelectorAll("[data-turn-marks] li[data-turn]").forEach(function (item) {
      var turn = parseInt(item.dataset.turn, 10);
      if (turn < 2) return;
      var tick = document.createElement("span");
      // Even turns are labelled under the track, odd ones above, so that close turns' labels
      // do not run into each other; a phone shows the number only (site.css).
      tick.className = "timeline__turn" + (turn % 2 === 0 ? " timeline__turn--low" : "");
      tick.dataset.turn = turn;
      tick.setAttribute("aria-hidden", "true");
      tick.textContent = format(self.msg.turnLabel, { turn: turn });
      self.place(tick, parseFloat(item.dataset.renditionStart));
      self.track.appendChild(tick);
    });
    this.items = Array.prototype.slice.call(document.querySelectorAll("[data-remarks] li[data-at]"));
    this.items.forEach(function (item) {
      var at = parseFloat(item.dataset.at);
      var number = item.dataset.number;
      var category = item.querySelector(".remark__category");
      var from = clock(Math.max(0, at - LEAD_IN));
      var mark = document.createElement("button");
      mark.type = "button";
      mark.className = "timeline__mark timeline__mark--" + item.dataset.category;
      mark.textContent = number;
      mark.setAttribute(
        "aria-label",
        format(self.msg.markLabel, {
          number: number,
          at: clock(at),
          category: category ? category.textContent : "",
          from: from,
        })
      );
      mark.setAttribute("data-remark-mark", number);
      item.mark = mark;
      mark.fraction = self.place(mark, at);
      self.track.appendChild(mark);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button--secondary button--small remark__play";
      button.textContent = format(self.msg.playFrom, { from: from });
      item.appendChild(button);
      [mark, button].forEach(function (control) {
        control.addEventListener("click", function () {
          self.playFrom(item, at);
        });
      });
    });
    this.layoutMarks();
    window.addEventListener("resize", function () {
      self.layoutMarks();
    });
    this.rendition.addEventListener("timeupdate", function () {
      self.place(self.playhead, self.rendition.currentTime);
    });
    this.rendition.addEventListener("seeked", function () {
      self.place(self.playhead, self.rendition.currentTime);
    });
    this.place(this.playhead, 0);
  };

  Timeline.prototype.playFrom = function (item, at) {
    if (this.session && this.session.playing) this.session.stop();
    var from = Math.max(0, at - LEAD_IN);
    this.items.forEach(function (other) {
      other.classList.toggle("is-current", other === item);
      if (other.mark) other.mark.classList.toggle("is-current", other === item);
    });
    this.rendition.currentTime = from;
    play(this.rendition);
    this.now.textContent = format(this.msg.playingFrom, { from: clock(from), number: item.dataset.number });
  };

  learnDuration(document.querySelector("[data-rendition-audio]"));
  var root = document.querySelector("[data-session]");
  var session = null;
  if (root) {
    session = new Session(root);
    session.init();
  }
  var timeline = document.querySelector("[data-timeline]");
  if (timeline) new Timeline(timeline, session).init();
})();
