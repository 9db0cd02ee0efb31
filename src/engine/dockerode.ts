// dockerode, loaded without the two parts hitch rarely needs. At require time dockerode loads BuildKit's
// gRPC session (@grpc/grpc-js, protobufjs) and docker-modem loads an SSH client (ssh2): two thirds of
// its load time (about 140 of 210 ms here), paid by every command although only an ssh:// engine or a
// BuildKit session ever uses them. Both modules export a single function, so a stand-in function that
// loads the real module on its first call takes their place in the require cache (a documented way to
// provide a module: https://nodejs.org/api/modules.html#requirecache).
import type Docker from 'dockerode';
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type AnyFunction = (...args: unknown[]) => unknown;

function deferModule(filename: string): void {
  if (require.cache[filename]) return; // already loaded for real (or deferred): nothing to save
  let real: AnyFunction | undefined;
  const standIn = function (this: unknown, ...args: unknown[]): unknown {
    if (!real) {
      delete require.cache[filename];
      real = require(filename) as AnyFunction;
    }
    return real.apply(this, args);
  };
  const stub = new Module(filename);
  stub.filename = filename;
  stub.loaded = true;
  stub.exports = standIn;
  require.cache[filename] = stub;
}

function loadDockerode(): typeof Docker {
  const main = require.resolve('dockerode');
  const fromDockerode = createRequire(main);
  deferModule(fromDockerode.resolve('./session'));
  deferModule(createRequire(fromDockerode.resolve('docker-modem')).resolve('./ssh'));
  return require(main) as typeof Docker;
}

export const DockerClient = loadDockerode();
