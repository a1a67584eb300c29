import cliProgress from 'cli-progress';

/** A stderr progress bar for long knowledge-base commands; silent when stderr is not a terminal. */
export class KbProgress {
  readonly #bar: cliProgress.SingleBar;
  #started = false;

  constructor() {
    this.#bar = new cliProgress.SingleBar(
      {
        format: '{phase} [{bar}] {percentage}% | {value}/{total}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  /** Reports `done` of `total` for the named phase. */
  update(phase: string, done: number, total: number): void {
    if (!this.#started) {
      this.#bar.start(total, done, { phase });
      this.#started = true;
    }
    this.#bar.setTotal(total);
    this.#bar.update(done, { phase });
  }

  stop(): void {
    if (this.#started) this.#bar.stop();
    this.#started = false;
  }
}
