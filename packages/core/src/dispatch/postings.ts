/**
 * Row numbers filed under string keys, built once and then only read. Keys map to small ids
 * and every row sits in one typed array (compressed sparse rows): a 20,000-row ledger's hundred
 * thousand postings are a few allocations instead of a small array per key, which is what
 * made preparing a ledger spend its time in the garbage collector.
 */
export class Postings {
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly offsets: Int32Array,
    private readonly rows: Int32Array,
  ) {}

  /** How many rows are filed under the key. */
  count(key: string): number {
    const id = this.ids.get(key);
    return id === undefined ? 0 : this.offsets[id + 1]! - this.offsets[id]!;
  }

  /** Calls `visit` with each row filed under the key, ascending. */
  each(key: string, visit: (row: number) => void): void {
    const id = this.ids.get(key);
    if (id === undefined) return;
    for (let i = this.offsets[id]!, end = this.offsets[id + 1]!; i < end; i++) visit(this.rows[i]!);
  }
}

/** Collects postings; rows must be added in ascending order (each key's list stays sorted). */
export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly lastRow: number[] = [];
  private readonly keyIds: number[] = [];
  private readonly rows: number[] = [];

  add(key: string, row: number): void {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.lastRow.length;
      this.ids.set(key, id);
      this.lastRow.push(-1);
    }
    if (this.lastRow[id] === row) return;
    this.lastRow[id] = row;
    this.keyIds.push(id);
    this.rows.push(row);
  }

  build(): Postings {
    const keys = this.lastRow.length;
    const offsets = new Int32Array(keys + 1);
    for (const id of this.keyIds) offsets[id + 1]!++;
    for (let id = 0; id < keys; id++) offsets[id + 1]! += offsets[id]!;
    const next = offsets.slice(0, keys);
    const rows = new Int32Array(this.rows.length);
    for (let i = 0; i < this.keyIds.length; i++) rows[next[this.keyIds[i]!]!++] = this.rows[i]!;
    return new Postings(this.ids, offsets, rows);
  }
}
