// The studio as a person (or a script) starts it: `briefdeck studio <folder> --no-open`, its
// address with the token read from its first line on stdout; stopped with Ctrl-C (SIGINT).
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { ROOT } from './helpers.ts';

export interface RunningStudio {
  url: string;
  origin: string;
  port: number;
  token: string;
  child: ChildProcess;
  stderr(): string;
  /** Ctrl-C: resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function startStudioCli(folder: string, ...args: string[]): Promise<RunningStudio> {
  const child = spawn(process.execPath, [path.join(ROOT, 'src/bin.js'), 'studio', folder, '--no-open', ...args], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the studio printed no address within 60 s: ${err}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`the studio exited (${code}) before printing its address: ${err}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      clearTimeout(timer);
      const url = new URL(line);
      resolve({
        url: line,
        origin: url.origin,
        port: Number(url.port),
        token: url.searchParams.get('token')!,
        child,
        stderr: () => err,
        stop: () => {
          if (child.exitCode === null) child.kill('SIGINT');
          return exited;
        },
      });
    });
  });
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request exactly as given (a browser would not let a page set Host, or keep `..` in a path). */
export function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
