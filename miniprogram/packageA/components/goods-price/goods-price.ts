/** A goods price as core/price describePrice shows it: fixed, a range, or a discount with the original struck. */
import type { PriceView } from "../../../core/price";

Component({
  properties: {
    price: { type: Object, value: { kind: "unknown", text: "" } as PriceView },
  },
});
