import { Worker } from 'node:worker_threads';
const url = new URL('./src/main/host/behaviors/sandboxWorker.ts', import.meta.url);
const w = new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`, { eval: true, name: 'x', resourceLimits: { stackSizeMb: 16 } });
w.on('message', (m) => { console.log(JSON.stringify(m).slice(0, 500)); if (m.type==='ready') { w.postMessage({type:'validate', requestId: 1, behaviorId:'a', author:'x', source:'export default function(){ return {}; }', language:'javascript'}); w.postMessage({type:'install', requestId: 2, slot: 0, behaviorId:'a', version:1, author:'x', code:'export default function(){ return {}; }', keepMemory:true, tick:0}); } });
w.on('exit', (c) => console.log('exit', c));
const control = new SharedArrayBuffer(16);
w.postMessage({ type: 'init', role: 'live', control, settings: { matchSeed: 1, itemIds: [], limits: { memoryBytes: 64 << 20, stackBytes: 256 << 10, compileMs: 250, migrateMs: 100 }, budget: { tickBudgetMs: 10, bucketMaxMs: 500, batchLimitMs: 40 }, suspendAfterFailures: 3, errorEventIntervalTicks: 1, dryRunMs: 100 } });
setTimeout(() => w.terminate(), 5000);
