// Starts the Firestore emulator of @firestore-emulator/server (a library) for KeyLedger's tests:
//   node firestore.js --host 127.0.0.1 --port P
// It prints "firestore emulator listening on HOST:P" once it accepts connections, and stops on SIGTERM.
// FirestoreServer.start() binds every interface; this binds its gRPC server to the given loopback host instead.
'use strict';

const { ServerCredentials } = require('@grpc/grpc-js');
const { FirestoreServer } = require('@firestore-emulator/server');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const host = option('host', '127.0.0.1');
const port = Number.parseInt(option('port', ''), 10);
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
  console.error(`refusing to listen on ${host}: the test emulator serves loopback only`);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error('usage: node firestore.js --host 127.0.0.1 --port <1-65535>');
  process.exit(2);
}

const emulator = new FirestoreServer();
// The library keeps its gRPC server in a field of its own; bind that one ourselves, on loopback only.
emulator.server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (err, bound) => {
  if (err) {
    console.error(`cannot listen on ${host}:${port}: ${err.message}`);
    process.exit(1);
  }
  console.log(`firestore emulator listening on ${host}:${bound}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    emulator.stop();
    process.exit(0);
  });
}
