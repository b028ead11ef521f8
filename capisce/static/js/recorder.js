// Interpreting exercises: the briefing first, then the learner records a rendition in the
// browser. Consecutive: the source plays turn by turn and pauses at each turn's end while
// the learner interprets (the recording pauses while the source plays, and keeps where each
// turn's rendition starts and ends). Simultaneous: the source plays on while recording.
//
// Every take is kept in this browser (IndexedDB) from the moment it stops, and while it
// records, until the server has answered 201 for it: a reload or a dropped connection
// loses nothing. Without this script, or without a recorder or a microphone, the plain
// upload form of the template does the job.
(function () {
  "use strict";

  var MIME_TYPES = ["audio/webm;codecs=opus", "audio/mp4", "audio/webm"];
  var DB_NAME = "capisce-recorder";
  var STORE = "takes";
  var SAVE_EVERY_MS = 3000; // how often a take being recorded is written to the browser
  var TICK_MS = 40; // how often the clock, the limit and the source's turn end are checked
  var FINAL_TURN_MIN = 0.5; // source left after the last marked end that makes one more turn

  // --- Small helpers ---------------------------------------------------------------------

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

  function round2(number) {
    return Math.round(number * 100) / 100;
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function extensionFor(type) {
    if (/mp4|m4a|aac/.test(type)) return ".m4a";
    if (/ogg/.test(type)) return ".ogg";
    return ".webm";
  }

  function pickMimeType() {
    if (typeof MediaRecorder.isTypeSupported !== "function") return "";
    for (var i = 0; i < MIME_TYPES.length; i++) {
      if (MediaRecorder.isTypeSupported(MIME_TYPES[i])) return MIME_TYPES[i];
    }
    return "";
  }

  function canRecord() {
    return (
      typeof window.MediaRecorder === "function" &&
      !!navigator.mediaDevices &&
      typeof navigator.mediaDevices.getUserMedia === "function"
    );
  }

  var audioContext = null;
  function sharedAudioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (!audioContext) audioContext = new Context();
    if (audioContext.state === "suspended") audioContext.resume();
    return audioContext;
  }

  // --- The takes kept in this browser (IndexedDB) ------------------------------------------

  var dbPromise = null;
  function openDb() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve, reject) {
      if (!window.indexedDB) {
        reject(new Error("no IndexedDB"));
        return;
      }
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var store = request.result.createObjectStore(STORE, { keyPath: "key" });
        store.createIndex("storageKey", "storageKey", { unique: false });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
    return dbPromise;
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var result;
        transaction.oncomplete = function () {
          resolve(result);
        };
        transaction.onerror = transaction.onabort = function () {
          reject(transaction.error);
        };
        var request = work(transaction.objectStore(STORE));
        if (request) {
          request.onsuccess = function () {
            result = request.result;
          };
        }
      });
    });
  }

  var takeStore = {
    put: function (record) {
      return withStore("readwrite", function (store) {
        return store.put(record);
      });
    },
    remove: function (key) {
      return withStore("readwrite", function (store) {
        return store.delete(key);
      });
    },
    list: function (storageKey) {
      return withStore("readonly", function (store) {
        return store.index("storageKey").getAll(IDBKeyRange.only(storageKey));
      }).then(function (records) {
        return (records || []).sort(function (a, b) {
          return a.number - b.number;
        });
      });
    },
  };

  // --- The microphone: one stream while it is needed, and a level meter on it ---------------

  function Microphone(meter, onLevel) {
    this.meter = meter;
    this.onLevel = onLevel;
    this.stream = null;
    this.frame = null;
  }

  Microphone.prototype.open = function () {
    var self = this;
    if (this.stream) return Promise.resolve(this.stream);
    return navigator.mediaDevices
      .getUserMedia({ audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: true } })
      .then(function (stream) {
        self.stream = stream;
        self.listen(stream);
        return stream;
      });
  };

  Microphone.prototype.listen = function (stream) {
    var context = sharedAudioContext();
    if (!context || !this.meter) return;
    var source = context.createMediaStreamSource(stream);
    var analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    var samples = new Float32Array(analyser.fftSize);
    var self = this;
    this.analyser = analyser;
    this.sourceNode = source;
    function measure() {
      if (!self.stream) return;
      analyser.getFloatTimeDomainData(samples);
      var sum = 0;
      for (var i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
      var rms = Math.sqrt(sum / samples.length);
      // Decibels from -60 (silence) to 0 (the loudest), shown from 0 to 1.
      var level = rms > 0 ? Math.min(1, Math.max(0, (20 * Math.log10(rms) + 60) / 60)) : 0;
      self.meter.value = round2(level);
      if (self.onLevel) self.onLevel(level);
      self.frame = window.setTimeout(measure, 50);
    }
    measure();
  };

  Microphone.prototype.close = function () {
    if (this.frame) window.clearTimeout(this.frame);
    if (this.sourceNode) this.sourceNode.disconnect();
    if (this.stream) {
      this.stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    this.stream = null;
    this.sourceNode = null;
    if (this.meter) this.meter.value = 0;
  };

  // --- Listening to a take, decoded in the page ---------------------------------------------
  // The site's Content-Security-Policy lets media elements load from the site only (no blob:
  // addresses), so a take not yet uploaded is played through Web Audio.

  function TakePlayer() {
    this.node = null;
    this.take = null;
    this.buffers = {};
  }

  TakePlayer.prototype.decode = function (take) {
    var buffers = this.buffers;
    if (buffers[take.key]) return Promise.resolve(buffers[take.key]);
    var context = sharedAudioContext();
    return take.blob.arrayBuffer().then(function (bytes) {
      return new Promise(function (resolve, reject) {
        // The callback form works in every browser that records.
        context.decodeAudioData(bytes, resolve, reject);
      });
    }).then(function (buffer) {
      buffers[take.key] = buffer;
      return buffer;
    });
  };

  TakePlayer.prototype.play = function (take, onProgress, onEnd) {
    var self = this;
    this.stop();
    this.take = take;
    return this.decode(take).then(function (buffer) {
      if (self.take !== take) return;
      var context = sharedAudioContext();
      var node = context.createBufferSource();
      node.buffer = buffer;
      node.connect(context.destination);
      var started = context.currentTime;
      node.onended = function () {
        if (self.node !== node) return;
        window.clearInterval(self.timer);
        self.node = null;
        self.take = null;
        onEnd();
      };
      node.start();
      self.node = node;
      self.timer = window.setInterval(function () {
        onProgress(Math.min(buffer.duration, context.currentTime - started), buffer.duration);
      }, 250);
      onProgress(0, buffer.duration);
    });
  };

  TakePlayer.prototype.stop = function () {
    window.clearInterval(this.timer);
    var node = this.node;
    this.node = null;
    this.take = null;
    if (node) {
      try {
        node.stop();
      } catch (error) {
        /* already stopped */
      }
    }
  };

  // --- One exercise ---------------------------------------------------------------------

  function Exercise(section) {
    this.section = section;
    this.data = section.dataset;
    this.recorderEl = section.querySelector("[data-recorder]");
    this.msg = this.recorderEl ? this.recorderEl.dataset : {};
    this.source = section.querySelector("[data-source]");
    this.consecutive = this.data.mode === "consecutive";
    try {
      this.turnEnds = JSON.parse(this.data.turnEnds || "[]").map(Number).sort(function (a, b) {
        return a - b;
      });
    } catch (error) {
      this.turnEnds = [];
    }
    this.maxSeconds = parseFloat(this.data.maxSeconds) || 600;
    this.storageKey = this.data.takeStorageKey || "";
    this.takes = []; // the records kept in this browser, in order
    this.player = new TakePlayer();
    this.session = null; // the take being recorded
  }

  Exercise.prototype.init = function () {
    this.gateBriefing();
    if (!this.recorderEl) return;
    var el = this.recorderEl;
    this.panel = el.querySelector("[data-recorder-panel]");
    this.fallback = el.querySelector("[data-upload-fallback]");
    this.stateEl = el.querySelector("[data-state]");
    this.errorEl = el.querySelector("[data-error]");
    this.elapsedEl = el.querySelector("[data-elapsed]");
    this.limitEl = el.querySelector("[data-limit]");
    this.startButton = el.querySelector("[data-start]");
    this.nextButton = el.querySelector("[data-next-turn]");
    this.stopButton = el.querySelector("[data-stop]");
    this.checkButton = el.querySelector("[data-mic-check]");
    this.list = el.querySelector("[data-takes]");
    this.noTakes = el.querySelector("[data-no-takes]");
    this.template = el.querySelector("template[data-take-template]");
    this.csrf = el.querySelector("input[name=csrfmiddlewaretoken]");

    if (!canRecord() || !this.storageKey) {
      this.unsupported();
      return;
    }
    var self = this;
    this.microphone = new Microphone(el.querySelector("[data-level]"), function (level) {
      self.heard(level);
    });
    this.mimeType = pickMimeType();
    this.panel.hidden = false;
    if (this.fallback) this.fallback.open = false;
    if (this.limitEl) this.limitEl.textContent = clock(this.maxSeconds);
    this.startButton.textContent = this.msg.labelStart;
    this.checkButton.addEventListener("click", function () {
      self.toggleCheck();
    });
    this.startButton.addEventListener("click", function () {
      self.start();
    });
    this.nextButton.addEventListener("click", function () {
      if (self.nextButton.getAttribute("aria-disabled") === "true") return;
      self.nextTurn();
    });
    this.stopButton.addEventListener("click", function () {
      self.stop(null);
    });
    this.restore();
  };

  // The briefing comes first: the source and the recorder show once the learner has read it
  // (remembered for this browser tab), or at once when takes are waiting to be sent.
  Exercise.prototype.gateBriefing = function () {
    var work = this.section.querySelector("[data-exercise-work]");
    var gate = this.section.querySelector("[data-briefing-gate]");
    if (!work || !gate) return;
    var key = "capisce-briefing-read-" + (this.data.exerciseId || "");
    var read = false;
    try {
      read = window.sessionStorage.getItem(key) === "1";
    } catch (error) {
      read = false;
    }
    this.work = work;
    if (read) return;
    work.hidden = true;
    gate.hidden = false;
    var button = gate.querySelector("button");
    button.addEventListener("click", function () {
      work.hidden = false;
      gate.hidden = true;
      try {
        window.sessionStorage.setItem(key, "1");
      } catch (error) {
        /* private browsing: the gate comes back next time */
      }
      var heading = work.querySelector("[data-work-heading]");
      if (heading) heading.focus();
    });
    this.openGate = function () {
      work.hidden = false;
      gate.hidden = true;
    };
  };

  Exercise.prototype.unsupported = function () {
    var note = this.recorderEl.querySelector("[data-unsupported]");
    if (note) {
      note.hidden = false;
      note.textContent = this.storageKey ? this.msg.errorUnsupported : "";
    }
    if (this.fallback) this.fallback.open = true;
  };

  Exercise.prototype.say = function (text) {
    this.stateEl.textContent = text || "";
  };

  Exercise.prototype.fail = function (text) {
    this.errorEl.textContent = text || "";
  };

  Exercise.prototype.micError = function (error) {
    var name = (error && error.name) || "";
    if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") {
      return this.msg.errorDenied;
    }
    if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") {
      return this.msg.errorNoMicrophone;
    }
    if (name === "NotReadableError" || name === "AbortError" || name === "TrackStartError") {
      return this.msg.errorBusy;
    }
    return this.msg.errorMicrophone;
  };

  Exercise.prototype.refused = function (error) {
    this.fail(this.micError(error));
    this.say("");
    if (this.fallback) this.fallback.open = true;
  };

  // --- The microphone check -------------------------------------------------------------

  Exercise.prototype.toggleCheck = function () {
    var self = this;
    if (this.checking) {
      this.checking = false;
      this.checkButton.textContent = this.msg.labelCheck;
      if (!this.session) this.microphone.close();
      this.say("");
      return;
    }
    this.fail("");
    this.say(this.msg.asking);
    this.microphone.open().then(
      function () {
        self.checking = true;
        self.heardOnce = false;
        self.checkButton.textContent = self.msg.labelCheckStop;
        self.say(self.msg.checking);
      },
      function (error) {
        self.refused(error);
      }
    );
  };

  Exercise.prototype.heard = function (level) {
    if (this.checking && !this.heardOnce && level > 0.25) {
      this.heardOnce = true;
      this.say(this.msg.microphoneWorks);
    }
  };

  // --- Recording a take --------------------------------------------------------------------

  Exercise.prototype.turnCount = function () {
    var ends = this.turnEnds;
    var duration = this.source ? this.source.duration : NaN;
    if (!ends.length) return 1;
    if (isFinite(duration) && duration > ends[ends.length - 1] + FINAL_TURN_MIN) return ends.length + 1;
    return ends.length;
  };

  Exercise.prototype.sourceReady = function () {
    var source = this.source;
    if (!source || source.readyState >= 1) return Promise.resolve();
    return new Promise(function (resolve) {
      // Whatever happens, the take starts: without its length the last turn is the last mark.
      window.setTimeout(resolve, 5000);
      source.addEventListener("loadedmetadata", resolve, { once: true });
      if (source.networkState === HTMLMediaElement.NETWORK_EMPTY) source.load();
    });
  };

  Exercise.prototype.start = function () {
    if (this.session) return;
    var self = this;
    this.fail("");
    this.player.stop();
    this.say(this.msg.asking);
    this.startButton.disabled = true;
    Promise.all([this.microphone.open(), this.sourceReady()]).then(
      function (results) {
        self.begin(results[0]);
      },
      function (error) {
        self.startButton.disabled = false;
        self.refused(error);
      }
    );
  };

  Exercise.prototype.begin = function (stream) {
    var self = this;
    var options = this.mimeType ? { mimeType: this.mimeType } : {};
    var recorder;
    try {
      recorder = new MediaRecorder(stream, options);
    } catch (error) {
      this.startButton.disabled = false;
      this.fail(this.msg.errorUnsupported);
      if (this.fallback) this.fallback.open = true;
      return;
    }
    var number = this.takes.reduce(function (top, take) {
      return Math.max(top, take.number || 0);
    }, 0) + 1;
    var takeId = uuid();
    var session = {
      recorder: recorder,
      chunks: [],
      marks: [],
      open: null, // the turn being interpreted: {turn, source_end, rendition_start}
      turn: 0,
      recorded: 0, // seconds recorded before the current stretch
      since: null, // when the current stretch of recording began (performance.now())
      started: false,
      lastSave: 0,
      record: {
        key: this.storageKey + "/" + takeId,
        storageKey: this.storageKey,
        takeId: takeId,
        number: number,
        type: this.mimeType || "",
        recordedAt: Date.now(),
        complete: false,
      },
    };
    this.session = session;
    recorder.addEventListener("dataavailable", function (event) {
      if (event.data && event.data.size) session.chunks.push(event.data);
      if (!session.stopping && performance.now() - session.lastSave > SAVE_EVERY_MS) {
        session.lastSave = performance.now();
        self.keep(session, false);
      }
    });
    recorder.addEventListener("stop", function () {
      self.finished(session);
    });
    recorder.addEventListener("error", function () {
      self.fail(self.msg.errorRecorder);
      self.stop(null);
    });
    this.startButton.hidden = true;
    this.stopButton.hidden = false;
    this.recorderEl.classList.add("is-recording");
    this.ticker = window.setInterval(function () {
      self.tick();
    }, TICK_MS);
    if (this.consecutive && this.source) {
      this.nextButton.hidden = false;
      this.nextButton.textContent = this.msg.labelNext;
      this.playTurn(1, 0);
      this.nextButton.focus();
    } else {
      this.record(session);
      if (this.source) {
        this.source.currentTime = 0;
        this.playSource();
        this.source.addEventListener("ended", this.sourceEnded = function () {
          if (self.session === session) self.say(self.msg.sourceEnded);
        });
      }
      this.say(this.source ? this.msg.simultaneous : this.msg.recording);
      this.stopButton.focus();
    }
  };

  Exercise.prototype.playSource = function () {
    var self = this;
    var playing = this.source.play();
    if (playing && playing.catch) {
      playing.catch(function () {
        self.fail(self.msg.errorSource);
      });
    }
  };

  Exercise.prototype.elapsed = function (session) {
    session = session || this.session;
    if (!session) return 0;
    return session.recorded + (session.since === null ? 0 : (performance.now() - session.since) / 1000);
  };

  // The recording runs (again): from the start, or resumed after a source turn.
  Exercise.prototype.record = function (session) {
    if (!session.started) {
      session.recorder.start(1000);
      session.started = true;
    } else if (session.recorder.state === "paused") {
      session.recorder.resume();
    }
    session.since = performance.now();
  };

  Exercise.prototype.pauseRecording = function (session) {
    session.recorded = this.elapsed(session);
    session.since = null;
    if (session.recorder.state === "recording") session.recorder.pause();
  };

  // Consecutive: the source plays turn `turn` from `from` seconds; the recording waits.
  Exercise.prototype.playTurn = function (turn, from) {
    var session = this.session;
    session.turn = turn;
    session.turnEnd = turn <= this.turnEnds.length ? this.turnEnds[turn - 1] : null; // null: to the end
    session.listening = true;
    this.nextButton.setAttribute("aria-disabled", "true");
    this.say(format(this.msg.listening, { turn: turn, turns: this.turnCount() }));
    if (Math.abs(this.source.currentTime - from) > 0.05) this.source.currentTime = from;
    this.playSource();
    var self = this;
    if (!this.onEnded) {
      this.onEnded = function () {
        if (self.session && self.session.listening) self.turnOver();
      };
      this.source.addEventListener("ended", this.onEnded);
    }
  };

  // The source reached the end of the turn: it pauses, and the learner interprets.
  Exercise.prototype.turnOver = function () {
    var session = this.session;
    var source = this.source;
    source.pause();
    session.listening = false;
    var end = session.turnEnd === null ? source.duration || source.currentTime : session.turnEnd;
    this.record(session);
    session.open = { turn: session.turn, source_end: round2(end), rendition_start: round2(this.elapsed(session)) };
    var last = session.turn >= this.turnCount() || session.turnEnd === null;
    session.last = last;
    this.nextButton.textContent = last ? this.msg.labelFinish : this.msg.labelNext;
    this.nextButton.setAttribute("aria-disabled", "false");
    this.say(
      format(last ? this.msg.interpretingLast : this.msg.interpreting, {
        turn: session.turn,
        turns: this.turnCount(),
      })
    );
  };

  Exercise.prototype.closeTurn = function (session) {
    if (!session.open) return;
    var mark = session.open;
    mark.rendition_end = round2(Math.max(mark.rendition_start, this.elapsed(session)));
    session.marks.push(mark);
    session.open = null;
  };

  Exercise.prototype.nextTurn = function () {
    var session = this.session;
    if (!session || session.listening) return;
    this.closeTurn(session);
    if (session.last) {
      this.stop(null);
      return;
    }
    this.pauseRecording(session);
    this.playTurn(session.turn + 1, this.source.currentTime);
  };

  Exercise.prototype.tick = function () {
    var session = this.session;
    if (!session) return;
    var elapsed = this.elapsed(session);
    this.elapsedEl.textContent = clock(elapsed);
    if (elapsed >= this.maxSeconds) {
      this.stop(format(this.msg.limitReached, { seconds: this.maxSeconds }));
      return;
    }
    if (session.listening && session.turnEnd !== null && this.source.currentTime >= session.turnEnd - 0.02) {
      this.turnOver();
    }
  };

  // Stop the take: `why` says why when the learner did not ask (the length limit).
  Exercise.prototype.stop = function (why) {
    var session = this.session;
    if (!session || session.stopping) return;
    session.stopping = true;
    session.why = why;
    window.clearInterval(this.ticker);
    if (this.source) this.source.pause();
    if (this.sourceEnded) {
      this.source.removeEventListener("ended", this.sourceEnded);
      this.sourceEnded = null;
    }
    this.closeTurn(session);
    session.recorded = this.elapsed(session);
    session.since = null;
    if (session.started && session.recorder.state !== "inactive") {
      session.recorder.stop(); // then "stop" fires: finished()
    } else {
      this.finished(session);
    }
  };

  // The take as it is now, written to the browser (complete once it has stopped).
  Exercise.prototype.keep = function (session, complete) {
    var record = session.record;
    record.blob = new Blob(session.chunks, { type: session.recorder.mimeType || record.type || "audio/webm" });
    record.type = record.blob.type;
    record.duration = round2(session.recorded + (session.since === null ? 0 : (performance.now() - session.since) / 1000));
    var marks = session.marks.slice();
    if (!complete && session.open) {
      marks.push({
        turn: session.open.turn,
        source_end: session.open.source_end,
        rendition_start: session.open.rendition_start,
        rendition_end: record.duration,
      });
    }
    record.turnMarks = this.consecutive ? marks : [];
    record.complete = complete;
    return takeStore.put(record);
  };

  Exercise.prototype.finished = function (session) {
    var self = this;
    this.session = null;
    this.recorderEl.classList.remove("is-recording");
    this.microphone.close();
    if (this.checking) {
      this.checking = false;
      this.checkButton.textContent = this.msg.labelCheck;
    }
    this.startButton.hidden = false;
    this.startButton.disabled = false;
    this.nextButton.hidden = true;
    this.stopButton.hidden = true;
    this.elapsedEl.textContent = clock(0);
    var recorded = session.started && session.chunks.length && session.recorded > 0.2;
    if (!recorded) {
      if (session.started) takeStore.remove(session.record.key).catch(function () {});
      this.say(this.msg.nothingRecorded);
      this.startButton.focus();
      return;
    }
    var record = session.record;
    this.keep(session, true).then(
      function () {
        self.added(record, session.why);
      },
      function () {
        self.added(record, session.why);
        self.fail(self.msg.errorStorage);
      }
    );
  };

  Exercise.prototype.added = function (record, why) {
    var existing = this.takes.indexOf(record);
    if (existing === -1) this.takes.push(record);
    this.startButton.textContent = this.msg.labelRerecord;
    var item = this.renderTake(record, false);
    var message = format(this.msg.kept, { take: this.takeName(record), length: clock(record.duration) });
    this.say(why ? why + " " + message : message);
    var listen = item.querySelector("[data-take-listen]");
    if (listen) listen.focus();
  };

  // --- The list of takes -------------------------------------------------------------------

  Exercise.prototype.takeName = function (record) {
    return format(this.msg.takeLabel, { number: record.number });
  };

  Exercise.prototype.renderTake = function (record, earlier) {
    var self = this;
    var item = this.list.querySelector('[data-take-key="' + record.key + '"]');
    if (!item) {
      item = this.template.content.firstElementChild.cloneNode(true);
      item.setAttribute("data-take-key", record.key);
      this.list.appendChild(item);
      item.querySelector("[data-take-listen]").addEventListener("click", function () {
        self.listen(record, item);
      });
      item.querySelector("[data-take-use]").addEventListener("click", function () {
        self.upload(record, item);
      });
      item.querySelector("[data-take-discard]").addEventListener("click", function () {
        self.discard(record, item);
      });
    }
    item.querySelector("[data-take-name]").textContent = this.takeName(record);
    item.querySelector("[data-take-length]").textContent = clock(record.duration);
    item.querySelectorAll("[data-take-for]").forEach(function (span) {
      span.textContent = " " + self.takeName(record);
    });
    var note = item.querySelector("[data-take-note]");
    var notes = [];
    if (earlier) notes.push(this.msg.notSent);
    if (!record.complete) notes.push(this.msg.interrupted);
    note.textContent = notes.join(" ");
    note.hidden = !notes.length;
    if (earlier) item.querySelector("[data-take-use-label]").textContent = this.msg.labelUpload;
    this.noTakes.hidden = true;
    return item;
  };

  Exercise.prototype.restore = function () {
    var self = this;
    takeStore.list(this.storageKey).then(
      function (records) {
        if (!records.length) return;
        records.forEach(function (record) {
          self.takes.push(record);
          self.renderTake(record, true);
        });
        self.startButton.textContent = self.msg.labelRerecord;
        if (self.openGate) self.openGate();
        self.say(self.msg.restored);
      },
      function () {
        self.fail(self.msg.errorStorage);
      }
    );
  };

  Exercise.prototype.listen = function (record, item) {
    var self = this;
    var button = item.querySelector("[data-take-listen]");
    var label = button.querySelector("[data-take-listen-label]");
    var position = item.querySelector("[data-take-position]");
    if (this.player.take === record) {
      this.player.stop();
      label.textContent = this.msg.labelListen;
      position.hidden = true;
      return;
    }
    this.list.querySelectorAll("[data-take-listen-label]").forEach(function (other) {
      other.textContent = self.msg.labelListen;
    });
    this.list.querySelectorAll("[data-take-position]").forEach(function (other) {
      other.hidden = true;
    });
    label.textContent = this.msg.labelStopListening;
    this.player
      .play(
        record,
        function (now, total) {
          position.hidden = false;
          position.textContent = clock(now) + " / " + clock(total);
        },
        function () {
          label.textContent = self.msg.labelListen;
          position.hidden = true;
        }
      )
      .catch(function () {
        label.textContent = self.msg.labelListen;
        self.fail(self.msg.errorPlayback);
      });
  };

  Exercise.prototype.discard = function (record, item) {
    var self = this;
    if (this.player.take === record) this.player.stop();
    takeStore.remove(record.key).then(
      function () {
        self.takes.splice(self.takes.indexOf(record), 1);
        var next = item.nextElementSibling || item.previousElementSibling;
        item.remove();
        self.say(format(self.msg.discarded, { take: self.takeName(record) }));
        if (!self.list.children.length) self.noTakes.hidden = false;
        var focus = next ? next.querySelector("[data-take-listen]") : self.startButton;
        (focus || self.startButton).focus();
      },
      function () {
        self.fail(self.msg.errorStorage);
      }
    );
  };

  // --- Sending a take ------------------------------------------------------------------------

  Exercise.prototype.upload = function (record, item) {
    var self = this;
    var button = item.querySelector("[data-take-use]");
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    this.fail("");
    var form = new FormData();
    form.append("audio", record.blob, "take" + extensionFor(record.type || ""));
    form.append("take_id", record.takeId);
    form.append("turn_marks", JSON.stringify(record.turnMarks || []));
    form.append("csrfmiddlewaretoken", this.csrf ? this.csrf.value : "");
    var request = new XMLHttpRequest();
    request.open("POST", this.data.uploadUrl);
    request.setRequestHeader("Accept", "application/json");
    request.responseType = "text";
    this.say(format(this.msg.uploading, { take: this.takeName(record), percent: "0%" }));
    request.upload.addEventListener("progress", function (event) {
      if (!event.lengthComputable) return;
      var percent = Math.round((100 * event.loaded) / event.total);
      self.say(format(self.msg.uploading, { take: self.takeName(record), percent: percent + "%" }));
    });
    request.addEventListener("load", function () {
      var answer = {};
      try {
        answer = JSON.parse(request.responseText || "{}");
      } catch (error) {
        answer = {};
      }
      if (request.status === 201) {
        self.sent(record, item, answer);
        return;
      }
      button.setAttribute("aria-disabled", "false");
      self.say("");
      if (answer.error) {
        self.fail(format(self.msg.errorRefused, { take: self.takeName(record), error: answer.error }));
      } else {
        self.fail(format(self.msg.errorServer, { take: self.takeName(record), status: request.status }));
      }
    });
    request.addEventListener("error", function () {
      button.setAttribute("aria-disabled", "false");
      self.say("");
      self.fail(format(self.msg.errorNetwork, { take: self.takeName(record) }));
    });
    request.send(form);
  };

  // The server has the take (201): it leaves the browser, and the link to it shows.
  Exercise.prototype.sent = function (record, item, answer) {
    var self = this;
    this.takes.splice(this.takes.indexOf(record), 1);
    takeStore.remove(record.key).catch(function () {});
    item.querySelectorAll("button").forEach(function (button) {
      button.remove();
    });
    item.classList.add("take--sent");
    var note = item.querySelector("[data-take-note]");
    note.hidden = false;
    note.textContent = this.msg.sent;
    var link = document.createElement("a");
    link.href = answer.url;
    link.className = "button take__open";
    link.textContent = this.msg.openRendition;
    var actions = item.querySelector(".take__actions");
    actions.appendChild(link);
    this.say(format(this.msg.saved, { take: this.takeName(record) }));
    link.focus();
    var renditions = this.section.querySelector("[data-renditions]");
    if (renditions) renditions.hidden = false;
    self.player.stop();
  };

  document.querySelectorAll("[data-exercise]").forEach(function (section) {
    if (section.hasAttribute("data-enhanced")) return; // the script is placed once per block
    section.setAttribute("data-enhanced", "");
    new Exercise(section).init();
  });
})();
