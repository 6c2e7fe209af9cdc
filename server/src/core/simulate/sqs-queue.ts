/**
 * An SQS queue as a data structure on an explicit clock (no timers: the caller passes `now`), with
 * the semantics of the SQS Developer Guide:
 *
 * - a received message is invisible for the visibility timeout, then visible again unless deleted (Q5);
 * - every receive counts (`ApproximateReceiveCount`); a message received `maxReceiveCount` times is
 *   moved to the dead-letter queue when it would be received once more (Q17, sqs-dead-letter-queues.html);
 * - a message older than the retention period is deleted (Q4); a delayed message is invisible at first (Q6);
 * - FIFO: messages of a group are delivered in order and a group with a message in flight delivers no
 *   other until that one is deleted or visible again; a message whose deduplication id (or, with
 *   content-based deduplication, body) was sent within the last 5 minutes is accepted and dropped (Q12).
 *
 * The simulator's queue kind and the differential tests against moto drive the same structure.
 */
import { SIM_FACTS } from './facts';

/** A message as the queue keeps it. */
export interface Stored<P> {
  readonly id: number;
  readonly payload: P;
  readonly group?: string;
  /** Sequence in the queue (send order). */
  readonly seq: number;
  /** For retention: first enqueue time (kept through a standard queue's redrive, Q15b). */
  readonly enqueuedAt: number;
  readonly sentAt: number;
  receiveCount: number;
  /** The current receipt (0 when never received); an old receipt no longer deletes it. */
  receipt: number;
  visibleAt: number;
  firstReceivedAt?: number;
  state: 'ready' | 'delayed' | 'in-flight' | 'gone';
}

/** Settings of a queue, durations in ms. */
export interface QueueOptions {
  readonly fifo: boolean;
  readonly visibilityTimeout: number;
  readonly retention: number;
  readonly delay: number;
  /** With a dead-letter queue: receives after which a message moves there. */
  readonly maxReceiveCount?: number;
  readonly contentBasedDeduplication: boolean;
}

/** The result of a send. */
export type SendOutcome<P> = { readonly ok: true; readonly stored: Stored<P> } | { readonly ok: false; readonly duplicate?: boolean; readonly reason: string };

/** What one receive returns. */
export interface Received<P> {
  /** Received messages (now in flight), with their receipts. */
  readonly messages: readonly Stored<P>[];
  /** Messages moved out for the dead-letter queue (received `maxReceiveCount` times already). */
  readonly deadLetters: readonly Stored<P>[];
}

/** A small deque of messages in seq order. */
class Line<P> {
  items: Stored<P>[] = [];
  head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  first(): Stored<P> | undefined {
    return this.items[this.head];
  }
  shift(): Stored<P> | undefined {
    const m = this.items[this.head];
    if (m === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return m;
  }
  push(m: Stored<P>): void {
    this.items.push(m);
  }
  /** Inserts in seq order (messages becoming visible again go back to their place). */
  insert(m: Stored<P>): void {
    const a = this.items;
    let lo = this.head;
    let hi = a.length;
    if (hi === lo || a[hi - 1]!.seq < m.seq) {
      a.push(m);
      return;
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid]!.seq < m.seq) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.head && this.head > 0) {
      this.head--;
      a[this.head] = m;
    } else a.splice(lo, 0, m);
  }
}

/** A timer of the queue: a delayed message's visibility, or an in-flight message's return. */
interface Timer<P> {
  readonly t: number;
  readonly m: Stored<P>;
  readonly receipt: number;
}

/** An SQS queue. `P` is what the caller keeps with each message. */
export class SqsQueue<P> {
  private seq = 0;
  private nextId = 1;
  private receipts = 0;
  /** Visible messages (standard queues), in send order. */
  private readonly ready = new Line<P>();
  /** FIFO: visible messages per group, and the count in flight per group. */
  private readonly groups = new Map<string, { line: Line<P>; inFlight: number }>();
  private readonly timers: Timer<P>[] = [];
  /** Every stored message in enqueue order, for retention. */
  private readonly byAge = new Line<P>();
  private readonly dedup = new Map<string, number>();
  private stored = 0;
  private inFlightCount = 0;

  constructor(readonly options: QueueOptions) {}

  /** Messages stored (visible, delayed and in flight). */
  get depth(): number {
    return this.stored;
  }

  /** Messages in flight. */
  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Visible messages now (after `advance`). */
  get visible(): number {
    if (!this.options.fifo) return this.ready.length;
    let n = 0;
    for (const g of this.groups.values()) n += g.line.length;
    return n;
  }

