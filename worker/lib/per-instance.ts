/**
 * One value per owner object (an app's `deps`, a database), made on first use and dropped with
 * the owner. Caches and built queries hang off their app this way, so two apps in one process
 * (tests with fresh databases) never share one.
 */
export function perInstance<K extends object, V>(make: (owner: K) => V): (owner: K) => V {
  const values = new WeakMap<K, V>();
  return (owner) => {
    let value = values.get(owner);
    if (value === undefined) values.set(owner, (value = make(owner)));
    return value;
  };
}
