// Runs one workflow with aws-local-stepfunctions, the peer of bench/bench_simulator.py.
// Reads {definition, input, repeat, tasks} as JSON on stdin; every Task state named in `tasks`
// runs the same local handler the Python side uses; Wait states are overridden to 0 ms (our
// virtual clock never sleeps either). Prints {"first_ms", "median_ms", "result"}.
import { StateMachine } from 'aws-local-stepfunctions';
import { performance } from 'node:perf_hooks';

// aws-local-stepfunctions 3 declares Node >= 22 and calls Promise.withResolvers (ES2024); on an
// older Node it gets the standard definition, which does not change how long a run takes.
Promise.withResolvers ??= function withResolvers() {
  let resolve;
  let reject;
  const promise = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
};

let text = '';
for await (const chunk of process.stdin) text += chunk;
const { definition, input, repeat, tasks, waits } = JSON.parse(text);

const handler = async (event) => ({ ok: true, n: (event && event.n) || 0 });
const taskResourceLocalHandlers = Object.fromEntries(tasks.map((name) => [name, handler]));
const waitTimeOverrides = Object.fromEntries(waits.map((name) => [name, 0]));

const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
const times = [];
const cpu = [];
let result;
for (let i = 0; i < repeat; i++) {
  const started = performance.now();
  const before = process.cpuUsage();
  const execution = machine.run(input, { overrides: { taskResourceLocalHandlers, waitTimeOverrides } });
  result = await execution.result;
  const used = process.cpuUsage(before);
  times.push(performance.now() - started);
  cpu.push((used.user + used.system) / 1000);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(JSON.stringify({ first_ms: times[0], median_ms: median(times), cpu_ms: median(cpu), result }));
