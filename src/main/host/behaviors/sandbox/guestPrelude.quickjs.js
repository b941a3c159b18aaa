// @ts-check
/**
 * The guest prelude: JavaScript evaluated in every behavior's QuickJS
 * context before the behavior module. It
 *
 * - tames the realm: no Date (left out of the context), no eval, every
 *   function constructor throws, Math.random is a seeded sfc32 reseeded
 *   per batch, and every intrinsic is frozen so a behavior cannot change
 *   what the prelude relies on (prototype pollution throws);
 * - decodes one packed group (engine/behavior/packing.ts; the decoder is
 *   generated per behavior by guestDecode.ts) into reused
 *   observation objects, calls the behavior once per agent with that
 *   agent's memory, and packs each returned action into a reused
 *   Float64Array (status first; the host validates everything);
 * - keeps per-agent memory, checks one memory's JSON size per batch
 *   (round-robin) and forgets agents unseen for MEMORY_FORGET_TICKS;
 * - hands memory out and in as JSON for hot-load, through `migrate`.
 *
 * Its completion value is the hook object the host calls; nothing of it is
 * reachable from the behavior (it is never stored on globalThis). Written
 * for QuickJS's interpreter: integer indices (`| 0`; a double index takes
 * a slow path), locals over closure variables, no allocation per agent.
 *
 * Not a module: guestPrelude.ts reads this file as text, replaces each
 * region from `// hole:NAME` to `// end hole` (the constants, and the
 * decoder guestDecode.ts generates for the behavior), and writes every
 * `C.NAME` that is a number as its value (a literal costs the interpreter
 * less than a property read). Type-checked by tsconfig.guest.json: ES2022,
 * no DOM, no Node, as in QuickJS.
 */

/**
 * The constants guestPrelude.ts fills in: the packed layout
 * (engine/behavior/packing.ts), action statuses, names, and the guest's
 * bounds on memory, errors and console lines.
 * @typedef {object} Constants
 * @property {number} VERSION layout version the records were packed with
 * @property {number} GROUP_HEADER doubles before a group's first agent record
 * @property {number} AGENT_HEADER doubles before an agent's inventory
 * @property {number} STRIDE doubles per packed action
 * @property {number} IDLE action status: returned nothing
 * @property {number} ACTED action status: returned an action
 * @property {number} THREW action status: threw
 * @property {number} BAD_RETURN action status: returned something that is not an action
 * @property {number} SKIPPED action status: not run
 * @property {readonly string[]} KINDS entity kind names by code
 * @property {readonly string[]} EQUIP equipment slot names by code
 * @property {readonly string[]} PHRASES what `say` may say, by code
 * @property {number} MEMORY_BYTES most characters of one agent's memory as JSON
 * @property {number} FORGET ticks after which an unseen agent's memory is dropped
 * @property {number} ERRORS_KEPT errors kept per batch with their stack
 * @property {number} LOG_LINES console lines kept per batch
 * @property {number} LOG_CHARS characters of one console line
 * @property {number} LOG_PER_AGENT console lines of one agent per tick
 * @property {number} LOG_DEPTH how deep objects are printed
 * @property {number} TEXT characters of an error's message and stack kept, plus one
 * @property {number} NAME characters of an error's name kept, plus one
 * @property {string} UNREADABLE the message of a thrown value that cannot be read
 */

/**
 * A thrown value as plain strings, and the agent it was thrown for.
 * @typedef {{ name: string, message: string, stack: string, agentId?: number }} ThrownRecord
 */

