/**
 * An object built on first use: `lazy(() => new Entity(...))` has the entity's type, but the
 * constructor runs when a property is first read. Building an ElectroDB entity parses its whole
 * schema (~3 ms each); a Lambda imports every entity its domain might touch, and most requests
 * touch two or three, so cold starts pay only for what a request uses.
 */
export function lazy<T extends object>(make: () => T): T {
  let instance: T | undefined;
  const get = (): T => (instance ??= make());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(get(), key),
    set: (_, key, value) => Reflect.set(get(), key, value),
    has: (_, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(get(), key);
      // A proxy may only report configurable properties its (empty) target lacks.
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(get(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(get(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
}
