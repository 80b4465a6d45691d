/**
 * The countdown to a room's start, "HH:mm:ss", for the list's cards and the room page alike. It owns
 * its timer and sets one short string a second, so neither page re-sends anything to tick; a hidden
 * page pauses it and its return recomputes from the clock. At zero it emits `finish` once and shows
 * `dueText` when given (the room page), else stays at 00:00:00 for the page to replace (the list).
 *
 * Methods: `restart` (from the clock, on attach, a new target or the page's return), `tick` (one
 * second), `stop` (detach, hide, zero).
 */
import { instanceState } from "../../core/instance-state";
import { formatCountdown } from "../../core/time";

/** The timer, and why it is not running (core/instance-state.ts says why this is not in `data`). */
interface Clock {
  timer: ReturnType<typeof setTimeout> | null;
  attached: boolean;
  /** Stopped because the page went to the background, not because it finished. */
  paused: boolean;
}

const clocks = instanceState<Clock>(() => ({ timer: null, attached: false, paused: false }));

Component({
  externalClasses: ["custom-class"],
  properties: {
    /** Unix milliseconds to count down to; 0 renders nothing and starts no timer. */
    target: { type: Number, value: 0 },
    /** Words before the digits ("距开播"), or none. */
    label: { type: String, value: "" },
    /** What replaces the digits at zero, or "" to keep 00:00:00. */
    dueText: { type: String, value: "" },
    /** "large" for a page's headline countdown; the default fits a line of small print. */
    size: { type: String, value: "" },
  },
  data: {
    text: "",
    due: false,
  },
  observers: {
    target() {
      // the first value arrives before attach, which starts the countdown itself
      if (clocks.of(this).attached) this.restart();
    },
  },
  lifetimes: {
    attached() {
      clocks.of(this).attached = true;
      this.restart();
    },
    detached() {
      this.stop();
      clocks.of(this).attached = false;
    },
  },
  pageLifetimes: {
    hide() {
      const clock = clocks.of(this);
      if (clock.timer === null) return;
      this.stop();
      clock.paused = true;
    },
    show() {
      const clock = clocks.of(this);
      if (!clock.paused) return;
      clock.paused = false;
      this.restart();
    },
  },
  methods: {
    restart() {
      this.stop();
      if (this.properties.target > 0) this.tick();
    },

    tick() {
      const clock = clocks.of(this);
      const remaining = this.properties.target - Date.now();
      const due = remaining <= 0;
      const text = formatCountdown(remaining);
      const changes: { text?: string; due?: boolean } = {};
      if (text !== this.data.text) changes.text = text;
      if (due !== this.data.due) changes.due = due;
      if (changes.text !== undefined || changes.due !== undefined) this.setData(changes);
      if (due) {
        this.stop();
        this.triggerEvent("finish", { target: this.properties.target });
        return;
      }
      // Wake at the next whole second of the remaining time, so the display never skips a second.
      const delay = remaining % 1000 || 1000;
      clock.timer = setTimeout(() => {
        clock.timer = null;
        this.tick();
      }, delay);
    },

    stop() {
      const clock = clocks.of(this);
      if (clock.timer !== null) clearTimeout(clock.timer);
      clock.timer = null;
    },
  },
});
