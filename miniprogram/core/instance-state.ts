/**
 * Where a page or component keeps what it knows but never renders (a poller, timers, a promise in
 * flight, the raw backend payload, a "busy" flag): in a module-level WeakMap keyed by the instance,
 * never in `data`. This is the one pattern the app uses for it, in every page and component:
 *
 * - `data` is what crosses to the view layer. A value kept there can only change through setData
 *   (writing `this.data` directly is unsupported), so even a `_` pure-data field (pureDataPattern)
 *   costs a setData call on every change, and it shows up in the setData budgets;
 * - a poller, a Promise, a Map or a timer handle is not plain data and has no place in `data`;
 * - a WeakMap entry lives exactly as long as its instance: nothing to clean up when it goes.
 *
 * Pure: no `wx`.
 */

export interface InstanceState<T> {
  /** The instance's state, or undefined when it has none (a page that refused its query, say). */
  peek(host: object): T | undefined;
  /** Gives the instance this state (replacing any it had) and returns it. */
  set(host: object, state: T): T;
}

export interface DefaultedInstanceState<T> extends InstanceState<T> {
  /** The instance's state, created on first use. */
  of(host: object): T;
}

export function instanceState<T>(): InstanceState<T>;
export function instanceState<T>(create: () => T): DefaultedInstanceState<T>;
export function instanceState<T>(create?: () => T): InstanceState<T> | DefaultedInstanceState<T> {
  const states = new WeakMap<object, T>();
  const peek = (host: object): T | undefined => states.get(host);
  const set = (host: object, state: T): T => {
    states.set(host, state);
    return state;
  };
  if (!create) return { peek, set };
  return { peek, set, of: (host) => peek(host) ?? set(host, create()) };
}