(function () {
  'use strict';
  // hole:constants: guestPrelude.ts writes `const C = {…};` here, the constants below.
  /** @type {Constants} */
  const C = /** @type {any} */ ({});
  // end hole
  // The realm's global object, which the prelude tames (it replaces and deletes what it must).
  const G = /** @type {any} */ (globalThis);
  const F64 = Float64Array;
  const ObjectRef = Object;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const StringRef = String;
  const isArray = Array.isArray;
  /** @type {Map<string, number>} */
  const PHRASE = new Map();
  for (let i = 0; i < C.PHRASES.length; i++) PHRASE.set(C.PHRASES[i], i);
  /** @type {Map<string, number>} */
  const EQUIP = new Map();
  for (let i = 0; i < C.EQUIP.length; i++) EQUIP.set(C.EQUIP[i], i);

  // Seeded Math.random: sfc32, reseeded from the batch header so a replay draws the same numbers.
  let ra = 0,
    rb = 0,
    rc = 0,
    rd = 0;
  /** @param {number} seed */
  function reseed(seed) {
    let s = seed >>> 0;
    const st = [0, 0, 0, 0];
    for (let i = 0; i < 4; i++) {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      st[i] = z ^ (z >>> 16);
    }
    ra = st[0];
    rb = st[1];
    rc = st[2];
    rd = st[3];
    for (let i = 0; i < 12; i++) random();
  }
  function random() {
    const t = (((ra + rb) | 0) + rd) | 0;
    rd = (rd + 1) | 0;
    ra = rb ^ (rb >>> 9);
    rb = (rc + (rc << 3)) | 0;
    rc = (((rc << 21) | (rc >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  Math.random = random;

  // No code from strings: every function constructor throws; eval is gone.
  /** @param {string} name */
  function forbid(name) {
    const f = function () {
      throw new TypeError(name + ' is not available to behaviors');
    };
    return f;
  }
  const fnProtos = [
    Function.prototype,
    ObjectRef.getPrototypeOf(function* () {}),
    ObjectRef.getPrototypeOf(async function () {}),
    ObjectRef.getPrototypeOf(async function* () {}),
  ];
  const tamedFunction = forbid('Function');
  tamedFunction.prototype = Function.prototype;
  for (const proto of fnProtos) {
    ObjectRef.defineProperty(proto, 'constructor', {
      value: forbid('Function'),
      writable: false,
      configurable: false,
    });
  }
  G.Function = tamedFunction;
  delete G.eval;

  // A console that keeps lines for the host's console instead of printing. Bounded here, inside the
  // guest and under the caller's deadline: a few lines per agent per tick, a few per batch, each cut
  // short; what does not fit is counted, never silently lost. Values are formatted in here too, so
  // no getter, proxy trap or toJSON of the behavior ever runs on the host.
  /** @type {{ a: number, l: string, t: string }[]} */
  const logLines = [];
  let logDropped = 0;
  let logAgent = -1;
  let agentLines = 0;
  const objectKeys = ObjectRef.keys;
  /**
   * @param {any} v
   * @param {number} depth
   * @param {unknown[]} seen
   * @returns {string}
   */
  function formatValue(v, depth, seen) {
    const t = typeof v;
    if (t === 'string') {
      const cut = v.length > C.LOG_CHARS ? v.slice(0, C.LOG_CHARS + 1) : v;
      return depth === 0 ? cut : stringify(cut);
    }
    if (t === 'number' || t === 'boolean' || t === 'undefined' || t === 'bigint')
      return StringRef(v);
    if (t === 'symbol') return v.toString();
    if (t === 'function')
      return (
        '[Function' + (typeof v.name === 'string' && v.name ? ' ' + v.name.slice(0, 40) : '') + ']'
      );
    if (v === null) return 'null';
    if (seen.indexOf(v) >= 0) return '[Circular]';
    if (depth >= C.LOG_DEPTH) return isArray(v) ? '[Array]' : '[Object]';
    const name = v.name,
      message = v.message;
    if (typeof message === 'string' && typeof name === 'string')
      return (name + ': ' + message).slice(0, C.LOG_CHARS);
    seen.push(v);
    let out = isArray(v) ? '[' : '{';
    let parts = 0;
    if (isArray(v)) {
      const n = v.length;
      for (let i = 0; i < n && out.length < C.LOG_CHARS; i++, parts++)
        out += (i ? ', ' : '') + formatValue(v[i], depth + 1, seen);
      if (out.length >= C.LOG_CHARS || parts < n) out += ', …';
      out += ']';
    } else {
      const keys = objectKeys(v);
      for (let i = 0; i < keys.length && out.length < C.LOG_CHARS; i++, parts++)
        out += (i ? ', ' : ' ') + keys[i] + ': ' + formatValue(v[keys[i]], depth + 1, seen);
      if (parts < keys.length) out += ', …';
      out += parts ? ' }' : '}';
    }
    seen.pop();
    return out;
  }
  /**
   * @param {string} level
   * @param {ArrayLike<unknown>} args
   */
  function logAt(level, args) {
    if (logAgent >= 0 && agentLines >= C.LOG_PER_AGENT) {
      logDropped++;
      return;
    }
    agentLines++;
    if (logLines.length >= C.LOG_LINES) {
      logDropped++;
      return;
    }
    let line = '';
    for (let i = 0; i < args.length && line.length <= C.LOG_CHARS; i++) {
      let part;
      try {
        part = formatValue(args[i], 0, []);
      } catch {
        part = '[unprintable]';
      }
      line += (i ? ' ' : '') + (typeof part === 'string' ? part : '[unprintable]');
    }
    if (line.length > C.LOG_CHARS) line = line.slice(0, C.LOG_CHARS - 1) + '…';
    logLines.push({ a: logAgent, l: level, t: line });
  }
  /** @param {string} level */
  function levelled(level) {
    return function () {
      logAt(level, arguments);
    };
  }
  G.console = {
    log: levelled('log'),
    info: levelled('info'),
    warn: levelled('warn'),
    error: levelled('error'),
    debug: levelled('log'),
  };

  // Freeze every intrinsic reachable from the global object (not the global object itself).
  const frozen = new Set();
  /** @param {unknown} value */
  function harden(value) {
    if (
      (typeof value !== 'object' && typeof value !== 'function') ||
      value === null ||
      frozen.has(value)
    )
      return;
    frozen.add(value);
    ObjectRef.freeze(value);
    const keys = Reflect.ownKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const d = ObjectRef.getOwnPropertyDescriptor(value, keys[i]);
      if (d === undefined) continue;
      if ('value' in d) harden(d.value);
      else {
        harden(d.get);
        harden(d.set);
      }
    }
    harden(ObjectRef.getPrototypeOf(value));
  }
  for (const name of ObjectRef.getOwnPropertyNames(G)) {
    const d = ObjectRef.getOwnPropertyDescriptor(G, name);
    if (d && 'value' in d && d.value !== G) harden(d.value);
  }
  for (const proto of fnProtos) harden(proto);
  harden(ObjectRef.getPrototypeOf([][Symbol.iterator]()));
  harden(ObjectRef.getPrototypeOf(new Map()[Symbol.iterator]()));
  harden(ObjectRef.getPrototypeOf(new Set()[Symbol.iterator]()));
  harden(ObjectRef.getPrototypeOf(''[Symbol.iterator]()));
  harden(ObjectRef.getPrototypeOf(/x/[Symbol.matchAll]('')));

  // The behavior's exports, set by `install` before the first `run`.
  /** @type {(obs: object, memory: object) => unknown} */
  let act = /** @type {any} */ (null);
  /** @type {((memory: unknown, info: { fromVersion: number }) => unknown) | null} */
  let migrate = null;
  /** @type {string[]} */
  let items = [];
  let itemCount = 0;
  // This batch's doubles and the current agent's record offset, for the decoder's getters.
  /* eslint-disable @typescript-eslint/no-unused-vars -- read by the decoder (hole:setup, hole:perAgent) */
  let Fc = new F64(0);
  let at = 0;
  /** @param {number} index */
  function item(index) {
    return index < 0 || index >= itemCount ? null : items[index];
  }
  /* eslint-enable @typescript-eslint/no-unused-vars */
  // Reused observation objects: the behavior sees the same objects every agent and tick.
  // hole:setup: the decoder's declarations (guestDecode.ts): `obs` and the objects it holds.
  const obs = { tick: 0, tickRate: 0, ticksLeft: -1 };
  // end hole
  /** @type {Map<number, { memory: any, tick: number }>} */
  const memories = new Map();
  let memoryCursor = 0;
  let out = new F64(0);
  /** @type {ThrownRecord[]} */
  let errors = [];
  let errorCount = 0;
  let memoryResets = 0;

  /** @param {unknown} v */
  function num(v) {
    return typeof v === 'number' ? v : NaN;
  }
  // What a thrown value says, read without coercing it: a primitive is turned into text (which runs
  // no guest code), an object's name, message and stack are taken only when they are strings. Its
  // getters and proxy traps do run, under the caller's deadline; cut short so nothing big leaves.
  /**
   * @param {any} e
   * @returns {ThrownRecord}
   */
  function readThrown(e) {
    if (e === null || (typeof e !== 'object' && typeof e !== 'function')) {
      return {
        name: 'Error',
        message: ('thrown value: ' + StringRef(e)).slice(0, C.TEXT),
        stack: '',
      };
    }
    const name = e.name,
      message = e.message,
      stack = e.stack;
    return {
      name: typeof name === 'string' ? name.slice(0, C.NAME) : 'Error',
      message:
        typeof message === 'string'
          ? message.slice(0, C.TEXT)
          : message !== undefined
            ? C.UNREADABLE
            : name === undefined
              ? 'threw an object that is not an Error'
              : '',
      stack: typeof stack === 'string' ? stack.slice(0, C.TEXT) : '',
    };
  }
  /**
   * @param {unknown} e
   * @param {number} agentId
   */
  function note(e, agentId) {
    errorCount++;
    if (errors.length >= C.ERRORS_KEPT) return;
    let r;
    try {
      r = readThrown(e);
    } catch {
      r = { name: 'Error', message: C.UNREADABLE, stack: '' };
    }
    r.agentId = agentId;
    errors.push(r);
  }
  /** @param {unknown} memory */
  function jsonSize(memory) {
    try {
      const s = stringify(memory);
      return typeof s === 'string' ? s.length : -1;
    } catch {
      return -1;
    }
  }
  // One memory per batch, round-robin: the size limit is enforced without serialising every agent every tick.
  function checkOneMemory() {
    if (memories.size === 0) return;
    if (memoryCursor >= memories.size) memoryCursor = 0;
    let i = 0;
    for (const entry of memories.values()) {
      if (i++ !== memoryCursor) continue;
      const size = jsonSize(entry.memory);
      if (size < 0 || size > C.MEMORY_BYTES) {
        entry.memory = {};
        memoryResets++;
      }
      break;
    }
    memoryCursor++;
  }
  /** @param {number} tick */
  function forget(tick) {
    for (const [id, entry] of memories) if (tick - entry.tick > C.FORGET) memories.delete(id);
  }

  // Writes action `a` as ACTION_STRIDE doubles at `b[o]` (`b` is `out`, passed as a local: cheaper).
  /**
   * @param {any} a
   * @param {Float64Array} b
   * @param {number} o
   */
  function pack(a, b, o) {
    if (a === undefined || a === null) {
      b[o] = C.IDLE;
      return;
    }
    // Arrays and promises (an async behavior) are not actions.
    if (typeof a !== 'object' || isArray(a) || typeof a.then === 'function') {
      b[o] = C.BAD_RETURN;
      return;
    }
    let v = a.move,
      w;
    if (v !== undefined && v !== null) {
      b[o + 1] = 1;
      w = v.x;
      b[o + 2] = typeof w === 'number' ? w : NaN;
      w = v.y;
      b[o + 3] = typeof w === 'number' ? w : NaN;
    } else if ((v = a.moveTo) !== undefined && v !== null) {
      b[o + 1] = 2;
      b[o + 2] = num(v.x);
      b[o + 3] = num(v.y);
    } else b[o + 1] = 0;
    v = a.aimAt;
    if (v !== undefined && v !== null) {
      b[o + 4] = 2;
      if (typeof v === 'object') v = v.id;
      b[o + 5] = typeof v === 'number' ? v : NaN;
    } else if ((v = a.aim) !== undefined && v !== null) {
      b[o + 4] = 1;
      b[o + 5] = num(v);
    } else b[o + 4] = 0;
    b[o + 6] = (a.fire === true ? 1 : 0) | (a.pickup === true ? 2 : 0);
    let code = 0,
      slot = -1;
    if ((v = a.use) !== undefined && v !== null) {
      code = 3;
      slot = num(v);
    } else if ((v = a.equip) !== undefined && v !== null) {
      code = 1;
      slot = num(v);
    } else if ((v = a.unequip) !== undefined && v !== null) {
      code = 2;
      const e = EQUIP.get(v);
      slot = e === undefined ? -2 : e;
    } else if ((v = a.drop) !== undefined && v !== null) {
      code = 4;
      slot = num(v);
    }
    b[o + 7] = code;
    b[o + 8] = slot;
    v = a.say;
    if (v !== undefined && v !== null) {
      const p = PHRASE.get(v);
      b[o + 9] = p === undefined ? -2 : p;
    } else b[o + 9] = -1;
    b[o] = C.ACTED;
  }

  /** @param {ArrayBuffer} buffer */
  function run(buffer) {
    const F = new F64(buffer);
    Fc = F;
    if (F[0] !== C.VERSION)
      throw new Error('packed layout version ' + F[0] + ', prelude expects ' + C.VERSION);
    const tick = F[1];
    obs.tick = tick;
    obs.tickRate = F[2];
    obs.ticksLeft = F[3];
    const n = F[4] | 0;
    reseed(F[5]);
    // n records, then a summary: errors, memory resets, log lines (so the host asks for a report only when needed).
    if (out.length < n * C.STRIDE + 3) out = new F64(n * C.STRIDE * 2 + 3);
    const b = out;
    for (let i = 0; i < n; i++) b[i * C.STRIDE] = C.SKIPPED;
    errors = [];
    errorCount = 0;
    // Closure variables as locals: each closure access costs QuickJS more than a local one.
    const fn = act,
      lMemories = memories,
      lObs = obs;
    // hole:locals: the decoder's closure variables as locals (guestDecode.ts).
    // end hole
    let o = C.GROUP_HEADER;
    for (let i = 0; i < n; i++) {
      const length = F[o] | 0;
      // Ids below 2^31 become QuickJS ints: cheaper Map keys than doubles.
      const id = F[o + 1] >>> 0;
      // hole:perAgent: the decoder reads agent `o`'s record into the reused objects (guestDecode.ts).
      // end hole
      const slot = i * C.STRIDE;
      let entry = lMemories.get(id);
      if (entry === undefined) {
        entry = { memory: {}, tick: tick };
        lMemories.set(id, entry);
      } else entry.tick = tick;
      logAgent = id;
      agentLines = 0;
      try {
        pack(fn(lObs, entry.memory), b, slot);
      } catch (e) {
        b[slot] = C.THREW;
        note(e, id);
        // Out of memory: the next agent would most likely hit the limit again, each time after a
        // slow native fill the interrupt cannot cut. End the batch here instead.
        if (
          e !== null &&
          typeof e === 'object' &&
          /** @type {any} */ (e).message === 'out of memory'
        )
          throw e;
      }
      o += length;
    }
    logAgent = -1;
    checkOneMemory();
    if ((tick & 127) === 0) forget(tick);
    const end = n * C.STRIDE;
    b[end] = errorCount;
    b[end + 1] = memoryResets;
    b[end + 2] = logLines.length + logDropped;
    return b.buffer;
  }

  return ObjectRef.freeze({
    /**
     * @param {any} namespace
     * @param {string} itemIds
     */
    install(namespace, itemIds) {
      const fn = namespace.default !== undefined ? namespace.default : namespace.act;
      if (typeof fn !== 'function')
        return 'the module must export a function: export default function act(obs, memory) { ... }';
      if (namespace.migrate !== undefined && typeof namespace.migrate !== 'function')
        return 'export migrate must be a function';
      act = fn;
      migrate = namespace.migrate === undefined ? null : namespace.migrate;
      items = parse(itemIds);
      itemCount = items.length;
      return '';
    },
    run: run,
    // The host's only way to read a thrown value: JSON of plain strings, or '' when unreadable.
    /** @param {unknown} e */
    describe(e) {
      try {
        return stringify(readThrown(e));
      } catch {
        return '';
      }
    },
    report() {
      const r = stringify({
        errors: errors,
        errorCount: errorCount,
        memoryResets: memoryResets,
        log: logLines.slice(),
        logDropped: logDropped,
      });
      memoryResets = 0;
      logLines.length = 0;
      logDropped = 0;
      return r;
    },
    // One agent's memory as JSON for the inspector ('' when it has none or it cannot be serialised), cut past the limit.
    /** @param {number} id */
    memoryOf(id) {
      const entry = memories.get(id);
      if (entry === undefined) return '';
      try {
        const s = stringify(entry.memory);
        return typeof s === 'string' ? s.slice(0, C.MEMORY_BYTES + 1) : '';
      } catch {
        return '';
      }
    },
    exportMemory() {
      const ids = [],
        values = [];
      for (const [id, entry] of memories) {
        const s = (function () {
          try {
            return stringify(entry.memory);
          } catch {
            return undefined;
          }
        })();
        if (typeof s !== 'string' || s.length > C.MEMORY_BYTES) continue;
        ids.push(id);
        values.push(s);
      }
      return stringify({ ids: ids, values: values });
    },
    /**
     * @param {string} json
     * @param {number} fromVersion
     * @param {number} tick
     */
    importMemory(json, fromVersion, tick) {
      const data = parse(json);
      let kept = 0,
        dropped = 0;
      errors = [];
      errorCount = 0;
      for (let i = 0; i < data.ids.length; i++) {
        let memory = parse(data.values[i]);
        if (migrate !== null) {
          try {
            memory = migrate(memory, { fromVersion: fromVersion });
          } catch (e) {
            note(e, data.ids[i]);
            memory = undefined;
          }
        }
        if (memory === null || typeof memory !== 'object') {
          dropped++;
          continue;
        }
        const size = jsonSize(memory);
        if (size < 0 || size > C.MEMORY_BYTES) {
          dropped++;
          continue;
        }
        memories.set(data.ids[i], { memory: memory, tick: tick });
        kept++;
      }
      return stringify({ kept: kept, dropped: dropped, errors: errors });
    },
  });
})();
