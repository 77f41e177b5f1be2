// Producer of real `perf record` data of Node.js JIT code for Kiln's perf-script tests
// (test/fixtures/perf-script/node-fib.perf.txt): with --perf-basic-prof, V8 writes
// /tmp/perf-<pid>.map so that perf names JIT frames "JS:*fib /path/fib.js:5:13".
// Run by make-fixtures.sh:
//   perf record -F 499 -g -o node.data node --perf-basic-prof fib.js 150
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
function work() {
  let sum = 0;
  for (let i = 0; i < 30; i++) sum += fib(22);
  return sum;
}
const end = Date.now() + Number(process.argv[2] ?? 150);
let total = 0;
while (Date.now() < end) total += work();
console.log(total > 0);
