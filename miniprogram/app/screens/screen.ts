// A page's logic without its template: a view (the page's `data`) and actions. The page copies
// every new view into setData; the end-to-end suite reads the same views.
export type ViewListener<V> = (view: V) => void;

export abstract class Screen<V extends object> {
  private listeners: Array<ViewListener<V>> = [];

  protected constructor(private current: V) {}

  get view(): V {
    return this.current;
  }

  onChange(listener: ViewListener<V>): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter(candidate => candidate !== listener);
    };
  }

  protected update(change: Partial<V>): void {
    this.current = { ...this.current, ...change };
    this.listeners.forEach(listener => listener(this.current));
  }
}
