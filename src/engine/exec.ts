// Runs a command in a container and collects its output (stdout and stderr demultiplexed).
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { demux } from './demux.js';
import type { ExecResult } from './engine.js';

function collect(): { sink: PassThrough; text: () => string } {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function execIn(docker: Docker, container: string, cmd: string[]): Promise<ExecResult> {
  const exec = await docker.getContainer(container).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = collect();
  const stderr = collect();
  demux(stream, stdout.sink, stderr.sink);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, stdout: stdout.text(), stderr: stderr.text() };
}
