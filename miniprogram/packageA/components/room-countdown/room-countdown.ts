/**
 * "距开播 01:02:03", ticking once a second. It lives in its own component so its per-second setData
 * stays out of the room page (whose own setData happens only when the live status changes), and it
 * clears its timer when detached or when the page is hidden.
 */
import { formatCountdown } from "../../../core/time";

/** Timers per instance, outside `data`: a timer handle is not view state. */
const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();

Component({
  properties: {
    /** Planned start, unix ms. */
    target: { type: Number, value: 0 },
  },
  data: { text: "", due: false },
  observers: {
    target(): void {
      this.restart();
    },
  },
  lifetimes: {
    attached(): void {
      this.restart();
    },
    detached(): void {
      this.halt();
    },
  },
  pageLifetimes: {
    show(): void {
      this.restart();
    },
    hide(): void {
      this.halt();
    },
  },
  methods: {
    restart(): void {
      this.halt();
      this.render();
    },
    render(): void {
      const remaining = this.properties.target - Date.now();
      const due = remaining <= 0;
      const text = due ? "" : formatCountdown(remaining);
      if (text !== this.data.text || due !== this.data.due) this.setData({ text, due });
      if (due || this.properties.target <= 0) return;
      // Wake on the next whole second of the remaining time so the digits change on time.
      const wait = remaining % 1000 || 1000;
      timers.set(
        this,
        setTimeout(() => {
          timers.delete(this);
          this.render();
        }, wait),
      );
    },
    halt(): void {
      const timer = timers.get(this);
      if (timer !== undefined) {
        clearTimeout(timer);
        timers.delete(this);
      }
    },
  },
});