  /**
   * Sends a message. FIFO queues need a group, and a deduplication id unless they deduplicate by
   * content (`bodyText` is then the key); a duplicate within 5 minutes is accepted and dropped.
   */
  send(now: number, payload: P, o: { group?: string; deduplicationId?: string; bodyText?: string; delay?: number; enqueuedAt?: number } = {}): SendOutcome<P> {
    const { fifo } = this.options;
    if (fifo) {
      if (!o.group) return { ok: false, reason: 'MissingParameter: the request must contain the parameter MessageGroupId' };
      const key = o.deduplicationId ?? (this.options.contentBasedDeduplication ? o.bodyText : undefined);
      if (key === undefined) {
        return { ok: false, reason: 'InvalidParameterValue: the queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly' };
      }
      const until = this.dedup.get(key);
      if (until !== undefined && until > now) return { ok: false, duplicate: true, reason: `a duplicate of a message sent within the deduplication interval (id ${JSON.stringify(key.length > 40 ? key.slice(0, 40) + '…' : key)})` };
      this.dedup.set(key, now + SIM_FACTS.dedupWindow);
      if (this.dedup.size > 4096) for (const [k, t] of this.dedup) if (t <= now) this.dedup.delete(k);
    }
    const delay = fifo ? this.options.delay : o.delay ?? this.options.delay;
    const m: Stored<P> = {
      id: this.nextId++, payload, ...(o.group !== undefined ? { group: o.group } : {}), seq: this.seq++,
      enqueuedAt: fifo ? now : o.enqueuedAt ?? now, sentAt: now, receiveCount: 0, receipt: 0, visibleAt: now + delay, state: 'ready',
    };
    this.stored++;
    this.byAge.push(m);
    if (delay > 0) {
      m.state = 'delayed';
      this.timer(m.visibleAt, m, 0);
    } else this.makeVisible(m);
    return { ok: true, stored: m };
  }

  /**
   * Brings the queue to `now`: delayed messages and messages whose visibility timeout ran out become
   * visible; messages past the retention period are removed and returned.
   */
  advance(now: number): { visible: Stored<P>[]; expired: Stored<P>[] } {
    const visible: Stored<P>[] = [];
    const t = this.timers;
    while (t.length && t[0]!.t <= now) {
      const e = this.popTimer();
      const m = e.m;
      if (m.state === 'gone' || m.receipt !== e.receipt) continue;
      if (m.state === 'in-flight') {
        this.inFlightCount--;
        if (m.group !== undefined && this.options.fifo) this.groups.get(m.group)!.inFlight--;
      } else if (m.state !== 'delayed') continue;
      this.makeVisible(m);
      visible.push(m);
    }
    const expired: Stored<P>[] = [];
    const limit = now - this.options.retention;
    for (;;) {
      const m = this.byAge.first();
      if (!m) break;
      if (m.state === 'gone') {
        this.byAge.shift();
        continue;
      }
      if (m.enqueuedAt > limit) break;
      this.byAge.shift();
      this.remove(m);
      expired.push(m);
    }
    return { visible, expired };
  }

  /** When the queue next changes on its own (a message becomes visible or expires), or Infinity. */
  nextChange(): number {
    // Timers of messages deleted or received again since are stale: drop them first.
    const t = this.timers;
    while (t.length && (t[0]!.m.state === 'gone' || t[0]!.m.receipt !== t[0]!.receipt)) this.popTimer();
    let next = t.length ? t[0]!.t : Infinity;
    for (let i = this.byAge.head; i < this.byAge.items.length; i++) {
      const m = this.byAge.items[i]!;
      if (m.state === 'gone') continue;
      next = Math.min(next, m.enqueuedAt + this.options.retention);
      break;
    }
    return next;
  }

