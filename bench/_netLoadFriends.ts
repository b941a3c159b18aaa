/**
 * A friend process for net.load (bench/_*.ts are helpers, not benchmarks):
 * joins `count` node-datachannel friends to the host the driver names,
 * sends inputs at the tick rate, and on the driver's word measures for
 * `seconds`: snapshot ticks delivered, input → acknowledgement latency (ms)
 * and bytes received. Talks to the driver over the fork IPC channel.
 */
import { performance } from 'node:perf_hooks';
import { joinAsFriend, type NodeFriend } from '../src/main/host/testing/nodeFriend';

/** The driver's first message. */
export interface FriendsTask {
  baseUrl: string;
  invite: string;
  names: string[];
  tickRate: number;
  seconds: number;
}

/** This process's answer at the end of the window. */
export interface FriendsResult {
  type: 'result';
  joined: number;
  webrtc: number;
  expected: number;
  delivered: number;
  ackLatencies: number[];
  bytes: number;
  seconds: number;
}

function send(message: unknown): void {
  process.send?.(message);
}

async function run(task: FriendsTask): Promise<void> {
  const friends: NodeFriend[] = [];
  for (let k = 0; k < task.names.length; k += 4) {
    const batch = task.names.slice(k, k + 4).map((name) =>
      joinAsFriend({ baseUrl: task.baseUrl, name, invite: task.invite, timeoutMs: 30_000 }).catch(
        (error: Error) => {
          process.stderr.write(`net.load: ${name} could not join: ${error.message}\n`);
          return null;
        },
      ),
    );
    for (const friend of await Promise.all(batch)) if (friend) friends.push(friend);
  }
  const ackLatencies: number[] = [];
  let measuring = false;
  const measures = friends.map((friend) => {
    const sentAt = new Map<number, number>();
    const ticks = new Set<number>();
    let seq = 0;
    friend.onSnapshot((snapshot) => {
      if (measuring) ticks.add(snapshot.tick);
      for (const [s, at] of sentAt) {
        if (s > snapshot.inputAck) continue;
        if (measuring) ackLatencies.push(performance.now() - at);
        sentAt.delete(s);
      }
    });
    const timer = setInterval(() => {
      const angle = (seq++ * 0.3) % (2 * Math.PI);
      friend.sendInput(Math.cos(angle), Math.sin(angle), angle, 0);
      sentAt.set(seq - 1, performance.now());
    }, 1000 / task.tickRate);
    return { friend, ticks, timer, firstTick: 0, bytes: 0 };
  });
  send({ type: 'joined', joined: friends.length });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  for (const m of measures) {
    m.firstTick = m.friend.state.lastTick;
    m.bytes = m.friend.bytesIn;
  }
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, task.seconds * 1000));
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  let expected = 0;
  let delivered = 0;
  let bytes = 0;
  // Delivery: of the ticks the newest friend saw pass, how many reached each friend.
  const lastTick = Math.max(...measures.map((m) => m.friend.state.lastTick));
  for (const m of measures) {
    clearInterval(m.timer);
    expected += lastTick - m.firstTick;
    for (const tick of m.ticks) if (tick > m.firstTick && tick <= lastTick) delivered++;
    bytes += m.friend.bytesIn - m.bytes;
  }
  const result: FriendsResult = {
    type: 'result',
    joined: friends.length,
    webrtc: friends.filter((f) => f.transport === 'webrtc').length,
    expected,
    delivered,
    ackLatencies,
    bytes,
    seconds,
  };
  send(result);
  for (const friend of friends) friend.close();
  setTimeout(() => process.exit(0), 500);
}

process.once('message', (task: FriendsTask) => void run(task));
