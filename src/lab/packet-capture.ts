/**
 * tcpdump on the lab switch's bridge: every VRRP advert, gratuitous ARP and
 * neighbour advertisement that crosses the LAN, with kernel timestamps.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capturedFrames, type CapturedFrame } from './captured-frames.js';
import { LineWatcher } from './line-watcher.js';
import type { Lab } from './namespace-lan.js';
import { readPcapFile, type PcapCapture } from './pcap-reader.js';
import { stopProcess } from './process-exit.js';

const FILTER = 'ip proto 112 or ip6 proto 112 or ip proto 51 or arp or icmp6';
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export class PacketCapture {
  #pcap: PcapCapture | undefined;

  private constructor(
    private readonly child: ChildProcess,
    private readonly directory: string,
    private readonly file: string,
  ) {}

  /** Resolves once tcpdump is listening on br0. */
  static async start(lab: Lab): Promise<PacketCapture> {
    const directory = mkdtempSync(join(tmpdir(), `${lab.prefix}-capture-`));
    const file = join(directory, 'lan.pcap');
    const child = lab.spawn(lab.switchNamespace, 'tcpdump', ['-n', '-U', '--immediate-mode', '-i', 'br0', '-w', file, FILTER]);
    const output = new LineWatcher(child.stdout, child.stderr);
    try {
      await output.waitFor(/listening on br0/, READY_TIMEOUT_MS);
    } catch (error) {
      await stopProcess(child, 'SIGKILL', STOP_TIMEOUT_MS);
      rmSync(directory, { recursive: true, force: true });
      throw error;
    }
    return new PacketCapture(child, directory, file);
  }

  /** What has been captured so far; tcpdump keeps running. */
  snapshot(): CapturedFrame[] {
    return capturedFrames(readPcapFile(this.file, { growing: true }));
  }

  /** The raw packets captured so far (tcpdump keeps running): for frames captured-frames.ts does not decode. */
  rawSnapshot(): PcapCapture {
    return readPcapFile(this.file, { growing: true });
  }

  /** Stops tcpdump and returns what it captured. */
  async stop(): Promise<CapturedFrame[]> {
    return capturedFrames(await this.stopAndRead());
  }

  /** Stops tcpdump and returns the capture itself; later calls return the same capture. */
  async stopAndRead(): Promise<PcapCapture> {
    if (this.#pcap !== undefined) return this.#pcap;
    await stopProcess(this.child, 'SIGINT', STOP_TIMEOUT_MS);
    try {
      this.#pcap = readPcapFile(this.file);
      return this.#pcap;
    } finally {
      rmSync(this.directory, { recursive: true, force: true });
    }
  }

  /** Cleanup after a failure: stops tcpdump if it still runs and removes its file; never throws. */
  async discard(): Promise<void> {
    await stopProcess(this.child, 'SIGKILL', STOP_TIMEOUT_MS).catch(() => undefined);
    rmSync(this.directory, { recursive: true, force: true });
  }
}
