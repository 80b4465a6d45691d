/**
 * A self-ticking "HH:mm:ss" to a target time. It owns its timer and sets one short string per second,
 * so a list of upcoming rooms never re-sends the list to tick. Emits `finish` once at zero.
 */
import { formatCountdown } from "../../core/time";

Component({
  options: { pureDataPattern: /^_/ },
  properties: {
    /** Unix milliseconds to count down to; 0 stops the countdown. */
    target: { type: Number, value: 0 },
  },
  data: {
    text: "",
    _timer: 0,
    /** Stopped because the page went to the background (not because it finished). */
    _paused: false,
  },
  observers: {
    target() {
      // Property changes before attach are handled by attached(); after it, restart on the new target.
      if (this.data._timer !== 0 || this.data.text !== "") this.restart();
    },
  },
  lifetimes: {
    attached() {
      this.restart();
    },
    detached() {
      this.stop();
    },
  },
  pageLifetimes: {
    // A hidden page needs no ticks; on return the remaining time is recomputed from the clock.
    hide() {
      if (this.data._timer === 0) return;
      this.stop();
      this.data._paused = true;
    },
    show() {
      if (!this.data._paused) return;
      this.data._paused = false;
      this.restart();
    },
  },
  methods: {
    stop() {
      if (this.data._timer !== 0) clearTimeout(this.data._timer);
      this.data._timer = 0;
    },
    restart() {
      this.stop();
      if (this.data.target > 0) this.tick();
    },
    tick() {
      const remaining = this.data.target - Date.now();
      const text = formatCountdown(remaining);
      if (text !== this.data.text) this.setData({ text });
      if (remaining <= 0) {
        this.stop();
        this.triggerEvent("finish", { target: this.data.target });
        return;
      }
      // Wake at the next whole second of the remaining time, so the display never skips a second.
      const delay = remaining % 1000 || 1000;
      this.data._timer = setTimeout(() => this.tick(), delay) as unknown as number;
    },
  },
});
