// The Node producer of test/memory-producers/node-listener-leak.test.ts: a service that leaks through an event
// listener. An in-process request loop stands in for HTTP (no sockets, so the counts do not depend on the machine):
// each keep-alive Connection serves REQUESTS_PER_CONNECTION requests; each request makes a Request (dropped when
// handled) and a Session (kept in its connection's `sessions`), and each connection registers
// `server.on('close', () => connection.closeAll())` on the long-lived `server` EventEmitter and never removes it —
// the leak: every Session stays reachable from server._events.close. A constant table of CONFIG_ENTRIES Config
// objects is built once and never changes (a control that must not be flagged).
//
// Sessions outnumber the listener closures (and their contexts) REQUESTS_PER_CONNECTION to 1, so Session is the
// class that grows most, as in a service whose connections carry many requests.
//
// argv: DIR N1 N2 N3 … — after N1, N2, N3 requests it writes DIR/leak-<k>.heapsnapshot (v8.writeHeapSnapshot, which
// collects garbage first). Stderr gets its truth, one JSON line: the sessions created (all alive) at each snapshot,
// the Config count, and the snapshot files. Stdout is left to --trace-gc.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import v8 from 'node:v8';

const REQUESTS_PER_CONNECTION = 4;
const CONFIG_ENTRIES = 64;

class Config {
  constructor(key, value) {
    this.key = key;
    this.value = value;
  }
}

class Request {
  constructor(id, path) {
    this.id = id;
    this.path = path;
    this.headers = { accept: 'application/json', 'x-request-id': String(id) };
  }
}

class Session {
  constructor(id, user) {
    this.id = id;
    this.user = user;
    this.open = true;
  }
  close() {
    this.open = false;
  }
}

class Connection {
  constructor(id) {
    this.id = id;
    this.sessions = [];
  }
  closeAll() {
    for (const session of this.sessions) session.close();
  }
}

const [dir, ...marks] = process.argv.slice(2);
const snapshotsAt = marks.map(Number);
const server = new EventEmitter();
server.setMaxListeners(0);
const config = new Map();
for (let i = 0; i < CONFIG_ENTRIES; i++) config.set(`key${i}`, new Config(`key${i}`, i));

// Interned once, so the sessions add no strings of their own.
const USERS = Array.from({ length: 97 }, (_, i) => `user${i}`);

// A function of its own, so the listener's context names the variable it holds (`connection`).
function openConnection(id) {
  const connection = new Connection(id);
  server.on('close', () => connection.closeAll());
  return connection;
}

let sessionsCreated = 0;
let current = null;
function handle(id) {
  if (id % REQUESTS_PER_CONNECTION === 0) current = openConnection(id / REQUESTS_PER_CONNECTION);
  const request = new Request(id, `/api/items/${id % 17}`);
  const setting = config.get(`key${id % CONFIG_ENTRIES}`);
  current.sessions.push(new Session(id, USERS[id % USERS.length]));
  sessionsCreated++;
  return request.path.length + setting.value;
}

const truth = { sessions: [], configs: [], files: [], requestsPerConnection: REQUESTS_PER_CONNECTION };
let handled = 0;
let checksum = 0;
for (const mark of snapshotsAt) {
  while (handled < mark) checksum += handle(handled++);
  const file = join(dir, `leak-${truth.files.length + 1}.heapsnapshot`);
  v8.writeHeapSnapshot(file);
  truth.sessions.push(sessionsCreated);
  truth.configs.push(config.size);
  truth.files.push(file);
}
truth.checksum = checksum;
process.stderr.write(`${JSON.stringify(truth)}\n`);
