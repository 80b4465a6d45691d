/**
 * The status badge: one look per live status (101 pulses). Pure rendering of its properties, so a
 * list of cards costs no extra setData.
 */
Component({
  options: { virtualHost: true },
  externalClasses: ["custom-class"],
  properties: {
    /** 101..107; picks the badge's look. */
    status: { type: Number, value: 0 },
    /** Badge text (core/live-status label, or "即将开播" for a due upcoming room). */
    label: { type: String, value: "" },
  },
});