  /**
   * Receives up to `max` visible messages (call `advance(now)` first): each becomes invisible for
   * `visibilityTimeout` (default the queue's) and its receive count goes up. A message already received
   * `maxReceiveCount` times is moved out for the dead-letter queue instead. FIFO: in order within each
   * group, as many as possible from the group of the oldest message first, never from a group with a
   * message in flight. `accept` may refuse a message for this batch (it stays visible, not counted).
   */
  receive(now: number, max: number, visibilityTimeout = this.options.visibilityTimeout, accept?: (m: Stored<P>) => boolean): Received<P> {
    const messages: Stored<P>[] = [];
    const deadLetters: Stored<P>[] = [];
    const mrc = this.options.maxReceiveCount;
    const take = (m: Stored<P>): void => {
      if (mrc !== undefined && m.receiveCount >= mrc) {
        // Already out of its line: gone from the queue, to the dead-letter queue.
        m.state = 'gone';
        this.stored--;
        deadLetters.push(m);
        return;
      }
      m.state = 'in-flight';
      m.receiveCount++;
      m.firstReceivedAt ??= now;
      m.receipt = ++this.receipts;
      m.visibleAt = now + visibilityTimeout;
      this.inFlightCount++;
      if (m.group !== undefined && this.options.fifo) this.groups.get(m.group)!.inFlight++;
      messages.push(m);
      this.timer(m.visibleAt, m, m.receipt);
    };
    if (!this.options.fifo) {
      const skipped: Stored<P>[] = [];
      while (messages.length < max && this.ready.length) {
        const m = this.ready.shift()!;
        if (m.state !== 'ready') continue;
        if (accept && !accept(m)) {
          skipped.push(m);
          continue;
        }
        take(m);
      }
      for (let i = skipped.length - 1; i >= 0; i--) this.ready.insert(skipped[i]!);
      return { messages, deadLetters };
    }
    // FIFO: groups by their oldest visible message.
    const open: { key: string; seq: number }[] = [];
    for (const [key, g] of this.groups) {
      if (g.inFlight > 0) continue;
      const first = g.line.first();
      if (first) open.push({ key, seq: first.seq });
    }
    open.sort((a, b) => a.seq - b.seq);
    for (const { key } of open) {
      if (messages.length >= max) break;
      const g = this.groups.get(key)!;
      while (messages.length < max && g.line.length) {
        const m = g.line.first()!;
        if (accept && !accept(m)) break;
        g.line.shift();
        take(m);
      }
      if (g.line.length === 0 && g.inFlight === 0) this.groups.delete(key);
    }
    return { messages, deadLetters };
  }

  /** Deletes a received message by its receipt; false when the receipt is stale (the message was received again) or it is gone. */
  delete(m: Stored<P>, receipt: number): boolean {
    if (m.state === 'gone' || m.receipt !== receipt) return false;
    this.remove(m);
    return true;
  }

  /** Deletes a visible message (a mapping's filter drops it before invoking). */
  discard(m: Stored<P>): void {
    this.remove(m);
  }

  /** Changes the visibility timeout of a message in flight (0: visible at once). */
  changeVisibility(now: number, m: Stored<P>, receipt: number, timeout: number): boolean {
    if (m.state !== 'in-flight' || m.receipt !== receipt) return false;
    m.visibleAt = now + timeout;
    this.timer(m.visibleAt, m, receipt);
    // The earlier timer finds the same receipt but a later visibleAt: advance() checks it.
    return true;
  }

  private remove(m: Stored<P>): void {
    if (m.state === 'gone') return;
    if (m.state === 'in-flight') {
      this.inFlightCount--;
      if (m.group !== undefined && this.options.fifo) {
        const g = this.groups.get(m.group);
        if (g) {
          g.inFlight--;
          if (g.inFlight === 0 && g.line.length === 0) this.groups.delete(m.group);
        }
      }
    } else if (m.state === 'ready' && this.options.fifo && m.group !== undefined) {
      const g = this.groups.get(m.group);
      if (g) {
        const i = g.line.items.indexOf(m, g.line.head);
        if (i >= 0) g.line.items.splice(i, 1);
        if (g.inFlight === 0 && g.line.length === 0) this.groups.delete(m.group);
      }
    }
    // Standard queues: a removed visible message is skipped when its turn comes (state 'gone').
    m.state = 'gone';
    this.stored--;
  }

  private makeVisible(m: Stored<P>): void {
    m.state = 'ready';
    if (!this.options.fifo) {
      this.ready.insert(m);
      return;
    }
    const key = m.group ?? '';
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { line: new Line<P>(), inFlight: 0 }));
    g.line.insert(m);
  }

  private timer(t: number, m: Stored<P>, receipt: number): void {
    const h = this.timers;
    const e: Timer<P> = { t, m, receipt };
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.t <= t) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = e;
  }

  private popTimer(): Timer<P> {
    const h = this.timers;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const c = l + 1 < h.length && h[l + 1]!.t < h[l]!.t ? l + 1 : l;
        if (h[c]!.t >= last.t) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    // A visibility change leaves an earlier timer for the same receipt: ignore it until its time.
    if (top.m.state === 'in-flight' && top.m.receipt === top.receipt && top.m.visibleAt > top.t) return { t: top.t, m: top.m, receipt: -1 };
    return top;
  }
}
